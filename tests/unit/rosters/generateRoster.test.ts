import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../server/calendar/workingCalendar.js';
import { eachDate, isoWeekday } from '../../../server/lib/dates.js';
import { generateMonthlyRoster } from '../../../server/rosters/generateRoster.js';
import { MON_FRI, buildInput, buildLawyer, buildRotation, countsByLawyer, datesOf } from './factories.js';

const spread = (counts: Map<number, number>) => Math.max(...counts.values()) - Math.min(...counts.values());

describe('generateMonthlyRoster: duty days follow the 2026 working calendar', () => {
  it.each([
    {
      name: 'October, Mon–Fri: National Day week closed, make-up Saturday 10-10 worked',
      month: '2026-10',
      rrule: MON_FRI,
      includes: ['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'],
      excludes: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-11', '2026-10-17'],
      total: 18,
    },
    {
      name: 'October, MO,WE,FR: holidays skipped, make-up Saturday not added',
      month: '2026-10',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      includes: ['2026-10-09', '2026-10-12', '2026-10-30'],
      excludes: ['2026-10-02', '2026-10-05', '2026-10-07', '2026-10-10'],
      total: 10,
    },
    {
      name: 'September, Mon–Fri: make-up Sunday 09-20 worked, Mid-Autumn 09-25 closed',
      month: '2026-09',
      rrule: MON_FRI,
      includes: ['2026-09-18', '2026-09-20', '2026-09-24', '2026-09-28'],
      excludes: ['2026-09-19', '2026-09-25', '2026-09-26', '2026-09-27'],
      total: 22 - 1 + 1,
    },
    {
      name: 'February, Mon–Fri: Spring Festival closed, make-up 02-14 and 02-28 worked',
      month: '2026-02',
      rrule: MON_FRI,
      includes: ['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-28'],
      excludes: ['2026-02-16', '2026-02-20', '2026-02-23'],
      total: 20 - 6 + 2,
    },
    {
      name: 'A weekend rule keeps ordinary weekends but not holiday weekends',
      month: '2026-10',
      rrule: 'FREQ=WEEKLY;BYDAY=SA,SU',
      includes: ['2026-10-10', '2026-10-11', '2026-10-31'],
      excludes: ['2026-10-03', '2026-10-04'],
      total: 9 - 2,
    },
  ])('$name', ({ month, rrule, includes, excludes, total }) => {
    const result = generateMonthlyRoster(buildInput({ month, rotations: [buildRotation({ id: 1, rrule })] }));
    const dates = datesOf(result.shifts);
    for (const d of includes) expect(dates).toContain(d);
    for (const d of excludes) expect(dates).not.toContain(d);
    expect(dates).toHaveLength(total);
    expect(result.gaps).toEqual([]);
  });

  it('skips a local closure and honours a station-local opening on a weekend for Mon–Fri rules', () => {
    const calendar = new WorkingCalendar([
      { date: '2026-12-07', kind: 'holiday', name: '台风停业', stationId: 1 },
      { date: '2026-12-12', kind: 'workday', name: '集中接待日', stationId: 1 },
    ]);
    const rotations = [buildRotation({ id: 1, stationId: 1 }), buildRotation({ id: 2, stationId: 2, lawyerIds: [4, 5] })];
    const result = generateMonthlyRoster(buildInput({ calendar, rotations }));
    expect(datesOf(result.shifts, { stationId: 1 })).not.toContain('2026-12-07');
    expect(datesOf(result.shifts, { stationId: 1 })).toContain('2026-12-12');
    expect(datesOf(result.shifts, { stationId: 2 })).toContain('2026-12-07');
    expect(datesOf(result.shifts, { stationId: 2 })).not.toContain('2026-12-12');
  });
});

describe('generateMonthlyRoster: turns', () => {
  it('goes round-robin in the rotation order, one per duty day, with the rotation hours', () => {
    const result = generateMonthlyRoster(buildInput());
    expect(result.shifts.slice(0, 5)).toEqual([
      { stationId: 1, date: '2026-12-01', lawyerId: 1, rotationId: 1, start: '09:00', end: '17:30' },
      { stationId: 1, date: '2026-12-02', lawyerId: 2, rotationId: 1, start: '09:00', end: '17:30' },
      { stationId: 1, date: '2026-12-03', lawyerId: 3, rotationId: 1, start: '09:00', end: '17:30' },
      { stationId: 1, date: '2026-12-04', lawyerId: 1, rotationId: 1, start: '09:00', end: '17:30' },
      { stationId: 1, date: '2026-12-07', lawyerId: 2, rotationId: 1, start: '09:00', end: '17:30' },
    ]);
    expect(result.shifts).toHaveLength(23);
    expect(result.fairness.maxMinusMin).toBeLessThanOrEqual(1);
  });

  it('does not spend a turn on a holiday: the next working day goes to whoever was next', () => {
    const result = generateMonthlyRoster(buildInput({ month: '2026-10' }));
    expect(result.shifts.slice(0, 3).map((s) => [s.date, s.lawyerId])).toEqual([
      ['2026-10-08', 1],
      ['2026-10-09', 2],
      ['2026-10-10', 3],
    ]);
  });

  it('fills several seats a day from consecutive turns', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2, 3, 4, 5], lawyersPerDay: 2 })];
    const result = generateMonthlyRoster(buildInput({ rotations }));
    expect(result.shifts.slice(0, 6).map((s) => `${s.date.slice(8)}:${s.lawyerId}`)).toEqual([
      '01:1',
      '01:2',
      '02:3',
      '02:4',
      '03:5',
      '03:1',
    ]);
    expect(result.fairness.maxMinusMin).toBeLessThanOrEqual(1);
  });

  it('passes over a lawyer on leave mid-month, gives them a catch-up on return, and keeps the spread ≤ 1', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2, 3, 4] })];
    const input = buildInput({ rotations });
    input.lawyers[1] = buildLawyer({ id: 2, unavailable: [{ from: '2026-12-08', to: '2026-12-10' }] });
    const result = generateMonthlyRoster(input);
    const lawyer2 = datesOf(result.shifts, { lawyerId: 2 });
    expect(lawyer2.filter((d) => d >= '2026-12-08' && d <= '2026-12-10')).toEqual([]);
    // 12-08 was lawyer 2's turn; back on 12-11, they take the catch-up.
    expect(result.shifts.find((s) => s.date === '2026-12-08')?.lawyerId).toBe(3);
    expect(result.shifts.find((s) => s.date === '2026-12-11')?.lawyerId).toBe(2);
    expect(result.shifts).toHaveLength(23);
    expect(spread(countsByLawyer(result.shifts))).toBeLessThanOrEqual(1);
    expect(result.fairness.maxMinusMin).toBeLessThanOrEqual(1);
    expect(result.rotationStates).toEqual([{ rotationId: 1, nextIndex: expect.any(Number), owed: [] }]);
  });

  it('carries an unpaid catch-up into next month, where it is paid first', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2, 3, 4] })];
    const november = buildInput({ month: '2026-11', rotations });
    november.lawyers[0] = buildLawyer({ id: 1, unavailable: [{ from: '2026-11-23', to: '2026-11-30' }] });
    const nov = generateMonthlyRoster(november);
    expect(nov.rotationStates[0]?.owed).toEqual([1]);
    const dec = generateMonthlyRoster(buildInput({ month: '2026-12', rotations, rotationStates: nov.rotationStates }));
    expect(dec.shifts[0]).toMatchObject({ date: '2026-12-01', lawyerId: 1 });
    expect(dec.rotationStates[0]?.owed).toEqual([]);
  });

  it('continues across months: December starts with whoever follows November’s last duty', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [10, 20, 30, 40, 50] })];
    const nov = generateMonthlyRoster(buildInput({ month: '2026-11', rotations }));
    const last = nov.shifts.at(-1)!;
    expect(last.date).toBe('2026-11-30');
    const order = rotations[0]!.lawyerIds;
    const expectedFirst = order[(order.indexOf(last.lawyerId) + 1) % order.length];
    const dec = generateMonthlyRoster(
      buildInput({ month: '2026-12', rotations, rotationStates: nov.rotationStates, fairnessCarry: nov.fairness.cumulative }),
    );
    expect(dec.shifts[0]?.lawyerId).toBe(expectedFirst);
    // Two months together are as even as one.
    const both = countsByLawyer([...nov.shifts, ...dec.shifts]);
    expect(spread(both)).toBeLessThanOrEqual(1);
    expect(dec.fairness.cumulative.map((e) => e.shifts)).toEqual(order.map((id) => both.get(id)));
  });

  it('continues into a new year and over the Spring Festival', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2, 3], startDate: '2026-01-05' })];
    let states = generateMonthlyRoster(buildInput({ month: '2026-01', rotations })).rotationStates;
    const all = [];
    for (const month of ['2026-02', '2026-03']) {
      const r = generateMonthlyRoster(buildInput({ month, rotations, rotationStates: states }));
      states = r.rotationStates;
      all.push(...r.shifts);
    }
    expect(spread(countsByLawyer(all))).toBeLessThanOrEqual(1);
  });
});

describe('generateMonthlyRoster: constraints', () => {
  it('stops at a monthly cap (existing shifts elsewhere count), without owing the capped lawyer', () => {
    const input = buildInput();
    input.lawyers[0] = buildLawyer({ id: 1, maxShiftsPerMonth: 3, stationIds: [1, 9] });
    input.existingShifts = [{ stationId: 9, date: '2026-12-12', lawyerId: 1, source: 'rotation' }]; // a Saturday: no clash
    const result = generateMonthlyRoster(input);
    expect(datesOf(result.shifts, { lawyerId: 1 })).toHaveLength(2);
    expect(result.shifts).toHaveLength(23);
    expect(result.gaps).toEqual([]);
    expect(result.rotationStates[0]?.owed).toEqual([]);
  });

  it('never double-books lawyers shared by two stations', () => {
    const rotations = [
      buildRotation({ id: 1, stationId: 1, lawyerIds: [1, 2, 3] }),
      buildRotation({ id: 2, stationId: 2, lawyerIds: [1, 2, 3], rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA' }),
    ];
    const result = generateMonthlyRoster(buildInput({ rotations }));
    const seen = new Set(result.shifts.map((s) => `${s.lawyerId}|${s.date}`));
    expect(seen.size).toBe(result.shifts.length);
    expect(result.gaps).toEqual([]);
    expect(result.shifts).toHaveLength(23 + 27);
    expect(result.fairness.maxMinusMin).toBeLessThanOrEqual(1);
  });

  it('never books an inactive lawyer or one who does not serve the station, and warns about them', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2, 3, 4] })];
    const input = buildInput({ rotations });
    input.lawyers[1] = buildLawyer({ id: 2, active: false });
    input.lawyers[2] = buildLawyer({ id: 3, stationIds: [7] });
    const result = generateMonthlyRoster(input);
    expect(new Set(result.shifts.map((s) => s.lawyerId))).toEqual(new Set([1, 4]));
    expect(result.warnings.map((w) => w.code)).toEqual(['lawyer_inactive', 'lawyer_not_eligible']);
    expect(result.fairness.maxMinusMin).toBeLessThanOrEqual(1);
  });

  it('keeps an existing manual shift, counts it, and leaves the rest of the month unchanged', () => {
    const plain = generateMonthlyRoster(buildInput());
    const existingShifts = [{ stationId: 1, date: '2026-12-03', lawyerId: 2, source: 'manual' as const }];
    const edited = generateMonthlyRoster(buildInput({ existingShifts }));
    expect(datesOf(edited.shifts)).not.toContain('2026-12-03');
    expect(edited.shifts).toEqual(plain.shifts.filter((s) => s.date !== '2026-12-03'));
    const perLawyer = new Map(edited.fairness.perLawyer.map((e) => [e.lawyerId, e.shifts]));
    const plainCounts = countsByLawyer(plain.shifts);
    expect(perLawyer.get(2)).toBe(plainCounts.get(2)! + 1);
    expect(perLawyer.get(3)).toBe(plainCounts.get(3)! - 1);
  });

  it('does not book a lawyer who has a kept shift at another station that day', () => {
    const existingShifts = [{ stationId: 5, date: '2026-12-01', lawyerId: 1, source: 'rotation' as const }];
    const result = generateMonthlyRoster(buildInput({ existingShifts }));
    expect(result.shifts[0]).toMatchObject({ date: '2026-12-01', lawyerId: 2 });
    // Lawyer 1 was passed over for duty elsewhere, so gets the next day as a catch-up.
    expect(result.shifts[1]).toMatchObject({ date: '2026-12-02', lawyerId: 1 });
    // The other station's shift is not part of this roster's fairness.
    expect(result.fairness.perLawyer.find((e) => e.lawyerId === 1)?.shifts).toBe(datesOf(result.shifts, { lawyerId: 1 }).length);
  });

  it('only generates the requested stations', () => {
    const rotations = [buildRotation({ id: 1, stationId: 1 }), buildRotation({ id: 2, stationId: 2, lawyerIds: [4] })];
    const result = generateMonthlyRoster(buildInput({ rotations, stationIds: [2] }));
    expect(new Set(result.shifts.map((s) => s.rotationId))).toEqual(new Set([2]));
    expect(result.rotationStates.map((s) => s.rotationId)).toEqual([2]);
  });
});

describe('generateMonthlyRoster: gaps', () => {
  it.each([
    {
      name: 'everyone on leave',
      setup: (input: ReturnType<typeof buildInput>) => {
        input.lawyers = [1, 2, 3].map((id) => buildLawyer({ id, unavailable: [{ from: '2026-12-09', to: '2026-12-09' }] }));
      },
      reason: 'all_unavailable',
      candidates: [1, 2, 3],
    },
    {
      name: 'everyone on duty elsewhere',
      setup: (input: ReturnType<typeof buildInput>) => {
        input.existingShifts = [1, 2, 3].map((lawyerId) => ({ stationId: 8 + lawyerId, date: '2026-12-09', lawyerId, source: 'manual' as const }));
      },
      reason: 'all_busy',
      candidates: [1, 2, 3],
    },
    {
      name: 'two on leave, one elsewhere: the commonest obstacle is named',
      setup: (input: ReturnType<typeof buildInput>) => {
        input.lawyers = [1, 2, 3].map((id) =>
          buildLawyer({ id, unavailable: id === 3 ? [] : [{ from: '2026-12-09', to: '2026-12-09' }] }),
        );
        input.existingShifts = [{ stationId: 9, date: '2026-12-09', lawyerId: 3, source: 'manual' as const }];
      },
      reason: 'all_unavailable',
      candidates: [1, 2, 3],
    },
    {
      name: 'one on leave, one inactive, one who does not serve the station',
      setup: (input: ReturnType<typeof buildInput>) => {
        input.lawyers = [
          buildLawyer({ id: 1, unavailable: [{ from: '2026-12-09', to: '2026-12-09' }] }),
          buildLawyer({ id: 2, active: false }),
          buildLawyer({ id: 3, stationIds: [2] }),
        ];
      },
      reason: 'all_unavailable',
      candidates: [1],
    },
  ])('$name on 12-09 → $reason', ({ setup, reason, candidates }) => {
    const input = buildInput();
    setup(input);
    const result = generateMonthlyRoster(input);
    expect(datesOf(result.shifts)).not.toContain('2026-12-09');
    expect(result.gaps).toEqual([
      { stationId: 1, date: '2026-12-09', rotationId: 1, reason, message: expect.stringContaining('2026-12-09'), candidates },
    ]);
  });

  it('reports every day as all_at_cap once all are capped', () => {
    const input = buildInput();
    input.lawyers = [1, 2, 3].map((id) => buildLawyer({ id, maxShiftsPerMonth: 2 }));
    const result = generateMonthlyRoster(input);
    expect(result.shifts).toHaveLength(6);
    expect(result.gaps).toHaveLength(23 - 6);
    expect(result.gaps.every((g) => g.reason === 'all_at_cap' && g.candidates.length === 3)).toBe(true);
  });

  it('reports no_eligible_lawyer when nobody in the rotation can serve the station', () => {
    const input = buildInput();
    input.lawyers = [1, 2, 3].map((id) => buildLawyer({ id, stationIds: [2] }));
    const result = generateMonthlyRoster(input);
    expect(result.shifts).toEqual([]);
    expect(result.gaps).toHaveLength(23);
    expect(result.gaps[0]).toMatchObject({ reason: 'no_eligible_lawyer', candidates: [] });
  });

  it('reports no_eligible_lawyer when there are more seats than lawyers', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2], lawyersPerDay: 3 })];
    const result = generateMonthlyRoster(buildInput({ rotations }));
    expect(result.shifts).toHaveLength(46);
    expect(result.gaps[0]).toMatchObject({ reason: 'no_eligible_lawyer', message: expect.stringContaining('1 of 3 seat(s)') });
  });

  it('reports empty_rotation for a rotation with no lawyers', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [] })];
    const result = generateMonthlyRoster(buildInput({ rotations }));
    expect(result.gaps).toHaveLength(23);
    expect(result.gaps[0]).toMatchObject({ reason: 'empty_rotation', candidates: [] });
  });

  it('moves no turn on a gap day: the next day goes to whoever was due', () => {
    const input = buildInput();
    input.lawyers = [1, 2, 3].map((id) => buildLawyer({ id, unavailable: [{ from: '2026-12-02', to: '2026-12-02' }] }));
    const result = generateMonthlyRoster(input);
    expect(result.shifts.slice(0, 2).map((s) => [s.date, s.lawyerId])).toEqual([
      ['2026-12-01', 1],
      ['2026-12-03', 2],
    ]);
    expect(result.rotationStates[0]?.owed).toEqual([]);
  });
});

describe('generateMonthlyRoster: fairness, warnings, determinism', () => {
  it('counts weekend (make-up) duties and duties next to a holiday', () => {
    const result = generateMonthlyRoster(
      buildInput({
        month: '2026-10',
        rotations: [buildRotation({ id: 1, lawyerIds: [1] })],
        fairnessCarry: [
          { lawyerId: 1, shifts: 100, weekendShifts: 5, holidayAdjacentShifts: 7 },
          { lawyerId: 99, shifts: 4, weekendShifts: 0, holidayAdjacentShifts: 1 },
        ],
      }),
    );
    // 10-08 follows the National Day week; 10-10 is the make-up Saturday.
    expect(result.fairness.perLawyer).toEqual([{ lawyerId: 1, shifts: 18, weekendShifts: 1, holidayAdjacentShifts: 1 }]);
    expect(result.fairness.cumulative).toEqual([
      { lawyerId: 1, shifts: 118, weekendShifts: 6, holidayAdjacentShifts: 8 },
      { lawyerId: 99, shifts: 4, weekendShifts: 0, holidayAdjacentShifts: 1 },
    ]);
    expect(result.fairness.maxMinusMin).toBe(0);
  });

  it('warns that a 2027 roster is provisional (holidays not yet published), and not for 2026', () => {
    const provisional = generateMonthlyRoster(buildInput({ month: '2027-01' }));
    expect(provisional.warnings).toContainEqual({ code: 'provisional_calendar', message: expect.stringContaining('2027') });
    expect(provisional.shifts.length).toBeGreaterThan(0);
    const firm = generateMonthlyRoster(buildInput({ month: '2026-12' }));
    expect(firm.warnings).toEqual([]);
  });

  it('warns about rotations not started, ended, or with a bad rule, and still returns their state', () => {
    const rotations = [
      buildRotation({ id: 1, startDate: '2027-01-04' }),
      buildRotation({ id: 2, rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261130', lawyerIds: [4] }),
      buildRotation({ id: 3, rrule: 'FREQ=HOURLY', lawyerIds: [5] }),
    ];
    const rotationStates = [{ rotationId: 3, nextIndex: 0, owed: [] }];
    const result = generateMonthlyRoster(buildInput({ rotations, rotationStates }));
    expect(result.shifts).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['rotation_not_started', 'rotation_ended', 'invalid_rule']);
    expect(result.rotationStates.map((s) => s.rotationId)).toEqual([1, 2, 3]);
  });

  it('starts a rotation mid-month on its start date', () => {
    const result = generateMonthlyRoster(buildInput({ rotations: [buildRotation({ id: 1, startDate: '2026-12-16' })] }));
    expect(result.shifts[0]).toMatchObject({ date: '2026-12-16', lawyerId: 1 });
  });

  it('gives the same roster for the same input, whatever the order of the input lists', () => {
    const rotations = [
      buildRotation({ id: 2, stationId: 2, lawyerIds: [3, 1, 2], rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' }),
      buildRotation({ id: 1, stationId: 1, lawyerIds: [1, 2, 3, 4] }),
    ];
    const input = buildInput({ rotations, month: '2026-10' });
    input.lawyers[0] = buildLawyer({ id: 3, stationIds: [1, 2], unavailable: [{ from: '2026-10-12', to: '2026-10-14' }] });
    const first = generateMonthlyRoster(input);
    expect(generateMonthlyRoster(input)).toEqual(first);
    const shuffled = { ...input, rotations: [...input.rotations].reverse(), lawyers: [...input.lawyers].reverse() };
    expect(generateMonthlyRoster(shuffled)).toEqual(first);
  });

  it('does not change its input', () => {
    const input = buildInput({
      existingShifts: [{ stationId: 1, date: '2026-12-03', lawyerId: 2, source: 'manual' }],
      rotationStates: [{ rotationId: 1, nextIndex: 2, owed: [1] }],
    });
    const before = structuredClone({ ...input, calendar: null });
    generateMonthlyRoster(input);
    expect({ ...input, calendar: null }).toEqual(before);
  });

  it('rejects a malformed month', () => {
    expect(() => generateMonthlyRoster(buildInput({ month: '2026-13' }))).toThrow(RangeError);
  });

  it('adjusts a saved turn that no longer fits the rotation, with a warning', () => {
    const result = generateMonthlyRoster(buildInput({ rotationStates: [{ rotationId: 1, nextIndex: 7, owed: [42] }] }));
    expect(result.shifts[0]?.lawyerId).toBe(2);
    expect(result.warnings.map((w) => w.code)).toEqual(['rotation_state_adjusted']);
  });

  it('weekend duty counts cover every Saturday/Sunday duty', () => {
    const rotations = [buildRotation({ id: 1, rrule: 'FREQ=DAILY', lawyerIds: [1, 2] })];
    const result = generateMonthlyRoster(buildInput({ rotations }));
    const weekendDays = eachDate('2026-12-01', '2026-12-31').filter((d) => isoWeekday(d) >= 6).length;
    expect(result.fairness.perLawyer.reduce((n, e) => n + e.weekendShifts, 0)).toBe(weekendDays);
  });
});

describe('generateMonthlyRoster: a fair share of the unpopular days', () => {
  // Station 1 opens on two Saturdays of December 2026 (a Mon–Fri rule works a station's extra
  // working days). Round-robin over two lawyers puts both on lawyer 1: 12-12 is the 11th duty
  // and 12-19 the 17th.
  const twoSaturdays = () =>
    new WorkingCalendar([
      { date: '2026-12-12', kind: 'workday', name: '集中接待日', stationId: 1 },
      { date: '2026-12-19', kind: 'workday', name: '集中接待日', stationId: 1 },
    ]);
  const lawyerOn = (result: ReturnType<typeof generateMonthlyRoster>, date: string) => result.shifts.find((s) => s.date === date)?.lawyerId;
  const saturdaysOf = (result: ReturnType<typeof generateMonthlyRoster>, lawyerId: number) =>
    result.fairness.perLawyer.find((e) => e.lawyerId === lawyerId)?.weekendShifts;

  it('gives two lawyers one Saturday each instead of both to one, and keeps their number of duties and the turn', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2] })];
    const result = generateMonthlyRoster(buildInput({ calendar: twoSaturdays(), rotations }));
    expect([lawyerOn(result, '2026-12-12'), lawyerOn(result, '2026-12-19')].sort()).toEqual([1, 2]);
    expect(saturdaysOf(result, 1)).toBe(1);
    expect(saturdaysOf(result, 2)).toBe(1);
    // 25 duties: round-robin's 13 and 12, and next month starts with lawyer 2 as it would have.
    expect(countsByLawyer(result.shifts)).toEqual(new Map([[1, 13], [2, 12]]));
    expect(result.rotationStates).toEqual([{ rotationId: 1, nextIndex: 1, owed: [] }]);
    // One a day, never two.
    expect(new Set(datesOf(result.shifts)).size).toBe(result.shifts.length);
  });

  it('changes nothing but one Saturday and the colleague’s nearest ordinary duty, exchanged', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2] })];
    const result = generateMonthlyRoster(buildInput({ calendar: twoSaturdays(), rotations }));
    // Against plain turns (1, 2, 1, 2 … over the duty days) exactly two days differ.
    const changed = result.shifts.filter((s, i) => s.lawyerId !== (i % 2 === 0 ? 1 : 2)).map((s) => s.date);
    expect(changed).toHaveLength(2);
    const [a, b] = changed as [string, string];
    expect([a, b].filter((d) => isoWeekday(d) === 6)).toHaveLength(1);
    expect(Math.abs(Number(a.slice(8)) - Number(b.slice(8)))).toBe(1);
  });

  it('counts the last twelve months: who had more weekend duties gets none this month while a colleague can take them', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2, 3] })];
    const fairnessCarry = [
      { lawyerId: 1, shifts: 200, weekendShifts: 4, holidayAdjacentShifts: 0 },
      { lawyerId: 2, shifts: 200, weekendShifts: 0, holidayAdjacentShifts: 0 },
      { lawyerId: 3, shifts: 200, weekendShifts: 0, holidayAdjacentShifts: 0 },
    ];
    const result = generateMonthlyRoster(buildInput({ calendar: twoSaturdays(), rotations, fairnessCarry }));
    expect(saturdaysOf(result, 1)).toBe(0);
    expect(saturdaysOf(result, 2)).toBe(1);
    expect(saturdaysOf(result, 3)).toBe(1);
    expect(result.fairness.maxMinusMin).toBeLessThanOrEqual(1);
  });

  it('never hands a day to a colleague on leave, and leaves it where it is when nobody can take it', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2] })];
    const input = buildInput({ calendar: twoSaturdays(), rotations });
    input.lawyers[1] = buildLawyer({ id: 2, unavailable: [{ from: '2026-12-12', to: '2026-12-12' }, { from: '2026-12-19', to: '2026-12-19' }] });
    const result = generateMonthlyRoster(input);
    expect(lawyerOn(result, '2026-12-12')).toBe(1);
    expect(lawyerOn(result, '2026-12-19')).toBe(1);
  });

  it('does not move a kept shift, and evens out with the generated ones', () => {
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2] })];
    const existingShifts = [{ stationId: 1, date: '2026-12-12', lawyerId: 1, source: 'manual' as const }];
    const result = generateMonthlyRoster(buildInput({ calendar: twoSaturdays(), rotations, existingShifts }));
    expect(datesOf(result.shifts)).not.toContain('2026-12-12');
    expect(lawyerOn(result, '2026-12-19')).toBe(2);
    expect(saturdaysOf(result, 1)).toBe(1);
    expect(saturdaysOf(result, 2)).toBe(1);
  });

  it('does not exchange across stations or put a lawyer in two places on one day', () => {
    // Lawyer 2 serves both stations; station 2 has duty every day, so lawyer 2 is busy there on
    // the days station 1 could give them.
    const rotations = [buildRotation({ id: 1, lawyerIds: [1, 2] }), buildRotation({ id: 2, stationId: 2, lawyerIds: [2], rrule: 'FREQ=DAILY' })];
    const input = buildInput({ calendar: twoSaturdays(), rotations });
    input.lawyers = [buildLawyer({ id: 1, stationIds: [1] }), buildLawyer({ id: 2, stationIds: [1, 2] })];
    const result = generateMonthlyRoster(input);
    const byLawyerAndDay = new Set(result.shifts.map((s) => `${s.lawyerId}|${s.date}`));
    expect(byLawyerAndDay.size).toBe(result.shifts.length);
    expect(result.shifts.filter((s) => s.stationId === 2).every((s) => s.lawyerId === 2)).toBe(true);
  });

  it('evens out a whole year of China’s make-up days and holidays, month after month', () => {
    for (const n of [2, 3, 4]) {
      const lawyerIds = Array.from({ length: n }, (_, i) => i + 1);
      let rotationStates: ReturnType<typeof generateMonthlyRoster>['rotationStates'] = [];
      let fairnessCarry: ReturnType<typeof generateMonthlyRoster>['fairness']['cumulative'] = [];
      for (let m = 1; m <= 12; m++) {
        const month = `2026-${String(m).padStart(2, '0')}`;
        const result = generateMonthlyRoster(buildInput({ month, rotations: [buildRotation({ id: 1, lawyerIds })], rotationStates, fairnessCarry }));
        rotationStates = result.rotationStates;
        fairnessCarry = result.fairness.cumulative;
      }
      const range = (pick: (e: (typeof fairnessCarry)[number]) => number) => Math.max(...fairnessCarry.map(pick)) - Math.min(...fairnessCarry.map(pick));
      expect(range((e) => e.shifts), `${n} lawyers: duties`).toBeLessThanOrEqual(1);
      expect(range((e) => e.weekendShifts), `${n} lawyers: weekend duties`).toBeLessThanOrEqual(1);
      expect(range((e) => e.holidayAdjacentShifts), `${n} lawyers: duties next to a holiday`).toBeLessThanOrEqual(1);
    }
  });
});
