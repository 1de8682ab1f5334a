import { In } from 'typeorm';
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { badRequest, notFound } from '../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { assertCanManageAvailability, seesLawyerPhones, type AuthUser } from '../auth/policy.js';
import { maskPhone } from '../lib/phone.js';
import { StationEntity } from '../stations/stations.entity.js';
import {
  LawyerEntity,
  LawyerStationEntity,
  UnavailabilityEntity,
  type LawyerRow,
  type UnavailabilityRow,
} from './lawyers.entity.js';
import type {
  CreateLawyerInput,
  CreateUnavailabilityInput,
  Lawyer,
  Unavailability,
  UpdateLawyerInput,
} from './lawyers.schema.js';

export function presentLawyer(l: LawyerRow, stationIds: number[], viewer: AuthUser | null): Lawyer {
  return {
    id: l.id,
    name: l.name,
    phone: seesLawyerPhones(viewer) ? l.phone : maskPhone(l.phone),
    firm: l.firm,
    specialties: l.specialties as Lawyer['specialties'],
    stationIds: [...stationIds].sort((a, b) => a - b),
    maxShiftsPerMonth: l.maxShiftsPerMonth,
    active: l.active,
  };
}

export function presentUnavailability(u: UnavailabilityRow): Unavailability {
  return { id: u.id, lawyerId: u.lawyerId, from: u.fromDate, to: u.toDate, reason: u.reason };
}

export class LawyersService {
  constructor(private readonly ctx: AppContext) {}

  private async stationIdsOf(m: Manager, lawyerIds: number[]): Promise<Map<number, number[]>> {
    const map = new Map<number, number[]>();
    if (lawyerIds.length === 0) return map;
    const links = await m.findBy(LawyerStationEntity, { lawyerId: In(lawyerIds) });
    for (const l of links) map.set(l.lawyerId, [...(map.get(l.lawyerId) ?? []), l.stationId]);
    return map;
  }

  async list(viewer: AuthUser, filter: { stationId?: number; includeInactive?: boolean }): Promise<Lawyer[]> {
    return this.ctx.db.read(async (m) => {
      const q = m.createQueryBuilder(LawyerEntity, 'l').orderBy('l.id', 'ASC');
      if (!filter.includeInactive) q.andWhere('l.active = 1');
      if (filter.stationId) {
        q.innerJoin('lawyer_stations', 'ls', 'ls.lawyer_id = l.id AND ls.station_id = :sid', { sid: filter.stationId });
      }
      const rows = await q.getMany();
      const stations = await this.stationIdsOf(m, rows.map((r) => r.id));
      return rows.map((r) => presentLawyer(r, stations.get(r.id) ?? [], viewer));
    });
  }

  async get(id: number, viewer: AuthUser): Promise<Lawyer> {
    return this.ctx.db.read(async (m) => {
      const row = await m.findOneBy(LawyerEntity, { id });
      if (!row) throw notFound('No such lawyer');
      const stations = await this.stationIdsOf(m, [id]);
      return presentLawyer(row, stations.get(id) ?? [], viewer);
    });
  }

  private async setStations(m: Manager, lawyerId: number, stationIds: number[]) {
    const unique = [...new Set(stationIds)];
    if (unique.length) {
      const found = await m.countBy(StationEntity, { id: In(unique) });
      if (found !== unique.length) {
        throw badRequest('Unknown station in stationIds', [{ path: 'stationIds', message: 'every id must name a station' }]);
      }
    }
    await m.delete(LawyerStationEntity, { lawyerId });
    if (unique.length) await m.insert(LawyerStationEntity, unique.map((stationId) => ({ lawyerId, stationId })));
  }

  async create(input: CreateLawyerInput, actor: AuthUser, requestId?: string): Promise<Lawyer> {
    return this.ctx.db.tx(async (m) => {
      const now = this.ctx.clock.now();
      const { stationIds, ...fields } = input;
      const row = await m.save(LawyerEntity, { ...fields, createdAt: now, updatedAt: now });
      await this.setStations(m, row.id, stationIds);
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'lawyer.create',
        entity: 'lawyer',
        entityId: row.id,
        details: { name: row.name, firm: row.firm, stationIds },
        requestId,
      });
      return presentLawyer(row, stationIds, actor);
    });
  }

  async update(id: number, input: UpdateLawyerInput, actor: AuthUser, requestId?: string): Promise<Lawyer> {
    return this.ctx.db.tx(async (m) => {
      const row = await m.findOneBy(LawyerEntity, { id });
      if (!row) throw notFound('No such lawyer');
      const { stationIds, ...fields } = input;
      const next = { ...row, ...fields, updatedAt: this.ctx.clock.now() };
      await m.save(LawyerEntity, next);
      if (stationIds) await this.setStations(m, id, stationIds);
      const current = stationIds ?? (await this.stationIdsOf(m, [id])).get(id) ?? [];
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'lawyer.update',
        entity: 'lawyer',
        entityId: id,
        details: { changed: Object.keys(input) },
        requestId,
      });
      return presentLawyer(next, current, actor);
    });
  }

  async listUnavailability(lawyerId: number, viewer: AuthUser): Promise<Unavailability[]> {
    return this.ctx.db.read(async (m) => {
      if (!(await m.existsBy(LawyerEntity, { id: lawyerId }))) throw notFound('No such lawyer');
      // Why a lawyer is away (leave, a court date, illness) is for them and the coordinators; staff and colleagues see that they are away.
      const own = viewer.role === 'coordinator' || viewer.role === 'admin' || (viewer.role === 'lawyer' && viewer.lawyerId === lawyerId);
      const rows = await m.find(UnavailabilityEntity, { where: { lawyerId }, order: { fromDate: 'ASC' } });
      return rows.map((r) => ({ ...presentUnavailability(r), reason: own ? r.reason : '' }));
    });
  }

  async addUnavailability(
    lawyerId: number,
    input: CreateUnavailabilityInput,
    actor: AuthUser,
    requestId?: string,
  ): Promise<Unavailability> {
    assertCanManageAvailability(actor, lawyerId);
    return this.ctx.db.tx(async (m) => {
      if (!(await m.existsBy(LawyerEntity, { id: lawyerId }))) throw notFound('No such lawyer');
      const row = await m.save(UnavailabilityEntity, {
        lawyerId,
        fromDate: input.from,
        toDate: input.to,
        reason: input.reason,
        createdBy: actor.id,
        createdAt: this.ctx.clock.now(),
      });
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'unavailability.create',
        entity: 'lawyer',
        entityId: lawyerId,
        details: { from: input.from, to: input.to },
        requestId,
      });
      return presentUnavailability(row);
    });
  }

  async removeUnavailability(lawyerId: number, uid: number, actor: AuthUser, requestId?: string): Promise<void> {
    assertCanManageAvailability(actor, lawyerId);
    await this.ctx.db.tx(async (m) => {
      const row = await m.findOneBy(UnavailabilityEntity, { id: uid, lawyerId });
      if (!row) throw notFound('No such absence');
      await m.delete(UnavailabilityEntity, { id: uid });
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'unavailability.delete',
        entity: 'lawyer',
        entityId: lawyerId,
        details: { from: row.fromDate, to: row.toDate },
        requestId,
      });
    });
  }
}
