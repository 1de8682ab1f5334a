import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one active account per lawyer, held by the database: a lawyer's account signs in
 * as that lawyer and sees the workers booked on their duty days, so two live accounts for one
 * lawyer would be two people holding one person's access.
 *
 * SQLite has partial indexes: a unique index on `lawyer_id` over the active rows. MySQL and
 * MariaDB have none, so a virtual column carries `lawyer_id` for active accounts and NULL
 * for the others, under a unique index (NULLs never collide). The application still checks
 * first, to answer with the account that holds the lawyer; the index decides when two
 * requests race.
 */
export class OneAccountPerLawyer1764400900000 implements MigrationInterface {
  name = 'OneAccountPerLawyer1764400900000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') {
      await q.query(
        'ALTER TABLE users ADD COLUMN active_lawyer_id INT GENERATED ALWAYS AS (CASE WHEN active = 1 THEN lawyer_id ELSE NULL END) VIRTUAL, ' +
          'ADD UNIQUE INDEX uq_users_active_lawyer (active_lawyer_id)',
      );
    } else {
      await q.query('CREATE UNIQUE INDEX uq_users_active_lawyer ON users (lawyer_id) WHERE active = 1');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') {
      await q.query('ALTER TABLE users DROP INDEX uq_users_active_lawyer, DROP COLUMN active_lawyer_id');
    } else {
      await q.query('DROP INDEX uq_users_active_lawyer');
    }
  }
}
