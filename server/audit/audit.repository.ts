/**
 * The audit log's queries, named for what they mean. Newest first is `at DESC, id DESC`
 * (rows written at one instant in the order they were written); the indexes of
 * migrations/1764401200000-AuditLogReading.ts serve it with each filter.
 */
import { In } from 'typeorm';
import type { Manager } from '../db/db.js';
import { UserEntity } from '../auth/users.entity.js';
import { userByUsername } from '../auth/users.repository.js';
import { LawyerEntity } from '../lawyers/lawyers.entity.js';
import { StationEntity } from '../stations/stations.entity.js';
import { AuditEntity, type AuditRow } from './audit.entity.js';
import { PERSONAL_DATA_VIEW } from '../privacy/accessLog.js';

export interface AuditFilter {
  /** Instants: on or after `since`, before `until`. */
  since?: Date;
  until?: Date;
  entity?: string;
  entityId?: string;
  action?: string;
  username?: string;
  excludeViews: boolean;
}

export async function findAuditEntries(
  m: Manager,
  f: AuditFilter,
  page: { page: number; pageSize: number },
): Promise<[AuditRow[], number]> {
  const q = m.createQueryBuilder(AuditEntity, 'a');
  if (f.since) q.andWhere('a.at >= :since', { since: f.since });
  if (f.until) q.andWhere('a.at < :until', { until: f.until });
  if (f.entity) q.andWhere('a.entity = :entity', { entity: f.entity });
  if (f.entityId) q.andWhere('a.entity_id = :entityId', { entityId: f.entityId });
  if (f.action) q.andWhere('a.action = :action', { action: f.action });
  if (f.excludeViews) q.andWhere('a.action <> :view', { view: PERSONAL_DATA_VIEW });
  if (f.username) {
    // The account, whatever case its name is typed in, also for entries from before a rename; else the name as written.
    const account = await userByUsername(m, f.username);
    if (account) q.andWhere('a.user_id = :userId', { userId: account.id });
    else q.andWhere('a.username = :username', { username: f.username });
  }
  return q
    .orderBy('a.at', 'DESC')
    .addOrderBy('a.id', 'DESC')
    .skip((page.page - 1) * page.pageSize)
    .take(page.pageSize)
    .getManyAndCount();
}

async function namesById(m: Manager, entity: typeof StationEntity | typeof LawyerEntity, ids: Iterable<number>): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await m.find(entity, { select: { id: true, name: true }, where: { id: In(unique) } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const stationNamesById = (m: Manager, ids: Iterable<number>) => namesById(m, StationEntity, ids);
export const lawyerNamesById = (m: Manager, ids: Iterable<number>) => namesById(m, LawyerEntity, ids);

/** Accounts' display names now. */
export async function displayNamesById(m: Manager, ids: Iterable<number>): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await m.find(UserEntity, { select: { id: true, displayName: true }, where: { id: In(unique) } });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
