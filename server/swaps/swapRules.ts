/**
 * Swap rules, pure: which requests are valid, who may accept, which status moves
 * are allowed, what applying changes, and what stands in the way. No I/O and no
 * clock: callers pass the facts and the network's local "now".
 * Whether a lawyer may take a duty is `whyCannotServe` — the one rule shared with
 * the roster and manual edits — fed with the right counts.
 */
import { daysBetween } from '../lib/dates.js';
import { BLOCKER_MESSAGES, whyCannotServe, type DutyCandidate, type DutyContext, type ShiftBlocker } from '../rosters/shiftRules.js';

export const SWAP_TYPES = ['giveaway', 'exchange'] as const;
export type SwapType = (typeof SWAP_TYPES)[number];

export const SWAP_STATUSES = ['pending', 'accepted', 'applied', 'rejected', 'declined', 'cancelled', 'expired'] as const;
export type SwapStatus = (typeof SWAP_STATUSES)[number];

/** A live swap still asks for something; every other status is final. */
export const LIVE_STATUSES = ['pending', 'accepted'] as const satisfies readonly SwapStatus[];

const TRANSITIONS: Record<SwapStatus, readonly SwapStatus[]> = {
  pending: ['accepted', 'rejected', 'declined', 'cancelled', 'expired'],
  accepted: ['applied', 'rejected', 'cancelled', 'expired'],
  applied: [],
  rejected: [],
  declined: [],
  cancelled: [],
  expired: [],
};

export function canTransition(from: SwapStatus, to: SwapStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses a swap may be in for a move to `to` (the compare-and-set's WHERE). */
export function statusesBefore(to: SwapStatus): SwapStatus[] {
  return SWAP_STATUSES.filter((s) => canTransition(s, to));
}

export function isLive(status: SwapStatus): boolean {
  return (LIVE_STATUSES as readonly SwapStatus[]).includes(status);
}

/** What the rules need to know about a shift. */
export interface SwapShift {
  id: number;
  stationId: number;
  date: string;
  start: string;
  lawyerId: number;
  status: 'draft' | 'published';
  version: number;
}

/** The network's local date and time of day (`YYYY-MM-DD`, `HH:mm`). */
export interface LocalNow {
  date: string;
  time: string;
}

export function hasStarted(s: Pick<SwapShift, 'date' | 'start'>, now: LocalNow): boolean {
  return s.date < now.date || (s.date === now.date && s.start <= now.time);
}

export interface Actor {
  role: string;
  lawyerId: number | null;
}

export interface Problem {
  status: 400 | 403 | 409;
  message: string;
  path?: string;
}

/** Can this swap be asked for? null when it can. */
export function checkSwapRequest(r: {
  type: SwapType;
  shift: SwapShift;
  toShift: SwapShift | null;
  toLawyerId: number | null;
  actor: Actor;
  now: LocalNow;
}): Problem | null {
  const { shift, toShift } = r;
  if (r.actor.role !== 'coordinator' && r.actor.lawyerId !== shift.lawyerId) {
    return { status: 403, message: 'Only the lawyer on the shift, or a coordinator, may offer it' };
  }
  if (shift.status !== 'published') return { status: 409, message: 'Only shifts of a published roster can be swapped' };
  if (hasStarted(shift, r.now)) return { status: 409, message: 'The shift has already started' };
  if (r.type === 'giveaway') {
    if (toShift) return { status: 400, message: 'A giveaway does not take a toShiftId', path: 'toShiftId' };
    if (r.toLawyerId === shift.lawyerId) return { status: 400, message: 'A lawyer cannot give a shift to themself', path: 'toLawyerId' };
    return null;
  }
  if (!toShift) return { status: 400, message: 'An exchange names the colleague’s shift (toShiftId)', path: 'toShiftId' };
  if (toShift.id === shift.id || toShift.lawyerId === shift.lawyerId) {
    return { status: 400, message: 'An exchange is with a colleague’s shift, not one’s own', path: 'toShiftId' };
  }
  if (r.toLawyerId !== null && r.toLawyerId !== toShift.lawyerId) {
    return { status: 400, message: 'toLawyerId must be the lawyer on toShiftId', path: 'toLawyerId' };
  }
  if (toShift.status !== 'published') return { status: 409, message: 'The colleague’s shift is not published' };
  if (hasStarted(toShift, r.now)) return { status: 409, message: 'The colleague’s shift has already started' };
  return null;
}

export interface SwapFacts {
  type: SwapType;
  status: SwapStatus;
  shiftId: number;
  shiftVersion: number;
  fromLawyerId: number;
  toLawyerId: number | null;
  toShiftId: number | null;
  toShiftVersion: number | null;
  date: string;
  toDate: string | null;
}

/** An open offer: a giveaway nobody has taken yet, open to every eligible colleague. */
export function isOpenOffer(s: Pick<SwapFacts, 'type' | 'status' | 'toLawyerId'>): boolean {
  return s.type === 'giveaway' && s.status === 'pending' && s.toLawyerId === null;
}

/**
 * May this lawyer accept? `named`: the colleague the swap is addressed to (or the owner of
 * the shift asked for in an exchange); `open`: anyone but the requester, for an open offer
 * (whether they can serve is checked next, with whyCannotServe).
 */
export function acceptanceBy(s: Pick<SwapFacts, 'type' | 'toLawyerId' | 'fromLawyerId' | 'status'>, lawyerId: number | null): 'named' | 'open' | null {
  if (lawyerId === null) return null;
  if (s.toLawyerId !== null) return s.toLawyerId === lawyerId ? 'named' : null;
  if (s.type === 'giveaway' && lawyerId !== s.fromLawyerId) return 'open';
  return null;
}

/**
 * May this actor decline? Only the colleague the swap names (for an exchange, the owner of
 * the shift asked for), and only before they accepted. An open offer asked nobody, so
 * there is nobody to decline it. null when they may.
 */
export function checkDecline(s: Pick<SwapFacts, 'type' | 'status' | 'toLawyerId'>, actor: Actor): Problem | null {
  if (isOpenOffer(s)) return { status: 409, message: 'An open offer was not addressed to anyone, so it cannot be declined' };
  if (actor.lawyerId === null || s.toLawyerId !== actor.lawyerId) {
    return { status: 403, message: 'Only the colleague this swap was offered to may decline it' };
  }
  if (!canTransition(s.status, 'declined')) return { status: 409, message: `This swap is already ${s.status}` };
  return null;
}

/** One side of applying a swap: shift `shiftId` (at `expectVersion`) goes from one lawyer to another. */
export interface ShiftMove {
  shiftId: number;
  expectVersion: number;
  fromLawyerId: number;
  toLawyerId: number | null;
}

export function swapMoves(s: SwapFacts): ShiftMove[] {
  const first: ShiftMove = { shiftId: s.shiftId, expectVersion: s.shiftVersion, fromLawyerId: s.fromLawyerId, toLawyerId: s.toLawyerId };
  if (s.type === 'giveaway' || s.toShiftId === null || s.toLawyerId === null) return [first];
  return [first, { shiftId: s.toShiftId, expectVersion: s.toShiftVersion ?? -1, fromLawyerId: s.toLawyerId, toLawyerId: s.fromLawyerId }];
}

/**
 * The counts whyCannotServe needs for a taker: their other duties that day and that
 * month, leaving out the target and any shift they give up in the same swap.
 */
export function dutyContextFor(
  takerId: number,
  target: Pick<SwapShift, 'id' | 'stationId' | 'date'>,
  shifts: readonly Pick<SwapShift, 'id' | 'date' | 'lawyerId'>[],
  givingUp: readonly number[] = [],
): DutyContext {
  const mine = shifts.filter((s) => s.lawyerId === takerId && s.id !== target.id && !givingUp.includes(s.id));
  const month = target.date.slice(0, 7);
  return {
    stationId: target.stationId,
    date: target.date,
    dutiesThatDay: mine.filter((s) => s.date === target.date).length,
    dutiesThatMonth: mine.filter((s) => s.date.slice(0, 7) === month).length,
  };
}

export type ConflictCode = 'shift_changed' | 'shift_not_published' | 'shift_started' | 'no_taker' | ShiftBlocker;

export interface SwapConflict {
  code: ConflictCode;
  message: string;
  shiftId: number | null;
  lawyerId: number | null;
}

/** Is this a problem with the taker (409 lawyer_busy) rather than with the shifts (409 conflict)? */
export function isTakerBlocker(code: ConflictCode): code is ShiftBlocker {
  return code in BLOCKER_MESSAGES;
}

/**
 * Everything that stands in the way of applying the swap now. Empty: it can apply.
 * `takers` are the lawyers who gain a shift; `shifts` holds both sides of the swap and
 * every shift the takers have in the months concerned.
 */
export function swapConflicts(input: {
  swap: SwapFacts;
  shifts: readonly SwapShift[];
  takers: ReadonlyMap<number, DutyCandidate & { name?: string }>;
  now: LocalNow;
  /** An open offer has no taker yet; say so only when applying. */
  requireTaker?: boolean;
}): SwapConflict[] {
  const out: SwapConflict[] = [];
  const moves = swapMoves(input.swap);
  const byId = new Map(input.shifts.map((s) => [s.id, s]));
  for (const mv of moves) {
    const shift = byId.get(mv.shiftId);
    if (!shift || shift.version !== mv.expectVersion || shift.lawyerId !== mv.fromLawyerId) {
      out.push({ code: 'shift_changed', message: `Shift ${mv.shiftId} changed since the swap was asked for`, shiftId: mv.shiftId, lawyerId: null });
      continue;
    }
    if (shift.status !== 'published') {
      out.push({ code: 'shift_not_published', message: `Shift ${shift.id} is no longer published`, shiftId: shift.id, lawyerId: null });
    }
    if (hasStarted(shift, input.now)) {
      out.push({ code: 'shift_started', message: `Shift ${shift.id} (${shift.date}) has already started`, shiftId: shift.id, lawyerId: null });
    }
    if (mv.toLawyerId === null) {
      if (input.requireTaker) out.push({ code: 'no_taker', message: 'Nobody has accepted this offer yet', shiftId: shift.id, lawyerId: null });
      continue;
    }
    const taker = input.takers.get(mv.toLawyerId);
    const givingUp = moves.filter((x) => x.fromLawyerId === mv.toLawyerId).map((x) => x.shiftId);
    const blocker: ShiftBlocker | null = taker
      ? whyCannotServe(taker, dutyContextFor(mv.toLawyerId, shift, input.shifts, givingUp))
      : 'inactive';
    if (blocker) {
      const who = taker?.name ?? `Lawyer ${mv.toLawyerId}`;
      out.push({ code: blocker, message: `${who} cannot take the ${shift.date} duty: ${BLOCKER_MESSAGES[blocker]}`, shiftId: shift.id, lawyerId: mv.toLawyerId });
    }
  }
  return out;
}

/** Accepted swaps apply at once only where every station involved lets them. */
export function needsApproval(stations: readonly { swapAutoApprove: boolean }[]): boolean {
  return !stations.every((s) => s.swapAutoApprove);
}

/** A live swap expires once the day of a shift it involves has passed. */
export function isExpired(s: Pick<SwapFacts, 'status' | 'date' | 'toDate'>, today: string): boolean {
  return isLive(s.status) && (s.date < today || (s.toDate !== null && s.toDate < today));
}

export const OFFER_REMINDER_DAYS = 2;

/** Remind eligible colleagues of an open offer still untaken within two days of its day. */
export function offerReminderDue(s: Pick<SwapFacts, 'type' | 'status' | 'toLawyerId' | 'date'>, today: string): boolean {
  if (!isOpenOffer(s)) return false;
  const days = daysBetween(today, s.date);
  return days >= 1 && days <= OFFER_REMINDER_DAYS;
}
