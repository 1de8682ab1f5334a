/** Intent-named queries for swaps, and the conditional writes that make each transition happen once. */
import { In } from 'typeorm';
import type { DatabaseKind } from '../config.js';
import type { Manager } from '../db/db.js';
import { UserEntity, type UserRow } from '../auth/users.entity.js';
import { LawyerEntity } from '../lawyers/lawyers.entity.js';
import { ShiftEntity, type ShiftRow } from '../rosters/rosters.entity.js';
import { stationScopes } from '../stations/scope.js';
import { SwapEntity, type SwapRow } from './swaps.entity.js';
import { LIVE_STATUSES, type ShiftMove, type SwapStatus } from './swapRules.js';

export const activeKeyOf = (shiftId: number) => `shift:${shiftId}`;

/**
 * Read a swap inside a write transaction. On MySQL the row is locked (a locking read
 * takes no snapshot, so the checks that follow see what concurrent transactions committed
 * before this one got the lock); SQLite transactions are serialised already.
 */
export async function findSwapForUpdate(m: Manager, kind: DatabaseKind, id: number): Promise<SwapRow | null> {
  if (kind !== 'mysql') return m.findOneBy(SwapEntity, { id });
  return m.createQueryBuilder(SwapEntity, 'w').setLock('pessimistic_write').where('w.id = :id', { id }).getOne();
}

/**
 * Lock the lawyers who gain a duty, so two swaps giving the same lawyer a duty are
 * checked one after the other (the monthly cap is a count, not a unique index).
 */
export async function lockLawyers(m: Manager, kind: DatabaseKind, ids: number[]): Promise<void> {
  if (kind !== 'mysql' || ids.length === 0) return;
  await m
    .createQueryBuilder(LawyerEntity, 'l')
    .setLock('pessimistic_write')
    .where('l.id IN (:...ids)', { ids: [...new Set(ids)].sort((a, b) => a - b) })
    .orderBy('l.id', 'ASC')
    .getMany();
}

/** Move a swap from one of `from` to a new status (and fields): true if this call did it. */
export async function compareAndSetStatus(
  m: Manager,
  id: number,
  from: readonly SwapStatus[],
  set: Partial<Omit<SwapRow, 'id'>> & { status: SwapStatus },
): Promise<boolean> {
  const res = await m
    .getRepository(SwapEntity)
    .createQueryBuilder()
    .update()
    .set(set)
    .where('id = :id AND status IN (:...from)', { id, from })
    .execute();
  return (res.affected ?? 0) === 1;
}

/** Accept: the status moves from pending and, for an open offer, the taker is written by the same update. */
export async function claimAcceptance(m: Manager, id: number, lawyerId: number, set: Partial<SwapRow>): Promise<boolean> {
  const res = await m
    .getRepository(SwapEntity)
    .createQueryBuilder()
    .update()
    .set({ ...set, status: 'accepted', toLawyerId: lawyerId })
    .where("id = :id AND status = 'pending' AND (to_lawyer_id IS NULL OR to_lawyer_id = :lawyerId)", { id, lawyerId })
    .execute();
  return (res.affected ?? 0) === 1;
}

/** One side of a swap: the shift changes hands only if nobody changed it since the swap was asked. */
export async function moveShift(m: Manager, mv: ShiftMove & { toLawyerId: number }, now: Date, restoreDate?: string): Promise<boolean> {
  const res = await m
    .getRepository(ShiftEntity)
    .createQueryBuilder()
    .update()
    .set({ lawyerId: mv.toLawyerId, source: 'swap', version: mv.expectVersion + 1, updatedAt: now, ...(restoreDate ? { date: restoreDate } : {}) })
    .where("id = :id AND version = :v AND lawyer_id = :from AND status = 'published'", { id: mv.shiftId, v: mv.expectVersion, from: mv.fromLawyerId })
    .execute();
  return (res.affected ?? 0) === 1;
}

/**
 * An exchange of two shifts on the same day: each lawyer already holds that day, and the
 * unique (lawyer_id, date) index is checked row by row, so one side is parked on a
 * placeholder date (unique per shift, never a real date) inside the transaction while the
 * other side moves. Nothing outside the transaction ever sees it.
 */
export async function parkShift(m: Manager, shiftId: number, version: number): Promise<boolean> {
  const res = await m
    .getRepository(ShiftEntity)
    .createQueryBuilder()
    .update()
    .set({ date: `~${shiftId.toString(36)}` })
    .where('id = :id AND version = :v', { id: shiftId, v: version })
    .execute();
  return (res.affected ?? 0) === 1;
}

/** Other live swaps over shifts that just changed hands: they can no longer apply. */
export async function liveSwapsOverShifts(m: Manager, shiftIds: number[], exceptId: number): Promise<SwapRow[]> {
  if (shiftIds.length === 0) return [];
  return m
    .createQueryBuilder(SwapEntity, 'w')
    .where('w.id <> :exceptId AND w.status IN (:...live)', { exceptId, live: LIVE_STATUSES })
    .andWhere('(w.shift_id IN (:...ids) OR w.to_shift_id IN (:...ids))', { ids: shiftIds })
    .getMany();
}

export async function shiftsByIds(m: Manager, ids: (number | null)[]): Promise<ShiftRow[]> {
  const unique = [...new Set(ids.filter((x): x is number => x !== null))];
  return unique.length ? m.findBy(ShiftEntity, { id: In(unique) }) : [];
}

/** Every shift of these lawyers in the months of these dates. */
export async function shiftsOfLawyersInMonths(m: Manager, lawyerIds: number[], dates: string[]): Promise<ShiftRow[]> {
  const ids = [...new Set(lawyerIds)];
  const months = [...new Set(dates.map((d) => d.slice(0, 7)))];
  if (ids.length === 0 || months.length === 0) return [];
  return m.findBy(ShiftEntity, { lawyerId: In(ids), month: In(months) });
}

/** Pending open offers at these stations whose day has not passed. */
export async function openOffersAt(m: Manager, stationIds: number[], fromDate: string): Promise<SwapRow[]> {
  if (stationIds.length === 0) return [];
  return m
    .createQueryBuilder(SwapEntity, 'w')
    .where("w.type = 'giveaway' AND w.status = 'pending' AND w.to_lawyer_id IS NULL AND w.date >= :fromDate", { fromDate })
    .andWhere('w.station_id IN (:...stationIds)', { stationIds })
    .getMany();
}

export async function openOffersBetween(m: Manager, from: string, to: string): Promise<SwapRow[]> {
  return m
    .createQueryBuilder(SwapEntity, 'w')
    .where("w.type = 'giveaway' AND w.status = 'pending' AND w.to_lawyer_id IS NULL AND w.date >= :from AND w.date <= :to", { from, to })
    .orderBy('w.id', 'ASC')
    .getMany();
}

/** Live swaps a shift day of which has passed. */
export async function liveSwapsBefore(m: Manager, today: string, limit = 500): Promise<SwapRow[]> {
  return m
    .createQueryBuilder(SwapEntity, 'w')
    .where('w.status IN (:...live)', { live: LIVE_STATUSES })
    .andWhere('(w.date < :today OR (w.to_date IS NOT NULL AND w.to_date < :today))', { today })
    .orderBy('w.id', 'ASC')
    .limit(limit)
    .getMany();
}

export interface SwapFilter {
  statuses?: SwapStatus[];
  /** Swaps this lawyer gives or takes (or, with `orIds`, also these). */
  lawyerId?: number;
  orIds?: number[];
  /** Swaps about shifts at these stations only (a district's coordinator's). */
  stationIds?: number[];
  page: number;
  pageSize: number;
}

export async function pageOfSwaps(m: Manager, f: SwapFilter): Promise<{ rows: SwapRow[]; total: number }> {
  const q = m.createQueryBuilder(SwapEntity, 'w');
  if (f.statuses?.length) q.andWhere('w.status IN (:...statuses)', { statuses: f.statuses });
  if (f.stationIds) q.andWhere(f.stationIds.length ? 'w.station_id IN (:...stationIds)' : '1 = 0', { stationIds: f.stationIds });
  if (f.lawyerId !== undefined) {
    const extra = f.orIds?.length ? ' OR w.id IN (:...orIds)' : '';
    q.andWhere(`(w.from_lawyer_id = :lid OR w.to_lawyer_id = :lid${extra})`, { lid: f.lawyerId, orIds: f.orIds });
  }
  const [rows, total] = await q
    .orderBy('w.id', 'DESC')
    .skip((f.page - 1) * f.pageSize)
    .take(f.pageSize)
    .getManyAndCount();
  return { rows, total };
}

/** Active users linked to these lawyers (who get a lawyer's in-app messages). */
export async function usersOfLawyers(m: Manager, lawyerIds: number[]): Promise<UserRow[]> {
  const ids = [...new Set(lawyerIds)];
  return ids.length ? m.findBy(UserEntity, { lawyerId: In(ids), active: true }) : [];
}

/** Active coordinators who coordinate this station: the network's own (no station) and those posted at it or above it. */
export async function activeCoordinatorsOf(m: Manager, stationId: number): Promise<UserRow[]> {
  const scope = (await stationScopes(m, [stationId])).get(stationId) ?? { id: stationId, ancestorIds: [] };
  const posts = [scope.id, ...scope.ancestorIds];
  return (await m.findBy(UserEntity, { role: 'coordinator', active: true })).filter((u) => u.stationId === null || posts.includes(u.stationId));
}
