import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a staff member reads their notifications in (`zh` or `en`): the e-mails
 * they are sent, and the bell. Every account there is already gets `zh`, the language all
 * its notifications were written in so far.
 *
 * One ALTER TABLE, the same on both databases, rather than TypeORM's addColumn: on SQLite
 * that rebuilds the table and loses `users`' expression and partial unique indexes
 * (uq_users_username on lower(username), uq_users_active_lawyer), which keep one account per
 * name and per lawyer; on MySQL it first reads the table back, and the virtual column behind
 * uq_users_active_lawyer (OneAccountPerLawyer) sends it looking for a typeorm_metadata table
 * that does not exist.
 */
export class StaffLanguage1764401300000 implements MigrationInterface {
  name = 'StaffLanguage1764401300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE users ADD COLUMN lang VARCHAR(2) NOT NULL DEFAULT 'zh'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN lang');
  }
}
