/**
 * Duty-day recurrence rules: strict RRULE parsing and bounded expansion.
 *
 * A rotation's duty days are an RFC 5545 RRULE value (`FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR`)
 * anchored at the rotation's start date. Only the date part of RFC 5545 applies: rules
 * pick days, the shift hours come from the rotation.
 *
 * Why this does not expand with the `rrule` package: rrule.js's iterator only stops when
 * it meets an occurrence past the window, or the year 9999. A rule that never matches
 * (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) makes even a one-month `between()` spin for about
 * ten seconds, so one bad request could hang the server. This expander walks whole periods
 * (day, week, month, year) and stops at the window's end, so each call costs at most the
 * window's length. It follows the same period-and-filter model as rrule.js and
 * python-dateutil, and the tests check it against rrule.js.
 *
 * Dates are `YYYY-MM-DD` calendar dates handled as UTC day numbers: no host time zone can
 * shift a day. Pure: no I/O, no clock.
 */
import { isValidDate } from '../lib/dates.js';

export type RuleFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface RuleWeekday {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** 0: every such weekday of the period; n > 0: the nth; n < 0: the nth from the end. */
  nth: number;
}

/** A parsed, validated rule. Lists are empty when the part was not given. */
export interface RotationRule {
  /** The rule written back in a canonical order, upper case. */
  readonly text: string;
  readonly startDate: string;
  readonly freq: RuleFrequency;
  readonly interval: number;
  readonly count: number | null;
  /** Last possible duty date (UNTIL's date), inclusive. */
  readonly until: string | null;
  readonly byDay: readonly RuleWeekday[];
  readonly byMonth: readonly number[];
  readonly byMonthDay: readonly number[];
  readonly byYearDay: readonly number[];
  readonly byWeekNo: readonly number[];
  readonly bySetPos: readonly number[];
  /** WKST, 0 = Monday (the default). */
  readonly weekStart: number;
}

export type ParseRuleResult = { ok: true; rule: RotationRule } | { ok: false; message: string };

export const MAX_RULE_LENGTH = 500;
export const MAX_INTERVAL = 366;
export const MAX_COUNT = 10_000;
/** A rule must produce a duty day within this many years of its start date. */
export const FIRST_OCCURRENCE_HORIZON_YEARS = 3;

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const FREQUENCIES: readonly RuleFrequency[] = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const SUB_DAILY = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);
const TIME_PARTS = new Set(['BYHOUR', 'BYMINUTE', 'BYSECOND']);
const KNOWN_PARTS = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
] as const;
type PartName = (typeof KNOWN_PARTS)[number];

class RuleError extends Error {}

function fail(message: string): never {
  throw new RuleError(message);
}

/**
 * Parse and validate a rotation's RRULE value against its start date. Every answer is
 * bounded: the "does it ever happen" check walks at most three years.
 */
export function parseRotationRule(rrule: string, startDate: string): ParseRuleResult {
  try {
    const rule = parseStrict(rrule, startDate);
    const horizon = addYears(startDate, FIRST_OCCURRENCE_HORIZON_YEARS);
    if (expandDayNumbers(rule, dayNumber(startDate), dayNumber(horizon), 1).length === 0) {
      fail(`The rule yields no duty day within ${FIRST_OCCURRENCE_HORIZON_YEARS} years of ${startDate} (${startDate} to ${horizon}); check BYMONTH, BYMONTHDAY and the other filters.`);
    }
    return { ok: true, rule };
  } catch (e) {
    if (e instanceof RuleError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The duty dates of a rule within [from, to], inclusive, in order; never before its start date. */
export function expandRule(rule: RotationRule, from: string, to: string): string[] {
  return expandDayNumbers(rule, dayNumber(from), dayNumber(to), Infinity).map(fromDayNumber);
}

/**
 * True for the "every working day" rule: Monday to Friday, every week, with nothing else
 * narrowing it (UNTIL may end it). Such a rule follows China's working calendar, make-up
 * working days on weekends (调休上班日) included. A counted rule (COUNT) is a fixed list of
 * dates and is taken literally.
 */
export function isWeekdayWorkRule(rule: RotationRule): boolean {
  if (rule.freq !== 'WEEKLY' && rule.freq !== 'DAILY') return false;
  if (rule.interval !== 1 || rule.count != null) return false;
  if (rule.byMonth.length || rule.byMonthDay.length || rule.byYearDay.length) return false;
  if (rule.byWeekNo.length || rule.bySetPos.length) return false;
  if (rule.byDay.length !== 5 || rule.byDay.some((d) => d.nth !== 0)) return false;
  const days = new Set(rule.byDay.map((d) => d.weekday));
  return [0, 1, 2, 3, 4].every((d) => days.has(d));
}

// ---------------------------------------------------------------------------------------
// Parsing

function parseStrict(input: string, startDate: string): RotationRule {
  if (typeof input !== 'string') fail('The rule must be a string.');
  if (input.length > MAX_RULE_LENGTH) {
    fail(`The rule is ${input.length} characters long; at most ${MAX_RULE_LENGTH} are allowed.`);
  }
  if (typeof startDate !== 'string' || !isValidDate(startDate)) {
    fail(`The start date '${String(startDate)}' is not a valid YYYY-MM-DD date.`);
  }
  const value = input.trim();
  if (value === '') fail('The rule is empty; give e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR.');
  if (/^RRULE\s*:/i.test(value)) {
    fail("Give the rule's value without the 'RRULE:' prefix, e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR.");
  }
  if (/DTSTART|[\r\n]/i.test(value)) {
    fail("Give the RRULE value alone: the rotation's start date anchors the rule, so DTSTART must not be included.");
  }
  if (/\s/.test(value)) fail('The rule must not contain spaces.');

  const parts = new Map<PartName, string>();
  for (const part of value.split(';')) {
    if (part === '') fail("The rule has an empty part (a doubled or trailing ';').");
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) fail(`'${clip(part)}' is not a NAME=VALUE rule part.`);
    const name = part.slice(0, eq).toUpperCase();
    const val = part.slice(eq + 1).toUpperCase();
    if (TIME_PARTS.has(name)) {
      fail(`${name} sets a time of day; a duty rule picks days only (the shift hours come from the rotation).`);
    }
    if (!(KNOWN_PARTS as readonly string[]).includes(name)) {
      fail(`Unknown rule part '${clip(name)}'. Allowed: ${KNOWN_PARTS.join(', ')}.`);
    }
    if (parts.has(name as PartName)) fail(`${name} is given twice.`);
    parts.set(name as PartName, val);
  }

  const freqText = parts.get('FREQ');
  if (freqText == null) fail('FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY).');
  if (SUB_DAILY.has(freqText)) {
    fail(`FREQ=${freqText} repeats within a day; duty rules repeat daily at the finest (DAILY, WEEKLY, MONTHLY or YEARLY).`);
  }
  if (!(FREQUENCIES as readonly string[]).includes(freqText)) {
    fail(`FREQ=${clip(freqText)} is not a frequency; use DAILY, WEEKLY, MONTHLY or YEARLY.`);
  }
  const freq = freqText as RuleFrequency;

  const intervalText = parts.get('INTERVAL');
  const interval = intervalText == null ? 1 : parseNumber('INTERVAL', intervalText, 1, MAX_INTERVAL, false);
  const countText = parts.get('COUNT');
  const count = countText == null ? null : parseNumber('COUNT', countText, 1, MAX_COUNT, false);
  const untilText = parts.get('UNTIL');
  const until = untilText == null ? null : parseUntil(untilText);
  if (count != null && until != null) fail('COUNT and UNTIL cannot both be given (RFC 5545).');
  if (until != null && until < startDate) fail(`UNTIL (${until}) is before the start date ${startDate}.`);

  const byDay = parseByDay(parts.get('BYDAY'));
  const byMonth = parseList('BYMONTH', parts.get('BYMONTH'), 1, 12, false);
  const byMonthDay = parseList('BYMONTHDAY', parts.get('BYMONTHDAY'), 1, 31, true);
  const byYearDay = parseList('BYYEARDAY', parts.get('BYYEARDAY'), 1, 366, true);
  const byWeekNo = parseList('BYWEEKNO', parts.get('BYWEEKNO'), 1, 53, true);
  const bySetPos = parseList('BYSETPOS', parts.get('BYSETPOS'), 1, 366, true);
  const wkstText = parts.get('WKST');
  const weekStart = wkstText == null ? 0 : parseWeekdayCode('WKST', wkstText);

  // Combinations RFC 5545 rules out, so a rule means one thing only.
  const ordinal = byDay.some((d) => d.nth !== 0);
  if (ordinal && (freq === 'DAILY' || freq === 'WEEKLY')) {
    fail(`BYDAY with a position (e.g. 1MO, -1FR) needs FREQ=MONTHLY or YEARLY, not ${freq}.`);
  }
  if (ordinal && byWeekNo.length) fail('BYDAY with a position (e.g. 1MO) cannot be combined with BYWEEKNO.');
  if (ordinal && byDay.some((d) => Math.abs(d.nth) > 5) && freq === 'MONTHLY') {
    fail('BYDAY positions within a month run from -5 to 5.');
  }
  if (byMonthDay.length && freq === 'WEEKLY') fail('BYMONTHDAY cannot be used with FREQ=WEEKLY.');
  if (byYearDay.length && freq !== 'YEARLY') fail(`BYYEARDAY needs FREQ=YEARLY, not ${freq}.`);
  if (byWeekNo.length && freq !== 'YEARLY') fail(`BYWEEKNO needs FREQ=YEARLY, not ${freq}.`);
  if (
    bySetPos.length &&
    !(byDay.length || byMonth.length || byMonthDay.length || byYearDay.length || byWeekNo.length)
  ) {
    fail('BYSETPOS needs another BY… part (e.g. BYDAY) to pick positions from.');
  }

  const rule = {
    text: '',
    startDate,
    freq,
    interval,
    count,
    until,
    byDay,
    byMonth,
    byMonthDay,
    byYearDay,
    byWeekNo,
    bySetPos,
    weekStart,
  };
  rule.text = ruleText(rule);
  return Object.freeze(rule);
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function parseNumber(name: string, text: string, min: number, max: number, signed: boolean): number {
  const re = signed ? /^[+-]?\d{1,6}$/ : /^\d{1,6}$/;
  if (!re.test(text)) fail(`${name}=${clip(text)} is not a whole number.`);
  const n = Number(text);
  if (signed ? n === 0 || Math.abs(n) < min || Math.abs(n) > max : n < min || n > max) {
    if (signed) fail(`${name} values must lie between -${max} and -${min} or ${min} and ${max}; got ${n}.`);
    fail(`${name} must lie between ${min} and ${max}; got ${n}.`);
  }
  return n;
}

function parseList(name: string, text: string | undefined, min: number, max: number, signed: boolean): number[] {
  if (text == null) return [];
  const values = text.split(',').map((v) => parseNumber(name, v, min, max, signed));
  return [...new Set(values)].sort((a, b) => a - b);
}

function parseWeekdayCode(name: string, text: string): number {
  const i = (WEEKDAY_CODES as readonly string[]).indexOf(text);
  if (i < 0) fail(`${name}=${clip(text)} is not a weekday (MO, TU, WE, TH, FR, SA, SU).`);
  return i;
}

function parseByDay(text: string | undefined): RuleWeekday[] {
  if (text == null) return [];
  const seen = new Set<string>();
  const out: RuleWeekday[] = [];
  for (const item of text.split(',')) {
    const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item);
    if (!m) fail(`BYDAY value '${clip(item)}' is not a weekday such as MO or 1MO or -1FR.`);
    const weekday = parseWeekdayCode('BYDAY', m[2]!);
    const nth = m[1] == null ? 0 : Number(m[1]);
    if (m[1] != null && (nth === 0 || Math.abs(nth) > 53)) {
      fail(`BYDAY position in '${item}' must lie between -53 and -1 or 1 and 53.`);
    }
    const key = `${nth}|${weekday}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ weekday, nth });
  }
  return out.sort((a, b) => a.nth - b.nth || a.weekday - b.weekday);
}

function parseUntil(text: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(text);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || !isValidDate(date) || Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 60) {
    fail(`UNTIL=${clip(text)} is not a date such as 20261231 (or 20261231T235959Z).`);
  }
  return date;
}

function ruleText(rule: Omit<RotationRule, 'text'>): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.count != null) parts.push(`COUNT=${rule.count}`);
  if (rule.until != null) parts.push(`UNTIL=${rule.until.replaceAll('-', '')}`);
  if (rule.byMonth.length) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byWeekNo.length) parts.push(`BYWEEKNO=${rule.byWeekNo.join(',')}`);
  if (rule.byYearDay.length) parts.push(`BYYEARDAY=${rule.byYearDay.join(',')}`);
  if (rule.byMonthDay.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay.length) {
    parts.push(`BYDAY=${rule.byDay.map((d) => `${d.nth || ''}${WEEKDAY_CODES[d.weekday]}`).join(',')}`);
  }
  if (rule.bySetPos.length) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.weekStart !== 0) parts.push(`WKST=${WEEKDAY_CODES[rule.weekStart]}`);
  return parts.join(';');
}

// ---------------------------------------------------------------------------------------
// Day numbers: days since 1970-01-01, so date arithmetic is integer arithmetic.

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function ymdNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
function weekdayOf(n: number): number {
  return (((n + 3) % 7) + 7) % 7;
}

function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  // Date.UTC rolls 29 February over to 1 March in a common year.
  return fromDayNumber(ymdNumber(y, Number(date.slice(5, 7)), Number(date.slice(8, 10))));
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The first day of the week (starting on `wkst`) that holds day `n`. */
function weekContaining(n: number, wkst: number): number {
  return n - ((weekdayOf(n) - wkst + 7) % 7);
}

/** First day of week 1 of `year` (weeks start on `wkst`; week 1 has ≥ 4 days of the year). */
function weekOneStart(year: number, wkst: number): number {
  const jan1 = ymdNumber(year, 1, 1);
  const offset = (weekdayOf(jan1) - wkst + 7) % 7;
  return offset <= 3 ? jan1 - offset : jan1 + 7 - offset;
}

// ---------------------------------------------------------------------------------------
// Expansion

/** The filters a rule applies, with RFC 5545's defaults taken from the start date. */
interface Filters {
  byMonth: readonly number[];
  byMonthDay: readonly number[];
  byYearDay: readonly number[];
  byWeekNo: readonly number[];
  plainDays: ReadonlySet<number>;
  ordinalDays: readonly RuleWeekday[];
  anyByDay: boolean;
  bySetPos: readonly number[];
  weekStart: number;
}

function effectiveFilters(rule: RotationRule): Filters {
  let { byMonth, byMonthDay, byDay } = rule;
  const start = rule.startDate;
  if (!rule.byWeekNo.length && !rule.byYearDay.length && !byMonthDay.length && !byDay.length) {
    if (rule.freq === 'YEARLY') {
      if (!byMonth.length) byMonth = [Number(start.slice(5, 7))];
      byMonthDay = [Number(start.slice(8, 10))];
    } else if (rule.freq === 'MONTHLY') {
      byMonthDay = [Number(start.slice(8, 10))];
    } else if (rule.freq === 'WEEKLY') {
      byDay = [{ weekday: weekdayOf(dayNumber(start)), nth: 0 }];
    }
  }
  return {
    byMonth,
    byMonthDay,
    byYearDay: rule.byYearDay,
    byWeekNo: rule.byWeekNo,
    plainDays: new Set(byDay.filter((d) => d.nth === 0).map((d) => d.weekday)),
    ordinalDays: byDay.filter((d) => d.nth !== 0),
    anyByDay: byDay.length > 0,
    bySetPos: rule.bySetPos,
    weekStart: rule.weekStart,
  };
}

interface Period {
  first: number;
  last: number;
}

/** The i-th period the rule visits (every `interval`-th day, week, month or year from the start). */
function periodAt(rule: RotationRule, startN: number, i: number): Period {
  const step = i * rule.interval;
  switch (rule.freq) {
    case 'DAILY':
      return { first: startN + step, last: startN + step };
    case 'WEEKLY': {
      const first = weekContaining(startN, rule.weekStart) + 7 * step;
      // As in rrule.js and python-dateutil, the first week begins at the start date,
      // which matters to BYSETPOS: position 1 is the first duty day on or after the start.
      return { first: i === 0 ? startN : first, last: first + 6 };
    }
    case 'MONTHLY': {
      const m = Number(rule.startDate.slice(0, 4)) * 12 + Number(rule.startDate.slice(5, 7)) - 1 + step;
      const y = Math.floor(m / 12);
      const mo = (m % 12) + 1;
      return { first: ymdNumber(y, mo, 1), last: ymdNumber(y, mo + 1, 1) - 1 };
    }
    case 'YEARLY': {
      const y = Number(rule.startDate.slice(0, 4)) + step;
      return { first: ymdNumber(y, 1, 1), last: ymdNumber(y + 1, 1, 1) - 1 };
    }
  }
}

/** The index of the first period that can hold `day` or a later day (never negative). */
function firstPeriodIndexFor(rule: RotationRule, startN: number, day: number): number {
  let units: number;
  switch (rule.freq) {
    case 'DAILY':
      units = day - startN;
      break;
    case 'WEEKLY':
      units = Math.floor((day - weekContaining(startN, rule.weekStart)) / 7);
      break;
    case 'MONTHLY': {
      const d = fromDayNumber(day);
      const s = rule.startDate;
      units = (Number(d.slice(0, 4)) - Number(s.slice(0, 4))) * 12 + Number(d.slice(5, 7)) - Number(s.slice(5, 7));
      break;
    }
    case 'YEARLY':
      units = Number(fromDayNumber(day).slice(0, 4)) - Number(rule.startDate.slice(0, 4));
      break;
  }
  return Math.max(0, Math.floor(units / rule.interval));
}

/** The days of one period that the rule picks, in order. */
function periodOccurrences(rule: RotationRule, f: Filters, p: Period): number[] {
  const nthDays = f.ordinalDays.length ? ordinalDaysIn(rule, f, p) : null;
  const days: number[] = [];
  const d0 = new Date(p.first * DAY_MS);
  let year = d0.getUTCFullYear();
  let month = d0.getUTCMonth() + 1;
  let monthDay = d0.getUTCDate();
  let yearStart = ymdNumber(year, 1, 1);
  let monthLength = new Date(Date.UTC(year, month, 0)).getUTCDate();
  for (let n = p.first; n <= p.last; n++) {
    if (n !== p.first) {
      monthDay++;
      if (monthDay > monthLength) {
        monthDay = 1;
        month++;
        if (month > 12) {
          month = 1;
          year++;
          yearStart = n;
        }
        monthLength = new Date(Date.UTC(year, month, 0)).getUTCDate();
      }
    }
    if (f.byMonth.length && !f.byMonth.includes(month)) continue;
    if (f.byMonthDay.length && !f.byMonthDay.includes(monthDay) && !f.byMonthDay.includes(monthDay - monthLength - 1)) {
      continue;
    }
    if (f.byYearDay.length) {
      const yd = n - yearStart + 1;
      const yearLength = isLeap(year) ? 366 : 365;
      if (!f.byYearDay.includes(yd) && !f.byYearDay.includes(yd - yearLength - 1)) continue;
    }
    if (f.byWeekNo.length && !inWeekNumbers(n, year, f)) continue;
    if (f.anyByDay && !f.plainDays.has(weekdayOf(n)) && !(nthDays?.has(n) ?? false)) continue;
    days.push(n);
  }
  if (!f.bySetPos.length || days.length === 0) return days;
  const picked = new Set<number>();
  for (const pos of f.bySetPos) {
    const d = pos > 0 ? days[pos - 1] : days[days.length + pos];
    if (d != null) picked.add(d);
  }
  return [...picked].sort((a, b) => a - b);
}

/** Days matching positional BYDAY (1MO, -1FR) in a month, or in a year (per BYMONTH month if given). */
function ordinalDaysIn(rule: RotationRule, f: Filters, p: Period): Set<number> {
  const ranges: Period[] = [];
  if (rule.freq === 'YEARLY' && f.byMonth.length) {
    const y = new Date(p.first * DAY_MS).getUTCFullYear();
    for (const m of f.byMonth) ranges.push({ first: ymdNumber(y, m, 1), last: ymdNumber(y, m + 1, 1) - 1 });
  } else {
    ranges.push(p);
  }
  const out = new Set<number>();
  for (const r of ranges) {
    for (const { weekday, nth } of f.ordinalDays) {
      const d =
        nth > 0
          ? r.first + ((weekday - weekdayOf(r.first) + 7) % 7) + 7 * (nth - 1)
          : r.last - ((weekdayOf(r.last) - weekday + 7) % 7) - 7 * (-nth - 1);
      if (d >= r.first && d <= r.last) out.add(d);
    }
  }
  return out;
}

function inWeekNumbers(n: number, year: number, f: Filters): boolean {
  let weekYear = year;
  let start = weekOneStart(year, f.weekStart);
  if (n < start) {
    weekYear = year - 1;
    start = weekOneStart(weekYear, f.weekStart);
  } else {
    const next = weekOneStart(year + 1, f.weekStart);
    if (n >= next) {
      weekYear = year + 1;
      start = next;
    }
  }
  const weekNo = Math.floor((n - start) / 7) + 1;
  const weeks = (weekOneStart(weekYear + 1, f.weekStart) - start) / 7;
  return f.byWeekNo.includes(weekNo) || f.byWeekNo.includes(weekNo - weeks - 1);
}

/**
 * Occurrences within [fromN, toN] as day numbers, at most `limit` of them. Walks periods
 * from the first that can reach `fromN` (from the start when COUNT must be counted) and
 * stops at the window's end, so the work is bounded by the window.
 */
function expandDayNumbers(rule: RotationRule, fromN: number, toN: number, limit: number): number[] {
  const startN = dayNumber(rule.startDate);
  const endN = rule.until != null ? Math.min(toN, dayNumber(rule.until)) : toN;
  const lo = Math.max(fromN, startN);
  const out: number[] = [];
  if (lo > endN || limit <= 0) return out;
  const filters = effectiveFilters(rule);
  let remaining = rule.count ?? Infinity;
  for (let i = rule.count == null ? firstPeriodIndexFor(rule, startN, lo) : 0; ; i++) {
    const period = periodAt(rule, startN, i);
    if (period.first > endN) return out;
    for (const d of periodOccurrences(rule, filters, period)) {
      if (d < startN) continue;
      if (d > endN || remaining <= 0) return out;
      remaining--;
      if (d >= lo) {
        out.push(d);
        if (out.length >= limit) return out;
      }
    }
  }
}
