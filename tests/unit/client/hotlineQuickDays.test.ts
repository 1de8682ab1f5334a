/** Booking for a caller offers the days the station can be booked, not every calendar day. */
import { describe, expect, it } from 'vitest';
import { quickDays } from '../../../client/src/features/hotline/hotlineModel.js';

describe('quickDays', () => {
  const week = [
    { date: '2026-12-11', open: true }, // Friday
    { date: '2026-12-12', open: false }, // the weekend: closed
    { date: '2026-12-13', open: false },
    { date: '2026-12-14', open: true },
    { date: '2026-12-15', open: true },
  ];

  it('leaves out the days the station is closed', () => {
    expect(quickDays('2026-12-11', 7, week)).toEqual(['2026-12-11', '2026-12-14', '2026-12-15']);
  });

  it('keeps to n days', () => {
    expect(quickDays('2026-12-11', 2, week)).toEqual(['2026-12-11', '2026-12-14']);
  });

  it('offers the next calendar days until the availability is known', () => {
    expect(quickDays('2026-12-30', 3, undefined)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
  });
});
