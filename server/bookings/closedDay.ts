/**
 * A day that closes after workers booked it (a typhoon, a station's move, an extra working
 * day taken back): the bookings and waitlist places it would strand. The working calendar
 * passed in is the one with the change already written in this transaction, so a station
 * that keeps its own working day under a network-wide closure keeps its bookings.
 *
 * Bookings are cancelled the way a worker's own cancel does it (cancelAppointment), except
 * that the freed seat is not offered to the waitlist: nobody can come that day.
 */
import { In } from 'typeorm';
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import { conflict } from '../http/errors.js';
import { AppointmentEntity, AppointmentSeatEntity, WaitlistEntryEntity, type AppointmentRow } from './appointments.entity.js';
import { stationNames } from './bookings.repository.js';
import { notifyCancelledForClosure, notifyEnv, notifyWaitlistClosed } from './bookings.notify.js';
import { cancelAppointment } from './ledger.js';
import { LIVE_STATUSES } from './appointmentRules.js';

const WAITING = ['waiting', 'offered'] as const;

/** Booked or checked-in appointments on `date`, not over yet, at `stationId` (null: any station) where `calendar` has the day closed. */
export async function bookingsClosedBy(
  m: Manager,
  ctx: AppContext,
  date: string,
  stationId: number | null,
  calendar: WorkingCalendar,
): Promise<AppointmentRow[]> {
  const rows = await m.find(AppointmentEntity, {
    where: { date, status: In([...LIVE_STATUSES]), ...(stationId === null ? {} : { stationId }) },
    order: { startAt: 'ASC', id: 'ASC' },
  });
  const now = ctx.clock.now().getTime();
  return rows.filter((a) => a.endAt.getTime() > now && !calendar.isWorkingDay(date, a.stationId));
}

/** How many bookings per station (for the 409 that asks for confirmation). */
export function countByStation(bookings: readonly AppointmentRow[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const a of bookings) out.set(a.stationId, (out.get(a.stationId) ?? 0) + 1);
  return out;
}

export interface ClosedDayOutcome {
  cancelledBookings: number;
  closedWaitlist: number;
}

/**
 * Cancel `bookings` (found by bookingsClosedBy in this transaction) and let the waitlist
 * places of the closed station-days lapse, their held seats freed; every worker is told by
 * SMS with the day's reason. A booking changed at the same moment is a 409 (nothing written).
 */
export async function releaseClosedDay(
  m: Manager,
  ctx: AppContext,
  day: { date: string; stationId: number | null; calendar: WorkingCalendar },
  bookings: readonly AppointmentRow[],
  audit: { actor: AuthUser; requestId?: string; calendarDayId: number },
): Promise<ClosedDayOutcome> {
  const { date, calendar } = day;
  const reasonAt = (stationId: number) => calendar.dayInfo(date, stationId).name;
  const waitlist = (
    await m.find(WaitlistEntryEntity, {
      where: { date, status: In([...WAITING]), ...(day.stationId === null ? {} : { stationId: day.stationId }) },
      order: { id: 'ASC' },
    })
  ).filter((w) => !calendar.isWorkingDay(date, w.stationId));
  const names = await stationNames(m, [...bookings.map((a) => a.stationId), ...waitlist.map((w) => w.stationId)]);
  const env = notifyEnv(ctx);

  for (const a of bookings) {
    const cancelled = await cancelAppointment(m, ctx, a, { from: LIVE_STATUSES, offerSeat: false });
    if (!cancelled) throw conflict('A booking on that day changed at the same moment; please try again');
    await notifyCancelledForClosure(m, env, cancelled, names.get(a.stationId) ?? '', reasonAt(a.stationId));
    await recordAudit(m, ctx.clock, {
      actor: audit.actor,
      action: 'appointment.cancel',
      entity: 'appointment',
      entityId: a.id,
      details: { reason: 'closed_day', date, calendarDayId: audit.calendarDayId, from: a.status },
      requestId: audit.requestId,
    });
  }

  let closedWaitlist = 0;
  const now = ctx.clock.now();
  for (const entry of waitlist) {
    // The entry row is the lock, as for the hold expiry job: a claim at the same moment wins or loses whole.
    const lapsed = await m
      .createQueryBuilder()
      .update(WaitlistEntryEntity)
      .set({ status: 'expired', activeKey: null, updatedAt: now })
      .where("id = :id AND status IN ('waiting', 'offered')", { id: entry.id })
      .execute();
    if ((lapsed.affected ?? 0) !== 1) continue;
    await m.delete(AppointmentSeatEntity, { waitlistEntryId: entry.id, kind: 'hold' });
    await notifyWaitlistClosed(m, env, entry, names.get(entry.stationId) ?? '', reasonAt(entry.stationId));
    closedWaitlist++;
  }
  return { cancelledBookings: bookings.length, closedWaitlist };
}
