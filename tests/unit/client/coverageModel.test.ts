/** The coverage page's totals count the month being viewed, whatever days the calendar shows. */
import { describe, expect, it } from 'vitest';
import { coverageTotals, viewMonth } from '../../../client/src/features/coverage/coverageModel.js';
import type { Coverage, CoverageDay } from '../../../client/src/features/coverage/types.js';

const day = (date: string, required: number, status: CoverageDay['status']): CoverageDay => ({
  date,
  required,
  assigned: status === 'covered' ? required : 0,
  lawyerIds: [],
  shiftIds: [],
  lawyerNames: [],
  published: true,
  status,
  dayKind: 'weekday',
  dayName: null,
});

const station = (stationId: number, days: CoverageDay[]): Coverage['stations'][number] => ({
  stationId,
  name: `站${stationId}`,
  code: `S${stationId}`,
  level: 'town',
  parentId: null,
  days,
});

describe('viewMonth', () => {
  it('is a month view’s own month', () => {
    expect(viewMonth('2026-12-01', '2027-01-01')).toBe('2026-12');
    expect(viewMonth('2027-02-01', '2027-03-01')).toBe('2027-02');
  });

  it('is the month holding most of a week (its Thursday)', () => {
    expect(viewMonth('2026-12-28', '2027-01-04')).toBe('2026-12'); // Thursday 31 December
    expect(viewMonth('2027-01-25', '2027-02-01')).toBe('2027-01');
    expect(viewMonth('2026-06-29', '2026-07-06')).toBe('2026-07'); // Thursday 2 July
  });
});

describe('coverageTotals', () => {
  const coverage: Coverage = {
    from: '2026-11-30',
    to: '2027-01-10',
    summary: { requiredDays: 7, coveredDays: 5, gapDays: 2 },
    stations: [
      station(1, [
        day('2026-11-30', 1, 'covered'), // the grid's days of November …
        day('2026-12-01', 1, 'covered'),
        day('2026-12-05', 0, 'closed'),
        day('2026-12-31', 1, 'partial'),
        day('2027-01-04', 1, 'gap'), // … and of January are not December's
      ]),
      station(2, [day('2026-12-01', 1, 'covered'), day('2026-12-02', 2, 'gap'), day('2026-12-06', 0, 'covered')]),
    ],
  };

  it('counts station-days of the dates asked for only, a partly staffed day as a gap', () => {
    expect(coverageTotals(coverage, '2026-12-01', '2026-12-31')).toEqual({ required: 4, covered: 2, gaps: 2 });
  });

  it('leaves out days that need no duty, even with one held', () => {
    expect(coverageTotals(coverage, '2026-12-05', '2026-12-06')).toEqual({ required: 0, covered: 0, gaps: 0 });
  });
});
