import fc from 'fast-check';
import * as rr from 'rrule';
import { describe, expect, it } from 'vitest';
import {
  expandRule,
  isWeekdayWorkRule,
  parseRotationRule,
  type RotationRule,
} from '../../../server/rosters/rrule.js';

// rrule.js is the reference the expander is checked against. Under Node ESM its named
// export is missing at run time, hence the namespace import.
const RRuleCtor = (rr as any).RRule ?? (rr as any).default.RRule;

function referenceDates(text: string, startDate: string, from: string, to: string): string[] {
  const options = RRuleCtor.parseString(text);
  options.dtstart = new Date(`${startDate}T00:00:00Z`);
  if (options.until) options.until = new Date(`${options.until.toISOString().slice(0, 10)}T00:00:00Z`);
  return new RRuleCtor(options)
    .between(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`), true)
    .map((d: Date) => d.toISOString().slice(0, 10));
}

function parsed(text: string, startDate = '2026-01-01'): RotationRule {
  const result = parseRotationRule(text, startDate);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.rule;
}

/** Like rrule.js's own test helper: the expected dates, and agreement with the reference. */
function expectDates(text: string, startDate: string, from: string, to: string, expected: string[]): void {
  const rule = parsed(text, startDate);
  expect(expandRule(rule, from, to)).toEqual(expected);
  expect(expandRule(rule, from, to)).toEqual(referenceDates(text, startDate, from, to));
  // The canonical text means the same rule.
  expect(expandRule(parsed(rule.text, startDate), from, to)).toEqual(expected);
}

describe('parseRotationRule: accepted rules', () => {
  it.each([
    {
      name: 'every working day, starting mid-week',
      rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      start: '2026-12-02',
      from: '2026-11-25',
      to: '2026-12-08',
      dates: ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08'],
    },
    {
      name: 'DAILY with COUNT stops after COUNT days',
      rule: 'FREQ=DAILY;COUNT=3',
      start: '2026-12-30',
      from: '2026-12-01',
      to: '2027-01-31',
      dates: ['2026-12-30', '2026-12-31', '2027-01-01'],
    },
    {
      name: 'COUNT is counted from the start date, not from the window',
      rule: 'FREQ=DAILY;COUNT=5',
      start: '2026-11-28',
      from: '2026-12-01',
      to: '2026-12-31',
      dates: ['2026-12-01', '2026-12-02'],
    },
    {
      name: 'UNTIL is inclusive',
      rule: 'FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261210',
      start: '2026-12-01',
      from: '2026-12-01',
      to: '2026-12-31',
      dates: ['2026-12-01', '2026-12-03', '2026-12-08', '2026-12-10'],
    },
    {
      name: 'UNTIL with a time of day',
      rule: 'FREQ=DAILY;UNTIL=20261203T235959Z',
      start: '2026-12-01',
      from: '2026-12-01',
      to: '2026-12-31',
      dates: ['2026-12-01', '2026-12-02', '2026-12-03'],
    },
    {
      name: 'INTERVAL=2: every other Wednesday from the start week',
      rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
      start: '2026-11-30',
      from: '2026-12-01',
      to: '2026-12-31',
      dates: ['2026-12-02', '2026-12-16', '2026-12-30'],
    },
    {
      name: 'INTERVAL=3 days',
      rule: 'FREQ=DAILY;INTERVAL=3',
      start: '2026-12-01',
      from: '2026-12-05',
      to: '2026-12-14',
      dates: ['2026-12-07', '2026-12-10', '2026-12-13'],
    },
    {
      name: 'last Friday of the month',
      rule: 'FREQ=MONTHLY;BYDAY=-1FR',
      start: '2026-01-01',
      from: '2026-10-01',
      to: '2026-12-31',
      dates: ['2026-10-30', '2026-11-27', '2026-12-25'],
    },
    {
      name: 'last working weekday of the month via BYSETPOS',
      rule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      start: '2026-01-01',
      from: '2026-10-01',
      to: '2026-12-31',
      dates: ['2026-10-30', '2026-11-30', '2026-12-31'],
    },
    {
      name: 'month days counted from the end',
      rule: 'FREQ=MONTHLY;BYMONTHDAY=1,-1',
      start: '2026-01-01',
      from: '2026-02-01',
      to: '2026-03-31',
      dates: ['2026-02-01', '2026-02-28', '2026-03-01', '2026-03-31'],
    },
    {
      name: 'MONTHLY without BY parts repeats the start day, skipping short months',
      rule: 'FREQ=MONTHLY',
      start: '2026-01-31',
      from: '2026-01-01',
      to: '2026-05-31',
      dates: ['2026-01-31', '2026-03-31', '2026-05-31'],
    },
    {
      name: 'WEEKLY without BYDAY repeats the start weekday',
      rule: 'FREQ=WEEKLY',
      start: '2026-12-03',
      from: '2026-12-01',
      to: '2026-12-31',
      dates: ['2026-12-03', '2026-12-10', '2026-12-17', '2026-12-24', '2026-12-31'],
    },
    {
      name: 'ISO week 20 Monday',
      rule: 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
      start: '2025-01-01',
      from: '2025-01-01',
      to: '2026-12-31',
      dates: ['2025-05-12', '2026-05-11'],
    },
    {
      name: 'lower-case input is accepted',
      rule: 'freq=weekly;byday=mo',
      start: '2026-12-01',
      from: '2026-12-01',
      to: '2026-12-14',
      dates: ['2026-12-07', '2026-12-14'],
    },
  ])('$name: $rule', ({ rule, start, from, to, dates }) => {
    expectDates(rule.toUpperCase(), start, from, to, dates);
  });

  it('writes the rule back in a canonical order', () => {
    expect(parsed('BYDAY=FR,MO;FREQ=WEEKLY;INTERVAL=1').text).toBe('FREQ=WEEKLY;BYDAY=MO,FR');
    expect(parsed('FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR,-1MO;WKST=SU').text).toBe(
      'FREQ=MONTHLY;BYDAY=-1MO,FR;BYSETPOS=-1;WKST=SU',
    );
  });

  it('never returns a date before the start date', () => {
    expect(expandRule(parsed('FREQ=DAILY', '2026-12-15'), '2026-12-01', '2026-12-16')).toEqual([
      '2026-12-15',
      '2026-12-16',
    ]);
    expect(expandRule(parsed('FREQ=DAILY', '2026-12-15'), '2026-12-01', '2026-12-14')).toEqual([]);
  });
});

describe('parseRotationRule: rejected rules', () => {
  it.each([
    { rule: 'RRULE:FREQ=DAILY', message: /without the 'RRULE:' prefix/ },
    { rule: 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', message: /DTSTART/ },
    { rule: 'FREQ=DAILY;DTSTART=20260101', message: /DTSTART/ },
    { rule: 'FREQ=HOURLY', message: /FREQ=HOURLY repeats within a day/ },
    { rule: 'FREQ=MINUTELY;INTERVAL=30', message: /FREQ=MINUTELY/ },
    { rule: 'FREQ=SECONDLY', message: /FREQ=SECONDLY/ },
    { rule: 'FREQ=DAILY;BYHOUR=9', message: /BYHOUR sets a time of day/ },
    { rule: 'FREQ=DAILY;BYMINUTE=0', message: /BYMINUTE/ },
    { rule: 'FREQ=DAILY;BYSECOND=0', message: /BYSECOND/ },
    { rule: 'FREQ=DAILY;BYEASTER=0', message: /Unknown rule part 'BYEASTER'/ },
    { rule: 'FREQ=DAILY;X-NAME=duty', message: /Unknown rule part/ },
    { rule: 'FREQ=FORTNIGHTLY', message: /not a frequency/ },
    { rule: 'BYDAY=MO', message: /FREQ is required/ },
    { rule: 'FREQ=DAILY;INTERVAL=0', message: /INTERVAL must lie between 1 and 366/ },
    { rule: 'FREQ=DAILY;INTERVAL=367', message: /INTERVAL must lie between 1 and 366/ },
    { rule: 'FREQ=DAILY;INTERVAL=-1', message: /INTERVAL=-1 is not a whole number/ },
    { rule: 'FREQ=DAILY;COUNT=10001', message: /COUNT must lie between 1 and 10000/ },
    { rule: 'FREQ=DAILY;COUNT=0', message: /COUNT must lie between/ },
    { rule: 'FREQ=DAILY;COUNT=5;UNTIL=20261231', message: /COUNT and UNTIL cannot both/ },
    { rule: 'FREQ=DAILY;UNTIL=20251231', message: /UNTIL \(2025-12-31\) is before the start date/ },
    { rule: 'FREQ=DAILY;UNTIL=20260230', message: /UNTIL=20260230 is not a date/ },
    { rule: 'FREQ=DAILY;FREQ=WEEKLY', message: /FREQ is given twice/ },
    { rule: 'FREQ=DAILY;', message: /empty part/ },
    { rule: 'FREQ=DAILY; BYDAY=MO', message: /spaces/ },
    { rule: 'FREQ', message: /not a NAME=VALUE/ },
    { rule: '', message: /empty/ },
    { rule: 'FREQ=WEEKLY;BYDAY=MON', message: /BYDAY value 'MON'/ },
    { rule: 'FREQ=WEEKLY;BYDAY=1MO', message: /needs FREQ=MONTHLY or YEARLY/ },
    { rule: 'FREQ=MONTHLY;BYDAY=6MO', message: /positions within a month/ },
    { rule: 'FREQ=WEEKLY;BYMONTHDAY=1', message: /BYMONTHDAY cannot be used with FREQ=WEEKLY/ },
    { rule: 'FREQ=MONTHLY;BYYEARDAY=1', message: /BYYEARDAY needs FREQ=YEARLY/ },
    { rule: 'FREQ=MONTHLY;BYWEEKNO=1', message: /BYWEEKNO needs FREQ=YEARLY/ },
    { rule: 'FREQ=MONTHLY;BYSETPOS=1', message: /BYSETPOS needs another/ },
    { rule: 'FREQ=MONTHLY;BYMONTHDAY=32', message: /BYMONTHDAY values must lie between/ },
    { rule: 'FREQ=YEARLY;BYMONTH=13', message: /BYMONTH must lie between 1 and 12/ },
    { rule: 'FREQ=WEEKLY;WKST=XX', message: /WKST=XX is not a weekday/ },
    { rule: `FREQ=WEEKLY;BYDAY=${'MO,'.repeat(170)}MO`, message: /at most 500/ },
    { rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', message: /no duty day within 3 years/ },
  ])('rejects $rule', ({ rule, message }) => {
    const result = parseRotationRule(rule, '2026-01-01');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('rejects a bad start date', () => {
    expect(parseRotationRule('FREQ=DAILY', '2026-02-30')).toMatchObject({ ok: false, message: /start date/ });
  });

  // rrule.js takes ~0.1 s (YEARLY) to ~10 s (DAILY) to give up on these: its iterator runs to the year 9999.
  it.each([
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=WEEKLY;BYMONTH=4,6,9,11;BYDAY=MO;BYMONTHDAY=31',
    'FREQ=DAILY;INTERVAL=7;BYDAY=MO',
    'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29',
  ])('rejects the never-matching %s once it has looked 3 years ahead (not at the year 9999)', (rule) => {
    // How fast is for bench/ to say; here the answer shows where the search stopped.
    const result = parseRotationRule(rule, '2026-01-06');
    expect(result).toMatchObject({ ok: false, message: /no duty day within 3 years/ });
  });

  it('accepts a rare rule whose first day lies within 3 years', () => {
    expectDates('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2026-01-01', '2026-01-01', '2028-12-31', ['2028-02-29']);
  });

  it('expands a long window of a rare rule (no 29 February in it) to nothing', () => {
    const rule = parsed('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29', '2024-01-01');
    expect(expandRule(rule, '2025-03-01', '2027-12-31')).toEqual([]);
    expect(expandRule(rule, '2025-03-01', '2028-03-01')).toEqual(['2028-02-29']);
  });
});

describe('isWeekdayWorkRule', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', true],
    ['FREQ=DAILY;BYDAY=FR,TH,WE,TU,MO', true],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20271231', true],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;INTERVAL=2', false],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=40', false],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', false],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA', false],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYMONTH=1,2,3', false],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR', false],
    ['FREQ=DAILY', false],
  ] as const)('%s → %s', (rule, expected) => {
    expect(isWeekdayWorkRule(parsed(rule))).toBe(expected);
  });
});

describe('expandRule agrees with rrule.js', () => {
  const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  const ruleArb = fc
    .record({
      freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
      interval: fc.integer({ min: 1, max: 3 }),
      days: fc.uniqueArray(fc.constantFrom(...weekdays), { maxLength: 4 }),
      ordinal: fc.option(fc.constantFrom(1, 2, -1, 3), { nil: undefined }),
      months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
      monthDays: fc.uniqueArray(fc.constantFrom(1, 2, 15, 28, 29, 30, 31, -1, -2), { maxLength: 3 }),
      setPos: fc.option(fc.constantFrom(1, -1, 2), { nil: undefined }),
      count: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
      wkst: fc.option(fc.constantFrom('MO', 'SU', 'WE'), { nil: undefined }),
    })
    .map((r) => {
      const parts = [`FREQ=${r.freq}`];
      if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
      if (r.count) parts.push(`COUNT=${r.count}`);
      if (r.months.length) parts.push(`BYMONTH=${r.months.join(',')}`);
      if (r.monthDays.length && r.freq !== 'WEEKLY') parts.push(`BYMONTHDAY=${r.monthDays.join(',')}`);
      if (r.days.length) {
        // rrule.js intersects plain and positional BYDAY values, so mix neither here.
        const positional = r.ordinal != null && (r.freq === 'MONTHLY' || r.freq === 'YEARLY');
        parts.push(`BYDAY=${r.days.map((d) => (positional ? `${r.ordinal}${d}` : d)).join(',')}`);
      }
      if (r.setPos != null && parts.some((p) => p.startsWith('BY'))) parts.push(`BYSETPOS=${r.setPos}`);
      if (r.wkst) parts.push(`WKST=${r.wkst}`);
      return parts.join(';');
    });
  const dateArb = fc
    .integer({ min: 0, max: 3 * 365 })
    .map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

  it('on random rules, starts and windows', () => {
    fc.assert(
      fc.property(ruleArb, dateArb, dateArb, fc.integer({ min: 0, max: 400 }), (text, start, from, span) => {
        const result = parseRotationRule(text, start);
        fc.pre(result.ok);
        if (!result.ok) return;
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + span * 86_400_000).toISOString().slice(0, 10);
        expect(expandRule(result.rule, from, to)).toEqual(referenceDates(text, start, from, to));
      }),
      { numRuns: 300 },
    );
  });
});
