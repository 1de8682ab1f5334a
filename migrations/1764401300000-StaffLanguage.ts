import type { MigrationInterface, QueryRunner } from 'typeorm';
import { column, str } from './helpers.js';

const LANG = str('lang', 2, { default: "'zh'" });

/**
 * The language a staff member reads their notifications in (`zh` or `en`): the e-mails
 * they are sent, and the bell. Every account there is already gets `zh`, the language all
 * its notifications were written in so far.
 *
 * SQLite adds the column in place (ALTER TABLE … ADD/DROP COLUMN): TypeORM's addColumn
 * rebuilds the table there and loses `users`' expression and partial unique indexes
 * (uq_users_username on lower(username), uq_users_active_lawyer), which keep one account
 * per name and per lawyer. MySQL's ALTER TABLE keeps them either way.
 */
export class StaffLanguage1764401300000 implements MigrationInterface {
  name = 'StaffLanguage1764401300000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') await q.addColumn('users', column(LANG));
    else await q.query("ALTER TABLE users ADD COLUMN lang varchar(2) NOT NULL DEFAULT ('zh')");
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') await q.dropColumn('users', 'lang');
    else await q.query('ALTER TABLE users DROP COLUMN lang');
  }
}
