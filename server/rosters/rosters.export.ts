import { In } from 'typeorm';
import type { AuthUser } from '../auth/policy.js';
import type { AppContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { eachDate, monthRange } from '../lib/dates.js';
import { StationEntity } from '../stations/stations.entity.js';
import { stationsInScope } from '../stations/scope.js';
import { RosterEntity } from './rosters.entity.js';
import { lawyerNames, shiftsBetween } from './rosters.repository.js';
import { buildWallTable, type WallTable } from './wallTable.js';
import { seesDraftRosters, visibleRostersWhere } from './rosters.policy.js';

/** Loads a month's roster for the wall table. */
export class RosterExports {
  constructor(private readonly ctx: AppContext) {}

  async wallTable(month: string, stationId: number | undefined, layout: 'grid' | 'list' | undefined, viewer: AuthUser, includeChildren = false): Promise<WallTable> {
    return this.ctx.db.read(async (m) => {
      // With includeChildren, the station and every station under it (one district of many).
      const area = stationId && includeChildren ? new Set(await stationsInScope(m, stationId, true)) : null;
      const where = visibleRostersWhere(month, area ? undefined : stationId, viewer);
      const rosters = (await m.find(RosterEntity, { where })).filter((r) => !area || area.has(r.stationId));
      if (rosters.length === 0) {
        throw notFound(`There is no ${seesDraftRosters(viewer) ? '' : 'published '}${month} roster${stationId ? ' for this station' : ''}`);
      }
      const stationIds = rosters.map((r) => r.stationId);
      const levelRank = { district: 0, town: 1, village: 2 } as const;
      const stations = (await m.findBy(StationEntity, { id: In(stationIds) })).sort(
        (a, b) => levelRank[a.level] - levelRank[b.level] || a.code.localeCompare(b.code),
      );
      const { from, to } = monthRange(month);
      const shifts = await shiftsBetween(m, from, to, { stationIds });
      const names = await lawyerNames(m, shifts.map((s) => s.lawyerId));
      const calendar = await loadWorkingCalendar(m, from, to);
      const dayNotes = new Map<string, string>();
      for (const d of eachDate(from, to)) {
        const info = calendar.dayInfo(d, area ? null : (stationId ?? null));
        if (info.kind === 'holiday' || info.kind === 'makeup' || info.kind.startsWith('local')) dayNotes.set(d, info.name ?? '');
      }
      const single = stations.length === 1 ? stations[0]! : null;
      return buildWallTable(
        {
          month,
          title: single
            ? `${single.name} 律师值班表`
            : area && stations.some((s) => s.id === stationId)
              ? `${stations.find((s) => s.id === stationId)!.name}及所辖站点 律师值班表`
              : '职工维权服务站 律师值班表',
          published: rosters.every((r) => r.status === 'published'),
          stations: stations.map((s) => ({ id: s.id, name: s.name })),
          shifts: shifts.map((s) => ({
            stationId: s.stationId,
            date: s.date,
            lawyerName: names.get(s.lawyerId)?.name ?? '',
            firm: names.get(s.lawyerId)?.firm ?? '',
            start: s.start,
            end: s.end,
          })),
          dayNotes,
          hotline: this.ctx.config.hotlineNumber,
        },
        layout ?? (single ? 'list' : 'grid'),
      );
    });
  }
}
