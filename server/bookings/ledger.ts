/**
 * The ledger's commands on an ORM transaction (moving a booking, the waitlist, the
 * desk): resolving a slot, the per-phone limits, giving a seat back, and offering a
 * freed seat to the first person on the waitlist. Each runs inside the caller's
 * transaction. The seat's unique index — not these checks — is what stops a double
 * booking; the checks only give the nicer message first. A new booking is placed by
 * placement.ts.
 */
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { badRequest, conflict } from '../http/errors.js';
import { zonedInstant } from '../lib/dates.js';
import type { StationRow } from '../stations/stations.entity.js';
import {
  AppointmentSeatEntity,
  WaitlistEntryEntity,
  type AppointmentRow,
  type AppointmentSeatRow,
  type AppointmentStatus,
} from './appointments.entity.js';
import { phoneRuleViolation } from './appointmentRules.js';
import { activeStation, insertUnlessTaken, liveBookingsOfPhone, loadSchedule, lockAppointment, lockPhone } from './bookings.repository.js';
import { notifyEnv, notifyWaitlistOffer } from './bookings.notify.js';
import { phoneRuleError } from './placement.js';
import { computeSlots, findSlot, localStartOf, type Slot } from './slots.js';

export function slotOptions(ctx: AppContext) {
  return {
    now: ctx.clock.now(),
    timeZone: ctx.config.timeZone,
    minNoticeMinutes: ctx.config.booking.minNoticeMinutes,
    horizonDays: ctx.config.booking.horizonDays,
  };
}

/** The bookable slots of a station on one day, as they stand in this transaction. */
export async function slotsOfDay(m: Manager, ctx: AppContext, station: StationRow, date: string): Promise<Slot[]> {
  const schedule = await loadSchedule(m, station.id, date, date);
  return computeSlots({
    station,
    date,
    shifts: schedule.shifts,
    calendar: schedule.calendar,
    booked: schedule.taken.get(date) ?? new Map(),
    ...slotOptions(ctx),
  });
}

/** The slot a requested start names, or 400: a start that is not a real, current slot. */
export async function resolveSlot(m: Manager, ctx: AppContext, station: StationRow, startIso: string): Promise<Slot> {
  const local = localStartOf(startIso, ctx.config.timeZone);
  const slot = local ? findSlot(await slotsOfDay(m, ctx, station, local.date), startIso) : null;
  if (!slot) {
    throw badRequest('That time is not a bookable consultation slot', [
      { path: 'start', message: 'is not the start of a slot of this station (see GET /api/stations/:id/slots)' },
    ]);
  }
  return slot;
}

export async function requireStation(m: Manager, stationId: number): Promise<StationRow> {
  const station = await activeStation(m, stationId);
  if (!station) throw badRequest('No such station', [{ path: 'stationId', message: 'no open station has this id' }]);
  return station;
}

/**
 * 409 when one phone would hold too many upcoming bookings, or two at once. Concurrent
 * bookings of one phone serialise on its guard row. On MySQL (repeatable read) the
 * transaction's snapshot starts at its first plain read, so a caller that reads before
 * placing a booking should take `lockPhone` first, or a booking committed meanwhile by
 * the same phone is not seen here.
 */
export async function assertPhoneMayBook(
  m: Manager,
  ctx: AppContext,
  phone: string,
  span: { start: Date; end: Date },
  exceptId?: number,
): Promise<void> {
  const now = ctx.clock.now();
  await lockPhone(m, phone, now);
  const problem = phoneRuleViolation(await liveBookingsOfPhone(m, phone, now), span, now, ctx.config.booking.maxFuturePerPhone, exceptId);
  if (problem) throw phoneRuleError(problem);
}

export type FreedSeat = Pick<AppointmentSeatRow, 'stationId' | 'date' | 'slotTime' | 'seatNo'>;

/** Give back the seat an appointment holds (cancel, no-show, moved away); the caller may offer it on. */
export async function releaseClaimOf(m: Manager, appointmentId: number): Promise<FreedSeat | null> {
  const seat = await m.findOneBy(AppointmentSeatEntity, { appointmentId });
  if (!seat) return null;
  await m.delete(AppointmentSeatEntity, { id: seat.id });
  return seat;
}

/**
 * Cancel an appointment that is still in one of `from`: the status, and its seat given back —
 * offered to the first person waiting when `offerSeat` (a day that stays open), or simply
 * freed. Returns the cancelled row, or null when it changed meanwhile (nothing written).
 * The caller tells the worker (bookings.notify.ts) and writes the audit entry.
 */
export async function cancelAppointment(
  m: Manager,
  ctx: AppContext,
  a: AppointmentRow,
  opts: { from: readonly AppointmentStatus[]; offerSeat: boolean },
): Promise<AppointmentRow | null> {
  const now = ctx.clock.now();
  if (!(await lockAppointment(m, a, opts.from, { status: 'cancelled', cancelledAt: now }, now))) return null;
  const freed = await releaseClaimOf(m, a.id);
  if (freed && opts.offerSeat) await offerFreedSeat(m, ctx, freed);
  return { ...a, status: 'cancelled', cancelledAt: now, version: a.version + 1, updatedAt: now };
}

/**
 * A seat just came free: hold it for the first person waiting for that station and
 * day (if the slot can still be booked), and tell them by SMS. Returns the entry id
 * offered, or null when the seat simply goes back on sale.
 */
export async function offerFreedSeat(m: Manager, ctx: AppContext, seat: FreedSeat): Promise<number | null> {
  const now = ctx.clock.now();
  const startAt = zonedInstant(seat.date, seat.slotTime, ctx.config.timeZone);
  if (startAt.getTime() < now.getTime() + ctx.config.booking.minNoticeMinutes * 60_000) return null;
  const line = await m.find(WaitlistEntryEntity, {
    where: { stationId: seat.stationId, date: seat.date, status: 'waiting' },
    order: { id: 'ASC' },
    take: 5,
  });
  for (const entry of line) {
    // The entry row is the lock: two seats freed at once never go to the same person.
    const taken = await m
      .createQueryBuilder()
      .update(WaitlistEntryEntity)
      .set({ status: 'offered', offeredAt: now, updatedAt: now })
      .where("id = :id AND status = 'waiting'", { id: entry.id })
      .execute();
    if ((taken.affected ?? 0) !== 1) continue;
    const holdUntil = new Date(now.getTime() + ctx.config.booking.waitlistHoldMinutes * 60_000);
    const held = await insertUnlessTaken(m, AppointmentSeatEntity, {
      ...pickSeat(seat),
      kind: 'hold',
      appointmentId: null,
      waitlistEntryId: entry.id,
      holdUntil,
      createdAt: now,
    });
    if (held === null) throw conflict('The seat was taken meanwhile; please retry');
    const station = await activeStation(m, seat.stationId);
    await notifyWaitlistOffer(m, notifyEnv(ctx), { ...entry, status: 'offered' }, station?.name ?? '', startAt, holdUntil);
    return entry.id;
  }
  return null;
}

function pickSeat(s: FreedSeat): FreedSeat {
  return { stationId: s.stationId, date: s.date, slotTime: s.slotTime, seatNo: s.seatNo };
}
