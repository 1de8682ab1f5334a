/** Intent-named queries for rosters, shifts and rotations. */
import { In, LessThan } from 'typeorm';
import type { Manager } from '../db/db.js';
import { LawyerEntity, LawyerStationEntity, UnavailabilityEntity, type LawyerRow } from '../lawyers/lawyers.entity.js';
import { RotationStateEntity, ShiftEntity, type RotationStateRow, type ShiftRow } from './rosters.entity.js';

export interface LawyerForDuty extends LawyerRow {
  stationIds: number[];
  unavailable: { from: string; to: string }[];
}

/** Lawyers with their stations and the absences that overlap [from, to]. */
export async function loadLawyersForDuty(m: Manager, from: string, to: string, ids?: number[]): Promise<LawyerForDuty[]> {
  const lawyers = ids ? (ids.length ? await m.findBy(LawyerEntity, { id: In(ids) }) : []) : await m.find(LawyerEntity);
  if (lawyers.length === 0) return [];
  const lawyerIds = lawyers.map((l) => l.id);
  const links = await m.findBy(LawyerStationEntity, { lawyerId: In(lawyerIds) });
  const absences = await m
    .createQueryBuilder(UnavailabilityEntity, 'u')
    .where('u.lawyer_id IN (:...ids) AND u.from_date <= :to AND u.to_date >= :from', { ids: lawyerIds, from, to })
    .getMany();
  return lawyers.map((l) => ({
    ...l,
    stationIds: links.filter((x) => x.lawyerId === l.id).map((x) => x.stationId),
    unavailable: absences.filter((a) => a.lawyerId === l.id).map((a) => ({ from: a.fromDate, to: a.toDate })),
  }));
}

/** Where each rotation stood at the end of the latest month before `month`. */
export async function latestRotationStates(m: Manager, rotationIds: number[], month: string): Promise<RotationStateRow[]> {
  if (rotationIds.length === 0) return [];
  const rows = await m.find(RotationStateEntity, {
    where: { rotationId: In(rotationIds), month: LessThan(month) },
    order: { month: 'DESC' },
  });
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r.rotationId) ? false : (seen.add(r.rotationId), true)));
}

export async function shiftsBetween(
  m: Manager,
  from: string,
  to: string,
  filter: { stationIds?: number[]; lawyerId?: number; status?: string } = {},
): Promise<ShiftRow[]> {
  const q = m
    .createQueryBuilder(ShiftEntity, 's')
    .where('s.date >= :from AND s.date <= :to', { from, to })
    .orderBy('s.date', 'ASC')
    .addOrderBy('s.station_id', 'ASC')
    .addOrderBy('s.seat', 'ASC');
  if (filter.stationIds) {
    if (filter.stationIds.length === 0) return [];
    q.andWhere('s.station_id IN (:...sids)', { sids: filter.stationIds });
  }
  if (filter.lawyerId) q.andWhere('s.lawyer_id = :lid', { lid: filter.lawyerId });
  if (filter.status) q.andWhere('s.status = :st', { st: filter.status });
  return q.getMany();
}

export async function lawyerNames(m: Manager, ids: number[]): Promise<Map<number, { name: string; firm: string }>> {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await m.findBy(LawyerEntity, { id: In(unique) }) : [];
  return new Map(rows.map((r) => [r.id, { name: r.name, firm: r.firm }]));
}
