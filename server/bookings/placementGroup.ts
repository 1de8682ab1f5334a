/**
 * Many public bookings in one transaction (MySQL): the bookings that arrive while the
 * database is busy with earlier ones are placed together, in four round trips for the
 * whole group instead of four for each booking.
 *
 *   1. one batch of reads: lock every phone's guard row (in phone order, so two groups
 *      never wait on each other crosswise), then the stations and calendar days of the
 *      group's dates with a shared lock (as placement.ts does, against a closure), the
 *      published shifts, the seats already claimed in its slots, its
 *      phones' live bookings, their Idempotency-Keys already stored and the person-key
 *      secret;
 *   2. the rules, in memory, booking after booking in arrival order, each seeing the
 *      seats and phone bookings the earlier ones of the group took (slots.ts,
 *      appointmentRules.ts): the same rules and answers as placement.ts. A request whose
 *      Idempotency-Key is stored, or held by an earlier booking of the group, gets that
 *      booking back;
 *   3. insert the appointments (one statement) and read back their ids by booking code;
 *   4. insert the seat claims, SMS and Idempotency-Keys of all of them (one statement
 *      each); COMMIT alone.
 *
 * A booking the rules refuse gets its own answer and takes nothing. Nothing here decides
 * who gets a seat in the end: the seat's unique index does. If any write is refused (a
 * seat another instance claimed a moment ago, a booking code drawn twice), the group's
 * transaction is rolled back and its bookings are placed one by one by placement.ts,
 * which sees what the other request did. So a group either lands whole or not at all.
 */
import type { AppContext } from '../context.js';
import { insertRows, type Sql, type Stmt } from '../db/sql.js';
import type { Lang } from '../http/messages.js';
import { NotificationEntity } from '../notifications/notifications.entity.js';
import { outboxRow } from '../notifications/outbox.js';
import { knownSecret, PERSON_KEY_SECRET, rememberSecret } from '../privacy/personKey.js';
import { AppointmentEntity, AppointmentSeatEntity, IdempotencyKeyEntity, type AppointmentRow } from './appointments.entity.js';
import { phoneRuleViolation, type PhoneBooking } from './appointmentRules.js';
import { bookedMessages, notifyEnv } from './bookings.notify.js';
import type { BookingInput } from './bookings.schema.js';
import {
  bookingRow,
  firstFreeSeat,
  keyInFlight,
  keyReused,
  lockPhonesStmt,
  metaOf,
  noStation,
  notSlot,
  phoneBooking,
  phoneRuleError,
  requestedSlot,
  slotFull,
  stationDayOf,
  seatRow,
  type IdempotencyClaim,
  type Placement,
  type StationDay,
} from './placement.js';
import { localStartOf } from './slots.js';

/** One booking of a group, with its Idempotency-Key if the request had one, and the worker's language (default `zh`). */
export interface GroupItem {
  input: BookingInput;
  claim?: IdempotencyClaim;
  lang?: Lang;
}

/** What became of one booking of a group: placed (or an earlier request's booking, replayed), or refused with this error (a 4xx). */
export type GroupOutcome = { placement: Placement } | { refused: Error };

type Row = Record<string, unknown>;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The distinct tuples of `xs`, in first-seen order. */
function uniqBy<T extends readonly (string | number)[]>(xs: T[]): T[] {
  const seen = new Map<string, T>();
  for (const x of xs) seen.set(x.join('|'), seen.get(x.join('|')) ?? x);
  return [...seen.values()];
}

/**
 * Place `items` (online bookings) in the session's transaction, in order. Refusals are
 * returned, not thrown; a thrown error means the group wrote nothing that may be
 * committed (the caller rolls back and places the bookings one by one). An
 * Idempotency-Key already stored answers with its booking (a replay), as in placement.ts.
 */
export async function placeGroup(sql: Sql, ctx: AppContext, items: readonly GroupItem[]): Promise<GroupOutcome[]> {
  const now = ctx.clock.now();
  const tz = ctx.config.timeZone;
  const locals = items.map((item) => localStartOf(item.input.start, tz));
  const outcomes: (GroupOutcome | undefined)[] = locals.map((l) => (l ? undefined : { refused: notSlot() }));
  const live = items.flatMap(({ input, claim, lang }, i) => (locals[i] ? [{ input, claim, lang: lang ?? 'zh', local: locals[i]!, i }] : []));
  if (live.length === 0) return outcomes as GroupOutcome[];

  // 1. Reads, all in one batch, each for exactly the group's phones, station days and slots
  //    (an OR of index prefixes: the database reads those index ranges and nothing more).
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  const phones = uniq(live.map((b) => b.input.phone)).sort();
  const stationIds = uniq(live.map((b) => b.input.stationId));
  const dates = uniq(live.map((b) => b.local.date));
  const stationDays = uniqBy(live.map((b) => [b.input.stationId, b.local.date] as const));
  const slots = uniqBy(live.map((b) => [b.input.stationId, b.local.date, b.local.time] as const));
  const known = knownSecret(ctx.db.ds);
  const stmts: Stmt[] = [];
  const at = (stmt: Stmt) => stmts.push(stmt) - 1;
  if (sql.dialect === 'mysql') at(lockPhonesStmt(sql, phones, now));
  const shared = sql.dialect === 'mysql' ? ' LOCK IN SHARE MODE' : '';
  const stationsAt = at({ sql: `SELECT id, name, open_hours, slot_minutes, seats_per_slot, active FROM stations WHERE id IN (${marks(stationIds.length)})${shared}`, params: stationIds });
  const shiftsAt = at({
    sql:
      'SELECT s.station_id AS stationId, s.date AS date, s.shift_start AS shiftStart, s.shift_end AS shiftEnd, l.name AS lawyerName ' +
      `FROM shifts s JOIN lawyers l ON l.id = s.lawyer_id WHERE (${stationDays.map(() => '(s.station_id = ? AND s.date = ?)').join(' OR ')}) AND s.status = 'published' ORDER BY s.seat, s.id`,
    params: stationDays.flat(),
  });
  const calendarAt = at({ sql: `SELECT date, kind, name, station_id AS stationId FROM calendar_days WHERE date IN (${marks(dates.length)})${shared}`, params: dates });
  const seatsAt = at({
    sql:
      'SELECT station_id AS stationId, date, slot_time AS slotTime, seat_no AS seatNo FROM appointment_seats ' +
      `WHERE ${slots.map(() => '(station_id = ? AND date = ? AND slot_time = ?)').join(' OR ')}`,
    params: slots.flat(),
  });
  const phonesAt = at({
    sql: `SELECT phone, id, status, start_at AS startAt, end_at AS endAt FROM appointments WHERE phone IN (${marks(phones.length)}) AND status IN ('booked', 'checked_in') AND end_at > ?`,
    params: [...phones, now],
  });
  const secretAt = known ? -1 : at({ sql: 'SELECT value FROM settings WHERE name = ?', params: [PERSON_KEY_SECRET] });
  const claims = live.flatMap((b) => (b.claim ? [b.claim] : []));
  const scopes = uniq(claims.map((c) => c.scope));
  const keys = uniq(claims.map((c) => c.key));
  const priorAt =
    claims.length === 0
      ? -1
      : at({
          sql: `SELECT scope, idem_key AS idemKey, request_hash AS hash, appointment_id AS appointmentId FROM idempotency_keys WHERE scope IN (${marks(scopes.length)}) AND idem_key IN (${marks(keys.length)})`,
          params: [...scopes, ...keys],
        });
  const reads = (await sql.batch(stmts)).map((r) => r.rows);
  const claimKey = (c: IdempotencyClaim) => `${c.scope}|${c.key}`;
  const prior = new Map((priorAt < 0 ? [] : reads[priorAt]!).map((r) => [`${String(r.scope)}|${String(r.idemKey)}`, r]));
  /** A request whose key an earlier booking of this group holds gets that booking's answer (a retry that overtook its first try). */
  const firstWithKey = new Map<string, { i: number; hash: string }>();
  const sameAs = new Map<number, number>();

  const secret = known ?? reads[secretAt]![0]?.value;
  if (typeof secret !== 'string') throw new Error('the person-key secret is missing (run the migrations)');
  if (!known) rememberSecret(ctx.db.ds, secret);
  const group = <K>(rows: Row[], key: (r: Row) => K) => {
    const by = new Map<K, Row[]>();
    for (const r of rows) {
      const k = key(r);
      const list = by.get(k);
      if (list) list.push(r);
      else by.set(k, [r]);
    }
    return by;
  };
  const stationRows = group(reads[stationsAt]!, (r) => Number(r.id));
  const shiftRows = group(reads[shiftsAt]!, (r) => `${Number(r.stationId)}|${String(r.date)}`);
  const calendarRows = group(reads[calendarAt]!, (r) => String(r.date));
  const taken = new Map<string, Set<number>>();
  for (const r of reads[seatsAt]!) {
    const k = `${Number(r.stationId)}|${String(r.date)}|${String(r.slotTime)}`;
    const seats = taken.get(k) ?? new Set<number>();
    seats.add(Number(r.seatNo));
    taken.set(k, seats);
  }
  const held = new Map<string, PhoneBooking[]>();
  for (const [phone, rows] of group(reads[phonesAt]!, (r) => String(r.phone))) held.set(phone, rows.map(phoneBooking));

  // 2. The rules, booking by booking.
  const days = new Map<string, StationDay>();
  const accepted: { i: number; claim?: IdempotencyClaim; row: Omit<AppointmentRow, 'id'>; seatNo: number; stationName: string; lawyerName: string }[] = [];
  let provisional = 0;
  for (const { input, claim, lang, local, i } of live) {
    if (claim) {
      // As placement.ts: a key already used answers for its first request, whatever the slot now says.
      const before = prior.get(claimKey(claim));
      if (before) {
        outcomes[i] =
          before.hash !== claim.hash
            ? { refused: keyReused() }
            : before.appointmentId === null
              ? { refused: keyInFlight() }
              : { placement: { replayOf: Number(before.appointmentId) } };
        continue;
      }
      const first = firstWithKey.get(claimKey(claim));
      if (first) {
        if (first.hash !== claim.hash) outcomes[i] = { refused: keyReused() };
        else sameAs.set(i, first.i);
        continue;
      }
      firstWithKey.set(claimKey(claim), { i, hash: claim.hash });
    }
    const dayKey = `${input.stationId}|${local.date}`;
    let day = days.get(dayKey);
    if (!day) {
      day = stationDayOf(stationRows.get(input.stationId) ?? [], shiftRows.get(dayKey) ?? [], calendarRows.get(local.date) ?? [], input.stationId, local.date);
      days.set(dayKey, day);
    }
    const refuse = (err: Error) => (outcomes[i] = { refused: err });
    if (!day.station) {
      refuse(noStation());
      continue;
    }
    const seatKey = `${dayKey}|${local.time}`;
    const seats = taken.get(seatKey) ?? new Set<number>();
    const slot = requestedSlot(ctx, day, local, input.start, seats.size, now);
    if (!slot) {
      refuse(notSlot());
      continue;
    }
    if (slot.remaining <= 0) {
      refuse(slotFull());
      continue;
    }
    const span = { start: new Date(slot.start), end: new Date(slot.end) };
    const phoneHeld = held.get(input.phone) ?? [];
    const problem = phoneRuleViolation(phoneHeld, span, now, ctx.config.booking.maxFuturePerPhone);
    if (problem) {
      refuse(phoneRuleError(problem));
      continue;
    }
    const seatNo = firstFreeSeat(slot, seats);
    seats.add(seatNo);
    taken.set(seatKey, seats);
    // Counted against this phone's later bookings in the group; its id is not known yet.
    held.set(input.phone, [...phoneHeld, { id: --provisional, status: 'booked', startAt: span.start, endAt: span.end }]);
    accepted.push({ i, claim, row: bookingRow(input, slot, 'online', lang, secret, now), seatNo, stationName: day.station.name, lawyerName: slot.lawyerName });
  }
  const answerRepeats = () => {
    for (const [i, first] of sameAs) {
      const o = outcomes[first]!;
      outcomes[i] = 'placement' in o && 'placed' in o.placement ? { placement: { replayOf: o.placement.placed.appointment.id } } : o;
    }
    return outcomes as GroupOutcome[];
  };
  if (accepted.length === 0) return answerRepeats();

  // 3. The appointments, and their ids (read back by code: ids of one multi-row insert
  //    need not be consecutive on MySQL 8).
  const meta = metaOf(ctx);
  const codes = accepted.map((a) => a.row.code);
  const [, ids] = await sql.batch([
    insertRows(meta(AppointmentEntity), accepted.map((a) => a.row)),
    { sql: `SELECT id, code FROM appointments WHERE code IN (${marks(codes.length)})`, params: codes },
  ]);
  const idOf = new Map(ids!.rows.map((r) => [String(r.code), Number(r.id)]));

  // 4. Their seats, messages and Idempotency-Keys.
  const seats: ReturnType<typeof seatRow>[] = [];
  const messages: ReturnType<typeof outboxRow>[] = [];
  const keyRows: Record<string, unknown>[] = [];
  const env = notifyEnv(ctx);
  for (const a of accepted) {
    const id = idOf.get(a.row.code);
    if (id === undefined) throw new Error('an appointment of the group was not written');
    const appointment: AppointmentRow = { ...a.row, id };
    seats.push(seatRow(appointment, a.seatNo, now));
    for (const n of bookedMessages(env, appointment, a.stationName)) messages.push(outboxRow(n, now));
    if (a.claim) keyRows.push({ scope: a.claim.scope, idemKey: a.claim.key, requestHash: a.claim.hash, appointmentId: id, createdAt: now });
    outcomes[a.i] = { placement: { placed: { appointment, stationName: a.stationName, lawyerName: a.lawyerName } } };
  }
  await sql.batch([
    insertRows(meta(AppointmentSeatEntity), seats),
    insertRows(meta(NotificationEntity), messages),
    ...(keyRows.length > 0 ? [insertRows(meta(IdempotencyKeyEntity), keyRows)] : []),
  ]);
  return answerRepeats();
}
