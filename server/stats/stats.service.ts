/** The figures the network reports, for a period and a station (or the whole network). */
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { badRequest } from '../http/errors.js';
import { isOn } from '../http/schemas.js';
import { withDescendants } from '../stations/scope.js';
import type { StationRow } from '../stations/stations.entity.js';
import { summarize, trend, type Facts, type Figures } from './aggregate.js';
import { allStations, loadFacts } from './stats.repository.js';
import type { StatsQuery, StatsSummary, StatsTrend } from './stats.schema.js';

const LEVEL_RANK = { district: 0, town: 1, village: 2 } as const;

interface Scope {
  /** Stations in scope, district first. */
  stations: StationRow[];
  /** null: the whole network (no station filter in the queries). */
  stationIds: number[] | null;
  stationId: number | null;
  includeChildren: boolean;
}

/** A station and everything under it. Pure. */
function stationIdsIn(f: Facts): Set<number> {
  return new Set([...f.appointments, ...f.calls, ...f.people, ...f.referrals, ...f.duty].map((x) => x.stationId));
}

export class StatsService {
  constructor(private readonly ctx: AppContext) {}

  private async scope(m: Manager, q: StatsQuery): Promise<Scope> {
    const stations = (await allStations(m)).sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.code.localeCompare(b.code));
    const includeChildren = isOn(q.includeChildren);
    if (!q.stationId) return { stations, stationIds: null, stationId: null, includeChildren };
    if (!stations.some((s) => s.id === q.stationId)) {
      throw badRequest('No such station', [{ path: 'stationId', message: 'no station has this id' }]);
    }
    const ids = includeChildren ? withDescendants(stations, q.stationId) : [q.stationId];
    return { stations: stations.filter((s) => ids.includes(s.id)), stationIds: ids, stationId: q.stationId, includeChildren };
  }

  private async facts(q: StatsQuery): Promise<{ scope: Scope; facts: Facts }> {
    return this.ctx.db.read(async (m) => {
      const scope = await this.scope(m, q);
      const active = scope.stations.filter((s) => s.active).map((s) => s.id);
      const facts = await loadFacts(m, { from: q.from, to: q.to, stationIds: scope.stationIds }, active);
      return { scope, facts };
    });
  }

  async summary(q: StatsQuery): Promise<StatsSummary> {
    const { scope, facts } = await this.facts(q);
    return summaryOf(q, scope, facts);
  }

  async trend(q: StatsQuery): Promise<StatsTrend> {
    const { scope, facts } = await this.facts(q);
    return trendOf(q, scope, facts);
  }

  /** Summary and trend together, from one read of the facts (for the workbook). */
  async report(q: StatsQuery): Promise<{ summary: StatsSummary; trend: StatsTrend }> {
    const { scope, facts } = await this.facts(q);
    return { summary: summaryOf(q, scope, facts), trend: trendOf(q, scope, facts) };
  }
}

function summaryOf(q: StatsQuery, scope: Scope, facts: Facts): StatsSummary {
  const seen = stationIdsIn(facts);
  const listed = scope.stations.filter((s) => s.active || seen.has(s.id) || s.id === scope.stationId);
  const { total, byStation } = summarize(facts, listed.map((s) => s.id));
  return {
    from: q.from,
    to: q.to,
    stationId: scope.stationId,
    includeChildren: scope.includeChildren,
    ...total,
    byStation: listed.map((s) => ({
      stationId: s.id,
      name: s.name,
      code: s.code,
      level: s.level,
      parentId: s.parentId,
      ...(byStation.get(s.id) as Figures),
    })),
  };
}

function trendOf(q: StatsQuery, scope: Scope, facts: Facts): StatsTrend {
  return {
    from: q.from,
    to: q.to,
    stationId: scope.stationId,
    includeChildren: scope.includeChildren,
    months: trend(facts, q.from, q.to).map((t) => ({ month: t.month, from: t.from, to: t.to, ...t.figures })),
  };
}
