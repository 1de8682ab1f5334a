import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar, type LocalDay } from '../../../server/calendar/workingCalendar.js';
import { eachDate, isoWeekday, monthRange } from '../../../server/lib/dates.js';
import {
  generateMonthlyRoster,
  type ExistingShift,
  type GenerateInput,
  type LawyerInput,
  type RotationInput,
} from '../../../server/rosters/generateRoster.js';
import { expandRule, isWeekdayWorkRule, parseRotationRule } from '../../../server/rosters/rrule.js';
import { whyCannotServe } from '../../../server/rosters/shiftRules.js';
import { MON_FRI, countsByLawyer } from './factories.js';

const RULES = [
  MON_FRI,
  MON_FRI,
  'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  'FREQ=WEEKLY;BYDAY=TU,TH',
  'FREQ=WEEKLY;BYDAY=SA',
  'FREQ=DAILY',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
  'FREQ=MONTHLY;BYDAY=1MO,3TH',
  'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
];

const monthArb = fc
  .integer({ min: 0, max: 23 })
  .map((i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

/** A random network: 2–6 stations, 2–10 lawyers, random eligibility, leave, caps, rules. */
const networkArb = monthArb.chain((month) => {
  const days = eachDate(monthRange(month).from, monthRange(month).to);
  const dayArb = fc.constantFrom(...days);
  return fc
    .record({ stationCount: fc.integer({ min: 2, max: 6 }), lawyerCount: fc.integer({ min: 2, max: 10 }) })
    .chain(({ stationCount, lawyerCount }) => {
      const stationIds = Array.from({ length: stationCount }, (_, i) => i + 1);
      const lawyerIds = Array.from({ length: lawyerCount }, (_, i) => i + 1);
      const lawyerArb = (id: number) =>
        fc.record({
          id: fc.constant(id),
          name: fc.constant(`律师${id}`),
          stationIds: fc.subarray(stationIds, { minLength: 1 }),
          maxShiftsPerMonth: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null, freq: 3 }),
          active: fc.boolean().map((b) => b || id % 5 !== 0),
          unavailable: fc.array(
            fc.tuple(dayArb, fc.integer({ min: 0, max: 6 })).map(([from, len]) => ({
              from,
              to: days[Math.min(days.indexOf(from) + len, days.length - 1)]!,
            })),
            { maxLength: 2 },
          ),
        });
      const rotationArb = (id: number, stationId: number) =>
        fc.record({
          id: fc.constant(id),
          stationId: fc.constant(stationId),
          name: fc.constant(`轮值${id}`),
          rrule: fc.constantFrom(...RULES),
          startDate: fc.constantFrom('2024-06-03', '2025-01-01', `${month}-10`),
          lawyerIds: fc.shuffledSubarray(lawyerIds, { minLength: 0 }),
          lawyersPerDay: fc.integer({ min: 1, max: 2 }),
          shiftStart: fc.constant('09:00'),
          shiftEnd: fc.constant('17:30'),
        });
      return fc.record({
        month: fc.constant(month),
        lawyers: fc.tuple(...lawyerIds.map(lawyerArb)),
        rotations: fc.tuple(...stationIds.map((s) => rotationArb(s, s))),
        generated: fc.subarray(stationIds, { minLength: 1 }),
        otherShifts: fc.array(
          fc.record({ stationId: fc.integer({ min: 1, max: stationCount }), date: dayArb, lawyerId: fc.constantFrom(...lawyerIds) }),
          { maxLength: 8 },
        ),
        localClosures: fc.array(fc.record({ date: dayArb, stationId: fc.option(fc.constantFrom(...stationIds), { nil: null }) }), {
          maxLength: 2,
        }),
        nextIndexes: fc.array(fc.nat({ max: 9 }), { minLength: stationCount, maxLength: stationCount }),
      });
    })
    .map((n): GenerateInput => {
      const stationIds = n.generated;
      const local: LocalDay[] = n.localClosures.map((c) => ({ date: c.date, kind: 'holiday', name: '临时闭站', stationId: c.stationId }));
      // Kept shifts: other stations only, one per lawyer per day, as the database guarantees.
      const seen = new Set<string>();
      const existingShifts: ExistingShift[] = [];
      for (const s of n.otherShifts) {
        if (stationIds.includes(s.stationId) || seen.has(`${s.lawyerId}|${s.date}`)) continue;
        seen.add(`${s.lawyerId}|${s.date}`);
        existingShifts.push({ ...s, source: 'rotation' });
      }
      return {
        month: n.month,
        stationIds,
        rotations: n.rotations as RotationInput[],
        lawyers: n.lawyers as LawyerInput[],
        calendar: new WorkingCalendar(local),
        existingShifts,
        rotationStates: n.rotations.map((r, i) => ({
          rotationId: r.id,
          nextIndex: r.lawyerIds.length ? n.nextIndexes[i]! % r.lawyerIds.length : 0,
          owed: [],
        })),
        fairnessCarry: [],
      };
    });
});

/** The duty days of a rotation, worked out independently of the generator. */
function expectedDutyDays(input: GenerateInput, rotation: RotationInput): string[] {
  const parsed = parseRotationRule(rotation.rrule, rotation.startDate);
  if (!parsed.ok) throw new Error(parsed.message);
  const { from, to } = monthRange(input.month);
  const weekdayWork = isWeekdayWorkRule(parsed.rule);
  return eachDate(from, to).filter((date) => {
    if (date < rotation.startDate) return false;
    const info = input.calendar.dayInfo(date, rotation.stationId);
    if (info.kind === 'holiday' || info.kind === 'local_closed') return false;
    if (weekdayWork && isoWeekday(date) >= 6) return info.working;
    return expandRule(parsed.rule, date, date).length === 1;
  });
}

describe('generateMonthlyRoster: properties on random networks', () => {
  it('never breaks a hard rule, and covers every duty day with shifts or a gap', () => {
    fc.assert(
      fc.property(networkArb, (input) => {
        const result = generateMonthlyRoster(input);
        const lawyers = new Map(input.lawyers.map((l) => [l.id, l]));

        // Nobody twice a day, kept shifts included.
        const booked = new Set(input.existingShifts.map((s) => `${s.lawyerId}|${s.date}`));
        for (const s of result.shifts) {
          const key = `${s.lawyerId}|${s.date}`;
          expect(booked.has(key)).toBe(false);
          booked.add(key);
        }

        // Nobody inactive, on leave, at a station they do not serve, or past their cap.
        for (const s of result.shifts) {
          const lawyer = lawyers.get(s.lawyerId)!;
          expect(lawyer.active).toBe(true);
          expect(lawyer.stationIds).toContain(s.stationId);
          expect(lawyer.unavailable.some((u) => s.date >= u.from && s.date <= u.to)).toBe(false);
          expect(input.stationIds).toContain(s.stationId);
        }
        const generated = countsByLawyer(result.shifts);
        const kept = countsByLawyer(input.existingShifts);
        for (const [id, n] of generated) {
          const cap = lawyers.get(id)!.maxShiftsPerMonth;
          if (cap != null) expect(n + (kept.get(id) ?? 0)).toBeLessThanOrEqual(cap);
        }

        // Each duty day of each generated rotation: all seats filled, or a gap; nothing else.
        const gapKeys = new Set(result.gaps.map((g) => `${g.rotationId}|${g.date}`));
        const filled = countsByLawyer(result.shifts.map((s) => ({ lawyerId: s.rotationId * 100 + Number(s.date.slice(8)) })));
        for (const rotation of input.rotations.filter((r) => input.stationIds.includes(r.stationId))) {
          const duty = new Set(expectedDutyDays(input, rotation));
          for (const date of duty) {
            const n = filled.get(rotation.id * 100 + Number(date.slice(8))) ?? 0;
            if (gapKeys.has(`${rotation.id}|${date}`)) expect(n).toBeLessThan(rotation.lawyersPerDay);
            else expect(n).toBe(rotation.lawyersPerDay);
          }
          for (const s of result.shifts.filter((x) => x.rotationId === rotation.id)) expect(duty.has(s.date)).toBe(true);
          for (const g of result.gaps.filter((x) => x.rotationId === rotation.id)) expect(duty.has(g.date)).toBe(true);
        }

        // The generator agrees with the rule manual edits and swaps use, shift by shift in the order made.
        const dayDuties = countsByLawyer(input.existingShifts.map((s) => ({ lawyerId: s.lawyerId * 100 + Number(s.date.slice(8)) })));
        const monthDuties = new Map(kept);
        for (const s of result.shifts) {
          const context = {
            stationId: s.stationId,
            date: s.date,
            dutiesThatDay: dayDuties.get(s.lawyerId * 100 + Number(s.date.slice(8))) ?? 0,
            dutiesThatMonth: monthDuties.get(s.lawyerId) ?? 0,
          };
          expect(whyCannotServe(lawyers.get(s.lawyerId)!, context)).toBeNull();
          monthDuties.set(s.lawyerId, context.dutiesThatMonth + 1);
        }

        // Gap candidates belong to the rotation.
        for (const g of result.gaps) {
          const rotation = input.rotations.find((r) => r.id === g.rotationId)!;
          for (const c of g.candidates) expect(rotation.lawyerIds).toContain(c);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(networkArb, (input) => {
        expect(generateMonthlyRoster(input)).toEqual(generateMonthlyRoster(input));
      }),
      { numRuns: 100 },
    );
  });

  const singleRotationArb = fc.record({
    month: monthArb,
    rrule: fc.constantFrom(...RULES),
    lawyerCount: fc.integer({ min: 1, max: 10 }),
    lawyersPerDay: fc.integer({ min: 1, max: 3 }),
    nextIndex: fc.nat({ max: 9 }),
  });

  /** One station, one rotation, everyone eligible, no leave, no caps. */
  function singleRotationInput(p: {
    month: string;
    rrule: string;
    lawyerCount: number;
    lawyersPerDay: number;
    nextIndex: number;
  }): GenerateInput {
    const lawyerIds = Array.from({ length: p.lawyerCount }, (_, i) => i + 1);
    return {
      month: p.month,
      stationIds: [1],
      rotations: [
        {
          id: 1,
          stationId: 1,
          name: '坐班',
          rrule: p.rrule,
          startDate: '2024-06-03',
          lawyerIds,
          lawyersPerDay: Math.min(p.lawyersPerDay, p.lawyerCount),
          shiftStart: '09:00',
          shiftEnd: '17:30',
        },
      ],
      lawyers: lawyerIds.map((id) => ({ id, name: `律师${id}`, stationIds: [1], maxShiftsPerMonth: null, active: true, unavailable: [] })),
      calendar: new WorkingCalendar(),
      existingShifts: [],
      rotationStates: [{ rotationId: 1, nextIndex: p.nextIndex % p.lawyerCount, owed: [] }],
      fairnessCarry: [],
    };
  }

  it('keeps the spread ≤ 1 when all lawyers of one rotation are equally available', () => {
    fc.assert(
      fc.property(singleRotationArb, (p) => {
        const result = generateMonthlyRoster(singleRotationInput(p));
        expect(result.gaps).toEqual([]);
        expect(result.fairness.maxMinusMin).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the cumulative spread ≤ 1 over consecutive months fed by rotationStates', () => {
    fc.assert(
      fc.property(singleRotationArb, fc.integer({ min: 2, max: 5 }), (p, months) => {
        let input = singleRotationInput(p);
        for (let i = 0; i < months; i++) {
          const result = generateMonthlyRoster(input);
          const totals = result.fairness.cumulative.map((e) => e.shifts);
          expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
          const [y, m] = input.month.split('-').map(Number) as [number, number];
          const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
          input = { ...input, month: next, rotationStates: result.rotationStates, fairnessCarry: result.fairness.cumulative };
        }
      }),
      { numRuns: 100 },
    );
  });
});
