/**
 * The desk's arithmetic: counts by status, the order of the day, amounts typed in yuan.
 * Pure: no React, no clock (`now` is passed in).
 */
import type { Appointment, AppointmentStatus } from '../../api/client';

export type StatusCounts = Record<AppointmentStatus, number> & { total: number };

/** People expected or seen: cancellations are not counted in the total. */
export function countByStatus(items: readonly Appointment[]): StatusCounts {
  const counts: StatusCounts = { booked: 0, checked_in: 0, completed: 0, no_show: 0, cancelled: 0, total: 0 };
  for (const a of items) {
    counts[a.status]++;
    if (a.status !== 'cancelled') counts.total++;
  }
  return counts;
}

/** The day in order of time, cancellations apart. */
export function splitDay(items: readonly Appointment[]): { active: Appointment[]; cancelled: Appointment[] } {
  const sorted = [...items].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id));
  return { active: sorted.filter((a) => a.status !== 'cancelled'), cancelled: sorted.filter((a) => a.status === 'cancelled') };
}

/**
 * A booked worker is checked in on the day of the consultation (or later, recorded
 * late), never before it. `start` is in network time (`…+08:00`), so its first ten
 * characters are the network date; `today` is the network date now.
 */
export function canCheckIn(a: Pick<Appointment, 'status' | 'start'>, today: string): boolean {
  return a.status === 'booked' && a.start.slice(0, 10) <= today;
}

/** A no-show can be recorded once the consultation should have started. */
export function canMarkNoShow(a: Pick<Appointment, 'status' | 'start'>, now: Date): boolean {
  return a.status === 'booked' && new Date(a.start).getTime() <= now.getTime();
}

/** Yuan as typed (`18,600`, `１８６００`, `3.5万`): a number of yuan, `null` for empty, `NaN` when unreadable. */
export function parseYuan(input: string): number | null {
  const s = input.normalize('NFKC').replace(/[,，\s元¥￥]/g, '');
  if (!s) return null;
  const wan = s.endsWith('万');
  const n = Number(wan ? s.slice(0, -1) : s);
  if (!Number.isFinite(n) || n < 0 || !/^\d+(\.\d+)?$/.test(wan ? s.slice(0, -1) : s)) return Number.NaN;
  return Math.round((wan ? n * 10_000 : n) * 100) / 100;
}

export function formatYuan(n: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(n);
}
