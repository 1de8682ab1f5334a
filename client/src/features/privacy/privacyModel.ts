/** Pure helpers for a worker's data request: the number typed, dates, what still blocks erasure. */
import type { SubjectRecords } from '../../api/client';
import { networkDate } from '../../lib/dates';
import { normalizePhone } from '../bookings/bookingModel';

const SEPARATORS = /[\s\-.()\u2010-\u2015\u2212]/g;

/**
 * The number as the server keys it: an 11-digit mobile (spaces, dashes, +86, full-width
 * digits allowed), or a landline with its area code (`0851…`); null when it is neither.
 * The server applies the same rule and has the last word.
 */
export function subjectPhone(input: string): string | null {
  const mobile = normalizePhone(input);
  if (mobile) return mobile;
  const digits = input.normalize('NFKC').replace(SEPARATORS, '');
  return /^0\d{9,11}$/.test(digits) ? digits : null;
}

/** `2026-03-05T14:30:00+08:00` → `2026-03-05 14:30` (the server already writes the network's time). */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

export const dateOnly = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');

export type Appointment = SubjectRecords['appointments'][number];
export type WaitlistPlace = SubjectRecords['waitlist'][number];

/**
 * A booking that is not over: booked or checked in, today or later. (The server counts
 * until the slot's end; a booking from earlier today may already be over, it says 409 or not.)
 */
export function isUpcomingAppointment(a: Appointment, now: Date = new Date()): boolean {
  if (a.status !== 'booked' && a.status !== 'checked_in') return false;
  return dateOnly(a.start) >= networkDate(now) || new Date(a.start).getTime() > now.getTime();
}

/** A waitlist place still waiting or offered, for today or later. */
export function isLiveWaitlist(w: WaitlistPlace, now: Date = new Date()): boolean {
  return (w.status === 'waiting' || w.status === 'offered') && w.date >= networkDate(now);
}

/** What erasure would refuse over (409): upcoming bookings and live waitlist places. */
export function blockers(r: SubjectRecords, now: Date = new Date()) {
  return {
    appointments: r.appointments.filter((a) => isUpcomingAppointment(a, now)),
    waitlist: r.waitlist.filter((w) => isLiveWaitlist(w, now)),
  };
}

/** Records held for the number: everything in the groups, the mentions in other people's records included. */
export function totalRecords(r: SubjectRecords): number {
  const c = r.counts;
  return c.appointments + c.waitlist + c.hotlineCalls + c.referrals + c.notifications + c.mentions;
}

/**
 * `personal-data-2026-03-05.json`, as the server names it. No number in the name: file names
 * end up in download lists and recent-files menus of a shared desk computer.
 */
export function exportName(kind: 'json' | 'xlsx', today: string = networkDate()): string {
  return `personal-data-${today}.${kind}`;
}

/**
 * A message's own subject, or null when its title is only the start of its text (an SMS
 * has no subject: its title is the text as sent, sender's signature in front, cut short).
 */
export function messageSubject(title: string | null | undefined, body: string): string | null {
  if (!title) return null;
  const bare = title
    .replace(/^【[^】]*】/, '')
    .replace(/(…|\.\.\.)$/, '')
    .trim();
  const text = body.trim();
  if (!bare || text.startsWith(bare) || bare.startsWith(text)) return null;
  return title;
}
