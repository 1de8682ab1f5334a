/**
 * Every SMS a worker gets, in Chinese and in English: one table per message kind. A
 * booking (and a waitlist place) stores the language the worker booked in (`lang`,
 * workerLang in server/http/messages.ts); each message is written in it, whoever causes
 * the message — the worker, staff, a coordinator's closure or a job. Chinese is the
 * network's language and every worker's unless they booked in English.
 *
 * SMS are short: plain words, no more than the Chinese says. Station names, lawyers'
 * names and a closure's reason are stored in Chinese and appear as they are.
 * tests/unit/bookings/workerSms.test.ts checks that every kind has both texts.
 */
import type { Lang } from '../http/messages.js';
import type { NewNotification } from '../notifications/outbox.js';

/** The sender's signature the SMS gateway registers; it opens every message, in either language. */
export const SMS_SIGNATURE = '【职工维权服务站】';

/** What each kind of message says: its parameters, already formatted (times as `YYYY-MM-DD HH:mm` in the network's time zone). */
export interface WorkerSmsParams {
  'booking.confirmed': { station: string; when: string; code: string };
  'booking.reminder': { station: string; when: string; code: string };
  'booking.cancelled': { station: string; when: string; code: string };
  /** `time`: HH:mm on `date`; `reason`: the closure's name, null when none is known. */
  'booking.cancelled_closure': { station: string; date: string; time: string; code: string; reason: string | null };
  'booking.rescheduled': { station: string; when: string; code: string };
  'booking.lawyer_changed': { station: string; date: string; time: string; code: string; lawyer: string };
  /** `holdUntil`: HH:mm. */
  'waitlist.offer': { station: string; when: string; holdUntil: string; code: string };
  'waitlist.closed': { station: string; date: string; code: string; reason: string | null };
}

export type WorkerSmsKind = keyof WorkerSmsParams;

type Texts<K extends WorkerSmsKind> = Record<Lang, (p: WorkerSmsParams[K]) => string>;

/** Why a station is closed, as the Chinese message says it: `因台风停业，` (nothing when no reason is known). */
const because = (reason: string | null) => (reason ? `因${reason}，` : '');
/** The same in English: ` (台风停业)`. */
const reasonEn = (reason: string | null) => (reason ? ` (${reason})` : '');

export const WORKER_SMS: { readonly [K in WorkerSmsKind]: Texts<K> } = {
  'booking.confirmed': {
    zh: (p) => `您已预约${p.station} ${p.when}的免费法律咨询，预约码 ${p.code}。查询、取消或改期请凭预约码和手机号办理。`,
    en: (p) => `Booked: free legal consultation at ${p.station}, ${p.when}. Code ${p.code}. To check, cancel or move it, use the code and your phone number.`,
  },
  'booking.reminder': {
    zh: (p) => `提醒：您预约了明天 ${p.when} 在${p.station}的法律咨询（预约码 ${p.code}）。不能前来请提前取消。`,
    en: (p) => `Reminder: your legal consultation is tomorrow, ${p.when}, at ${p.station} (code ${p.code}). If you cannot come, please cancel in advance.`,
  },
  'booking.cancelled': {
    zh: (p) => `您在${p.station} ${p.when}的预约（${p.code}）已取消。`,
    en: (p) => `Your booking at ${p.station}, ${p.when} (${p.code}) is cancelled.`,
  },
  'booking.cancelled_closure': {
    zh: (p) =>
      `${because(p.reason)}${p.station} ${p.date} 暂停服务，您当天 ${p.time} 的法律咨询预约（${p.code}）已取消。欢迎另选日期重新预约，给您带来不便，敬请谅解。`,
    en: (p) =>
      `${p.station} is closed on ${p.date}${reasonEn(p.reason)}, so your consultation at ${p.time} (${p.code}) is cancelled. Please book another day. Sorry for the trouble.`,
  },
  'booking.rescheduled': {
    zh: (p) => `您的预约（${p.code}）已改到${p.station} ${p.when}。`,
    en: (p) => `Your booking (${p.code}) is moved to ${p.station}, ${p.when}.`,
  },
  'booking.lawyer_changed': {
    zh: (p) => `您预约的${p.station} ${p.date} ${p.time} 法律咨询（预约码 ${p.code}）改由 ${p.lawyer} 律师接待，时间地点不变。`,
    en: (p) => `Your consultation at ${p.station}, ${p.date} ${p.time} (code ${p.code}) is now with lawyer ${p.lawyer}. Time and place are the same.`,
  },
  'waitlist.offer': {
    zh: (p) => `${p.station} ${p.when}有空位，已为您保留到 ${p.holdUntil}。请凭候补码 ${p.code} 和手机号确认预约，逾时将让给下一位。`,
    en: (p) => `A place is free at ${p.station}, ${p.when}, held for you until ${p.holdUntil}. Confirm with code ${p.code} and your phone number, or it goes to the next person.`,
  },
  'waitlist.closed': {
    zh: (p) => `${because(p.reason)}${p.station} ${p.date} 暂停服务，您的候补（${p.code}）已取消。欢迎另选日期预约。`,
    en: (p) => `${p.station} is closed on ${p.date}${reasonEn(p.reason)}, so your waitlist place (${p.code}) is cancelled. Please book another day.`,
  },
};

export const WORKER_SMS_KINDS = Object.keys(WORKER_SMS) as WorkerSmsKind[];

/** A message's text in `lang`. */
export function workerSmsText<K extends WorkerSmsKind>(kind: K, lang: Lang, params: WorkerSmsParams[K]): string {
  return (WORKER_SMS[kind] as Texts<K>)[lang](params);
}

type SmsExtra = Pick<NewNotification, 'sendAt' | 'dedupeKey' | 'payload'>;

/** An SMS to a worker in `lang`, as an outbox message (pure). Every worker SMS is made here. */
export function workerSms<K extends WorkerSmsKind>(phone: string, kind: K, lang: Lang, params: WorkerSmsParams[K], extra: SmsExtra = {}): NewNotification {
  const body = workerSmsText(kind, lang, params);
  return { channel: 'sms', kind, recipientPhone: phone, title: `${SMS_SIGNATURE}${body.slice(0, 60)}`, body, ...extra };
}
