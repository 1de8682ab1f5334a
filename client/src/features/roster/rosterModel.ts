/** Pure helpers for the roster builder: months, calendar events, fairness extremes, RRULE presets. */
import type { GapDto, Roster, Shift, Station } from '../../api/client';
import { GAP_COLOUR } from '../coverage/coverageModel';
import { shortStationName } from '../stations/stationTree';

// ---- Warnings ------------------------------------------------------------------

type Warning = Roster['warnings'][number];

/**
 * What the coordinator is warned of for `month`: the roster's own warnings (a provisional
 * calendar), and those of the last generation of that month (a rotation that ended, an
 * inactive lawyer passed over…), which only the generate answer carries. Each once.
 */
export function warningsToShow(month: string, roster: readonly Warning[], lastRun: { month: string; warnings: readonly Warning[] } | null): Warning[] {
  const out: Warning[] = [];
  const seen = new Set<string>();
  for (const w of [...roster, ...(lastRun?.month === month ? lastRun.warnings : [])]) {
    // The provisional calendar is one fact about the month, worded by the client: once, whatever the wording.
    const key = w.code === 'provisional_calendar' ? w.code : `${w.code}\u0000${w.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out;
}

// ---- Months --------------------------------------------------------------------

/** `YYYY-MM` plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function isMonth(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** First and last day of a `YYYY-MM` month. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** 2027年1月 / January 2027. */
export function formatMonth(month: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** 1月5日周二 / Tue, Jan 5 — a date string read as a calendar day (no time zone shift). */
export function formatShortDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

// ---- Calendar events --------------------------------------------------------------

export interface RosterEvent {
  id: string;
  title: string;
  start: string;
  allDay: true;
  color: string;
  className: string;
  extendedProps: { kind: 'shift'; shift: Shift; order: number } | { kind: 'gap'; gap: GapDto; order: number };
}

export interface EventLabels {
  gap: string;
  gapReason: (gap: GapDto) => string;
}

/** One event per shift (the station's colour, the lawyer's name) and one red event per gap, for the chosen stations. */
export function rosterEvents(
  roster: Roster | undefined,
  selected: ReadonlySet<number>,
  stationsById: Map<number, Station>,
  colours: Map<number, string>,
  labels: EventLabels,
): RosterEvent[] {
  if (!roster) return [];
  const rank = (stationId: number) => {
    const s = stationsById.get(stationId);
    return s ? ({ district: 0, town: 1, village: 2 } as const)[s.level] * 10_000 + stationId : 99_999;
  };
  const short = (stationId: number) => shortStationName(stationsById.get(stationId)?.name ?? `#${stationId}`);
  const events: RosterEvent[] = [];
  for (const gap of roster.gaps) {
    if (!selected.has(gap.stationId)) continue;
    events.push({
      id: `gap:${gap.stationId}:${gap.date}:${gap.rotationId ?? 0}`,
      title: `${short(gap.stationId)} ${labels.gap}·${labels.gapReason(gap)}`,
      start: gap.date,
      allDay: true,
      color: GAP_COLOUR,
      className: 'roster-event roster-gap',
      extendedProps: { kind: 'gap', gap, order: 0 },
    });
  }
  for (const shift of roster.shifts) {
    if (!selected.has(shift.stationId)) continue;
    events.push({
      id: `shift:${shift.id}`,
      title: `${short(shift.stationId)} ${shift.lawyerName}`,
      start: shift.date,
      allDay: true,
      color: colours.get(shift.stationId) ?? '#334155',
      className: `roster-event roster-${shift.status}${shift.source !== 'rotation' ? ' roster-manual' : ''}`,
      extendedProps: { kind: 'shift', shift, order: rank(shift.stationId) },
    });
  }
  return events;
}

// ---- Fairness -----------------------------------------------------------------------

export type FairnessEntry = Roster['fairness']['perLawyer'][number];
export type FairnessColumn = 'shifts' | 'weekendShifts' | 'holidayAdjacentShifts';
export const FAIRNESS_COLUMNS: readonly FairnessColumn[] = ['shifts', 'weekendShifts', 'holidayAdjacentShifts'];

export interface FairnessRow {
  lawyerId: number;
  lawyerName: string;
  month: FairnessEntry | undefined;
  cumulative: FairnessEntry | undefined;
}

/** This month's and the cumulative counts side by side, busiest this month first. */
export function fairnessRows(fairness: Roster['fairness']): FairnessRow[] {
  const ids = new Set([...fairness.perLawyer.map((e) => e.lawyerId), ...fairness.cumulative.map((e) => e.lawyerId)]);
  const month = new Map(fairness.perLawyer.map((e) => [e.lawyerId, e]));
  const cumulative = new Map(fairness.cumulative.map((e) => [e.lawyerId, e]));
  return [...ids]
    .map((id) => ({
      lawyerId: id,
      lawyerName: month.get(id)?.lawyerName || cumulative.get(id)?.lawyerName || `#${id}`,
      month: month.get(id),
      cumulative: cumulative.get(id),
    }))
    .sort(
      (a, b) =>
        (b.month?.shifts ?? 0) - (a.month?.shifts ?? 0) ||
        (b.cumulative?.shifts ?? 0) - (a.cumulative?.shifts ?? 0) ||
        a.lawyerId - b.lawyerId,
    );
}

/** Max and min of a column; `null` when every value is the same (nothing to highlight). */
export function extremes(values: readonly number[]): { max: number; min: number } | null {
  if (values.length < 2) return null;
  const max = Math.max(...values);
  const min = Math.min(...values);
  return max === min ? null : { max, min };
}

// ---- Rotation rules -------------------------------------------------------------------

export const RRULE_PRESETS = [
  { key: 'weekdays', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
  { key: 'tueThu', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' },
  { key: 'secondTue', rrule: 'FREQ=MONTHLY;BYDAY=2TU' },
] as const;
export type RrulePresetKey = (typeof RRULE_PRESETS)[number]['key'];

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export type RuleDescription =
  | { kind: 'preset'; key: RrulePresetKey }
  | { kind: 'daily' }
  | { kind: 'weekly'; weekdays: number[] }
  | { kind: 'monthly'; nth: number; weekday: number }
  | { kind: 'raw' };

function parts(rrule: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = part.split('=');
    if (k && v !== undefined) map.set(k.trim().toUpperCase(), v.trim().toUpperCase());
  }
  return map;
}

/** A rule the page can put into words; anything unusual is shown as written. */
export function describeRrule(rrule: string): RuleDescription {
  const p = parts(rrule);
  const normal = [...p.entries()].map(([k, v]) => `${k}=${v}`).sort().join(';');
  for (const preset of RRULE_PRESETS) {
    if (normal === [...parts(preset.rrule).entries()].map(([k, v]) => `${k}=${v}`).sort().join(';')) {
      return { kind: 'preset', key: preset.key };
    }
  }
  const known = new Set(['FREQ', 'BYDAY', 'WKST']);
  if ([...p.keys()].some((k) => !known.has(k))) return { kind: 'raw' };
  const freq = p.get('FREQ');
  const byday = p.get('BYDAY');
  if (freq === 'DAILY' && !byday) return { kind: 'daily' };
  if (freq === 'WEEKLY' && byday) {
    const weekdays = byday.split(',').map((d) => DAY_CODES.indexOf(d as (typeof DAY_CODES)[number]) + 1);
    if (weekdays.every((d) => d > 0)) return { kind: 'weekly', weekdays: [...new Set(weekdays)].sort((a, b) => a - b) };
  }
  if (freq === 'MONTHLY' && byday) {
    const m = /^([1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byday);
    if (m) return { kind: 'monthly', nth: Number(m[1]), weekday: DAY_CODES.indexOf(m[2] as (typeof DAY_CODES)[number]) + 1 };
  }
  return { kind: 'raw' };
}

/** Move item `index` one place up (-1) or down (+1). */
export function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
