/**
 * Placing a booking: the ledger's hot path, in raw statements (server/db/sql.ts) so that
 * a public booking costs four round trips on MySQL and a handful of prepared
 * statements on SQLite, not fifteen ORM queries.
 *
 *   1. one batch of reads: lock the phone's guard row (MySQL), then the station, its published
 *      shifts and local calendar days for the date, the seats already claimed in the
 *      slot, the phone's live bookings, the person-key secret (and an Idempotency-Key);
 *   2. the rules, in memory (slots.ts, appointmentRules.ts): a real slot with a seat
 *      left, the per-phone limits;
 *   3. insert the appointment; then its seat claim, its SMS and the idempotency key;
 *      then COMMIT, alone (see MysqlSql in sql.ts for why).
 *
 * The seat's unique index is still what stops a double booking. When it refuses the
 * seat, another request took that seat a moment ago: the next free seat is tried in the
 * same transaction, and when none is left the answer is 409 slot_full. When the booking
 * code's or the idempotency key's index refuses a write, the transaction is rolled back
 * and run again from step 1, where it sees what the other request did (see TxRetry).
 */
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { WorkingCalendar, type LocalDay } from '../calendar/workingCalendar.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import { insertRows, readDatetime, retryOrFail, type Sql, type Stmt } from '../db/sql.js';
import { badRequest, conflict, type AppError } from '../http/errors.js';
import { formatInstant } from '../lib/dates.js';
import { NotificationEntity } from '../notifications/notifications.entity.js';
import { outboxRow } from '../notifications/outbox.js';
import { knownSecret, PERSON_KEY_SECRET, personKeyOf, rememberSecret } from '../privacy/personKey.js';
import { AppointmentEntity, AppointmentSeatEntity, IdempotencyKeyEntity, newAppointmentRow, type AppointmentRow, type AppointmentSource } from './appointments.entity.js';
import { phoneRuleViolation, type PhoneBooking, type PhoneRuleViolation } from './appointmentRules.js';
import { newCode } from './bookings.repository.js';
import { bookedMessages } from './bookings.notify.js';
import type { BookingInput } from './bookings.schema.js';
import { computeSlots, findSlot, localStartOf, type OpenHours, type Slot } from './slots.js';

export interface Placed {
  appointment: AppointmentRow;
  stationName: string;
  lawyerName: string;
}

export interface IdempotencyClaim {
  scope: string;
  key: string;
  /** The request body's hash (idempotency.ts). */
  hash: string;
}

/** A booking was made, or an earlier request with the same Idempotency-Key made this one. */
export type Placement = { placed: Placed } | { replayOf: number };

const notSlot = () =>
  badRequest('That time is not a bookable consultation slot', [
    { path: 'start', message: 'is not the start of a slot of this station (see GET /api/stations/:id/slots)' },
  ]);
const noStation = () => badRequest('No such station', [{ path: 'stationId', message: 'no open station has this id' }]);
export const slotFull = () => conflict('That time is fully booked; please pick another', 'slot_full');
const takenMeanwhile = () => conflict('That time has just been fully booked; please pick another', 'slot_full');
const keyInFlight = () => conflict('A request with this Idempotency-Key is still being processed; retry shortly');
const keyReused = () => conflict('This Idempotency-Key was already used for a different request; use a new key for a new booking');

/** The 409 for a phone that may not take this booking (shared with reschedule and the waitlist). */
export function phoneRuleError(problem: PhoneRuleViolation, timeZone: string): AppError {
  if (problem.kind === 'too_many') {
    return conflict(`This phone number already holds ${problem.limit} upcoming bookings; cancel one before booking another`);
  }
  return conflict(`This phone number already has a booking at ${formatInstant(problem.with.startAt, timeZone)} that overlaps this time`);
}

/** Lock a phone's guard row for this transaction: bookings of one phone serialise on it. */
export function lockPhoneStmt(sql: Sql, phone: string, now: Date): Stmt {
  return {
    sql:
      sql.dialect === 'mysql'
        ? 'INSERT INTO booking_phone_guards (phone, touched_at) VALUES (?, ?) ON DUPLICATE KEY UPDATE touched_at = VALUES(touched_at)'
        : 'INSERT INTO booking_phone_guards (phone, touched_at) VALUES (?, ?) ON CONFLICT (phone) DO UPDATE SET touched_at = excluded.touched_at',
    params: [phone, now],
  };
}

type Row = Record<string, unknown>;

/** Book a free seat of a real slot for `input`, with its SMS, in the session's transaction. */
export async function placeBooking(sql: Sql, ctx: AppContext, input: BookingInput, source: AppointmentSource): Promise<Placed> {
  const outcome = await place(sql, ctx, input, source);
  if (!('placed' in outcome)) throw new Error('a booking without an Idempotency-Key cannot be a replay');
  return outcome.placed;
}

/** placeBooking under an Idempotency-Key: the first request with the key books, a retry gets its booking back. */
export function placeBookingOnce(sql: Sql, ctx: AppContext, input: BookingInput, source: AppointmentSource, claim: IdempotencyClaim): Promise<Placement> {
  return place(sql, ctx, input, source, claim);
}

async function place(sql: Sql, ctx: AppContext, input: BookingInput, source: AppointmentSource, idempotency?: IdempotencyClaim): Promise<Placement> {
  const now = ctx.clock.now();
  const tz = ctx.config.timeZone;
  const local = localStartOf(input.start, tz);
  if (!local) throw notSlot();

  const known = knownSecret(ctx.db.ds);
  // 1. Reads. On MySQL the phone's guard row goes first: the snapshot of the reads after it
  //    starts only once the lock is held, so they see every booking this phone has committed.
  //    SQLite needs no guard: its write transactions (BEGIN IMMEDIATE) never overlap.
  const guarded = sql.dialect === 'mysql';
  const reads = await sql.batch([
    ...(guarded ? [lockPhoneStmt(sql, input.phone, now)] : []),
    { sql: 'SELECT name, open_hours, slot_minutes, seats_per_slot, active FROM stations WHERE id = ?', params: [input.stationId] },
    {
      sql:
        "SELECT s.shift_start AS shiftStart, s.shift_end AS shiftEnd, l.name AS lawyerName FROM shifts s JOIN lawyers l ON l.id = s.lawyer_id WHERE s.station_id = ? AND s.date = ? AND s.status = 'published' ORDER BY s.seat, s.id",
      params: [input.stationId, local.date],
    },
    { sql: 'SELECT date, kind, name, station_id AS stationId FROM calendar_days WHERE date = ?', params: [local.date] },
    { sql: 'SELECT seat_no AS seatNo FROM appointment_seats WHERE station_id = ? AND date = ? AND slot_time = ?', params: [input.stationId, local.date, local.time] },
    {
      sql: "SELECT id, status, start_at AS startAt, end_at AS endAt FROM appointments WHERE phone = ? AND status IN ('booked', 'checked_in') AND end_at > ?",
      params: [input.phone, now],
    },
    ...(known ? [] : [{ sql: 'SELECT value FROM settings WHERE name = ?', params: [PERSON_KEY_SECRET] }]),
    ...(idempotency
      ? [{ sql: 'SELECT request_hash AS hash, appointment_id AS appointmentId FROM idempotency_keys WHERE scope = ? AND idem_key = ?', params: [idempotency.scope, idempotency.key] }]
      : []),
  ]);
  const [stationRows, shiftRows, dayRows, seatRows, phoneRows, ...optional] = reads.slice(guarded ? 1 : 0).map((r) => r.rows);
  const secretRows = known ? [{ value: known }] : optional.shift();
  const keyRows = optional.shift();

  const prior = keyRows?.[0];
  if (prior) {
    if (prior.hash !== idempotency!.hash) throw keyReused();
    if (prior.appointmentId === null) retryOrFail(sql, keyInFlight());
    return { replayOf: Number(prior.appointmentId) };
  }

  // 2. The rules.
  const station = stationRows![0];
  if (!station || !Number(station.active)) throw noStation();
  const slot = findSlot(
    computeSlots({
      station: {
        id: input.stationId,
        openHours: JSON.parse(String(station.open_hours)) as OpenHours[],
        slotMinutes: Number(station.slot_minutes),
        seatsPerSlot: Number(station.seats_per_slot),
      },
      date: local.date,
      shifts: shiftRows!.map((r: Row) => ({ date: local.date, start: String(r.shiftStart), end: String(r.shiftEnd), lawyerName: String(r.lawyerName) })),
      calendar: new WorkingCalendar(dayRows!.map(localDay)),
      booked: new Map([[local.time, seatRows!.length]]),
      now,
      timeZone: tz,
      minNoticeMinutes: ctx.config.booking.minNoticeMinutes,
      horizonDays: ctx.config.booking.horizonDays,
      onlyTime: local.time,
    }),
    input.start,
  );
  if (!slot) throw notSlot();
  if (slot.remaining <= 0) throw slotFull();
  const span = { start: new Date(slot.start), end: new Date(slot.end) };
  const problem = phoneRuleViolation(phoneRows!.map(phoneBooking), span, now, ctx.config.booking.maxFuturePerPhone);
  if (problem) throw phoneRuleError(problem, tz);
  const taken = new Set(seatRows!.map((r: Row) => Number(r.seatNo)));
  const seatNo = firstFreeSeat(slot, taken);
  const secret = secretRows![0]?.value;
  if (typeof secret !== 'string') throw new Error('the person-key secret is missing (run the migrations)');
  if (!known) rememberSecret(ctx.db.ds, secret);

  // 3. Writes.
  const row: Omit<AppointmentRow, 'id'> = {
    ...newAppointmentRow(
      {
        stationId: input.stationId,
        date: slot.date,
        slotTime: slot.time,
        startAt: span.start,
        endAt: span.end,
        status: 'booked',
        source,
        name: input.name,
        phone: input.phone,
        category: input.category,
        note: input.note || null,
        consentAt: now,
      },
      now,
    ),
    code: newCode(),
    // Written raw, so the person key the ORM's subscriber would add is set here.
    personKey: personKeyOf(secret, input.phone),
    pseudonymizedAt: null,
  };
  const meta = (entity: EntityTarget<ObjectLiteral>) => ctx.db.ds.getMetadata(entity);
  const inserted = await writeOrRetry(sql, takenMeanwhile, () => sql.batch([insertRows(meta(AppointmentEntity), [row])]));
  const appointment: AppointmentRow = { ...row, id: inserted[0]!.insertId };
  const stationName = String(station.name);
  const seatStmt = (n: number) =>
    insertRows(meta(AppointmentSeatEntity), [
      { stationId: input.stationId, date: slot.date, slotTime: slot.time, seatNo: n, kind: 'booking', appointmentId: appointment.id, waitlistEntryId: null, holdUntil: null, createdAt: now },
    ]);
  const messages = bookedMessages({ clock: ctx.clock, timeZone: tz }, appointment, stationName).map((n) => outboxRow(n, now));
  const rest = [
    insertRows(meta(NotificationEntity), messages),
    ...(idempotency
      ? [insertRows(meta(IdempotencyKeyEntity), [{ scope: idempotency.scope, idemKey: idempotency.key, requestHash: idempotency.hash, appointmentId: appointment.id, createdAt: now }])]
      : []),
  ];
  const restFailed = (err: unknown) => (/idempotency|idem_key/i.test(String((err as Error).message)) ? keyInFlight() : takenMeanwhile());
  try {
    await sql.batch([seatStmt(seatNo), ...rest]);
  } catch (err) {
    if (!isSeatTaken(err)) failedWrite(sql, err, restFailed);
    // Someone claimed that seat a moment ago. The failed insert undid only itself: try the
    // other seats in this same transaction (a seat that refuses is really taken), then the rest.
    await claimAnotherSeat(sql, slot, new Set([...taken, seatNo]), seatStmt);
    await writeOrRetry(sql, restFailed, () => sql.batch(rest));
  }
  return { placed: { appointment, stationName, lawyerName: slot.lawyerName } };
}

/**
 * Seats are numbered 1..capacity; take the lowest one nobody holds. remaining > 0 means
 * fewer claims than seats, so one of the numbers is free.
 */
function firstFreeSeat(slot: Slot, taken: Set<number>): number {
  for (let n = 1; n <= slot.capacity; n++) if (!taken.has(n)) return n;
  throw new Error('no free seat number although the slot has room');
}

/** A seat's unique index refused the claim (the message names the index or its columns on either database). */
function isSeatTaken(err: unknown): boolean {
  return isUniqueViolation(err) && /uq_seats_slot_seat|appointment_seats\.seat_no/.test(String((err as Error).message));
}

/** Claim the lowest seat of the slot not known to be taken, one insert at a time; 409 when none is left. */
async function claimAnotherSeat(sql: Sql, slot: Slot, tried: Set<number>, seatStmt: (n: number) => Stmt): Promise<void> {
  for (let n = 1; n <= slot.capacity; n++) {
    if (tried.has(n)) continue;
    try {
      await sql.batch([seatStmt(n)]);
      return;
    } catch (err) {
      if (!isSeatTaken(err)) throw err;
    }
  }
  throw takenMeanwhile();
}

/** Run a write; a unique index refusing it means a concurrent request got there first. */
async function writeOrRetry<T>(sql: Sql, fallback: (err: unknown) => AppError, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    failedWrite(sql, err, fallback);
  }
}

/** A write failed: a unique index refusing it runs the transaction again (or gives up with `fallback`); anything else is rethrown. */
function failedWrite(sql: Sql, err: unknown, fallback: (err: unknown) => AppError): never {
  if (isUniqueViolation(err)) retryOrFail(sql, fallback(err));
  throw err;
}

function localDay(r: Row): LocalDay {
  return { date: String(r.date), kind: r.kind as LocalDay['kind'], name: String(r.name), stationId: r.stationId === null ? null : Number(r.stationId) };
}

function phoneBooking(r: Row): PhoneBooking {
  return { id: Number(r.id), status: r.status as PhoneBooking['status'], startAt: readDatetime(r.startAt), endAt: readDatetime(r.endAt) };
}
