/** Pure: coverage data → calendar events, day details and station colours. */
import type { CalendarDayDto, Lawyer, Station } from '../../api/client';
import { shortStationName } from '../stations/stationTree';
import { addDays } from '../../lib/dates';
import type { Coverage, CoverageDay, CoverageStatus } from './types';

/** Distinct, dark enough for white text, and none of them the red kept for gaps. */
const STATION_COLOURS = [
  '#1f4e79', '#2a7f62', '#6a4c93', '#a0522d', '#0f766e', '#4338ca', '#7c5a10',
  '#0e7490', '#3f6212', '#6b21a8', '#155e75', '#854d0e', '#334155', '#1d4ed8',
];
export const GAP_COLOUR = '#b91c1c';

export function stationColours(stations: readonly Station[]): Map<number, string> {
  return new Map(stations.map((s, i) => [s.id, STATION_COLOURS[i % STATION_COLOURS.length]!]));
}

export interface CoverageEvent {
  id: string;
  title: string;
  start: string;
  allDay: true;
  color: string;
  className: string;
  extendedProps: { stationId: number; status: CoverageStatus };
}

export interface Labels {
  gap: string;
  partial: string;
  /** `、` / `, ` between names. */
  listSeparator: string;
  /** `（x）` / ` (x)`. */
  inParens: (text: string) => string;
  unknownLawyer: (id: number) => string;
}

export function lawyerNames(ids: readonly number[], lawyersById: Map<number, Lawyer>, labels: Labels): string[] {
  return ids.map((id) => lawyersById.get(id)?.name ?? labels.unknownLawyer(id));
}

/** One event per station per day with duty; closed days have none; gaps are red. */
export function coverageEvents(
  coverage: Coverage | undefined,
  selected: ReadonlySet<number>,
  stationsById: Map<number, Station>,
  colours: Map<number, string>,
  lawyersById: Map<number, Lawyer>,
  labels: Labels,
): CoverageEvent[] {
  if (!coverage) return [];
  const events: CoverageEvent[] = [];
  for (const st of coverage.stations) {
    if (!selected.has(st.stationId)) continue;
    const short = shortStationName(stationsById.get(st.stationId)?.name ?? st.name);
    for (const day of st.days) {
      if (day.status === 'closed') continue;
      const names = lawyerNames(day.lawyerIds, lawyersById, labels).join(labels.listSeparator);
      const title =
        day.status === 'gap'
          ? `${short} ${labels.gap}`
          : `${short} ${names}${day.status === 'partial' ? labels.inParens(labels.partial) : ''}`;
      events.push({
        id: `${st.stationId}:${day.date}`,
        title,
        start: day.date,
        allDay: true,
        color: day.status === 'gap' ? GAP_COLOUR : (colours.get(st.stationId) ?? '#334155'),
        className: `cov-event cov-${day.status}`,
        extendedProps: { stationId: st.stationId, status: day.status },
      });
    }
  }
  return events;
}

/** Network-wide holiday / make-up working day by date (station-specific days are shown in the day panel). */
export function markedDays(days: readonly CalendarDayDto[] | undefined): Map<string, CalendarDayDto> {
  const map = new Map<string, CalendarDayDto>();
  for (const d of days ?? []) if (d.stationId === null) map.set(d.date, d);
  return map;
}

export interface DayRow {
  stationId: number;
  name: string;
  day: CoverageDay;
}

export function dayRows(coverage: Coverage | undefined, date: string, stationsById: Map<number, Station>): DayRow[] {
  if (!coverage) return [];
  const rows: DayRow[] = [];
  for (const st of coverage.stations) {
    const day = st.days.find((d) => d.date === date);
    if (day) rows.push({ stationId: st.stationId, name: stationsById.get(st.stationId)?.name ?? st.name, day });
  }
  return rows;
}

/**
 * The month a calendar view stands for: the month of the middle day of its current range
 * (`end` exclusive, as FullCalendar gives it) — a month view's own month, and for a week
 * across two months the month holding most of it (its Thursday, as ISO weeks count).
 */
export function viewMonth(currentStart: string, currentEnd: string): string {
  const days = Math.round((Date.parse(`${currentEnd}T00:00:00Z`) - Date.parse(`${currentStart}T00:00:00Z`)) / 86_400_000);
  return addDays(currentStart, Math.floor((days - 1) / 2)).slice(0, 7);
}

export interface CoverageTotals {
  /** Station-days that need a duty (one station on one day counts once). */
  required: number;
  covered: number;
  /** Not fully covered: a gap or a partly staffed day. */
  gaps: number;
}

/**
 * Station-days of every station in the answer between `from` and `to` (inclusive), counted as
 * the server's summary counts them — but for these dates only, not for whatever range the
 * answer was fetched for (a month grid shows days of the months either side).
 */
export function coverageTotals(coverage: Coverage, from: string, to: string): CoverageTotals {
  const totals: CoverageTotals = { required: 0, covered: 0, gaps: 0 };
  for (const st of coverage.stations) {
    for (const day of st.days) {
      if (day.date < from || day.date > to || day.required === 0) continue;
      totals.required++;
      if (day.status === 'covered') totals.covered++;
      else totals.gaps++;
    }
  }
  return totals;
}
