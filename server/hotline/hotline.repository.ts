/**
 * The hotline's queries, named for what they mean. Each runs on the caller's
 * manager (inside its `db.tx` or `db.read`).
 */
import { In } from 'typeorm';
import type { Manager } from '../db/db.js';
import type { AuthUser } from '../auth/policy.js';
import { LawyerStationEntity } from '../lawyers/lawyers.entity.js';
import { StationEntity } from '../stations/stations.entity.js';
import { stationScopes } from '../stations/scope.js';
import { callerDetailsIndependentOfStation, seesCallerDetails } from './hotline.policy.js';
import { HotlineCallEntity, type HotlineCallRow } from './hotline.entity.js';
import type { CallFilter } from './hotline.schema.js';

/** `LIKE` with `%`, `_` and the escape character itself taken literally (the same on SQLite and MySQL). */
export function likeContains(term: string): string {
  return `%${term.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** Whether the viewer sees callers' details at each of these stations (hotline.policy.ts), from one read of the network's tree. */
export async function callerDetailsAt(m: Manager, viewer: AuthUser, stationIds: readonly number[]): Promise<(stationId: number) => boolean> {
  if (callerDetailsIndependentOfStation(viewer)) {
    const full = seesCallerDetails(viewer, { id: 0, ancestorIds: [] });
    return () => full;
  }
  const scopes = await stationScopes(m, stationIds);
  return (id) => seesCallerDetails(viewer, scopes.get(id) ?? { id, ancestorIds: [] });
}

export async function stationNames(m: Manager, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await m.find(StationEntity, { select: { id: true, name: true }, where: { id: In(unique) } });
  return new Map(rows.map((s) => [s.id, s.name]));
}

/** The stations a lawyer serves (empty for anyone else). */
export async function lawyerStationIds(m: Manager, user: AuthUser): Promise<number[]> {
  if (user.role !== 'lawyer' || user.lawyerId === null) return [];
  const links = await m.findBy(LawyerStationEntity, { lawyerId: user.lawyerId });
  return links.map((l) => l.stationId);
}

function filteredCalls(m: Manager, f: CallFilter) {
  const q = m.createQueryBuilder(HotlineCallEntity, 'c');
  if (f.from) q.andWhere('c.received_date >= :from', { from: f.from });
  if (f.to) q.andWhere('c.received_date <= :to', { to: f.to });
  if (f.stationId) q.andWhere('c.station_id = :stationId', { stationId: f.stationId });
  if (f.category) q.andWhere('c.category = :category', { category: f.category });
  if (f.outcome) q.andWhere('c.outcome = :outcome', { outcome: f.outcome });
  const terms = (f.q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  terms.forEach((term, i) => q.andWhere(`c.summary LIKE :q${i} ESCAPE '!'`, { [`q${i}`]: likeContains(term) }));
  return q.orderBy('c.received_at', 'DESC').addOrderBy('c.id', 'DESC');
}

export async function findCalls(m: Manager, f: CallFilter, page: { page: number; pageSize: number }): Promise<[HotlineCallRow[], number]> {
  return filteredCalls(m, f)
    .skip((page.page - 1) * page.pageSize)
    .take(page.pageSize)
    .getManyAndCount();
}

export async function countCalls(m: Manager, f: CallFilter): Promise<number> {
  return filteredCalls(m, f).getCount();
}

export async function callsForExport(m: Manager, f: CallFilter, limit: number): Promise<HotlineCallRow[]> {
  return filteredCalls(m, f).take(limit).getMany();
}

/** Open call-backs: calls still owed one (outcome callback_needed, not done). */
function openFollowUps(m: Manager) {
  return m
    .createQueryBuilder(HotlineCallEntity, 'c')
    .where("c.outcome = 'callback_needed' AND c.follow_up_done_at IS NULL AND c.follow_up_date IS NOT NULL");
}

export async function findOpenFollowUps(
  m: Manager,
  f: { stationId?: number; due: 'today' | 'overdue' | 'all'; today: string },
  page: { page: number; pageSize: number },
): Promise<[HotlineCallRow[], number]> {
  const q = openFollowUps(m);
  if (f.stationId) q.andWhere('c.station_id = :stationId', { stationId: f.stationId });
  if (f.due === 'today') q.andWhere('c.follow_up_date = :today', { today: f.today });
  if (f.due === 'overdue') q.andWhere('c.follow_up_date < :today', { today: f.today });
  return q
    .orderBy('c.follow_up_date', 'ASC')
    .addOrderBy('c.received_at', 'ASC')
    .addOrderBy('c.id', 'ASC')
    .skip((page.page - 1) * page.pageSize)
    .take(page.pageSize)
    .getManyAndCount();
}

/** Every call-back due today or overdue, oldest first. */
export async function dueFollowUps(m: Manager, today: string, limit = 5000): Promise<HotlineCallRow[]> {
  return openFollowUps(m)
    .andWhere('c.follow_up_date <= :today', { today })
    .orderBy('c.follow_up_date', 'ASC')
    .addOrderBy('c.id', 'ASC')
    .take(limit)
    .getMany();
}
