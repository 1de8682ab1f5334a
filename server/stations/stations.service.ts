import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { assertManages, stationsInScope } from './scope.js';
import { StationEntity, type StationLevel, type StationRow } from './stations.entity.js';
import type { CreateStationInput, Station, UpdateStationInput } from './stations.schema.js';

const LEVEL_RANK: Record<StationLevel, number> = { district: 0, town: 1, village: 2 };

export function presentStation(s: StationRow): Station {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    level: s.level,
    parentId: s.parentId,
    divisionCode: s.divisionCode,
    address: s.address,
    phone: s.phone,
    openHours: s.openHours,
    slotMinutes: s.slotMinutes,
    seatsPerSlot: s.seatsPerSlot,
    swapAutoApprove: s.swapAutoApprove,
    active: s.active,
  };
}

/**
 * The parent chain rule: a district station has no parent; a town's parent is
 * a district; a village's parent is a town (or, for outposts run directly by the
 * district, the district). Pure.
 */
export function parentRuleViolation(level: StationLevel, parent: { id: number; level: StationLevel } | null): string | null {
  if (level === 'district') return parent ? 'a district station has no parent' : null;
  if (!parent) return `a ${level} station needs a parent station`;
  if (LEVEL_RANK[parent.level] >= LEVEL_RANK[level]) return `a ${level} station's parent must be of a higher level`;
  return null;
}

export class StationsService {
  constructor(private readonly ctx: AppContext) {}

  async list(filter: { level?: StationLevel; parentId?: number; stationId?: number; includeChildren?: boolean; includeInactive?: boolean }): Promise<Station[]> {
    const rows = await this.ctx.db.read(async (m) => {
      const q = m.createQueryBuilder(StationEntity, 's');
      if (filter.stationId) {
        const ids = await stationsInScope(m, filter.stationId, !!filter.includeChildren);
        if (ids.length === 0) return [];
        q.andWhere('s.id IN (:...ids)', { ids });
      }
      if (!filter.includeInactive) q.andWhere('s.active = 1');
      if (filter.level) q.andWhere('s.level = :level', { level: filter.level });
      if (filter.parentId) q.andWhere('s.parent_id = :pid', { pid: filter.parentId });
      return q.getMany();
    });
    return rows
      .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.code.localeCompare(b.code))
      .map(presentStation);
  }

  async get(id: number): Promise<Station> {
    const row = await this.ctx.db.read((m) => m.findOneBy(StationEntity, { id }));
    if (!row) throw notFound('No such station');
    return presentStation(row);
  }

  async getByCode(code: string): Promise<Station> {
    const row = await this.ctx.db.read((m) => m.findOneBy(StationEntity, { code }));
    if (!row) throw notFound('No such station');
    return presentStation(row);
  }

  private async checkParent(m: Manager, level: StationLevel, parentId: number | null, selfId?: number) {
    let parent: StationRow | null = null;
    if (parentId != null) {
      if (parentId === selfId) throw badRequest('A station cannot be its own parent', [{ path: 'parentId', message: 'is this station' }]);
      parent = await m.findOneBy(StationEntity, { id: parentId });
      if (!parent) throw badRequest('No such parent station', [{ path: 'parentId', message: 'no station has this id' }]);
    }
    const problem = parentRuleViolation(level, parent);
    if (problem) throw badRequest(problem, [{ path: 'parentId', message: problem }]);
  }

  async create(input: CreateStationInput, actor: AuthUser, requestId?: string): Promise<Station> {
    try {
      return await this.ctx.db.tx(async (m) => {
        await this.checkParent(m, input.level, input.parentId);
        await assertManages(m, actor, [input.parentId ?? null], 'open a station there: it would be outside the part of the network you coordinate');
        const now = this.ctx.clock.now();
        const row = await m.save(StationEntity, { ...input, createdAt: now, updatedAt: now });
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'station.create',
          entity: 'station',
          entityId: row.id,
          details: { code: row.code, name: row.name },
          requestId,
        });
        return presentStation(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`The station code "${input.code}" is taken`);
      throw err;
    }
  }

  async update(id: number, input: UpdateStationInput, actor: AuthUser, requestId?: string): Promise<Station> {
    try {
      return await this.ctx.db.tx(async (m) => {
        const row = await m.findOneBy(StationEntity, { id });
        if (!row) throw notFound('No such station');
        await assertManages(m, actor, [id], 'change this station');
        const next = { ...row, ...input, updatedAt: this.ctx.clock.now() };
        if (input.level !== undefined || input.parentId !== undefined) {
          await this.checkParent(m, next.level, next.parentId, id);
          if (next.parentId !== row.parentId) await assertManages(m, actor, [next.parentId ?? null], 'move this station there');
          if (input.level !== undefined && input.level !== row.level) {
            const children = await m.findBy(StationEntity, { parentId: id });
            for (const c of children) {
              const p = parentRuleViolation(c.level, { id, level: next.level });
              if (p) throw conflict(`Station ${c.code} would break the chain: ${p}`);
            }
          }
        }
        await m.save(StationEntity, next);
        const changed = Object.keys(input);
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'station.update',
          entity: 'station',
          entityId: id,
          details: { changed, before: pick(row, changed), after: pick(next, changed) },
          requestId,
        });
        return presentStation(next);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`The station code "${input.code}" is taken`);
      throw err;
    }
  }
}

function pick(o: object, keys: string[]): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const k of keys) r[k] = (o as Record<string, unknown>)[k];
  return r;
}
