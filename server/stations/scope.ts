/**
 * Who may act for which station. A station's scope is its id and its ancestors (the
 * town above a village, the district station above a town), so staff posted at a town
 * sub-station act for it and the village outposts under it. Pure apart from the loader
 * at the end.
 */
import type { AuthUser } from '../auth/policy.js';
import type { Manager } from '../db/db.js';
import { forbidden } from '../http/errors.js';
import { StationEntity, type StationRow } from './stations.entity.js';

export interface StationScope {
  id: number;
  /** Its parent, grandparent, … */
  ancestorIds: readonly number[];
}

/**
 * Coordinators act for every station; staff for their own station and the stations
 * under it (network-wide staff have no station and act for all); a lawyer for the
 * stations they serve.
 */
export function mayActFor(user: AuthUser, station: StationScope, lawyerStationIds: readonly number[]): boolean {
  if (user.role === 'coordinator' || user.role === 'admin') return true;
  if (user.role === 'staff') {
    return user.stationId === null || user.stationId === station.id || station.ancestorIds.includes(user.stationId);
  }
  if (user.role === 'lawyer') return lawyerStationIds.includes(station.id);
  return false;
}

/**
 * Acts for every station of the network: coordinators, admins, and staff with no station
 * of their own or posted at the top of the tree (the district station, whose scope holds
 * every station under it). `postedAtRoot`: the staff member's station has no parent.
 */
export function actsForWholeNetwork(user: AuthUser, postedAtRoot: boolean): boolean {
  if (user.role === 'coordinator' || user.role === 'admin') return true;
  return user.role === 'staff' && (user.stationId === null || postedAtRoot);
}

export function assertMayActFor(user: AuthUser, station: StationScope, lawyerStationIds: readonly number[], what: string): void {
  if (!mayActFor(user, station, lawyerStationIds)) throw forbidden(`You do not work at this station, so you may not ${what}`);
}

/** The scopes of some stations, from one read of the network's tree (ids not found are left out). Ancestors nearest first. */
export async function stationScopes(m: Manager, ids: readonly number[]): Promise<Map<number, StationScope>> {
  const out = new Map<number, StationScope>();
  if (ids.length === 0) return out;
  const rows = await m.find(StationEntity, { select: { id: true, parentId: true } });
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  for (const id of new Set(ids)) {
    if (!parentOf.has(id)) continue;
    const ancestorIds: number[] = [];
    for (let p = parentOf.get(id) ?? null; p !== null && !ancestorIds.includes(p) && ancestorIds.length < 16; p = parentOf.get(p) ?? null) {
      ancestorIds.push(p);
    }
    out.set(id, { id, ancestorIds });
  }
  return out;
}

/** Whether the user acts for every station (actsForWholeNetwork), reading where a staff member is posted. */
export async function actsForWholeNetworkNow(m: Manager, user: AuthUser): Promise<boolean> {
  const postedAtRoot =
    user.role === 'staff' && user.stationId !== null && (await m.findOne(StationEntity, { select: { id: true, parentId: true }, where: { id: user.stationId } }))?.parentId === null;
  return actsForWholeNetwork(user, postedAtRoot);
}

/** 403 unless the user acts for every station (actsForWholeNetwork): for requests whose records span the network. */
export async function assertActsForWholeNetwork(m: Manager, user: AuthUser, what: string): Promise<void> {
  if (!(await actsForWholeNetworkNow(m, user))) {
    throw forbidden(`Only coordinators and the district station's staff may ${what}: a person's records span every station`);
  }
}

/** A station and its scope, or null when there is no such station. */
export async function stationWithAncestors(m: Manager, id: number): Promise<{ station: StationRow; scope: StationScope } | null> {
  const station = await m.findOneBy(StationEntity, { id });
  if (!station) return null;
  return { station, scope: (await stationScopes(m, [id])).get(id) ?? { id, ancestorIds: [] } };
}

/** A station and every station under it, the station first, from the network's tree (pure). */
export function withDescendants(stations: readonly { id: number; parentId: number | null }[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const s of stations) {
    if (s.parentId === null) continue;
    const list = children.get(s.parentId);
    if (list) list.push(s.id);
    else children.set(s.parentId, [s.id]);
  }
  const out = [rootId];
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    for (const child of children.get(out[i]!) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        out.push(child);
      }
    }
  }
  return out;
}

/**
 * The stations a `stationId` (with `includeChildren`) filter names: the station alone, or it
 * and every station under it — for the views of a network of many districts (a city, a
 * province), one district at a time. Empty when there is no such station.
 */
export async function stationsInScope(m: Manager, stationId: number, includeChildren: boolean): Promise<number[]> {
  const rows = await m.find(StationEntity, { select: { id: true, parentId: true } });
  if (!rows.some((r) => r.id === stationId)) return [];
  return includeChildren ? withDescendants(rows, stationId) : [stationId];
}
