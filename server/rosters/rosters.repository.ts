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

/**
 * The shifts that a swap still in progress (asked, or accepted and awaiting approval) is
 * about. (By table name: the swaps feature builds on rosters, not the other way round.)
 */
export async function shiftsInLiveSwaps(m: Manager): Promise<number[]> {
  const rows: { shiftId: unknown; toShiftId: unknown }[] = await m
    .createQueryBuilder()
    .select('w.shift_id', 'shiftId')
    .addSelect('w.to_shift_id', 'toShiftId')
    .from('swaps', 'w')
    .where("w.status IN ('pending', 'accepted')")
    .getRawMany();
  return [...new Set(rows.flatMap((r) => [r.shiftId, r.toShiftId]).filter((id) => id != null).map(Number))];
}

const LIVE_BOOKING = "a.status IN ('booked', 'checked_in')";

/** How many live consultations (booked or checked in) a station has on a day. */
export async function liveBookingsOn(m: Manager, stationId: number, date: string): Promise<number> {
  const row: { n: unknown } | undefined = await m
    .createQueryBuilder()
    .select('COUNT(*)', 'n')
    .from('appointments', 'a')
    .where(`a.station_id = :stationId AND a.date = :date AND ${LIVE_BOOKING}`, { stationId, date })
    .getRawOne();
  return Number(row?.n ?? 0);
}

/**
 * Live consultations (booked or checked in) at `stationIds` between `from` and `to`, per
 * station and day, on days that have no shift at that station.
 */
export async function liveBookingsWithoutShift(m: Manager, stationIds: number[], from: string, to: string): Promise<{ stationId: number; date: string; bookings: number }[]> {
  if (stationIds.length === 0 || from > to) return [];
  const rows: { stationId: unknown; date: unknown; bookings: unknown }[] = await m
    .createQueryBuilder()
    .select('a.station_id', 'stationId')
    .addSelect('a.date', 'date')
    .addSelect('COUNT(*)', 'bookings')
    .from('appointments', 'a')
    .where(`a.station_id IN (:...stationIds) AND a.date BETWEEN :from AND :to AND ${LIVE_BOOKING}`, { stationIds, from, to })
    .andWhere('NOT EXISTS (SELECT 1 FROM shifts s WHERE s.station_id = a.station_id AND s.date = a.date)')
    .groupBy('a.station_id')
    .addGroupBy('a.date')
    .orderBy('a.date')
    .addOrderBy('a.station_id')
    .getRawMany();
  return rows.map((r) => ({ stationId: Number(r.stationId), date: String(r.date), bookings: Number(r.bookings) }));
}
