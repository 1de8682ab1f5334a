/** The closures page's pure parts: who may open it, the 409 that asks to confirm read back into counts, the local days of a period. */
import { describe, expect, it } from 'vitest';
import type { CalendarDayDto } from '../../../client/src/api/client.js';
import { rolesFor } from '../../../client/src/auth/navigation.js';
import { bookingsAtStake, defaultPeriod, localDaysOf } from '../../../client/src/features/calendar/closuresModel.js';

/** An error as the API module makes it (ApiError's fields). */
const apiError = (status: number, code: string, message: string, details: { path: string; message: string }[] = []) =>
  Object.assign(new Error(message), { name: 'ApiError', status, code, details });
const asked = (details: { path: string; message: string }[]) => apiError(409, 'conflict', '2026-12-07 闭站将取消 3 个有效预约…', details);

describe('the closures page', () => {
  it('opens (from the stations page, not the menu) to coordinators, who alone may write local days', () => {
    expect(rolesFor('/stations/closures')).toEqual(['coordinator']);
  });
});

describe('bookingsAtStake', () => {
  it('reads the total and the per-station counts of the confirmation 409, in any language', () => {
    const err = asked([
      { path: 'cancelBookings', message: '设为 true 即取消这些预约，并逐一短信通知预约人' },
      { path: 'bookings', message: '3' },
      { path: 'bookings.12', message: '2' },
      { path: 'bookings.40', message: '1' },
    ]);
    expect(bookingsAtStake(err)).toEqual({
      total: 3,
      byStation: [
        { stationId: 12, count: 2 },
        { stationId: 40, count: 1 },
      ],
    });
  });

  it('is null for any other error: another 409, a 400, a network failure, nothing', () => {
    expect(bookingsAtStake(apiError(409, 'conflict', 'A local day for 2026-12-07 already exists for this station'))).toBeNull();
    expect(bookingsAtStake(apiError(400, 'validation_failed', 'x', [{ path: 'cancelBookings', message: 'Invalid input' }]))).toBeNull();
    expect(bookingsAtStake(apiError(0, 'network', 'offline'))).toBeNull();
    expect(bookingsAtStake(null)).toBeNull();
    expect(bookingsAtStake(asked([{ path: 'cancelBookings', message: '…' }, { path: 'bookings', message: 'many' }]))).toBeNull();
  });
});

describe('localDaysOf', () => {
  const day = (date: string, source: 'national' | 'local', stationId: number | null = null): CalendarDayDto => ({
    date,
    kind: 'holiday',
    name: date,
    stationId,
    source,
  });

  it('keeps the days coordinators entered, by date, network-wide first', () => {
    const days = [day('2026-12-09', 'local', 3), day('2026-10-01', 'national'), day('2026-12-09', 'local'), day('2026-12-02', 'local', 7)];
    expect(localDaysOf(days).map((d) => `${d.date}/${d.stationId}`)).toEqual(['2026-12-02/7', '2026-12-09/null', '2026-12-09/3']);
    expect(localDaysOf(undefined)).toEqual([]);
  });

  it('looks a season ahead by default', () => {
    expect(defaultPeriod('2026-12-01')).toEqual({ from: '2026-12-01', to: '2027-03-01' });
  });
});
