/**
 * A day that closes after workers booked it (a typhoon, a station's move, an extra working
 * day taken back): the bookings and waitlist places it strands, and their cancellation.
 *
 * The closure itself (calendar.service.ts) is one short transaction that locks the stations
 * it closes (lockStationsForClosure), writes the day and counts what it strands. From the
 * moment it commits no booking can land on the day: every booking holds its station's row
 * with a shared lock while it reads the calendar (placement.ts), so it either committed
 * before the closure took the row — and the closure counts it — or it reads the closure.
 *
 * The stranded bookings are cancelled in batches (releaseBatch), set-based: a batch locks its
 * bookings by primary key, cancels them, frees their seats, withdraws their reminders, writes
 * each worker's SMS (in the language they booked in) and each cancellation's audit entry
 * under the coordinator's name, all in a few statements. The first batch runs inside the
 * closure's transaction, so a closure of one station stays one transaction as before; if more
 * is left, a `closed_day_releases` row says so, and the rest runs batch after batch in short
 * transactions of their own (runRelease), which no booking waits behind for long. Each batch
 * reads what is still live, so batches are idempotent: an instance that dies half-way leaves
 * the row pending for the job (resumeClosedDayReleases) on any instance, and two instances
 * working on one release at once each cancel a booking only if it is still live when they
 * hold its row. A batch reads the calendar as it stands: if the closure was removed
 * meanwhile, nothing more is cancelled.
 *
 * Bookings are cancelled the way a worker's own cancel does it (ledger.ts cancelAppointment),
 * except that the freed seat is not offered to the waitlist: nobody can come that day.
 */
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { insertRows, readDatetime, sqlOf, type Sql } from '../db/sql.js';
import { recordAudit } from '../audit/audit.js';
import { AuditEntity } from '../audit/audit.entity.js';
import type { AuditAction } from '../audit/auditCatalog.js';
import { loadLocalDays } from '../calendar/calendar.repository.js';
import { WorkingCalendar, type LocalDay } from '../calendar/workingCalendar.js';
import { addDays, zonedInstant } from '../lib/dates.js';
import type { Lang } from '../http/messages.js';
import { NotificationEntity } from '../notifications/notifications.entity.js';
import { outboxRow } from '../notifications/outbox.js';
import { closureCancelMessage, notifyEnv, reminderKey, waitlistClosedMessage } from './bookings.notify.js';
import { metaOf } from './placement.js';
import { ClosedDayReleaseEntity, type ClosedDayReleaseRow } from './closedDayRelease.entity.js';

/** Bookings (and waitlist places) cancelled per transaction. */
export const RELEASE_BATCH = 500;
/**
 * The closure's own transaction cancels fewer: on MySQL it holds the rows of the stations it
 * closes (for a network-wide closure, every station's: all bookings wait), so it stays short.
 */
export const FIRST_BATCH = 100;

const LIVE = "('booked', 'checked_in')";
const WAITING = "('waiting', 'offered')";
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Lock the rows of the stations a closure closes — one station, or every station (null) —
 * before the closure reads or writes anything, so that its reads see every booking committed
 * before it and no booking placed after it misses the closure (MySQL; SQLite's write
 * transactions never overlap). Locked in id order, as bookings' shared locks are taken.
 */
export async function lockStationsForClosure(m: Manager, stationId: number | null): Promise<void> {
  const sql = sqlOf(m);
  if (sql.dialect !== 'mysql') return;
  await sql.batch([
    stationId === null
      ? { sql: 'SELECT id FROM stations ORDER BY id FOR UPDATE' }
      : { sql: 'SELECT id FROM stations WHERE id = ? FOR UPDATE', params: [stationId] },
  ]);
}

/**
 * Hold a station's row with a shared lock for this transaction (MySQL): a booking, a move or a
 * waitlist claim at the station then serialises with a closure of it (see the header). Take
 * it before the transaction's first plain read, whose snapshot then includes the closure.
 */
export async function lockStationShared(m: Manager, stationId: number): Promise<void> {
  const sql = sqlOf(m);
  if (sql.dialect !== 'mysql') return;
  await sql.batch([{ sql: 'SELECT id FROM stations WHERE id = ? LOCK IN SHARE MODE', params: [stationId] }]);
}

/** The stations a day leaves closed on `date`: only these, or every station but these. */
export type ClosedStations = { only: number[] } | { allBut: number[] };

/**
 * Which stations are closed on `date` as far as a closure of `stationId` (null: the whole
 * network) is concerned, by the local days of that date: a station that keeps its own
 * working day under a network-wide closure keeps its bookings.
 */
export function closedStationsOf(days: readonly LocalDay[], date: string, stationId: number | null): ClosedStations {
  const calendar = new WorkingCalendar(days);
  if (stationId !== null) return { only: calendar.isWorkingDay(date, stationId) ? [] : [stationId] };
  if (calendar.isWorkingDay(date, null)) return { only: [] };
  const own = new Set(days.filter((d) => d.date === date && d.stationId != null).map((d) => d.stationId!));
  return { allBut: [...own].filter((id) => calendar.isWorkingDay(date, id)).sort((a, b) => a - b) };
}

/** The condition on `station_id` for `closed`; null when no station is closed. */
function stationCondition(closed: ClosedStations): { sql: string; params: number[] } | null {
  if ('only' in closed) return closed.only.length ? { sql: ` AND station_id IN (${marks(closed.only.length)})`, params: closed.only } : null;
  return closed.allBut.length ? { sql: ` AND station_id NOT IN (${marks(closed.allBut.length)})`, params: closed.allBut } : { sql: '', params: [] };
}

/**
 * Live bookings (booked or checked in) on `date`, not over at `now`, that start on that day:
 * the day's instants bound the scan to ix_appointments_status_start.
 */
function liveOn(ctx: AppContext, date: string, now: Date): { sql: string; params: unknown[] } {
  const tz = ctx.config.timeZone;
  return {
    sql: `status IN ${LIVE} AND start_at >= ? AND start_at < ? AND date = ? AND end_at > ?`,
    params: [zonedInstant(date, '00:00', tz), zonedInstant(addDays(date, 1), '00:00', tz), date, now],
  };
}

export interface Stranded {
  /** Live bookings per station. */
  bookings: Map<number, number>;
  /** Waiting or offered waitlist places. */
  waitlist: number;
}

/** What a closure of `stationId` (null: all) on `date` strands, as the calendar in this transaction has it. */
export async function strandedBy(m: Manager, ctx: AppContext, date: string, stationId: number | null): Promise<Stranded> {
  const closed = stationCondition(closedStationsOf(await loadLocalDays(m, date, date), date, stationId));
  const out: Stranded = { bookings: new Map(), waitlist: 0 };
  if (!closed) return out;
  const live = liveOn(ctx, date, ctx.clock.now());
  const [perStation, waiting] = await sqlOf(m).batch([
    { sql: `SELECT station_id AS stationId, COUNT(*) AS n FROM appointments WHERE ${live.sql}${closed.sql} GROUP BY station_id ORDER BY station_id`, params: [...live.params, ...closed.params] },
    { sql: `SELECT COUNT(*) AS n FROM waitlist_entries WHERE date = ? AND status IN ${WAITING}${closed.sql}`, params: [date, ...closed.params] },
  ]);
  for (const r of perStation!.rows) out.bookings.set(Number(r.stationId), Number(r.n));
  out.waitlist = Number(waiting!.rows[0]?.n ?? 0);
  return out;
}

export const total = (s: Stranded) => [...s.bookings.values()].reduce((a, b) => a + b, 0);

export interface ClosedDayOutcome {
  cancelledBookings: number;
  closedWaitlist: number;
}

/** One closure's cancellations: the day, and who closed it (named in each cancellation's audit entry). */
export interface ReleaseSpec {
  date: string;
  stationId: number | null;
  /** The local day added (a closure) or removed (an extra working day). */
  calendarDayId: number | null;
  actor: { id: number; username: string } | null;
  requestId?: string | null;
}

/**
 * Cancel up to `limit` of the bookings and lapse up to `limit` of the waitlist places that the
 * day strands now, in the caller's transaction. `more`: a full batch, so there may be more.
 */
export async function releaseBatch(m: Manager, ctx: AppContext, spec: ReleaseSpec, limit = RELEASE_BATCH): Promise<ClosedDayOutcome & { more: boolean }> {
  const { date } = spec;
  const days = await loadLocalDays(m, date, date);
  const closed = stationCondition(closedStationsOf(days, date, spec.stationId));
  if (!closed) return { cancelledBookings: 0, closedWaitlist: 0, more: false };
  const sql = sqlOf(m);
  const forUpdate = sql.dialect === 'mysql' ? ' FOR UPDATE' : '';
  const now = ctx.clock.now();
  const live = liveOn(ctx, date, now);
  const n = Math.max(1, Math.floor(limit));

  // The candidates, then their rows locked by primary key (exactly these rows, as they are now:
  // one that changed meanwhile is taken only if it is still live on this day).
  const [booked, waiting] = await sql.batch([
    { sql: `SELECT id FROM appointments WHERE ${live.sql}${closed.sql} ORDER BY id LIMIT ${n}`, params: [...live.params, ...closed.params] },
    { sql: `SELECT id FROM waitlist_entries WHERE date = ? AND status IN ${WAITING}${closed.sql} ORDER BY id LIMIT ${n}`, params: [date, ...closed.params] },
  ]);
  const bookingIds = booked!.rows.map((r) => Number(r.id));
  const entryIds = waiting!.rows.map((r) => Number(r.id));
  const locks = [];
  if (bookingIds.length) {
    locks.push({
      sql: `SELECT id, station_id AS stationId, date, start_at AS startAt, phone, code, lang, status FROM appointments WHERE id IN (${marks(bookingIds.length)}) AND status IN ${LIVE} AND date = ? AND end_at > ? ORDER BY id${forUpdate}`,
      params: [...bookingIds, date, now],
    });
  }
  if (entryIds.length) {
    locks.push({
      sql: `SELECT id, station_id AS stationId, date, phone, code, lang FROM waitlist_entries WHERE id IN (${marks(entryIds.length)}) AND status IN ${WAITING} AND date = ? ORDER BY id${forUpdate}`,
      params: [...entryIds, date],
    });
  }
  const locked = await sql.batch(locks);
  const bookings = bookingIds.length ? locked.shift()!.rows.map(bookingOf) : [];
  const entries = entryIds.length ? locked.shift()!.rows.map(entryOf) : [];
  const more = bookingIds.length === n || entryIds.length === n;
  if (bookings.length + entries.length === 0) return { cancelledBookings: 0, closedWaitlist: 0, more };

  const calendar = new WorkingCalendar(days);
  const reason = (stationId: number) => calendar.dayInfo(date, stationId).name;
  const names = await stationNamesOf(sql, [...bookings.map((a) => a.stationId), ...entries.map((w) => w.stationId)]);
  const env = notifyEnv(ctx);
  const meta = metaOf(ctx);
  const messages = [
    ...bookings.map((a) => closureCancelMessage(env, a, names.get(a.stationId) ?? '', reason(a.stationId))),
    ...entries.map((w) => waitlistClosedMessage(w, names.get(w.stationId) ?? '', reason(w.stationId))),
  ].map((msg) => outboxRow(msg, now));
  const writes = [];
  if (bookings.length) {
    const ids = bookings.map((a) => a.id);
    const action: AuditAction = 'appointment.cancel';
    writes.push(
      { sql: `UPDATE appointments SET status = 'cancelled', cancelled_at = ?, version = version + 1, updated_at = ? WHERE id IN (${marks(ids.length)})`, params: [now, now, ...ids] },
      { sql: `DELETE FROM appointment_seats WHERE appointment_id IN (${marks(ids.length)})`, params: ids },
      { sql: `DELETE FROM notifications WHERE dedupe_key IN (${marks(ids.length)}) AND status IN ('pending', 'failed')`, params: bookings.map(reminderKey) },
      insertRows(
        meta(AuditEntity),
        bookings.map((a) => ({
          at: now,
          userId: spec.actor?.id ?? null,
          username: spec.actor?.username ?? null,
          action,
          entity: 'appointment',
          entityId: String(a.id),
          details: { reason: 'closed_day', date, calendarDayId: spec.calendarDayId, from: a.status },
          requestId: spec.requestId ?? null,
        })),
      ),
    );
  }
  if (entries.length) {
    const ids = entries.map((w) => w.id);
    writes.push(
      { sql: `UPDATE waitlist_entries SET status = 'expired', active_key = NULL, updated_at = ? WHERE id IN (${marks(ids.length)})`, params: [now, ...ids] },
      { sql: `DELETE FROM appointment_seats WHERE waitlist_entry_id IN (${marks(ids.length)}) AND kind = 'hold'`, params: ids },
    );
  }
  writes.push(insertRows(meta(NotificationEntity), messages));
  await sql.batch(writes);
  return { cancelledBookings: bookings.length, closedWaitlist: entries.length, more };
}

/**
 * Cancel what a closure strands, in the closure's transaction (`m`): the first batch now;
 * if more is left, a pending release row, returned for runRelease to finish after the commit.
 */
export async function startRelease(m: Manager, ctx: AppContext, spec: ReleaseSpec, limit = FIRST_BATCH): Promise<{ outcome: ClosedDayOutcome; pending: number | null }> {
  const first = await releaseBatch(m, ctx, spec, limit);
  const outcome = { cancelledBookings: first.cancelledBookings, closedWaitlist: first.closedWaitlist };
  if (!first.more) return { outcome, pending: null };
  const row = await m.save(ClosedDayReleaseEntity, {
    date: spec.date,
    stationId: spec.stationId,
    calendarDayId: spec.calendarDayId,
    userId: spec.actor?.id ?? null,
    username: spec.actor?.username ?? null,
    requestId: spec.requestId ?? null,
    createdAt: ctx.clock.now(),
    doneAt: null,
  });
  return { outcome, pending: row.id };
}

/**
 * Run a pending release's batches, each in a transaction of its own, until nothing is left.
 * The run that finishes it records what it cancelled (`calendar_day.sweep`, under the
 * closure's coordinator); each cancellation has its own entry as well.
 */
export async function runRelease(ctx: AppContext, releaseId: number, limit = RELEASE_BATCH): Promise<ClosedDayOutcome> {
  const done: ClosedDayOutcome = { cancelledBookings: 0, closedWaitlist: 0 };
  for (let batches = 1; ; batches++) {
    const step = await ctx.db.tx(async (m) => {
      const release = await m.findOneBy(ClosedDayReleaseEntity, { id: releaseId });
      if (!release || release.doneAt) return null;
      const spec = specOf(release);
      const batch = await releaseBatch(m, ctx, spec, limit);
      if (batch.more) return batch;
      await m.update(ClosedDayReleaseEntity, { id: releaseId }, { doneAt: ctx.clock.now() });
      const cancelledBookings = done.cancelledBookings + batch.cancelledBookings;
      const closedWaitlist = done.closedWaitlist + batch.closedWaitlist;
      if (cancelledBookings + closedWaitlist > 0) {
        await recordAudit(m, ctx.clock, {
          actor: spec.actor,
          action: 'calendar_day.sweep',
          entity: 'calendar_day',
          entityId: spec.calendarDayId,
          details: { date: spec.date, stationId: spec.stationId, cancelledBookings, closedWaitlist, batches },
          requestId: spec.requestId ?? undefined,
        });
      }
      return batch;
    });
    if (!step) return done;
    done.cancelledBookings += step.cancelledBookings;
    done.closedWaitlist += step.closedWaitlist;
    if (!step.more) return done;
  }
}

/**
 * Finish the releases left pending (an instance stopped half-way): those started at least
 * `minAgeMs` ago, so that a closure still at work on its own is not chased. Safe on every
 * instance at once (see the header).
 */
export async function resumeClosedDayReleases(ctx: AppContext, opts: { minAgeMs?: number; limit?: number } = {}): Promise<{ releases: number } & ClosedDayOutcome> {
  const before = new Date(ctx.clock.now().getTime() - (opts.minAgeMs ?? 60_000));
  const pending = await ctx.db.read((m) =>
    m
      .createQueryBuilder(ClosedDayReleaseEntity, 'r')
      .where('r.done_at IS NULL AND r.created_at <= :before', { before })
      .orderBy('r.id', 'ASC')
      .getMany(),
  );
  const out = { releases: 0, cancelledBookings: 0, closedWaitlist: 0 };
  for (const r of pending) {
    const done = await runRelease(ctx, r.id, opts.limit);
    out.releases++;
    out.cancelledBookings += done.cancelledBookings;
    out.closedWaitlist += done.closedWaitlist;
  }
  return out;
}

function specOf(r: ClosedDayReleaseRow): ReleaseSpec {
  return {
    date: r.date,
    stationId: r.stationId,
    calendarDayId: r.calendarDayId,
    actor: r.userId === null ? null : { id: r.userId, username: r.username ?? '' },
    requestId: r.requestId,
  };
}

type Row = Record<string, unknown>;

function bookingOf(r: Row) {
  return {
    id: Number(r.id),
    stationId: Number(r.stationId),
    date: String(r.date),
    startAt: readDatetime(r.startAt),
    phone: String(r.phone),
    code: String(r.code),
    lang: String(r.lang) as Lang,
    status: String(r.status),
  };
}

function entryOf(r: Row) {
  return { id: Number(r.id), stationId: Number(r.stationId), date: String(r.date), phone: String(r.phone), code: String(r.code), lang: String(r.lang) as Lang };
}

async function stationNamesOf(sql: Sql, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const [rows] = await sql.batch([{ sql: `SELECT id, name FROM stations WHERE id IN (${marks(unique.length)})`, params: unique }]);
  return new Map(rows!.rows.map((r) => [Number(r.id), String(r.name)]));
}
