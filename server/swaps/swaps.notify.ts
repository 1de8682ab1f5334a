/**
 * The messages a swap sends, written to the outbox in the transaction that made the
 * change: in-app (and e-mail, for users with an address) to the users linked to the
 * lawyers concerned and to coordinators, and
 * an SMS to each worker whose consultation is now with another lawyer. Every message has
 * a dedupe key, so a retried transaction or job never sends one twice.
 */
import { In } from 'typeorm';
import type { Clock } from '../context.js';
import type { Manager } from '../db/db.js';
import { AppointmentEntity } from '../bookings/appointments.entity.js';
import { lawyerNameAt, type DutyShift } from '../bookings/appointmentRules.js';
import { dutyShiftsOf } from '../bookings/bookings.repository.js';
import { workerSms } from '../bookings/workerSms.js';
import { enqueueNotification } from '../notifications/outbox.js';
import { notifyUser } from '../notifications/fanout.js';
import type { MessageText, SwapTextKey, SwapTextParams } from '../notifications/messageText.js';
import type { StationRow } from '../stations/stations.entity.js';
import { activeCoordinatorsOf, usersOfLawyers } from './swaps.repository.js';
import type { SwapRow } from './swaps.entity.js';

export interface SwapMessage {
  kind: string;
  title: string;
  body: string;
  /** The same, as data for the bell (messageText.ts). */
  text: MessageText;
}

/** What a message says about a swap: its day and station, and who is involved. */
export interface SwapStory {
  swap: SwapRow;
  stationName: string;
  fromName: string;
  toName: string | null;
  /** Exchange: the colleague's day and station. */
  toDate: string | null;
  toStationName: string | null;
}

const swapText = (key: SwapTextKey, s: SwapStory): MessageText => ({
  key,
  params: {
    date: s.swap.date,
    station: s.stationName,
    from: s.fromName,
    to: s.toName,
    otherDate: s.toDate,
    otherStation: s.toStationName,
    note: s.swap.note ?? null,
    decisionNote: s.swap.decisionNote ?? null,
    reason: s.swap.reason ?? null,
  } satisfies SwapTextParams,
});

const day = (s: SwapStory) => `${s.swap.date} ${s.stationName}`;
const otherDay = (s: SwapStory) => (s.toDate ? `${s.toDate} ${s.toStationName ?? ''}` : '');

export const swapMessages = {
  requestedNamed: (s: SwapStory): SwapMessage => ({
    kind: 'swap_requested',
    text: swapText('swap_requested', s),
    title: `换班请求：${day(s)}`,
    body: `${s.fromName} 希望将 ${day(s)} 的值班转给您${s.swap.note ? `（${s.swap.note}）` : ''}。请在“我的值班”中接受。`,
  }),
  requestedExchange: (s: SwapStory): SwapMessage => ({
    kind: 'swap_requested',
    text: swapText('swap_requested', s),
    title: `换班请求：${day(s)} ⇄ ${otherDay(s)}`,
    body: `${s.fromName} 希望用 ${day(s)} 的值班与您 ${otherDay(s)} 的值班互换${s.swap.note ? `（${s.swap.note}）` : ''}。请在“我的值班”中接受。`,
  }),
  openOffer: (s: SwapStory): SwapMessage => ({
    kind: 'swap_offer',
    text: swapText('swap_offer', s),
    title: `可接值班：${day(s)}`,
    body: `${s.fromName} 无法出席 ${day(s)} 的值班，您可以接手${s.swap.note ? `（${s.swap.note}）` : ''}。先接受者得。`,
  }),
  offerReminder: (s: SwapStory): SwapMessage => ({
    kind: 'swap_offer_reminder',
    text: swapText('swap_offer_reminder', s),
    title: `仍无人接手：${day(s)}`,
    body: `${s.fromName} 转让的 ${day(s)} 值班还没有人接手。若您可以出席，请在“我的值班”中接受。`,
  }),
  acceptedToRequester: (s: SwapStory, needsApproval: boolean): SwapMessage => ({
    kind: 'swap_accepted',
    text: swapText(needsApproval ? 'swap_accepted_pending' : 'swap_accepted', s),
    title: `${s.toName ?? ''} 已接受换班：${day(s)}`,
    body: needsApproval ? `${s.toName ?? ''} 已接受您 ${day(s)} 的换班请求，等待协调员审批。` : `${s.toName ?? ''} 已接受您 ${day(s)} 的换班请求。`,
  }),
  awaitingApproval: (s: SwapStory): SwapMessage => ({
    kind: 'swap_awaiting_approval',
    text: swapText('swap_awaiting_approval', s),
    title: `换班待审批：${day(s)}`,
    body: `${s.fromName} → ${s.toName ?? ''}：${day(s)}${s.toDate ? ` ⇄ ${otherDay(s)}` : ''}，双方已同意，请审批。`,
  }),
  applied: (s: SwapStory): SwapMessage => ({
    kind: 'swap_applied',
    text: swapText('swap_applied', s),
    title: `换班已生效：${day(s)}`,
    body: s.toDate
      ? `${s.fromName} 与 ${s.toName ?? ''} 已互换 ${day(s)} 与 ${otherDay(s)} 的值班。`
      : `${day(s)} 的值班已由 ${s.fromName} 转给 ${s.toName ?? ''}。`,
  }),
  rejected: (s: SwapStory): SwapMessage => ({
    kind: 'swap_rejected',
    text: swapText('swap_rejected', s),
    title: `换班未获批准：${day(s)}`,
    body: `${day(s)} 的换班请求未获批准${s.swap.decisionNote ? `：${s.swap.decisionNote}` : ''}。值班安排不变。`,
  }),
  declined: (s: SwapStory): SwapMessage => ({
    kind: 'swap_declined',
    text: swapText('swap_declined', s),
    title: `${s.toName ?? ''} 无法接班：${day(s)}`,
    body: `${s.toName ?? ''} 婉拒了您 ${day(s)} 的换班请求${s.swap.decisionNote ? `：${s.swap.decisionNote}` : ''}。值班安排不变，您可以改问其他同事或公开转让。`,
  }),
  cancelled: (s: SwapStory): SwapMessage => ({
    kind: 'swap_cancelled',
    text: swapText('swap_cancelled', s),
    title: `换班已撤回：${day(s)}`,
    body: `${day(s)} 的换班请求已撤回${s.swap.reason ? `（${s.swap.reason}）` : ''}。值班安排不变。`,
  }),
  expired: (s: SwapStory): SwapMessage => ({
    kind: 'swap_expired',
    text: swapText('swap_expired', s),
    title: `换班已过期：${day(s)}`,
    body: `${day(s)} 的换班请求在值班日前未完成，已过期。`,
  }),
};

/** In-app message (and e-mail where they have an address) to every active user linked to these lawyers; `event` names the dedupe key. */
export async function tellLawyers(m: Manager, clock: Clock, lawyerIds: number[], swap: SwapRow, event: string, msg: SwapMessage): Promise<number> {
  const users = await usersOfLawyers(m, lawyerIds);
  let n = 0;
  for (const u of users) {
    const added = await notifyUser(m, clock, u, {
      kind: msg.kind,
      title: msg.title,
      body: msg.body,
      text: msg.text,
      payload: { swapId: swap.id, shiftId: swap.shiftId, date: swap.date },
      dedupeKey: `swap:${swap.id}:${event}:${u.id}`,
    });
    if (added) n++;
  }
  return n;
}

export async function tellCoordinators(m: Manager, clock: Clock, swap: SwapRow, event: string, msg: SwapMessage): Promise<void> {
  for (const u of await activeCoordinatorsOf(m, swap.stationId)) {
    await notifyUser(m, clock, u, {
      kind: msg.kind,
      title: msg.title,
      body: msg.body,
      text: msg.text,
      payload: { swapId: swap.id, shiftId: swap.shiftId, date: swap.date },
      dedupeKey: `swap:${swap.id}:${event}:${u.id}`,
    });
  }
}

export type StationDay = { stationId: number; date: string };

/** Who is on duty at these station-days, read before a swap moves the shifts. */
export function dutyBefore(m: Manager, days: StationDay[]): Promise<Map<string, DutyShift[]>> {
  return dutyShiftsOf(m, days);
}

/**
 * Tell each worker booked on these station-days whose consultation is now with another
 * lawyer (appointments hang on the station's day, so they follow the shift by themselves;
 * only the message is needed). Call after the shifts moved, in the same transaction.
 */
export async function notifyBookedWorkersOfLawyerChange(
  m: Manager,
  clock: Clock,
  swapId: number,
  days: StationDay[],
  before: Map<string, DutyShift[]>,
  stations: Map<number, Pick<StationRow, 'id' | 'name' | 'slotMinutes'>>,
): Promise<number> {
  if (days.length === 0) return 0;
  const after = await dutyShiftsOf(m, days);
  let sent = 0;
  for (const d of days) {
    const key = `${d.stationId}:${d.date}`;
    const station = stations.get(d.stationId);
    if (!station) continue;
    const booked = await m.findBy(AppointmentEntity, { stationId: d.stationId, date: d.date, status: In(['booked']) });
    for (const a of booked) {
      const was = lawyerNameAt(before.get(key) ?? [], a.slotTime, station.slotMinutes);
      const now = lawyerNameAt(after.get(key) ?? [], a.slotTime, station.slotMinutes);
      if (!now || was === now) continue;
      const added = await enqueueNotification(
        m,
        clock,
        workerSms(
          a.phone,
          'booking.lawyer_changed',
          a.lang,
          { station: station.name, date: a.date, time: a.slotTime, code: a.code, lawyer: now },
          { payload: { appointmentId: a.id, swapId }, dedupeKey: `appt:${a.id}:swap:${swapId}` },
        ),
      );
      if (added) sent++;
    }
  }
  return sent;
}
