/**
 * China's working calendar, merged with a network's local days.
 *
 * National statutory holidays and make-up working days (调休上班日) come from the
 * `chinese-days` package; local days (a station's move, a typhoon closure, an
 * extra opening) are added by coordinators for one station or for all.
 * Pure: no I/O, no clock.
 */
import chineseDays from 'chinese-days';
import { addDays, isoWeekday } from '../lib/dates.js';

export type DayKind = 'holiday' | 'workday';

export interface LocalDay {
  id?: number;
  date: string;
  kind: DayKind;
  name: string;
  stationId: number | null;
}

export interface CalendarDay {
  id?: number;
  date: string;
  kind: DayKind;
  name: string;
  stationId: number | null;
  source: 'national' | 'local';
}

/** What a date is for one station, after all rules are applied. */
export interface DayInfo {
  date: string;
  /** The station is open for duty on this day. */
  working: boolean;
  /**
   * weekday: an ordinary Monday–Friday; weekend: an ordinary Saturday/Sunday;
   * holiday: a national statutory holiday; makeup: a national make-up working day;
   * local_closed / local_open: a local day decided it.
   */
  kind: 'weekday' | 'weekend' | 'holiday' | 'makeup' | 'local_closed' | 'local_open';
  name: string | null;
  /**
   * False when the date's year lies outside the national data (its arrangement is not yet
   * published): only the statutory holidays themselves are known then (statutoryDays).
   */
  covered: boolean;
}

interface NationalDay {
  kind: DayKind;
  name: string;
}

/** Pick the Chinese name out of chinese-days' "English,中文,days" label. */
function chineseName(label: string): string {
  const parts = label.split(',');
  return parts.length >= 2 ? parts[1]! : label;
}

function probeCoveredYears(): { firstYear: number; lastYear: number } {
  // Every year the data covers has New Year's Day (元旦) as a holiday; years
  // outside the data fall back to plain weekdays in the library.
  const covered: number[] = [];
  for (let y = 1990; y <= 2100; y++) {
    const d = chineseDays.getDayDetail(`${y}-01-01`);
    if (!d.work && d.name.includes('元旦')) covered.push(y);
  }
  if (covered.length === 0) throw new Error('chinese-days holds no holiday data');
  return { firstYear: covered[0]!, lastYear: covered[covered.length - 1]! };
}

export const nationalCoverage = probeCoveredYears();

export function isCoveredByNationalData(date: string): boolean {
  const y = Number(date.slice(0, 4));
  return y >= nationalCoverage.firstYear && y <= nationalCoverage.lastYear;
}

/**
 * The statutory holidays themselves (法定节假日, 全国年节及纪念日放假办法 as revised in 2024)
 * of a year the data does not cover yet: 元旦 1 January; 春节 New Year's Eve and the first
 * three days of the lunar year; 清明 on its solar term; 劳动节 1–2 May; 端午 and 中秋 on
 * their lunar dates; 国庆 1–3 October. The State Council's yearly arrangement adds bridging
 * days and make-up working days that cannot be foretold, so such a year stays provisional
 * (`covered: false`), but no duty lands on 元旦 or 国庆 meanwhile.
 */
export function statutoryDays(year: number): Map<string, string> {
  const days = new Map<string, string>();
  const add = (date: string | undefined, name: string) => {
    if (date && date.startsWith(`${year}-`)) days.set(date, name);
  };
  add(`${year}-01-01`, '元旦');
  const lunarNewYear = chineseDays.getSolarDateFromLunar(`${year}-01-01`).date;
  for (let i = -1; i <= 2; i++) add(addDays(lunarNewYear, i), '春节');
  add(chineseDays.getSolarTermsInRange(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === 'pure_brightness' && t.index === 1)?.date, '清明节');
  add(`${year}-05-01`, '劳动节');
  add(`${year}-05-02`, '劳动节');
  add(chineseDays.getSolarDateFromLunar(`${year}-05-05`).date, '端午节');
  add(chineseDays.getSolarDateFromLunar(`${year}-08-15`).date, '中秋节');
  for (const d of ['01', '02', '03']) add(`${year}-10-${d}`, '国庆节');
  return days;
}

const statutoryCache = new Map<number, Map<string, string>>();

/** A statutory holiday's name on `date` in a year after the data (see statutoryDays), or null. */
function foretoldHoliday(date: string): string | null {
  const year = Number(date.slice(0, 4));
  if (year <= nationalCoverage.lastYear || year > 2099) return null;
  let days = statutoryCache.get(year);
  if (!days) statutoryCache.set(year, (days = statutoryDays(year)));
  return days.get(date) ?? null;
}

const nationalCache = new Map<string, NationalDay | null>();

/** The national holiday or make-up working day on `date`, or null for an ordinary day. */
export function nationalDay(date: string): NationalDay | null {
  const cached = nationalCache.get(date);
  if (cached !== undefined) return cached;
  let result: NationalDay | null = null;
  if (isCoveredByNationalData(date)) {
    const weekend = isoWeekday(date) >= 6;
    if (chineseDays.isHoliday(date) && !weekend) {
      result = { kind: 'holiday', name: chineseName(chineseDays.getDayDetail(date).name) };
    } else if (weekend && chineseDays.isWorkday(date)) {
      result = { kind: 'workday', name: `${chineseName(chineseDays.getDayDetail(date).name)}调休上班` };
    } else if (weekend) {
      // A weekend that is part of a statutory holiday (e.g. 国庆 on a Saturday).
      const detail = chineseDays.getDayDetail(date);
      if (detail.name.includes(',')) result = { kind: 'holiday', name: chineseName(detail.name) };
    }
  } else {
    const name = foretoldHoliday(date);
    if (name) result = { kind: 'holiday', name };
  }
  nationalCache.set(date, result);
  return result;
}

/** National holidays and make-up working days between two dates, inclusive. */
export function nationalDays(from: string, to: string): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const n = nationalDay(d);
    if (n) out.push({ date: d, kind: n.kind, name: n.name, stationId: null, source: 'national' });
  }
  return out;
}

/**
 * The working calendar of a network: national days plus local days.
 * A station's own local day overrides a network-wide local day, which overrides
 * the national calendar.
 */
export class WorkingCalendar {
  private readonly networkLocal = new Map<string, LocalDay>();
  private readonly stationLocal = new Map<string, LocalDay>();

  constructor(localDays: readonly LocalDay[] = []) {
    for (const day of localDays) {
      if (day.stationId == null) this.networkLocal.set(day.date, day);
      else this.stationLocal.set(`${day.stationId}|${day.date}`, day);
    }
  }

  dayInfo(date: string, stationId: number | null = null): DayInfo {
    const covered = isCoveredByNationalData(date);
    const local =
      (stationId != null ? this.stationLocal.get(`${stationId}|${date}`) : undefined) ??
      this.networkLocal.get(date);
    if (local) {
      return {
        date,
        working: local.kind === 'workday',
        kind: local.kind === 'workday' ? 'local_open' : 'local_closed',
        name: local.name,
        covered,
      };
    }
    const national = nationalDay(date);
    if (national) {
      return {
        date,
        working: national.kind === 'workday',
        kind: national.kind === 'workday' ? 'makeup' : 'holiday',
        name: national.name,
        covered,
      };
    }
    const weekend = isoWeekday(date) >= 6;
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday', name: null, covered };
  }

  isWorkingDay(date: string, stationId: number | null = null): boolean {
    return this.dayInfo(date, stationId).working;
  }

  /** A day the station is closed although an ordinary weekday rule would hit it. */
  isClosed(date: string, stationId: number | null = null): boolean {
    const k = this.dayInfo(date, stationId).kind;
    return k === 'holiday' || k === 'local_closed';
  }

  /** A Saturday/Sunday that is a working day (national make-up day or a local opening). */
  isExtraWorkingDay(date: string, stationId: number | null = null): boolean {
    const info = this.dayInfo(date, stationId);
    return info.working && isoWeekday(date) >= 6;
  }

  /** True when the day is next to (the day before or after) a holiday. */
  isHolidayAdjacent(date: string, stationId: number | null = null): boolean {
    return (
      this.isClosedHoliday(addDays(date, -1), stationId) || this.isClosedHoliday(addDays(date, 1), stationId)
    );
  }

  private isClosedHoliday(date: string, stationId: number | null): boolean {
    const k = this.dayInfo(date, stationId).kind;
    return k === 'holiday' || k === 'local_closed';
  }

  /** National and local days in a range, for display (local days listed after national ones). */
  listDays(from: string, to: string, localDays: readonly LocalDay[]): CalendarDay[] {
    const national = nationalDays(from, to);
    const local: CalendarDay[] = localDays
      .filter((d) => d.date >= from && d.date <= to)
      .map((d) => ({ ...d, source: 'local' as const }));
    return [...national, ...local].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}
