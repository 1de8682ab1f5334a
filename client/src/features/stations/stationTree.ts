/** Pure helpers over the station list: the three-level tree, parent chains, short names. */
import type { OpenHours, Station, StationLevel } from '../../api/client';

export const LEVELS: readonly StationLevel[] = ['district', 'town', 'village'];

export interface StationTree {
  byId: Map<number, Station>;
  byLevel: Record<StationLevel, Station[]>;
  /** Children of each station, in list order. */
  children: Map<number, Station[]>;
}

export function buildStationTree(stations: readonly Station[]): StationTree {
  const byId = new Map(stations.map((s) => [s.id, s]));
  const byLevel: Record<StationLevel, Station[]> = { district: [], town: [], village: [] };
  const children = new Map<number, Station[]>();
  for (const s of stations) {
    byLevel[s.level].push(s);
    if (s.parentId !== null) children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
  }
  return { byId, byLevel, children };
}

/** Ancestors from the top (the district station) down to the direct parent. */
export function parentChain(station: Station, byId: Map<number, Station>): Station[] {
  const chain: Station[] = [];
  const seen = new Set<number>([station.id]);
  let parentId = station.parentId;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    chain.unshift(parent);
    seen.add(parent.id);
    parentId = parent.parentId;
  }
  return chain;
}

/**
 * A short label for crowded places (calendar events, chips): 金华镇职工维权服务分站 → 金华镇.
 * The district station keeps its district name (观山湖区).
 */
export function shortStationName(name: string): string {
  const short = name
    .replace(/(职工)?(维权)?(服务)?(分站|工作站|服务站|站)$/u, '')
    .replace(/(总工会|工会)$/u, '')
    .trim();
  return short || name;
}

/** Open hours grouped into runs of weekdays with the same times, e.g. [[1..5], "09:00–12:00 14:00–17:30"]. */
export function openHoursRuns(hours: readonly OpenHours[]): { from: number; to: number; times: string }[] {
  const timesOf = (wd: number) =>
    hours
      .filter((h) => h.weekday === wd)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((h) => `${h.start}–${h.end}`)
      .join(' ');
  const runs: { from: number; to: number; times: string }[] = [];
  for (let wd = 1; wd <= 7; wd++) {
    const times = timesOf(wd);
    if (!times) continue;
    const last = runs[runs.length - 1];
    if (last && last.to === wd - 1 && last.times === times) last.to = wd;
    else runs.push({ from: wd, to: wd, times });
  }
  return runs;
}

/** The stations a coordinator manages (DistrictScope.managed), from where they are posted. Pure. */
export function managedStations(
  user: { stationId: number | null; actsForWholeNetwork: boolean } | null | undefined,
  stations: readonly Station[],
): ReadonlySet<number> | null {
  if (!user || user.actsForWholeNetwork || user.stationId === null) return null;
  const tree = buildStationTree(stations);
  const inside = new Set<number>([user.stationId]);
  for (const id of inside) for (const child of tree.children.get(id) ?? []) inside.add(child.id);
  return inside;
}
