import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, id, int, str } from './helpers.js';

/**
 * A closure's cancellations still to do (server/bookings/closedDay.ts). A closure of many
 * stations cancels its bookings in batches, each a short transaction of its own after the
 * closure itself; this row, written with the closure, says what is left to do and for whom
 * (the coordinator named in each cancellation's audit entry), so that an instance that dies
 * half-way leaves the rest to the job on any instance. `done_at` is set by the batch that
 * finds nothing left. Waitlist places of a day are looked up by date across stations, so they
 * get an index on (date, status).
 */
export class ClosedDayReleases1764401400000 implements MigrationInterface {
  name = 'ClosedDayReleases1764401400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'closed_day_releases',
        columns: [
          id(),
          str('date', 10),
          int('station_id', { isNullable: true }),
          int('calendar_day_id', { isNullable: true }),
          int('user_id', { isNullable: true }),
          str('username', 64, { isNullable: true }),
          str('request_id', 64, { isNullable: true }),
          datetime('created_at'),
          datetime('done_at', { isNullable: true }),
        ],
        indices: [new TableIndex({ name: 'ix_closed_day_releases_pending', columnNames: ['done_at', 'id'] })],
      }),
    );
    await q.createIndex('waitlist_entries', new TableIndex({ name: 'ix_waitlist_date', columnNames: ['date', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('waitlist_entries', 'ix_waitlist_date');
    await q.dropTable('closed_day_releases', true);
  }
}
