/** Pure helpers for showing swaps: dates in the network's zone, Chinese weekdays, conflict reasons. */
import type { Swap, SwapConflict } from '../../api/client';
import { NETWORK_TIME_ZONE } from '../../lib/dates';

/** A short day, e.g. 12月3日周四 (zh-CN) or Thu, Dec 3 (en). */
export function shortDate(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'long', day: 'numeric', weekday: 'short' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** An instant from the server (`2026-11-29T22:45:10+08:00`) as the network's wall clock, e.g. 11月29日 22:45. */
export function shortInstant(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: NETWORK_TIME_ZONE,
    month: lang.startsWith('zh') ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** The network's wall-clock time now, `HH:mm`. */
export function networkTime(instant: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: NETWORK_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }).format(instant);
}

/** Has a duty begun (the server refuses swaps of started shifts)? */
export function hasStarted(shift: { date: string; start: string }, today: string, now: string): boolean {
  return shift.date < today || (shift.date === today && shift.start <= now);
}

export const CONFLICT_CODES = [
  'shift_changed',
  'shift_not_published',
  'shift_started',
  'no_taker',
  'inactive',
  'ineligible',
  'unavailable',
  'busy',
  'at_cap',
] as const;
export type KnownConflict = (typeof CONFLICT_CODES)[number];

export function isKnownConflict(code: string): code is KnownConflict {
  return (CONFLICT_CODES as readonly string[]).includes(code);
}

/** The name of the lawyer a conflict is about, from the swap itself. */
export function conflictLawyerName(swap: Swap, c: Pick<SwapConflict, 'lawyerId'>): string {
  if (c.lawyerId === null) return '';
  if (c.lawyerId === swap.toLawyerId) return swap.toLawyerName ?? '';
  if (c.lawyerId === swap.fromLawyerId) return swap.fromLawyerName;
  return '';
}

/** May this lawyer decline? Only a pending swap that names them (an open offer named nobody). */
export const canDecline = (s: Pick<Swap, 'status' | 'toLawyerId'>, lawyerId: number) => s.status === 'pending' && s.toLawyerId === lawyerId;

export const LIVE = ['pending', 'accepted'] as const;
export const isLiveSwap = (s: Pick<Swap, 'status'>) => s.status === 'pending' || s.status === 'accepted';

/** The shift of a live swap's, by id: a calendar marks it as "being swapped". */
export function liveSwapByShift(swaps: readonly Swap[]): Map<number, Swap> {
  const map = new Map<number, Swap>();
  for (const s of swaps) {
    if (!isLiveSwap(s)) continue;
    map.set(s.shiftId, s);
    if (s.toShiftId !== null) map.set(s.toShiftId, s);
  }
  return map;
}
