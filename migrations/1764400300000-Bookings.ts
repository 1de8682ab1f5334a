import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, decimal, id, int, str, text } from './helpers.js';

const fk = (name: string, column: string, table: string, onDelete = 'CASCADE') =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

/**
 * Consultation bookings: the appointments ledger, the seat claims that make double
 * booking impossible, the waitlist, idempotency keys, failed look-ups (counted across
 * instances) and the per-phone guard rows.
 */
export class Bookings1764400300000 implements MigrationInterface {
  name = 'Bookings1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'appointments',
        columns: [
          id(),
          str('code', 11),
          int('station_id'),
          str('date', 10),
          str('slot_time', 5),
          datetime('start_at'),
          datetime('end_at'),
          str('status', 16),
          str('source', 16),
          str('name', 50),
          str('phone', 20),
          str('category', 32),
          str('note', 500, { isNullable: true }),
          datetime('consent_at', { isNullable: true }),
          text('outcome_services', { isNullable: true }),
          decimal('amount_involved', { isNullable: true }),
          str('outcome_note', 1000, { isNullable: true }),
          datetime('checked_in_at', { isNullable: true }),
          datetime('completed_at', { isNullable: true }),
          datetime('cancelled_at', { isNullable: true }),
          int('created_by', { isNullable: true }),
          int('version', { default: 1 }),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_appointments_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'ix_appointments_station_date', columnNames: ['station_id', 'date'] }),
          new TableIndex({ name: 'ix_appointments_phone', columnNames: ['phone', 'start_at'] }),
          new TableIndex({ name: 'ix_appointments_status_start', columnNames: ['status', 'start_at'] }),
        ],
        foreignKeys: [fk('fk_appointments_station', 'station_id', 'stations', 'RESTRICT')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'waitlist_entries',
        columns: [
          id(),
          str('code', 11),
          int('station_id'),
          str('date', 10),
          str('name', 50),
          str('phone', 20),
          str('category', 32),
          str('status', 16),
          str('active_key', 64, { isNullable: true }),
          datetime('consent_at', { isNullable: true }),
          datetime('offered_at', { isNullable: true }),
          int('appointment_id', { isNullable: true }),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_waitlist_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'uq_waitlist_active', columnNames: ['active_key'], isUnique: true }),
          new TableIndex({ name: 'ix_waitlist_line', columnNames: ['station_id', 'date', 'status'] }),
        ],
        foreignKeys: [
          fk('fk_waitlist_station', 'station_id', 'stations'),
          fk('fk_waitlist_appointment', 'appointment_id', 'appointments', 'SET NULL'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'appointment_seats',
        columns: [
          id(),
          int('station_id'),
          str('date', 10),
          str('slot_time', 5),
          int('seat_no'),
          str('kind', 8),
          int('appointment_id', { isNullable: true }),
          int('waitlist_entry_id', { isNullable: true }),
          datetime('hold_until', { isNullable: true }),
          datetime('created_at'),
        ],
        indices: [
          // The rule "no double booking, ever" lives here.
          new TableIndex({ name: 'uq_seats_slot_seat', columnNames: ['station_id', 'date', 'slot_time', 'seat_no'], isUnique: true }),
          new TableIndex({ name: 'uq_seats_appointment', columnNames: ['appointment_id'], isUnique: true }),
          new TableIndex({ name: 'uq_seats_waitlist', columnNames: ['waitlist_entry_id'], isUnique: true }),
          new TableIndex({ name: 'ix_seats_hold', columnNames: ['kind', 'hold_until'] }),
        ],
        foreignKeys: [
          fk('fk_seats_station', 'station_id', 'stations'),
          fk('fk_seats_appointment', 'appointment_id', 'appointments'),
          fk('fk_seats_waitlist', 'waitlist_entry_id', 'waitlist_entries'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          id(),
          str('scope', 32),
          str('idem_key', 128),
          str('request_hash', 64),
          int('appointment_id', { isNullable: true }),
          datetime('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_idempotency_scope_key', columnNames: ['scope', 'idem_key'], isUnique: true }),
          new TableIndex({ name: 'ix_idempotency_created', columnNames: ['created_at'] }),
        ],
        foreignKeys: [fk('fk_idempotency_appointment', 'appointment_id', 'appointments')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'lookup_failures',
        columns: [id(), str('client_key', 64), datetime('failed_at')],
        indices: [new TableIndex({ name: 'ix_lookup_failures_client', columnNames: ['client_key', 'failed_at'] })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'booking_phone_guards',
        columns: [str('phone', 20, { isPrimary: true }), datetime('touched_at')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['booking_phone_guards', 'lookup_failures', 'idempotency_keys', 'appointment_seats', 'waitlist_entries', 'appointments']) {
      await q.dropTable(t, true, true, true);
    }
  }
}
