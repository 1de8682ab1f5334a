import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, decimal, id, int, str } from './helpers.js';

const fk = (name: string, column: string, table: string, onDelete: string) =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

/**
 * The rights hotline's call log, the call-backs owed (follow-up attempts), and
 * referrals of disputes up the chain (town mediation → district mediation →
 * arbitration → court, or legal aid). Runs after the bookings tables: calls and
 * referrals may point at an appointment.
 */
export class Hotline1764400500000 implements MigrationInterface {
  name = 'Hotline1764400500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'hotline_calls',
        columns: [
          id(),
          int('station_id'),
          datetime('received_at'),
          // The network's local date of received_at: filters and monthly figures group on it.
          str('received_date', 10),
          str('caller_name', 50, { isNullable: true }),
          str('caller_phone', 20, { isNullable: true }),
          str('category', 32),
          str('summary', 2000),
          int('duration_seconds'),
          str('outcome', 32),
          str('follow_up_date', 10, { isNullable: true }),
          datetime('follow_up_done_at', { isNullable: true }),
          int('appointment_id', { isNullable: true }),
          int('created_by', { isNullable: true }),
          int('version', { default: 1 }),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_hotline_calls_station_date', columnNames: ['station_id', 'received_date'] }),
          new TableIndex({ name: 'ix_hotline_calls_date', columnNames: ['received_date'] }),
          new TableIndex({ name: 'ix_hotline_calls_follow_up', columnNames: ['outcome', 'follow_up_done_at', 'follow_up_date'] }),
          new TableIndex({ name: 'ix_hotline_calls_phone', columnNames: ['caller_phone'] }),
          // One call books one appointment, and an appointment is linked from one call at most.
          new TableIndex({ name: 'uq_hotline_calls_appointment', columnNames: ['appointment_id'], isUnique: true }),
        ],
        foreignKeys: [
          fk('fk_hotline_calls_station', 'station_id', 'stations', 'RESTRICT'),
          fk('fk_hotline_calls_appointment', 'appointment_id', 'appointments', 'SET NULL'),
          fk('fk_hotline_calls_creator', 'created_by', 'users', 'SET NULL'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'hotline_follow_ups',
        columns: [
          id(),
          int('call_id'),
          str('note', 1000),
          int('done'),
          str('next_date', 10, { isNullable: true }),
          int('created_by', { isNullable: true }),
          datetime('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_hotline_follow_ups_call', columnNames: ['call_id', 'created_at'] })],
        foreignKeys: [
          fk('fk_hotline_follow_ups_call', 'call_id', 'hotline_calls', 'CASCADE'),
          fk('fk_hotline_follow_ups_creator', 'created_by', 'users', 'SET NULL'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'referrals',
        columns: [
          id(),
          int('parent_id', { isNullable: true }),
          int('from_station_id'),
          int('to_station_id'),
          str('stage', 32),
          int('hotline_call_id', { isNullable: true }),
          int('appointment_id', { isNullable: true }),
          str('worker_name', 50, { isNullable: true }),
          str('worker_phone', 20, { isNullable: true }),
          str('category', 32),
          str('summary', 2000),
          str('status', 16),
          str('result', 16, { isNullable: true }),
          decimal('amount_settled', { isNullable: true }),
          str('close_note', 1000, { isNullable: true }),
          // Local dates of referral and closing: the statistics group on them.
          str('referred_date', 10),
          str('closed_date', 10, { isNullable: true }),
          int('created_by', { isNullable: true }),
          datetime('accepted_at', { isNullable: true }),
          int('accepted_by', { isNullable: true }),
          datetime('closed_at', { isNullable: true }),
          int('closed_by', { isNullable: true }),
          int('version', { default: 1 }),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          // Referring on makes exactly one next step: a dispute's path is a chain, never a tree.
          new TableIndex({ name: 'uq_referrals_parent', columnNames: ['parent_id'], isUnique: true }),
          new TableIndex({ name: 'ix_referrals_to', columnNames: ['to_station_id', 'status'] }),
          new TableIndex({ name: 'ix_referrals_from', columnNames: ['from_station_id', 'status'] }),
          new TableIndex({ name: 'ix_referrals_referred', columnNames: ['referred_date'] }),
          new TableIndex({ name: 'ix_referrals_closed', columnNames: ['closed_date'] }),
          new TableIndex({ name: 'ix_referrals_call', columnNames: ['hotline_call_id'] }),
          new TableIndex({ name: 'ix_referrals_appointment', columnNames: ['appointment_id'] }),
        ],
        foreignKeys: [
          fk('fk_referrals_parent', 'parent_id', 'referrals', 'RESTRICT'),
          fk('fk_referrals_from', 'from_station_id', 'stations', 'RESTRICT'),
          fk('fk_referrals_to', 'to_station_id', 'stations', 'RESTRICT'),
          fk('fk_referrals_call', 'hotline_call_id', 'hotline_calls', 'SET NULL'),
          fk('fk_referrals_appointment', 'appointment_id', 'appointments', 'SET NULL'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('referrals', true, true, true);
    await q.dropTable('hotline_follow_ups', true, true, true);
    await q.dropTable('hotline_calls', true, true, true);
  }
}
