import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, id, int, str } from './helpers.js';

const fk = (name: string, column: string, table: string, onDelete = 'CASCADE') =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

/**
 * Shift swaps: a giveaway (to a named colleague or open to every eligible one) or an
 * exchange of two shifts. `active_key` is `shift:<id>` while the swap is pending or
 * accepted and NULL after, so the unique index allows one live swap per offered shift.
 */
export class Swaps1764400400000 implements MigrationInterface {
  name = 'Swaps1764400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'swaps',
        columns: [
          id(),
          str('type', 16),
          str('status', 16),
          int('shift_id'),
          int('shift_version'),
          int('station_id'),
          str('date', 10),
          int('from_lawyer_id'),
          int('to_lawyer_id', { isNullable: true }),
          int('to_shift_id', { isNullable: true }),
          int('to_shift_version', { isNullable: true }),
          str('to_date', 10, { isNullable: true }),
          str('note', 500, { isNullable: true }),
          str('decision_note', 500, { isNullable: true }),
          str('reason', 300, { isNullable: true }),
          str('active_key', 32, { isNullable: true }),
          int('requested_by', { isNullable: true }),
          int('accepted_by', { isNullable: true }),
          int('decided_by', { isNullable: true }),
          datetime('accepted_at', { isNullable: true }),
          datetime('decided_at', { isNullable: true }),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_swaps_active', columnNames: ['active_key'], isUnique: true }),
          new TableIndex({ name: 'ix_swaps_status_date', columnNames: ['status', 'date'] }),
          new TableIndex({ name: 'ix_swaps_from', columnNames: ['from_lawyer_id', 'status'] }),
          new TableIndex({ name: 'ix_swaps_to', columnNames: ['to_lawyer_id', 'status'] }),
          new TableIndex({ name: 'ix_swaps_station_date', columnNames: ['station_id', 'date'] }),
        ],
        foreignKeys: [
          fk('fk_swaps_shift', 'shift_id', 'shifts'),
          fk('fk_swaps_to_shift', 'to_shift_id', 'shifts'),
          fk('fk_swaps_station', 'station_id', 'stations'),
          fk('fk_swaps_from_lawyer', 'from_lawyer_id', 'lawyers', 'RESTRICT'),
          fk('fk_swaps_to_lawyer', 'to_lawyer_id', 'lawyers', 'RESTRICT'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('swaps', true, true, true);
  }
}
