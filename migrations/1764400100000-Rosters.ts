import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, flag, id, int, str, text } from './helpers.js';

const fk = (name: string, column: string, table: string, onDelete = 'CASCADE') =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

/** Rotations, monthly rosters and their shifts and gaps, where each rotation stands. */
export class Rosters1764400100000 implements MigrationInterface {
  name = 'Rosters1764400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rotations',
        columns: [
          id(),
          int('station_id'),
          str('name', 100),
          str('rrule', 500),
          str('start_date', 10),
          text('lawyer_ids'),
          str('shift_start', 5),
          str('shift_end', 5),
          int('lawyers_per_day', { default: 1 }),
          flag('active', true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [new TableIndex({ name: 'ix_rotations_station', columnNames: ['station_id'] })],
        foreignKeys: [fk('fk_rotations_station', 'station_id', 'stations')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'rotation_states',
        columns: [id(), int('rotation_id'), str('month', 7), int('next_index'), text('owed')],
        indices: [new TableIndex({ name: 'uq_rotation_states', columnNames: ['rotation_id', 'month'], isUnique: true })],
        foreignKeys: [fk('fk_rotation_states_rotation', 'rotation_id', 'rotations')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'rosters',
        columns: [
          id(),
          str('month', 7),
          int('station_id'),
          str('status', 16),
          datetime('generated_at', { isNullable: true }),
          datetime('published_at', { isNullable: true }),
          int('published_by', { isNullable: true }),
          int('version', { default: 1 }),
        ],
        indices: [new TableIndex({ name: 'uq_rosters_month_station', columnNames: ['month', 'station_id'], isUnique: true })],
        foreignKeys: [fk('fk_rosters_station', 'station_id', 'stations')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'shifts',
        columns: [
          id(),
          int('station_id'),
          str('date', 10),
          str('month', 7),
          int('seat', { default: 1 }),
          int('lawyer_id'),
          int('rotation_id', { isNullable: true }),
          str('shift_start', 5),
          str('shift_end', 5),
          str('status', 16),
          str('source', 16),
          int('version', { default: 1 }),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          // One lawyer per seat, and one station per lawyer per day: held by the database.
          new TableIndex({ name: 'uq_shifts_station_date_seat', columnNames: ['station_id', 'date', 'seat'], isUnique: true }),
          new TableIndex({ name: 'uq_shifts_lawyer_date', columnNames: ['lawyer_id', 'date'], isUnique: true }),
          new TableIndex({ name: 'ix_shifts_month_station', columnNames: ['month', 'station_id'] }),
          new TableIndex({ name: 'ix_shifts_date', columnNames: ['date'] }),
        ],
        foreignKeys: [
          fk('fk_shifts_station', 'station_id', 'stations'),
          fk('fk_shifts_lawyer', 'lawyer_id', 'lawyers', 'RESTRICT'),
          fk('fk_shifts_rotation', 'rotation_id', 'rotations', 'SET NULL'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'roster_gaps',
        columns: [
          id(),
          str('month', 7),
          int('station_id'),
          str('date', 10),
          int('rotation_id', { isNullable: true }),
          str('reason', 32),
          str('message', 300),
          text('candidates'),
        ],
        indices: [new TableIndex({ name: 'ix_roster_gaps_month_station', columnNames: ['month', 'station_id'] })],
        foreignKeys: [fk('fk_roster_gaps_station', 'station_id', 'stations')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['roster_gaps', 'shifts', 'rosters', 'rotation_states', 'rotations']) await q.dropTable(t, true, true, true);
  }
}
