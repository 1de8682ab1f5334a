/**
 * Can this lawyer take this duty? The one rule shared by the generator's
 * callers, manual shift edits and swaps. Pure.
 */
export type ShiftBlocker = 'inactive' | 'ineligible' | 'unavailable' | 'busy' | 'at_cap';

export interface DutyCandidate {
  active: boolean;
  stationIds: readonly number[];
  maxShiftsPerMonth: number | null;
  unavailable: readonly { from: string; to: string }[];
}

export interface DutyContext {
  stationId: number;
  date: string;
  /** The lawyer's other shifts that day (any station), not counting the one being replaced. */
  dutiesThatDay: number;
  /** The lawyer's shifts that month, not counting the one being replaced. */
  dutiesThatMonth: number;
}

export function whyCannotServe(l: DutyCandidate, d: DutyContext): ShiftBlocker | null {
  if (!l.active) return 'inactive';
  if (!l.stationIds.includes(d.stationId)) return 'ineligible';
  if (l.unavailable.some((u) => u.from <= d.date && d.date <= u.to)) return 'unavailable';
  if (d.dutiesThatDay > 0) return 'busy';
  if (l.maxShiftsPerMonth != null && d.dutiesThatMonth >= l.maxShiftsPerMonth) return 'at_cap';
  return null;
}

export const BLOCKER_MESSAGES: Record<ShiftBlocker, string> = {
  inactive: 'the lawyer is no longer active',
  ineligible: 'the lawyer does not serve this station',
  unavailable: 'the lawyer is unavailable that day (leave or a court date)',
  busy: 'the lawyer is already on duty that day',
  at_cap: 'the lawyer has reached their monthly duty cap',
};
