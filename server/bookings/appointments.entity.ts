/**
 * The booking ledger. An appointment hangs on a station's day (date + local slot time),
 * never on a lawyer: who sees the worker is read from the published shift at read time.
 *
 * `appointment_seats` is what makes double booking impossible: a unique index on
 * (station_id, date, slot_time, seat_no) means a seat can be claimed by one row only,
 * whether that row is a booking or a hold for the first person on the waitlist.
 */
import { EntitySchema } from 'typeorm';
import type { Lang } from '../http/messages.js';
import { decimalToNumber, idColumn, jsonText, personDataColumns, timestampColumns } from '../db/columns.js';

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'completed', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_SOURCES = ['online', 'walk_in', 'waitlist'] as const;
export type AppointmentSource = (typeof APPOINTMENT_SOURCES)[number];

export interface AppointmentRow {
  id: number;
  code: string;
  stationId: number;
  /** Local date of the start, YYYY-MM-DD. */
  date: string;
  /** Local start time, HH:mm. */
  slotTime: string;
  startAt: Date;
  endAt: Date;
  status: AppointmentStatus;
  source: AppointmentSource;
  name: string;
  /** Normalised 11-digit mobile number. */
  phone: string;
  category: string;
  note: string | null;
  consentAt: Date | null;
  outcomeServices: string[] | null;
  amountInvolved: number | null;
  outcomeNote: string | null;
  checkedInAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  createdBy: number | null;
  /** The language the worker's SMS are written in: the one they booked in (workerSms.ts); `zh` for bookings staff make. */
  lang: Lang;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Keyed hash of the phone (server/privacy): set from `phone` on every write; kept when the phone is removed. */
  personKey?: string | null;
  /** When name, phone and note were removed (retention or the worker's request). */
  pseudonymizedAt?: Date | null;
}

/** What a new appointment is made of; the rest of its row starts empty (see newAppointmentRow). */
export type NewAppointment = Pick<
  AppointmentRow,
  'stationId' | 'date' | 'slotTime' | 'startAt' | 'endAt' | 'status' | 'source' | 'name' | 'phone' | 'category' | 'note' | 'consentAt' | 'lang'
> &
  Partial<Pick<AppointmentRow, 'checkedInAt' | 'createdBy'>>;

/** A new appointment's row, without id and code: no outcome, no visit, version 1. */
export function newAppointmentRow(a: NewAppointment, now: Date): Omit<AppointmentRow, 'id' | 'code'> {
  // Every property named (no spread): this runs for every booking, and one object shape is cheaper.
  return {
    stationId: a.stationId,
    date: a.date,
    slotTime: a.slotTime,
    startAt: a.startAt,
    endAt: a.endAt,
    status: a.status,
    source: a.source,
    name: a.name,
    phone: a.phone,
    category: a.category,
    note: a.note,
    consentAt: a.consentAt,
    outcomeServices: null,
    amountInvolved: null,
    outcomeNote: null,
    checkedInAt: a.checkedInAt ?? null,
    completedAt: null,
    cancelledAt: null,
    createdBy: a.createdBy ?? null,
    lang: a.lang,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export const AppointmentEntity = new EntitySchema<AppointmentRow>({
  name: 'Appointment',
  tableName: 'appointments',
  columns: {
    id: idColumn,
    code: { type: 'varchar', length: 11 },
    stationId: { type: 'integer', name: 'station_id' },
    date: { type: 'varchar', length: 10 },
    slotTime: { type: 'varchar', length: 5, name: 'slot_time' },
    startAt: { type: 'datetime', name: 'start_at' },
    endAt: { type: 'datetime', name: 'end_at' },
    status: { type: 'varchar', length: 16 },
    source: { type: 'varchar', length: 16 },
    name: { type: 'varchar', length: 50 },
    phone: { type: 'varchar', length: 20 },
    category: { type: 'varchar', length: 32 },
    note: { type: 'varchar', length: 500, nullable: true },
    consentAt: { type: 'datetime', name: 'consent_at', nullable: true },
    outcomeServices: { type: 'text', name: 'outcome_services', nullable: true, transformer: jsonText },
    amountInvolved: { type: 'decimal', precision: 14, scale: 2, name: 'amount_involved', nullable: true, transformer: decimalToNumber },
    outcomeNote: { type: 'varchar', length: 1000, name: 'outcome_note', nullable: true },
    checkedInAt: { type: 'datetime', name: 'checked_in_at', nullable: true },
    completedAt: { type: 'datetime', name: 'completed_at', nullable: true },
    cancelledAt: { type: 'datetime', name: 'cancelled_at', nullable: true },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    lang: { type: 'varchar', length: 2, default: 'zh' },
    version: { type: 'integer' },
    ...timestampColumns,
    ...personDataColumns,
  },
});

export type SeatKind = 'booking' | 'hold';

export interface AppointmentSeatRow {
  id: number;
  stationId: number;
  date: string;
  slotTime: string;
  seatNo: number;
  kind: SeatKind;
  /** Set for a booking's claim (unique: one claim per appointment). */
  appointmentId: number | null;
  /** Set for a hold kept for the first in line on the waitlist (unique: one hold per entry). */
  waitlistEntryId: number | null;
  holdUntil: Date | null;
  createdAt: Date;
}

export const AppointmentSeatEntity = new EntitySchema<AppointmentSeatRow>({
  name: 'AppointmentSeat',
  tableName: 'appointment_seats',
  columns: {
    id: idColumn,
    stationId: { type: 'integer', name: 'station_id' },
    date: { type: 'varchar', length: 10 },
    slotTime: { type: 'varchar', length: 5, name: 'slot_time' },
    seatNo: { type: 'integer', name: 'seat_no' },
    kind: { type: 'varchar', length: 8 },
    appointmentId: { type: 'integer', name: 'appointment_id', nullable: true },
    waitlistEntryId: { type: 'integer', name: 'waitlist_entry_id', nullable: true },
    holdUntil: { type: 'datetime', name: 'hold_until', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
});

export const WAITLIST_STATUSES = ['waiting', 'offered', 'booked', 'expired'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

export interface WaitlistEntryRow {
  id: number;
  code: string;
  stationId: number;
  date: string;
  name: string;
  phone: string;
  category: string;
  status: WaitlistStatus;
  /**
   * `station:date:phone` while the entry is waiting or offered, NULL after: a unique
   * index keeps one live entry per phone and day (NULLs never collide).
   */
  activeKey: string | null;
  consentAt: Date | null;
  offeredAt: Date | null;
  appointmentId: number | null;
  /** The language the worker joined in; their offer, the booking it becomes and any notice follow it. */
  lang: Lang;
  createdAt: Date;
  updatedAt: Date;
  /** See AppointmentRow.personKey. */
  personKey?: string | null;
  pseudonymizedAt?: Date | null;
}

export const WaitlistEntryEntity = new EntitySchema<WaitlistEntryRow>({
  name: 'WaitlistEntry',
  tableName: 'waitlist_entries',
  columns: {
    id: idColumn,
    code: { type: 'varchar', length: 11 },
    stationId: { type: 'integer', name: 'station_id' },
    date: { type: 'varchar', length: 10 },
    name: { type: 'varchar', length: 50 },
    phone: { type: 'varchar', length: 20 },
    category: { type: 'varchar', length: 32 },
    status: { type: 'varchar', length: 16 },
    activeKey: { type: 'varchar', length: 64, name: 'active_key', nullable: true },
    consentAt: { type: 'datetime', name: 'consent_at', nullable: true },
    offeredAt: { type: 'datetime', name: 'offered_at', nullable: true },
    appointmentId: { type: 'integer', name: 'appointment_id', nullable: true },
    lang: { type: 'varchar', length: 2, default: 'zh' },
    ...timestampColumns,
    ...personDataColumns,
  },
});

export interface IdempotencyKeyRow {
  id: number;
  scope: string;
  idemKey: string;
  requestHash: string;
  appointmentId: number | null;
  createdAt: Date;
}

export const IdempotencyKeyEntity = new EntitySchema<IdempotencyKeyRow>({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  columns: {
    id: idColumn,
    scope: { type: 'varchar', length: 32 },
    idemKey: { type: 'varchar', length: 128, name: 'idem_key' },
    requestHash: { type: 'varchar', length: 64, name: 'request_hash' },
    appointmentId: { type: 'integer', name: 'appointment_id', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
});

export interface LookupFailureRow {
  id: number;
  clientKey: string;
  failedAt: Date;
}

export const LookupFailureEntity = new EntitySchema<LookupFailureRow>({
  name: 'LookupFailure',
  tableName: 'lookup_failures',
  columns: {
    id: idColumn,
    clientKey: { type: 'varchar', length: 64, name: 'client_key' },
    failedAt: { type: 'datetime', name: 'failed_at' },
  },
});

/** One row per phone number, locked while a booking for that phone is written. */
export interface PhoneGuardRow {
  phone: string;
  touchedAt: Date;
}

export const PhoneGuardEntity = new EntitySchema<PhoneGuardRow>({
  name: 'PhoneGuard',
  tableName: 'booking_phone_guards',
  columns: {
    phone: { type: 'varchar', length: 20, primary: true },
    touchedAt: { type: 'datetime', name: 'touched_at' },
  },
});

export const bookingEntities = [
  AppointmentEntity,
  AppointmentSeatEntity,
  WaitlistEntryEntity,
  IdempotencyKeyEntity,
  LookupFailureEntity,
  PhoneGuardEntity,
];
