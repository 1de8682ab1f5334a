/**
 * The rules of the booking ledger that need no database: status transitions,
 * the per-phone limits, the duty lawyer of a slot, a day's availability summary
 * and when a reminder goes out. Pure: no I/O, no clock (`now` is passed in).
 */
import { zonedParts } from '../lib/dates.js';
import type { AppointmentStatus } from './appointments.entity.js';
import type { Slot } from './slots.js';

/** Status changes staff and lawyers make (cancelling is the worker's, via code + phone). */
export const STAFF_TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = Object.freeze({
  booked: ['checked_in', 'no_show'],
  checked_in: ['completed'],
  completed: [],
  no_show: [],
  cancelled: [],
});

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return STAFF_TRANSITIONS[from].includes(to);
}

/** Statuses that hold a seat claim. A no-show or a cancellation gives the seat back. */
export const SEAT_HOLDING: readonly AppointmentStatus[] = ['booked', 'checked_in', 'completed'];
/** Bookings someone may still turn up for (what a phone's limits and a closed day count). */
export const LIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'checked_in'];

export interface PhoneBooking {
  id: number;
  status: AppointmentStatus;
  startAt: Date;
  endAt: Date;
}

export type PhoneRuleViolation =
  | { kind: 'too_many'; limit: number }
  | { kind: 'overlap'; with: PhoneBooking };

/**
 * Whether one phone may hold a booking for [start, end): at most `maxFuture` upcoming
 * bookings, and never two that overlap in time (at any stations). `exceptId` is the
 * booking being moved, which does not count against itself.
 */
export function phoneRuleViolation(
  existing: readonly PhoneBooking[],
  next: { start: Date; end: Date },
  now: Date,
  maxFuture: number,
  exceptId?: number,
): PhoneRuleViolation | null {
  const others = existing.filter((b) => b.id !== exceptId);
  const clash = others.find(
    (b) => (b.status === 'booked' || b.status === 'checked_in') && b.startAt < next.end && next.start < b.endAt,
  );
  if (clash) return { kind: 'overlap', with: clash };
  const upcoming = others.filter((b) => b.status === 'booked' && b.startAt.getTime() > now.getTime()).length;
  if (upcoming >= maxFuture) return { kind: 'too_many', limit: maxFuture };
  return null;
}

/**
 * A walk-in is registered on the day it happens (it is saved checked in, and nobody is
 * checked in before the day of their consultation): its start must fall on today's date in
 * the network's time zone. Earlier or later today is fine: the desk may be catching up.
 */
export function isWalkInDay(start: Date, now: Date, timeZone: string): boolean {
  return zonedParts(start, timeZone).date === zonedParts(now, timeZone).date;
}

export interface DutyShift {
  lawyerId: number;
  lawyerName: string;
  start: string;
  end: string;
}

/**
 * Who sees the worker in a slot starting at `time` (HH:mm) and lasting `minutes`: the
 * lawyers whose shift covers the whole slot, else everyone on duty that day (a walk-in
 * outside the slot grid), joined with "、"; null when nobody is on duty.
 */
export function lawyerNameAt(shifts: readonly DutyShift[], time: string, minutes: number): string | null {
  const start = toMinutes(time);
  const covering = shifts.filter((s) => toMinutes(s.start) <= start && start + minutes <= toMinutes(s.end));
  const names = [...new Set((covering.length ? covering : shifts).map((s) => s.lawyerName))];
  return names.length ? names.join('、') : null;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export interface DayAvailability {
  date: string;
  /** The day has bookable slots at all (open, staffed, inside the booking window). */
  open: boolean;
  /** Free seats left across the day's slots. */
  remaining: number;
}

export function dayAvailability(date: string, slots: readonly Slot[]): DayAvailability {
  return { date, open: slots.length > 0, remaining: slots.reduce((n, s) => n + s.remaining, 0) };
}

export const REMINDER_LEAD_MS = 24 * 60 * 60_000;

/** When the reminder goes out, or null when the booking is too close for one to make sense. */
export function reminderTime(start: Date, now: Date): Date | null {
  const at = new Date(start.getTime() - REMINDER_LEAD_MS);
  return at.getTime() > now.getTime() ? at : null;
}
