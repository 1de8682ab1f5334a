/** Pure: the local days of a period, and what a refused closure says is at stake. */
import type { ApiError, CalendarDayDto } from '../../api/client';
import { addDays } from '../../lib/dates';

/** How far ahead the list looks by default: a season, enough for the next typhoons and moves. */
export const DEFAULT_DAYS_AHEAD = 90;

export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: today, to: addDays(today, DEFAULT_DAYS_AHEAD) };
}

/** The days coordinators entered (not the national ones), by date, network-wide first. */
export function localDaysOf(days: readonly CalendarDayDto[] | undefined): CalendarDayDto[] {
  return (days ?? [])
    .filter((d) => d.source === 'local')
    .sort((a, b) => a.date.localeCompare(b.date) || (a.stationId ?? 0) - (b.stationId ?? 0));
}

export interface BookingsAtStake {
  total: number;
  byStation: { stationId: number; count: number }[];
}

/**
 * The bookings a closure (or removing an extra day) would cancel, read from the server's 409:
 * its details name `cancelBookings` and give the counts as digits under `bookings` and
 * `bookings.<stationId>`. Null for any other error.
 */
export function bookingsAtStake(error: unknown): BookingsAtStake | null {
  // Read by shape (an ApiError), so this stays free of the API module and its i18n.
  const e = error as Partial<Pick<ApiError, 'status' | 'details'>> | null;
  if (e?.status !== 409 || !Array.isArray(e.details) || !e.details.some((d) => d.path === 'cancelBookings')) return null;
  let total = 0;
  const byStation: BookingsAtStake['byStation'] = [];
  for (const d of e.details) {
    const count = Number(d.message);
    if (!/^\d+$/.test(d.message)) continue;
    if (d.path === 'bookings') total = count;
    const station = /^bookings\.(\d+)$/.exec(d.path);
    if (station) byStation.push({ stationId: Number(station[1]), count });
  }
  return total > 0 ? { total, byStation } : null;
}
