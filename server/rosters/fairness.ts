/**
 * Fairness of stored shifts: duty counts, weekend/make-up-day duties and duties
 * next to a holiday, per lawyer. Pure. Counted from the shifts people actually
 * hold, so a swap credits whoever served.
 */
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import { isoWeekday } from '../lib/dates.js';

export interface FairnessCount {
  lawyerId: number;
  shifts: number;
  weekendShifts: number;
  holidayAdjacentShifts: number;
}

export function countFairness(
  shifts: readonly { lawyerId: number; date: string; stationId: number }[],
  calendar: WorkingCalendar,
  lawyerIds: readonly number[] = [],
): FairnessCount[] {
  const map = new Map<number, FairnessCount>();
  const entry = (id: number) => {
    let e = map.get(id);
    if (!e) map.set(id, (e = { lawyerId: id, shifts: 0, weekendShifts: 0, holidayAdjacentShifts: 0 }));
    return e;
  };
  for (const id of lawyerIds) entry(id);
  for (const s of shifts) {
    const e = entry(s.lawyerId);
    e.shifts++;
    if (isoWeekday(s.date) >= 6) e.weekendShifts++;
    if (calendar.isHolidayAdjacent(s.date, s.stationId)) e.holidayAdjacentShifts++;
  }
  return [...map.values()].sort((a, b) => a.lawyerId - b.lawyerId);
}

export function spread(entries: readonly { shifts: number }[]): number {
  if (entries.length === 0) return 0;
  const counts = entries.map((e) => e.shifts);
  return Math.max(...counts) - Math.min(...counts);
}
