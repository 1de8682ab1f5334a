/** How calls look from outside: masked for viewers not entitled to callers' details. */
import { formatInstant } from '../lib/dates.js';
import { maskName, maskPersonInText, maskPhone } from '../lib/mask.js';
import type { FollowUpRow, HotlineCallRow } from './hotline.entity.js';
import type { FollowUpState, HotlineCall } from './hotline.schema.js';

/** Where a call's call-back stands on `today` (the network's local date). Pure. */
export function followUpState(c: Pick<HotlineCallRow, 'outcome' | 'followUpDate' | 'followUpDoneAt'>, today: string): FollowUpState {
  if (c.followUpDoneAt) return 'done';
  if (c.outcome !== 'callback_needed' || !c.followUpDate) return 'none';
  if (c.followUpDate < today) return 'overdue';
  return c.followUpDate === today ? 'due' : 'upcoming';
}

export interface PresentEnv {
  timeZone: string;
  today: string;
  /** The viewer may see callers' names and numbers in full. */
  full: boolean;
}

export function presentCall(c: HotlineCallRow, stationName: string, env: PresentEnv): HotlineCall {
  return {
    id: c.id,
    stationId: c.stationId,
    stationName,
    receivedAt: formatInstant(c.receivedAt, env.timeZone),
    receivedDate: c.receivedDate,
    callerName: c.callerName === null ? null : env.full ? c.callerName : maskName(c.callerName),
    callerPhone: c.callerPhone === null ? null : env.full ? c.callerPhone : maskPhone(c.callerPhone),
    callerConsent: c.callerConsent,
    masked: !env.full,
    category: c.category as HotlineCall['category'],
    summary: env.full ? c.summary : maskPersonInText(c.summary, c.callerName),
    durationSeconds: c.durationSeconds,
    outcome: c.outcome,
    followUpDate: c.followUpDate,
    followUpDoneAt: c.followUpDoneAt ? formatInstant(c.followUpDoneAt, env.timeZone) : null,
    followUpState: followUpState(c, env.today),
    appointmentId: c.appointmentId,
    createdBy: c.createdBy,
    version: c.version,
    createdAt: formatInstant(c.createdAt, env.timeZone),
    updatedAt: formatInstant(c.updatedAt, env.timeZone),
  };
}

/** `masked`: the call's caller, when the viewer sees callers masked. */
export function presentFollowUp(f: FollowUpRow, timeZone: string, masked?: { callerName: string | null }) {
  return {
    id: f.id,
    note: masked ? maskPersonInText(f.note, masked.callerName) : f.note,
    done: f.done,
    nextDate: f.nextDate,
    createdBy: f.createdBy,
    createdAt: formatInstant(f.createdAt, timeZone),
  };
}
