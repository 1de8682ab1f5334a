import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { StationEntity } from '../stations/stations.entity.js';
import { CalendarDayEntity, type CalendarDayRow } from './calendar.entity.js';
import type { CalendarDayDto, CreateCalendarDayInput } from './calendar.schema.js';
import { WorkingCalendar, isCoveredByNationalData, nationalDays, type LocalDay } from './workingCalendar.js';

function presentLocal(r: CalendarDayRow): CalendarDayDto {
  return { id: r.id, date: r.date, kind: r.kind, name: r.name, stationId: r.stationId, source: 'local' };
}

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

export class CalendarService {
  constructor(private readonly ctx: AppContext) {}

  async list(from: string, to: string, stationId?: number): Promise<{ days: CalendarDayDto[]; uncoveredYears: number[] }> {
    const local = await this.ctx.db.read((m) => loadLocalDays(m, from, to, stationId));
    const days: CalendarDayDto[] = [
      ...nationalDays(from, to),
      ...local.map((d) => ({ id: d.id, date: d.date, kind: d.kind, name: d.name, stationId: d.stationId, source: 'local' as const })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.source === 'national' ? -1 : 1));
    const uncoveredYears: number[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
      if (!isCoveredByNationalData(`${y}-01-01`)) uncoveredYears.push(y);
    }
    return { days, uncoveredYears };
  }

  async create(input: CreateCalendarDayInput, actor: AuthUser, requestId?: string): Promise<CalendarDayDto> {
    const stationId = input.stationId ?? null;
    try {
      return await this.ctx.db.tx(async (m) => {
        if (stationId !== null && !(await m.existsBy(StationEntity, { id: stationId }))) {
          throw badRequest('No such station', [{ path: 'stationId', message: 'no station has this id' }]);
        }
        const row = await m.save(CalendarDayEntity, {
          date: input.date,
          kind: input.kind,
          name: input.name,
          stationId,
          scope: stationId ?? 0,
          createdAt: this.ctx.clock.now(),
        });
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'calendar_day.create',
          entity: 'calendar_day',
          entityId: row.id,
          details: { date: row.date, kind: row.kind, name: row.name, stationId },
          requestId,
        });
        return presentLocal(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw conflict(`A local day for ${input.date} already exists ${stationId ? 'for this station' : 'for the whole network'}`);
      }
      throw err;
    }
  }

  async remove(id: number, actor: AuthUser, requestId?: string): Promise<void> {
    await this.ctx.db.tx(async (m) => {
      const row = await m.findOneBy(CalendarDayEntity, { id });
      if (!row) throw notFound('No such local day');
      await m.delete(CalendarDayEntity, { id });
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'calendar_day.delete',
        entity: 'calendar_day',
        entityId: id,
        details: { date: row.date, kind: row.kind, name: row.name, stationId: row.stationId },
        requestId,
      });
    });
  }
}
