import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, id, int, str, text } from './helpers.js';

/** Scheduled-job runs (a lease per job and slot) and the notifications outbox. */
export class JobsAndNotifications1764400200000 implements MigrationInterface {
  name = 'JobsAndNotifications1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'job_runs',
        columns: [
          id(),
          str('job', 64),
          str('slot', 32),
          str('status', 16),
          str('instance', 64),
          datetime('started_at'),
          datetime('lease_until'),
          datetime('finished_at', { isNullable: true }),
          text('details', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'uq_job_runs_job_slot', columnNames: ['job', 'slot'], isUnique: true }),
          new TableIndex({ name: 'ix_job_runs_started', columnNames: ['started_at'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          id(),
          str('channel', 16),
          str('kind', 48),
          int('recipient_user_id', { isNullable: true }),
          str('recipient_phone', 20, { isNullable: true }),
          str('recipient_email', 200, { isNullable: true }),
          str('title', 200),
          text('body'),
          text('payload', { isNullable: true }),
          str('status', 16),
          int('attempts', { default: 0 }),
          datetime('next_attempt_at'),
          str('claimed_by', 64, { isNullable: true }),
          datetime('claimed_until', { isNullable: true }),
          datetime('sent_at', { isNullable: true }),
          datetime('read_at', { isNullable: true }),
          str('last_error', 300, { isNullable: true }),
          str('dedupe_key', 128, { isNullable: true }),
          datetime('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_notifications_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
          new TableIndex({ name: 'ix_notifications_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'ix_notifications_user', columnNames: ['recipient_user_id', 'channel', 'read_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_notifications_user',
            columnNames: ['recipient_user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notifications', true, true, true);
    await q.dropTable('job_runs', true, true, true);
  }
}
