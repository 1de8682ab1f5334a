import type { MigrationInterface, QueryRunner } from 'typeorm';
import { column, str } from './helpers.js';

/** Users may have an e-mail address: notifications are also e-mailed there when SMTP is configured. */
export class UserEmail1764400700000 implements MigrationInterface {
  name = 'UserEmail1764400700000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', column(str('email', 200, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'email');
  }
}
