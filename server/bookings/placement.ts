/**
 * Placing a booking: the ledger's hot path, in raw statements (server/db/sql.ts) so that
 * a public booking costs four round trips on MySQL and a handful of prepared
 * statements on SQLite, not fifteen ORM queries.
 *
 *   1. one batch of reads: lock the phone's guard row (MySQL), then the station, its published
 *      shifts and local calendar days for the date (the booking thread keeps these between
 *      bookings: StationDayCache), the seats already claimed in the slot, the phone's live
 *      bookings, the person-key secret (and an Idempotency-Key). On MySQL the station's row
 *      and the day's calendar rows are read with a shared lock, held to COMMIT: a closure
 *      locks the rows of the stations it closes before it reads anything (closedDay.ts), so a
 *      booking either commits before the closure counts the day's bookings or reads the
 *      closure and is refused — no booking lands on a closed day, at no extra round trip;
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
import type { Lang } from '../http/messages.js';
import { NotificationEntity } from '../notifications/notifications.entity.js';
import { outboxRow } from '../notifications/outbox.js';
import { knownSecret, PERSON_KEY_SECRET, personKeyOf, rememberSecret } from '../privacy/personKey.js';
import { AppointmentEntity, AppointmentSeatEntity, IdempotencyKeyEntity, newAppointmentRow, type AppointmentRow, type AppointmentSource } from './appointments.entity.js';
import { phoneRuleViolation, type PhoneBooking, type PhoneRuleViolation } from './appointmentRules.js';
import { newCode } from './bookings.repository.js';
import { bookedMessages, notifyEnv } from './bookings.notify.js';
import type { BookingInput } from './bookings.schema.js';
import { PhoneRefusal } from './lookupGuard.js';
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

export const notSlot = () =>
  badRequest('That time is not a bookable consultation slot', [
    { path: 'start', message: 'is not the start of a slot of this station (see GET /api/stations/:id/slots)' },
  ]);
export const noStation = () => badRequest('No such station', [{ path: 'stationId', message: 'no open station has this id' }]);
export const slotFull = () => conflict('That time is fully booked; please pick another', 'slot_full');
const takenMeanwhile = () => conflict('That time has just been fully booked; please pick another', 'slot_full');
export const keyInFlight = () => conflict('A request with this Idempotency-Key is still being processed; retry shortly');
export const keyReused = () => conflict('This Idempotency-Key was already used for a different request; use a new key for a new booking');

/**
 * The 409 for a phone that may not take this booking (shared with reschedule and the waitlist).
 * Anyone may ask the public booking route about any number, so the answer never says when the
 * other booking is; its holder finds it with the booking code from the confirmation SMS.
 */
export function phoneRuleError(problem: PhoneRuleViolation): PhoneRefusal {
  if (problem.kind === 'too_many') {
    return new PhoneRefusal(
      `This phone number already holds ${problem.limit} upcoming bookings; look them up, move or cancel one with its booking code before booking another`,
    );
  }
  return new PhoneRefusal(
    'This phone number already has a booking that overlaps this time; it can be looked up, moved or cancelled with its booking code',
  );
}

/** Lock a phone's guard row for this transaction: bookings of one phone serialise on it. */
export function lockPhoneStmt(sql: Sql, phone: string, now: Date): Stmt {
  return lockPhonesStmt(sql, [phone], now);
}

/** Lock the guard rows of `phones`, in the order given (callers sort them, so that two lockers never wait crosswise). */
export function lockPhonesStmt(sql: Sql, phones: readonly string[], now: Date): Stmt {
  const values = phones.map(() => '(?, ?)').join(', ');
  return {
    sql:
      sql.dialect === 'mysql'
        ? `INSERT INTO booking_phone_guards (phone, touched_at) VALUES ${values} ON DUPLICATE KEY UPDATE touched_at = VALUES(touched_at)`
        : `INSERT INTO booking_phone_guards (phone, touched_at) VALUES ${values} ON CONFLICT (phone) DO UPDATE SET touched_at = excluded.touched_at`,
    params: phones.flatMap((p) => [p, now]),
  };
}

type Row = Record<string, unknown>;

/**
 * Book a free seat of a real slot for `input`, with its SMS in `lang` (the worker's; staff
 * booking for someone leave it Chinese), in the session's transaction.
 * `days` (the booking thread's, SQLite only) keeps station days between bookings.
 */
export async function placeBooking(
  sql: Sql,
  ctx: AppContext,
  input: BookingInput,
  source: AppointmentSource,
  lang: Lang = 'zh',
  days?: StationDayCache,
): Promise<Placed> {
  const outcome = await place(sql, ctx, input, source, lang, undefined, days);
  if (!('placed' in outcome)) throw new Error('a booking without an Idempotency-Key cannot be a replay');
  return outcome.placed;
}

/**
 * placeBooking under an Idempotency-Key, when the request has one: the first request with
 * the key books, a retry gets its booking back. Without a key it is placeBooking.
 */
export function placeBookingOnce(
  sql: Sql,
  ctx: AppContext,
  input: BookingInput,
  source: AppointmentSource,
  lang: Lang,
  claim: IdempotencyClaim | undefined,
  days?: StationDayCache,
): Promise<Placement> {
  return place(sql, ctx, input, source, lang, claim, days);
}

async function place(
  sql: Sql,
  ctx: AppContext,
  input: BookingInput,
  source: AppointmentSource,
  lang: Lang,
  idempotency?: IdempotencyClaim,
  days?: StationDayCache,
): Promise<Placement> {
  const now = ctx.clock.now();
  const tz = ctx.config.timeZone;
  const local = localStartOf(input.start, tz);
  if (!local) throw notSlot();

  const known = knownSecret(ctx.db.ds);
  if (days) await days.check(sql);
  const dayKey = `${input.stationId}|${local.date}`;
  const cached = days?.get(dayKey);
  // 1. Reads. On MySQL the phone's guard row goes first: the snapshot of the reads after it
  //    starts only once the lock is held, so they see every booking this phone has committed.
  //    SQLite needs no guard: its write transactions (BEGIN IMMEDIATE) never overlap.
  const guarded = sql.dialect === 'mysql';
  // Shared locks on the station and its calendar day (MySQL): they serialise with a closure
  // (see the header). The calendar's is a locking read too, so it sees a closure that committed
  // while this booking waited, even in a transaction whose snapshot began earlier (a booking
  // made from a hotline call).
  const shared = guarded ? ' LOCK IN SHARE MODE' : '';
  const stmts: Stmt[] = [];
  const at = (stmt: Stmt) => stmts.push(stmt) - 1;
  if (guarded) at(lockPhoneStmt(sql, input.phone, now));
  const dayReads = cached
    ? null
    : {
        station: at({ sql: `SELECT name, open_hours, slot_minutes, seats_per_slot, active FROM stations WHERE id = ?${shared}`, params: [input.stationId] }),
        shifts: at({
          sql: "SELECT s.shift_start AS shiftStart, s.shift_end AS shiftEnd, l.name AS lawyerName FROM shifts s JOIN lawyers l ON l.id = s.lawyer_id WHERE s.station_id = ? AND s.date = ? AND s.status = 'published' ORDER BY s.seat, s.id",
          params: [input.stationId, local.date],
        }),
        calendar: at({ sql: `SELECT date, kind, name, station_id AS stationId FROM calendar_days WHERE date = ?${shared}`, params: [local.date] }),
      };
  const seatsAt = at({ sql: 'SELECT seat_no AS seatNo FROM appointment_seats WHERE station_id = ? AND date = ? AND slot_time = ?', params: [input.stationId, local.date, local.time] });
  const phoneAt = at({
    sql: "SELECT id, status, start_at AS startAt, end_at AS endAt FROM appointments WHERE phone = ? AND status IN ('booked', 'checked_in') AND end_at > ?",
    params: [input.phone, now],
  });
  const secretAt = known ? -1 : at({ sql: 'SELECT value FROM settings WHERE name = ?', params: [PERSON_KEY_SECRET] });
  const keyAt = idempotency
    ? at({ sql: 'SELECT request_hash AS hash, appointment_id AS appointmentId FROM idempotency_keys WHERE scope = ? AND idem_key = ?', params: [idempotency.scope, idempotency.key] })
    : -1;
  const reads = (await sql.batch(stmts)).map((r) => r.rows);
  const seatRows = reads[seatsAt]!;
  const phoneRows = reads[phoneAt]!;
  const secretRows = known ? [{ value: known }] : reads[secretAt]!;

  const prior = keyAt >= 0 ? reads[keyAt]![0] : undefined;
  if (prior) {
    if (prior.hash !== idempotency!.hash) throw keyReused();
    if (prior.appointmentId === null) retryOrFail(sql, keyInFlight());
    return { replayOf: Number(prior.appointmentId) };
  }

  // 2. The rules.
  const day = cached ?? stationDayOf(reads[dayReads!.station]!, reads[dayReads!.shifts]!, reads[dayReads!.calendar]!, input.stationId, local.date);
  if (!cached) days?.set(dayKey, day);
  const station = day.station;
  if (!station) throw noStation();
  const slot = requestedSlot(ctx, day, local, input.start, seatRows.length, now);
  if (!slot) throw notSlot();
  if (slot.remaining <= 0) throw slotFull();
  const span = { start: new Date(slot.start), end: new Date(slot.end) };
  const problem = phoneRuleViolation(phoneRows.map(phoneBooking), span, now, ctx.config.booking.maxFuturePerPhone);
  if (problem) throw phoneRuleError(problem);
  const taken = new Set(seatRows.map((r: Row) => Number(r.seatNo)));
  const seatNo = firstFreeSeat(slot, taken);
  const secret = secretRows[0]?.value;
  if (typeof secret !== 'string') throw new Error('the person-key secret is missing (run the migrations)');
  if (!known) rememberSecret(ctx.db.ds, secret);

  // 3. Writes.
  const row = bookingRow(input, slot, source, lang, secret, now);
  const meta = metaOf(ctx);
  const inserted = await writeOrRetry(sql, takenMeanwhile, () => sql.batch([insertRows(meta(AppointmentEntity), [row])]));
  const appointment: AppointmentRow = { ...row, id: inserted[0]!.insertId };
  const stationName = station.name;
  const seatStmt = (n: number) => insertRows(meta(AppointmentSeatEntity), [seatRow(appointment, n, now)]);
  const messages = bookedMessages(notifyEnv(ctx), appointment, stationName).map((n) => outboxRow(n, now));
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
 * The slot a booking asks for (`start`, at `local` in the network's time zone) on a station's
 * day, with `booked` seats already claimed; null when it is not a bookable slot now (or
 * there is no open station).
 */
export function requestedSlot(ctx: AppContext, day: StationDay, local: { date: string; time: string }, start: string, booked: number, now: Date): Slot | null {
  const station = day.station;
  if (!station) return null;
  return findSlot(
    computeSlots({
      station: station.slots,
      date: local.date,
      shifts: day.shifts,
      calendar: day.calendar,
      booked: new Map([[local.time, booked]]),
      now,
      timeZone: ctx.config.timeZone,
      minNoticeMinutes: ctx.config.booking.minNoticeMinutes,
      horizonDays: ctx.config.booking.horizonDays,
      onlyTime: local.time,
    }),
    start,
  );
}

export const metaOf = (ctx: AppContext) => (entity: EntityTarget<ObjectLiteral>) => ctx.db.ds.getMetadata(entity);

/** A new online or walk-in appointment's row for `slot`, as the ORM would write it; its SMS are in `lang`. */
export function bookingRow(input: BookingInput, slot: Slot, source: AppointmentSource, lang: Lang, secret: string, now: Date): Omit<AppointmentRow, 'id'> {
  return Object.assign(
    newAppointmentRow(
      {
        stationId: input.stationId,
        date: slot.date,
        slotTime: slot.time,
        startAt: new Date(slot.start),
        endAt: new Date(slot.end),
        status: 'booked',
        source,
        name: input.name,
        phone: input.phone,
        category: input.category,
        note: input.note || null,
        consentAt: now,
        lang,
      },
      now,
    ),
    {
      code: newCode(),
      // Written raw, so the person key the ORM's subscriber would add is set here.
      personKey: personKeyOf(secret, input.phone),
      pseudonymizedAt: null,
    },
  );
}

/** The claim of seat `seatNo` of an appointment's slot. */
export function seatRow(a: Pick<AppointmentRow, 'id' | 'stationId' | 'date' | 'slotTime'>, seatNo: number, now: Date) {
  return { stationId: a.stationId, date: a.date, slotTime: a.slotTime, seatNo, kind: 'booking' as const, appointmentId: a.id, waitlistEntryId: null, holdUntil: null, createdAt: now };
}

/**
 * Seats are numbered 1..capacity; take the lowest one nobody holds. remaining > 0 means
 * fewer claims than seats, so one of the numbers is free.
 */
export function firstFreeSeat(slot: Slot, taken: Set<number>): number {
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

export function phoneBooking(r: Row): PhoneBooking {
  return { id: Number(r.id), status: r.status as PhoneBooking['status'], startAt: readDatetime(r.startAt), endAt: readDatetime(r.endAt) };
}

/** What a booking needs to know of its station's day; it changes only when staff edit the station, the roster or the calendar. */
export interface StationDay {
  /** Null when there is no open station with this id. */
  station: { name: string; slots: { id: number; openHours: OpenHours[]; slotMinutes: number; seatsPerSlot: number } } | null;
  shifts: { date: string; start: string; end: string; lawyerName: string }[];
  calendar: WorkingCalendar;
}

export function stationDayOf(stationRows: Row[], shiftRows: Row[], dayRows: Row[], stationId: number, date: string): StationDay {
  const s = stationRows[0];
  return {
    station:
      s && Number(s.active)
        ? {
            name: String(s.name),
            slots: { id: stationId, openHours: JSON.parse(String(s.open_hours)) as OpenHours[], slotMinutes: Number(s.slot_minutes), seatsPerSlot: Number(s.seats_per_slot) },
          }
        : null,
    shifts: shiftRows.map((r) => ({ date, start: String(r.shiftStart), end: String(r.shiftEnd), lawyerName: String(r.lawyerName) })),
    calendar: new WorkingCalendar(dayRows.map(localDay)),
  };
}

/**
 * The booking thread's memory of station days (SQLite only). Only the other connection
 * (the main thread's: staff editing stations, rosters or the calendar) changes them, and
 * SQLite tells a connection when another one has committed: `PRAGMA data_version` changes.
 * Every booking checks it inside its transaction and starts afresh when it has moved.
 */
export class StationDayCache {
  private version: unknown = undefined;
  private readonly days = new Map<string, StationDay>();

  constructor(private readonly limit = 2000) {}

  async check(sql: Sql): Promise<void> {
    if (sql.dialect !== 'sqlite') throw new Error('StationDayCache relies on SQLite\'s data_version');
    const [r] = await sql.batch([{ sql: 'PRAGMA data_version' }]);
    const version = r?.rows[0]?.data_version;
    if (version !== this.version) {
      this.days.clear();
      this.version = version;
    }
  }

  get(key: string): StationDay | undefined {
    return this.days.get(key);
  }

  set(key: string, day: StationDay): void {
    if (this.days.size >= this.limit) this.days.clear();
    this.days.set(key, day);
  }
}
