/**
 * The SMS a worker gets about a booking, written to the outbox inside the
 * transaction that made the change. Reminders carry the start in their dedupe
 * key, and a cancel or a move deletes the pending one in the same transaction,
 * so a stale reminder can never go out.
 */
import type { AppContext, Clock } from '../context.js';
import type { Manager } from '../db/db.js';
import { enqueueNotification, type NewNotification } from '../notifications/outbox.js';
import { NotificationEntity } from '../notifications/notifications.entity.js';
import { zonedParts } from '../lib/dates.js';
import type { AppointmentRow, WaitlistEntryRow } from './appointments.entity.js';
import { reminderTime } from './appointmentRules.js';

const SIGNATURE = '【职工维权服务站】';

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

type SmsExtra = Pick<NewNotification, 'sendAt' | 'dedupeKey' | 'payload'>;

/** An SMS to a worker, as an outbox message (pure). */
function smsMessage(phone: string, kind: string, body: string, extra: SmsExtra = {}): NewNotification {
  return { channel: 'sms', kind, recipientPhone: phone, title: `${SIGNATURE}${body.slice(0, 60)}`, body, ...extra };
}

async function sms(m: Manager, env: NotifyEnv, phone: string, kind: string, body: string, extra: SmsExtra = {}) {
  await enqueueNotification(m, env.clock, smsMessage(phone, kind, body, extra));
}

/** The confirmation of a new booking and, when it is far enough ahead, its reminder (pure). */
export function bookedMessages(env: NotifyEnv, a: AppointmentRow, stationName: string): NewNotification[] {
  const confirmation = smsMessage(
    a.phone,
    'booking.confirmed',
    `您已预约${stationName} ${when(a.startAt, env.timeZone)}的免费法律咨询，预约码 ${a.code}。查询、取消或改期请凭预约码和手机号办理。`,
    { dedupeKey: `appt:${a.id}:confirmed`, payload: { appointmentId: a.id } },
  );
  const reminder = reminderMessage(env, a, stationName);
  return reminder ? [confirmation, reminder] : [confirmation];
}

function reminderMessage(env: NotifyEnv, a: AppointmentRow, stationName: string): NewNotification | null {
  const sendAt = reminderTime(a.startAt, env.clock.now());
  if (!sendAt) return null;
  return smsMessage(a.phone, 'booking.reminder', `提醒：您预约了明天 ${when(a.startAt, env.timeZone)} 在${stationName}的法律咨询（预约码 ${a.code}）。不能前来请提前取消。`, {
    sendAt,
    dedupeKey: reminderKey(a),
    payload: { appointmentId: a.id },
  });
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
  await sms(m, env, a.phone, 'booking.cancelled', `您在${stationName} ${when(a.startAt, env.timeZone)}的预约（${a.code}）已取消。`, {
    dedupeKey: `appt:${a.id}:cancelled`,
    payload: { appointmentId: a.id },
  });
}

/** Why a station is closed on a day, as the message says it: `因台风停业，` (nothing when no reason is known). */
const because = (reason: string | null) => (reason ? `因${reason}，` : '');

/**
 * The station closed the booked day (a coordinator's closure): the booking is cancelled,
 * the worker is told why and asked to book another day.
 */
export async function notifyCancelledForClosure(
  m: Manager,
  env: NotifyEnv,
  a: AppointmentRow,
  stationName: string,
  reason: string | null,
): Promise<void> {
  await withdrawReminder(m, a);
  await sms(
    m,
    env,
    a.phone,
    'booking.cancelled_closure',
    `${because(reason)}${stationName} ${a.date} 暂停服务，您当天 ${zonedParts(a.startAt, env.timeZone).time} 的法律咨询预约（${a.code}）已取消。欢迎另选日期重新预约，给您带来不便，敬请谅解。`,
    { dedupeKey: `appt:${a.id}:cancelled`, payload: { appointmentId: a.id, reason } },
  );
}

/** The same for a place on that day's waitlist: it lapses, and the worker is told. */
export async function notifyWaitlistClosed(
  m: Manager,
  env: NotifyEnv,
  entry: WaitlistEntryRow,
  stationName: string,
  reason: string | null,
): Promise<void> {
  await sms(
    m,
    env,
    entry.phone,
    'waitlist.closed',
    `${because(reason)}${stationName} ${entry.date} 暂停服务，您的候补（${entry.code}）已取消。欢迎另选日期预约。`,
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
  await sms(
    m,
    env,
    after.phone,
    'booking.rescheduled',
    `您的预约（${after.code}）已改到${stationName} ${when(after.startAt, env.timeZone)}。`,
    { dedupeKey: `appt:${after.id}:moved:${after.startAt.getTime()}:${after.version}`, payload: { appointmentId: after.id } },
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
  await sms(
    m,
    env,
    entry.phone,
    'waitlist.offer',
    `${stationName} ${when(startAt, env.timeZone)}有空位，已为您保留到 ${zonedParts(holdUntil, env.timeZone).time}。请凭候补码 ${entry.code} 和手机号确认预约，逾时将让给下一位。`,
    { dedupeKey: `waitlist:${entry.id}:offer:${startAt.getTime()}:${holdUntil.getTime()}`, payload: { waitlistEntryId: entry.id } },
  );
}
