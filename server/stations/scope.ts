/**
 * Who may act for which station. A station's scope is its id and its ancestors (the
 * town above a village, the district station above a town), so staff posted at a town
 * sub-station act for it and the village outposts under it. Pure apart from the loaders
 * below.
 */
import { IsNull } from 'typeorm';
import type { AuthUser } from '../auth/policy.js';
import type { Manager } from '../db/db.js';
import { forbidden } from '../http/errors.js';
import { StationEntity, type StationRow } from './stations.entity.js';

export interface StationScope {
  id: number;
  /** Its parent, grandparent, … */
  ancestorIds: readonly number[];
}

/** A user posted at a station covers it and every station under it; one posted nowhere (no station) covers the whole network. */
function postingCovers(user: AuthUser, station: StationScope): boolean {
  return user.stationId === null || user.stationId === station.id || station.ancestorIds.includes(user.stationId);
}

/**
 * Admins act for every station. Coordinators and staff act for the station they are posted
 * at and the stations under it — a district's coordinator for that district, when one
 * deployment serves a city of many districts — or for every station when they are posted
 * nowhere in particular (no station: the network's own coordinators and staff). A lawyer
 * acts for the stations they serve.
 */
export function mayActFor(user: AuthUser, station: StationScope, lawyerStationIds: readonly number[]): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'coordinator' || user.role === 'staff') return postingCovers(user, station);
  if (user.role === 'lawyer') return lawyerStationIds.includes(station.id);
  return false;
}

/**
 * Acts for every station of the network: admins, and coordinators and staff posted nowhere
 * in particular or at the top of the tree (the district station, whose scope holds every
 * station under it). `postedAtOnlyRoot`: the user's station has no parent and is the only
 * such station — in a deployment of many districts, a district's people act for their
 * district only.
 */
export function actsForWholeNetwork(user: AuthUser, postedAtOnlyRoot: boolean): boolean {
  if (user.role === 'admin') return true;
  return (user.role === 'coordinator' || user.role === 'staff') && (user.stationId === null || postedAtOnlyRoot);
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

/** Whether the user acts for every station (actsForWholeNetwork), reading where they are posted. */
export async function actsForWholeNetworkNow(m: Manager, user: AuthUser): Promise<boolean> {
  if (user.stationId === null || (user.role !== 'coordinator' && user.role !== 'staff')) return actsForWholeNetwork(user, false);
  const roots = await m.find(StationEntity, { select: { id: true }, where: { parentId: IsNull() }, take: 2 });
  return actsForWholeNetwork(user, roots.length === 1 && roots[0]!.id === user.stationId);
}

/** 403 unless the user acts for every station (actsForWholeNetwork): for requests whose records span the network. */
export async function assertActsForWholeNetwork(m: Manager, user: AuthUser, what: string): Promise<void> {
  if (!(await actsForWholeNetworkNow(m, user))) {
    throw forbidden(`Only the network's own coordinators and staff may ${what}: a person's records span every station`);
  }
}

/**
 * The stations a coordinator manages: null for every station (actsForWholeNetwork, or no
 * user: a scheduled job), else the station they are posted at and every station under it.
 */
export async function managedStationIds(m: Manager, user: AuthUser | null): Promise<Set<number> | null> {
  if (!user || (await actsForWholeNetworkNow(m, user))) return null;
  if (user.stationId === null) return null;
  const rows = await m.find(StationEntity, { select: { id: true, parentId: true } });
  return new Set(withDescendants(rows, user.stationId));
}

/**
 * 403 unless `user` manages every one of `stationIds` (managedStationIds): a district's
 * coordinator changes the rosters, closures and stations of their district only.
 * `stationIds` may hold null for "the whole network" (a network-wide closure), which only
 * the network's own coordinators manage.
 */
export async function assertManages(m: Manager, user: AuthUser | null, stationIds: readonly (number | null)[], what: string): Promise<void> {
  const managed = await managedStationIds(m, user);
  if (managed === null) return;
  if (stationIds.every((id) => id !== null && managed.has(id))) return;
  throw forbidden(`You coordinate another part of the network, so you may not ${what}`);
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
