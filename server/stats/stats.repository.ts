/**
 * The statistics' queries: each groups in the database and returns facts for
 * aggregate.ts. Local dates are stored as YYYY-MM-DD text, so the month is its first
 * seven characters on both SQLite and MySQL.
 */
import { In } from 'typeorm';
import type { Manager } from '../db/db.js';
import { AppointmentEntity } from '../bookings/appointments.entity.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { HotlineCallEntity, ReferralEntity } from '../hotline/hotline.entity.js';
import { RotationEntity, ShiftEntity } from '../rosters/rosters.entity.js';
import { requiredDuty } from '../rosters/rosters.service.js';
import { StationEntity, type StationRow } from '../stations/stations.entity.js';
import { dutyFacts, type AppointmentFact, type CallFact, type DutyFact, type Facts, type PersonFact, type ReferralFact } from './aggregate.js';

export interface Period {
  from: string;
  to: string;
  /** null: every station (the network total). */
  stationIds: number[] | null;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

function parseServices(v: unknown): string[] {
  if (typeof v !== 'string' || v === '') return [];
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

function inScope<T extends { andWhere(where: string, params?: object): T }>(q: T, column: string, p: Period): T {
  if (p.stationIds) q.andWhere(`${column} IN (:...stationIds)`, { stationIds: p.stationIds.length ? p.stationIds : [0] });
  return q;
}

export async function allStations(m: Manager): Promise<StationRow[]> {
  return m.find(StationEntity, { order: { id: 'ASC' } });
}

export async function appointmentFacts(m: Manager, p: Period): Promise<AppointmentFact[]> {
  const q = m
    .createQueryBuilder()
    .select('a.station_id', 'stationId')
    .addSelect('SUBSTR(a.date, 1, 7)', 'month')
    .addSelect('a.status', 'status')
    .addSelect('a.source', 'source')
    .addSelect('a.category', 'category')
    .addSelect('a.outcome_services', 'services')
    .addSelect('COUNT(*)', 'n')
    .addSelect('SUM(a.amount_involved)', 'amount')
    .from(AppointmentEntity, 'a')
    .where('a.date >= :from AND a.date <= :to', { from: p.from, to: p.to });
  inScope(q, 'a.station_id', p);
  const rows: Record<string, unknown>[] = await q
    .groupBy('a.station_id')
    .addGroupBy('SUBSTR(a.date, 1, 7)')
    .addGroupBy('a.status')
    .addGroupBy('a.source')
    .addGroupBy('a.category')
    .addGroupBy('a.outcome_services')
    .getRawMany();
  return rows.map((r) => ({
    stationId: num(r.stationId),
    month: String(r.month),
    status: String(r.status),
    source: String(r.source),
    category: String(r.category),
    services: parseServices(r.services),
    n: num(r.n),
    amount: num(r.amount),
  }));
}

export async function callFacts(m: Manager, p: Period): Promise<CallFact[]> {
  const q = m
    .createQueryBuilder()
    .select('c.station_id', 'stationId')
    .addSelect('SUBSTR(c.received_date, 1, 7)', 'month')
    .addSelect('c.category', 'category')
    .addSelect('c.outcome', 'outcome')
    .addSelect('COUNT(*)', 'n')
    .from(HotlineCallEntity, 'c')
    .where('c.received_date >= :from AND c.received_date <= :to', { from: p.from, to: p.to });
  inScope(q, 'c.station_id', p);
  const rows: Record<string, unknown>[] = await q
    .groupBy('c.station_id')
    .addGroupBy('SUBSTR(c.received_date, 1, 7)')
    .addGroupBy('c.category')
    .addGroupBy('c.outcome')
    .getRawMany();
  return rows.map((r) => ({
    stationId: num(r.stationId),
    month: String(r.month),
    category: String(r.category),
    outcome: String(r.outcome),
    n: num(r.n),
  }));
}

/**
 * People served per station and month (completed consultations and logged calls), told
 * apart by person key — the keyed hash of the phone, which outlives the phone itself
 * (retention, erasure), so the figure never changes when personal data is removed.
 * Numberless calls are counted.
 */
export async function personFacts(m: Manager, p: Period): Promise<PersonFact[]> {
  const consulted = m
    .createQueryBuilder()
    .select('a.station_id', 'stationId')
    .addSelect('SUBSTR(a.date, 1, 7)', 'month')
    .addSelect('a.person_key', 'personKey')
    .addSelect('COUNT(*)', 'n')
    .from(AppointmentEntity, 'a')
    .where("a.status = 'completed' AND a.date >= :from AND a.date <= :to", { from: p.from, to: p.to });
  inScope(consulted, 'a.station_id', p);
  const called = m
    .createQueryBuilder()
    .select('c.station_id', 'stationId')
    .addSelect('SUBSTR(c.received_date, 1, 7)', 'month')
    .addSelect('c.person_key', 'personKey')
    .addSelect('COUNT(*)', 'n')
    .from(HotlineCallEntity, 'c')
    .where('c.received_date >= :from AND c.received_date <= :to', { from: p.from, to: p.to });
  inScope(called, 'c.station_id', p);
  const rows: Record<string, unknown>[] = [
    ...(await consulted.groupBy('a.station_id').addGroupBy('SUBSTR(a.date, 1, 7)').addGroupBy('a.person_key').getRawMany()),
    ...(await called.groupBy('c.station_id').addGroupBy('SUBSTR(c.received_date, 1, 7)').addGroupBy('c.person_key').getRawMany()),
  ];
  return rows.map((r) => ({
    stationId: num(r.stationId),
    month: String(r.month),
    personKey: typeof r.personKey === 'string' && r.personKey !== '' ? r.personKey : null,
    n: num(r.n),
  }));
}

export async function referralFacts(m: Manager, p: Period): Promise<ReferralFact[]> {
  const received = m
    .createQueryBuilder()
    .select('r.to_station_id', 'stationId')
    .addSelect('SUBSTR(r.referred_date, 1, 7)', 'month')
    .addSelect('r.stage', 'stage')
    .addSelect('COUNT(*)', 'n')
    .from(ReferralEntity, 'r')
    .where('r.referred_date >= :from AND r.referred_date <= :to', { from: p.from, to: p.to });
  inScope(received, 'r.to_station_id', p);
  const settled = m
    .createQueryBuilder()
    .select('r.to_station_id', 'stationId')
    .addSelect('SUBSTR(r.closed_date, 1, 7)', 'month')
    .addSelect('r.stage', 'stage')
    .addSelect('COUNT(*)', 'n')
    .addSelect('SUM(r.amount_settled)', 'amount')
    .from(ReferralEntity, 'r')
    .where("r.result = 'settled' AND r.closed_date >= :from AND r.closed_date <= :to", { from: p.from, to: p.to });
  inScope(settled, 'r.to_station_id', p);
  const toFact = (kind: ReferralFact['kind']) => (r: Record<string, unknown>): ReferralFact => ({
    stationId: num(r.stationId),
    month: String(r.month),
    stage: String(r.stage),
    kind,
    n: num(r.n),
    amount: num(r.amount),
  });
  return [
    ...(await received.groupBy('r.to_station_id').addGroupBy('SUBSTR(r.referred_date, 1, 7)').addGroupBy('r.stage').getRawMany()).map(toFact('received')),
    ...(await settled.groupBy('r.to_station_id').addGroupBy('SUBSTR(r.closed_date, 1, 7)').addGroupBy('r.stage').getRawMany()).map(toFact('settled')),
  ];
}

/**
 * Required duty days (the active rotations of active stations, over the working
 * calendar — requiredDuty, as the coverage calendar) against published shifts.
 */
export async function dutyFactsOf(m: Manager, p: Period, activeStationIds: number[]): Promise<DutyFact[]> {
  const ids = p.stationIds ? activeStationIds.filter((id) => p.stationIds!.includes(id)) : activeStationIds;
  if (ids.length === 0) return [];
  const rotations = await m.findBy(RotationEntity, { stationId: In(ids), active: true });
  if (rotations.length === 0) return [];
  const calendar = await loadWorkingCalendar(m, p.from, p.to);
  const required = requiredDuty(rotations, calendar, p.from, p.to);
  const rows: Record<string, unknown>[] = await m
    .createQueryBuilder()
    .select('s.station_id', 'stationId')
    .addSelect('s.date', 'date')
    .addSelect('COUNT(*)', 'n')
    .from(ShiftEntity, 's')
    .where("s.status = 'published' AND s.date >= :from AND s.date <= :to AND s.station_id IN (:...ids)", { from: p.from, to: p.to, ids: [...new Set(rotations.map((r) => r.stationId))] })
    .groupBy('s.station_id')
    .addGroupBy('s.date')
    .getRawMany();
  const held = new Map(rows.map((r) => [`${num(r.stationId)}|${String(r.date)}`, num(r.n)]));
  return dutyFacts(required, held);
}

export async function loadFacts(m: Manager, p: Period, activeStationIds: number[]): Promise<Facts> {
  return {
    appointments: await appointmentFacts(m, p),
    calls: await callFacts(m, p),
    people: await personFacts(m, p),
    referrals: await referralFacts(m, p),
    duty: await dutyFactsOf(m, p, activeStationIds),
  };
}
