import { describe, expect, it } from 'vitest';
import { canCheckIn } from '../../../client/src/features/desk/deskModel.js';

describe('the desk: who can be checked in now', () => {
  const at = (start: string, status: 'booked' | 'checked_in' | 'cancelled' = 'booked') => ({ start, status });

  it('a booked worker on the day of the consultation, or later (recorded late)', () => {
    expect(canCheckIn(at('2026-12-02T16:00:00+08:00'), '2026-12-02')).toBe(true);
    expect(canCheckIn(at('2026-12-02T09:00:00+08:00'), '2026-12-03')).toBe(true);
  });

  it('nobody before the day, and nobody who is not booked', () => {
    expect(canCheckIn(at('2026-12-02T00:30:00+08:00'), '2026-12-01')).toBe(false);
    expect(canCheckIn(at('2026-12-02T09:00:00+08:00', 'checked_in'), '2026-12-02')).toBe(false);
    expect(canCheckIn(at('2026-12-02T09:00:00+08:00', 'cancelled'), '2026-12-02')).toBe(false);
  });
});
