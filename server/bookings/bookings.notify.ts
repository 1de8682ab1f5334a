/**
 * The SMS a worker gets about a booking, written to the outbox inside the
 * transaction that made the change. Reminders carry the start in their dedupe
 * key, and a cancel or a move deletes the pending one in the same transaction,
 * so a stale reminder can never go out. Each message is written in the language stored on
 * the booking or waitlist place (workerSms.ts), whoever causes it.
 */
import type { AppContext, Clock } from '../context.js';
import type { Manager } from '../db/db.js';
import { enqueueNotification, type NewNotification } from '../notifications/outbox.js';
import { NotificationEntity } from '../notifications/notifications.entity.js';
import { zonedParts } from '../lib/dates.js';
import type { AppointmentRow, WaitlistEntryRow } from './appointments.entity.js';
import { reminderTime } from './appointmentRules.js';
import { workerSms } from './workerSms.js';

export interface NotifyEnv {
  clock: Clock;
  timeZone: string;
}

/** The clock and time zone the worker's messages are written with. */
export const notifyEnv = (ctx: AppContext): NotifyEnv => ({ clock: ctx.clock, timeZone: ctx.config.timeZone });

function when(startAt: Date, timeZone: string): string {
  const { date, time } = zonedParts(startAt, timeZone);
  return `${date} ${time}`;
}

export const reminderKey = (a: Pick<AppointmentRow, 'id' | 'startAt'>) => `appt:${a.id}:reminder:${a.startAt.getTime()}`;

/** The confirmation of a new booking and, when it is far enough ahead, its reminder (pure), in the booking's language. */
export function bookedMessages(env: NotifyEnv, a: AppointmentRow, stationName: string): NewNotification[] {
  const confirmation = workerSms(
    a.phone,
    'booking.confirmed',
    a.lang,
    { station: stationName, when: when(a.startAt, env.timeZone), code: a.code },
    { dedupeKey: `appt:${a.id}:confirmed`, payload: { appointmentId: a.id } },
  );
  const reminder = reminderMessage(env, a, stationName);
  return reminder ? [confirmation, reminder] : [confirmation];
}

function reminderMessage(env: NotifyEnv, a: AppointmentRow, stationName: string): NewNotification | null {
  const sendAt = reminderTime(a.startAt, env.clock.now());
  if (!sendAt) return null;
  return workerSms(
    a.phone,
    'booking.reminder',
    a.lang,
    { station: stationName, when: when(a.startAt, env.timeZone), code: a.code },
    { sendAt, dedupeKey: reminderKey(a), payload: { appointmentId: a.id } },
  );
}

export async function notifyBooked(m: Manager, env: NotifyEnv, a: AppointmentRow, stationName: string): Promise<void> {
  for (const n of bookedMessages(env, a, stationName)) await enqueueNotification(m, env.clock, n);
}

export async function scheduleReminder(m: Manager, env: NotifyEnv, a: AppointmentRow, stationName: string): Promise<void> {
  const reminder = reminderMessage(env, a, stationName);
  if (reminder) await enqueueNotification(m, env.clock, reminder);
}

/** Drop a reminder that has not gone out yet (the booking was cancelled or moved). */
export async function withdrawReminder(m: Manager, a: Pick<AppointmentRow, 'id' | 'startAt'>): Promise<void> {
  await m
    .createQueryBuilder()
    .delete()
    .from(NotificationEntity)
    .where("dedupe_key = :key AND status IN ('pending', 'failed')", { key: reminderKey(a) })
    .execute();
}

export async function notifyCancelled(m: Manager, env: NotifyEnv, a: AppointmentRow, stationName: string): Promise<void> {
  await withdrawReminder(m, a);
  await enqueueNotification(
    m,
    env.clock,
    workerSms(
      a.phone,
      'booking.cancelled',
      a.lang,
      { station: stationName, when: when(a.startAt, env.timeZone), code: a.code },
      { dedupeKey: `appt:${a.id}:cancelled`, payload: { appointmentId: a.id } },
    ),
  );
}

/**
 * The station closed the booked day (a coordinator's closure): the booking is cancelled,
 * the worker is told why and asked to book another day (pure; closedDay.ts writes these
 * for a whole batch at once, and withdraws the pending reminders, reminderKey, with them).
 */
export function closureCancelMessage(
  env: NotifyEnv,
  a: Pick<AppointmentRow, 'id' | 'phone' | 'lang' | 'date' | 'startAt' | 'code'>,
  stationName: string,
  reason: string | null,
): NewNotification {
  return workerSms(
    a.phone,
    'booking.cancelled_closure',
    a.lang,
    { station: stationName, date: a.date, time: zonedParts(a.startAt, env.timeZone).time, code: a.code, reason },
    { dedupeKey: `appt:${a.id}:cancelled`, payload: { appointmentId: a.id, reason } },
  );
}

/** The same for a place on that day's waitlist: it lapses, and the worker is told (pure). */
export function waitlistClosedMessage(
  entry: Pick<WaitlistEntryRow, 'id' | 'phone' | 'lang' | 'date' | 'code'>,
  stationName: string,
  reason: string | null,
): NewNotification {
  return workerSms(
    entry.phone,
    'waitlist.closed',
    entry.lang,
    { station: stationName, date: entry.date, code: entry.code, reason },
    { dedupeKey: `waitlist:${entry.id}:closed`, payload: { waitlistEntryId: entry.id, reason } },
  );
}

export async function notifyRescheduled(
  m: Manager,
  env: NotifyEnv,
  before: AppointmentRow,
  after: AppointmentRow,
  stationName: string,
): Promise<void> {
  await withdrawReminder(m, before);
  await enqueueNotification(
    m,
    env.clock,
    workerSms(
      after.phone,
      'booking.rescheduled',
      after.lang,
      { station: stationName, when: when(after.startAt, env.timeZone), code: after.code },
      { dedupeKey: `appt:${after.id}:moved:${after.startAt.getTime()}:${after.version}`, payload: { appointmentId: after.id } },
    ),
  );
  await scheduleReminder(m, env, after, stationName);
}

export async function notifyWaitlistOffer(
  m: Manager,
  env: NotifyEnv,
  entry: WaitlistEntryRow,
  stationName: string,
  startAt: Date,
  holdUntil: Date,
): Promise<void> {
  await enqueueNotification(
    m,
    env.clock,
    workerSms(
      entry.phone,
      'waitlist.offer',
      entry.lang,
      { station: stationName, when: when(startAt, env.timeZone), holdUntil: zonedParts(holdUntil, env.timeZone).time, code: entry.code },
      { dedupeKey: `waitlist:${entry.id}:offer:${startAt.getTime()}:${holdUntil.getTime()}`, payload: { waitlistEntryId: entry.id } },
    ),
  );
}
