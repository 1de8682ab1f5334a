import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, flag, id, int, str, text } from './helpers.js';

/** Stations, lawyers, users and sessions, unavailability, local calendar days, the audit log. */
export class Foundation1764400000000 implements MigrationInterface {
  name = 'Foundation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stations',
        columns: [
          id(),
          str('code', 32),
          str('name', 100),
          str('level', 16),
          int('parent_id', { isNullable: true }),
          str('division_code', 20, { isNullable: true }),
          str('address', 200, { default: "''" }),
          str('phone', 40, { default: "''" }),
          text('open_hours'),
          int('slot_minutes', { default: 30 }),
          int('seats_per_slot', { default: 1 }),
          flag('swap_auto_approve', false),
          flag('active', true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_stations_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'ix_stations_parent', columnNames: ['parent_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_stations_parent',
            columnNames: ['parent_id'],
            referencedTableName: 'stations',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'lawyers',
        columns: [
          id(),
          str('name', 50),
          str('phone', 20, { default: "''" }),
          str('firm', 100),
          text('specialties'),
          int('max_shifts_per_month', { isNullable: true }),
          flag('active', true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'lawyer_stations',
        columns: [int('lawyer_id', { isPrimary: true }), int('station_id', { isPrimary: true })],
        indices: [new TableIndex({ name: 'ix_lawyer_stations_station', columnNames: ['station_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_lawyer_stations_lawyer',
            columnNames: ['lawyer_id'],
            referencedTableName: 'lawyers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_lawyer_stations_station',
            columnNames: ['station_id'],
            referencedTableName: 'stations',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          str('username', 64),
          str('password_hash', 255),
          str('role', 16),
          str('display_name', 50, { default: "''" }),
          int('lawyer_id', { isNullable: true }),
          int('station_id', { isNullable: true }),
          str('calendar_token', 64, { isNullable: true }),
          flag('active', true),
          datetime('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_users_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'uq_users_calendar_token', columnNames: ['calendar_token'], isUnique: true }),
          new TableIndex({ name: 'ix_users_lawyer', columnNames: ['lawyer_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_users_lawyer',
            columnNames: ['lawyer_id'],
            referencedTableName: 'lawyers',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
          new TableForeignKey({
            name: 'fk_users_station',
            columnNames: ['station_id'],
            referencedTableName: 'stations',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [id(), str('token_hash', 64), int('user_id'), datetime('expires_at'), datetime('created_at')],
        indices: [
          new TableIndex({ name: 'uq_sessions_token', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_sessions_user', columnNames: ['user_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_sessions_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'unavailability',
        columns: [
          id(),
          int('lawyer_id'),
          str('from_date', 10),
          str('to_date', 10),
          str('reason', 200, { default: "''" }),
          int('created_by', { isNullable: true }),
          datetime('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_unavailability_lawyer', columnNames: ['lawyer_id', 'from_date'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_unavailability_lawyer',
            columnNames: ['lawyer_id'],
            referencedTableName: 'lawyers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'calendar_days',
        columns: [
          id(),
          str('date', 10),
          str('kind', 16),
          str('name', 100),
          int('station_id', { isNullable: true }),
          int('scope', { default: 0 }),
          datetime('created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_calendar_days_date_scope', columnNames: ['date', 'scope'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_calendar_days_station',
            columnNames: ['station_id'],
            referencedTableName: 'stations',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id(),
          datetime('at'),
          int('user_id', { isNullable: true }),
          str('username', 64, { isNullable: true }),
          str('action', 64),
          str('entity', 32),
          str('entity_id', 64, { isNullable: true }),
          text('details', { isNullable: true }),
          str('request_id', 64, { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_entity', columnNames: ['entity', 'entity_id'] }),
          new TableIndex({ name: 'ix_audit_at', columnNames: ['at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'calendar_days', 'unavailability', 'sessions', 'users', 'lawyer_stations', 'lawyers', 'stations']) {
      await q.dropTable(t, true, true, true);
    }
  }
}
