/**
 * The working calendar's queries. Every function runs on the caller's manager, so a
 * transaction can read the calendar as it stands after its own change (a closure just written).
 */
import type { Manager } from '../db/db.js';
import { CalendarDayEntity } from './calendar.entity.js';
import { WorkingCalendar, type LocalDay } from './workingCalendar.js';

/** Local days overlapping a range (all stations, or one station plus network-wide days). */
export async function loadLocalDays(m: Manager, from: string, to: string, stationId?: number): Promise<LocalDay[]> {
  const q = m
    .createQueryBuilder(CalendarDayEntity, 'c')
    .where('c.date >= :from AND c.date <= :to', { from, to })
    .orderBy('c.date', 'ASC');
  if (stationId) q.andWhere('(c.station_id IS NULL OR c.station_id = :sid)', { sid: stationId });
  const rows = await q.getMany();
  return rows.map((r) => ({ id: r.id, date: r.date, kind: r.kind, name: r.name, stationId: r.stationId }));
}

/** The working calendar for a range, with the local days that apply to it. */
export async function loadWorkingCalendar(m: Manager, from: string, to: string): Promise<WorkingCalendar> {
  return new WorkingCalendar(await loadLocalDays(m, from, to));
}
