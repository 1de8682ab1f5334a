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
  /** What it says, as data: each recipient reads it in their language (notifications/staffText.ts). */
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

const message = (kind: string, key: SwapTextKey, s: SwapStory): SwapMessage => ({ kind, text: swapText(key, s) });

/** The message of each event; a request names the other day when it is an exchange (the story's `toDate`). */
export const swapMessages = {
  requestedNamed: (s: SwapStory) => message('swap_requested', 'swap_requested', s),
  requestedExchange: (s: SwapStory) => message('swap_requested', 'swap_requested', s),
  openOffer: (s: SwapStory) => message('swap_offer', 'swap_offer', s),
  offerReminder: (s: SwapStory) => message('swap_offer_reminder', 'swap_offer_reminder', s),
  acceptedToRequester: (s: SwapStory, needsApproval: boolean) => message('swap_accepted', needsApproval ? 'swap_accepted_pending' : 'swap_accepted', s),
  awaitingApproval: (s: SwapStory) => message('swap_awaiting_approval', 'swap_awaiting_approval', s),
  applied: (s: SwapStory) => message('swap_applied', 'swap_applied', s),
  rejected: (s: SwapStory) => message('swap_rejected', 'swap_rejected', s),
  declined: (s: SwapStory) => message('swap_declined', 'swap_declined', s),
  cancelled: (s: SwapStory) => message('swap_cancelled', 'swap_cancelled', s),
  expired: (s: SwapStory) => message('swap_expired', 'swap_expired', s),
};

/** In-app message (and e-mail where they have an address) to every active user linked to these lawyers; `event` names the dedupe key. */
export async function tellLawyers(m: Manager, clock: Clock, lawyerIds: number[], swap: SwapRow, event: string, msg: SwapMessage): Promise<number> {
  const users = await usersOfLawyers(m, lawyerIds);
  let n = 0;
  for (const u of users) {
    const added = await notifyUser(m, clock, u, {
      kind: msg.kind,
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
