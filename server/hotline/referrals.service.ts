/**
 * Referrals of disputes up the chain (referralChain.ts decides where a dispute may
 * go). The receiving station accepts and closes; closing as referred_on creates the
 * next step as a child referral, so a dispute's whole path can be followed from the
 * first call to the last outcome. Every step is audited.
 */
import { In } from 'typeorm';
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { AppointmentEntity } from '../bookings/appointments.entity.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { formatInstant, zonedParts } from '../lib/dates.js';
import { maskName, maskPersonInText, maskPhone } from '../lib/mask.js';
import { logPersonalDataView } from '../privacy/accessLog.js';
import { HotlineCallEntity, ReferralEntity, type ReferralRow, type ReferralStage } from './hotline.entity.js';
import { assertMayActFor, mayActFor, stationWithAncestors } from '../stations/scope.js';
import { callerDetailsAt, lawyerStationIds, stationNames } from './hotline.repository.js';
import { referralViolation } from './referralChain.js';
import type { Page } from './hotline.service.js';
import type {
  CloseReferralInput,
  CreateReferralInput,
  Referral,
  ReferralListQuery,
  ReferralPath,
} from './referrals.schema.js';

/** Longest chain followed (a real one has at most six steps). */
const MAX_PATH = 50;

type NewReferral = Omit<ReferralRow, 'id'>;

export class ReferralsService {
  constructor(private readonly ctx: AppContext) {}

  private get tz(): string {
    return this.ctx.config.timeZone;
  }

  private async present(m: Manager, rows: ReferralRow[], viewer: AuthUser): Promise<Referral[]> {
    const names = await stationNames(m, rows.flatMap((r) => [r.fromStationId, r.toStationId]));
    const children = rows.length
      ? await m.find(ReferralEntity, { select: { id: true, parentId: true }, where: { parentId: In(rows.map((r) => r.id)) } })
      : [];
    const childOf = new Map(children.map((c) => [c.parentId!, c.id]));
    const fullAt = await callerDetailsAt(m, viewer, rows.flatMap((r) => [r.fromStationId, r.toStationId]));
    const iso = (d: Date | null) => (d ? formatInstant(d, this.tz) : null);
    return rows.map((r) => {
      // The stations on both ends of a referral need the worker's details: the sender referred them, the receiver takes them on.
      const full = fullAt(r.fromStationId) || fullAt(r.toStationId);
      return {
      id: r.id,
      parentId: r.parentId,
      childId: childOf.get(r.id) ?? null,
      fromStationId: r.fromStationId,
      fromStationName: names.get(r.fromStationId) ?? '',
      toStationId: r.toStationId,
      toStationName: names.get(r.toStationId) ?? '',
      stage: r.stage,
      hotlineCallId: r.hotlineCallId,
      appointmentId: r.appointmentId,
      workerName: r.workerName === null ? null : full ? r.workerName : maskName(r.workerName),
      workerPhone: r.workerPhone === null ? null : full ? r.workerPhone : maskPhone(r.workerPhone),
      masked: !full,
      category: r.category as Referral['category'],
      summary: full ? r.summary : maskPersonInText(r.summary, r.workerName),
      status: r.status,
      result: r.result,
      amountSettled: r.amountSettled,
      closeNote: r.closeNote === null || full ? r.closeNote : maskPersonInText(r.closeNote, r.workerName),
      referredDate: r.referredDate,
      closedDate: r.closedDate,
      createdAt: formatInstant(r.createdAt, this.tz),
      acceptedAt: iso(r.acceptedAt),
      closedAt: iso(r.closedAt),
      version: r.version,
      };
    });
  }

  private async presentOne(m: Manager, row: ReferralRow, viewer: AuthUser): Promise<Referral> {
    return (await this.present(m, [row], viewer))[0]!;
  }

  private async referralOf(m: Manager, id: number): Promise<ReferralRow> {
    const row = await m.findOneBy(ReferralEntity, { id });
    if (!row) throw notFound('No such referral');
    return row;
  }

  /** 400 when the chain forbids the step (see referralChain.ts). */
  private async checkChain(
    m: Manager,
    fromStationId: number,
    toStationId: number,
    stage: ReferralStage,
    parent: ReferralRow | null,
  ) {
    const from = await stationWithAncestors(m, fromStationId);
    if (!from) throw badRequest('No such station', [{ path: 'fromStationId', message: 'no station has this id' }]);
    const to = await stationWithAncestors(m, toStationId);
    if (!to) throw badRequest('No such station', [{ path: parent ? 'referTo.toStationId' : 'toStationId', message: 'no station has this id' }]);
    const violation = referralViolation({
      from: from.station,
      to: to.station,
      ancestorIdsOfFrom: from.scope.ancestorIds,
      stage,
      parent: parent ? { stage: parent.stage, toStationId: parent.toStationId } : null,
    });
    if (violation) {
      const path = parent && violation.path !== 'fromStationId' ? `referTo.${violation.path}` : violation.path;
      throw badRequest(violation.message, [{ path, message: violation.message }]);
    }
    return { from, to };
  }

  private async insert(m: Manager, row: NewReferral): Promise<ReferralRow> {
    try {
      return await m.save(ReferralEntity, row as ReferralRow);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('This referral has already been referred on');
      throw err;
    }
  }

  private newRow(fields: Pick<NewReferral, 'parentId' | 'fromStationId' | 'toStationId' | 'stage' | 'hotlineCallId' | 'appointmentId' | 'workerName' | 'workerPhone' | 'category' | 'summary'>, actor: AuthUser): NewReferral {
    const now = this.ctx.clock.now();
    return {
      ...fields,
      status: 'pending',
      result: null,
      amountSettled: null,
      closeNote: null,
      referredDate: zonedParts(now, this.tz).date,
      closedDate: null,
      createdBy: actor.id,
      acceptedAt: null,
      acceptedBy: null,
      closedAt: null,
      closedBy: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  async create(input: CreateReferralInput, actor: AuthUser, requestId?: string): Promise<Referral> {
    return this.ctx.db.tx(async (m) => {
      const { from } = await this.checkChain(m, input.fromStationId, input.toStationId, input.stage, null);
      assertMayActFor(actor, from.scope, await lawyerStationIds(m, actor), 'refer disputes from it');
      let workerName = input.workerName;
      let workerPhone = input.workerPhone;
      if (input.hotlineCallId !== undefined) {
        const call = await m.findOneBy(HotlineCallEntity, { id: input.hotlineCallId });
        if (!call) throw badRequest('No such call', [{ path: 'hotlineCallId', message: 'no call has this id' }]);
        workerName = workerName === undefined ? call.callerName : workerName;
        workerPhone = workerPhone === undefined ? call.callerPhone : workerPhone;
      }
      if (input.appointmentId !== undefined) {
        const a = await m.findOneBy(AppointmentEntity, { id: input.appointmentId });
        if (!a) throw badRequest('No such appointment', [{ path: 'appointmentId', message: 'no appointment has this id' }]);
        workerName = workerName === undefined ? a.name : workerName;
        workerPhone = workerPhone === undefined ? a.phone : workerPhone;
      }
      const row = await this.insert(
        m,
        this.newRow(
          {
            parentId: null,
            fromStationId: input.fromStationId,
            toStationId: input.toStationId,
            stage: input.stage,
            hotlineCallId: input.hotlineCallId ?? null,
            appointmentId: input.appointmentId ?? null,
            workerName: workerName ?? null,
            workerPhone: workerPhone ?? null,
            category: input.category,
            summary: input.summary,
          },
          actor,
        ),
      );
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'referral.create',
        entity: 'referral',
        entityId: row.id,
        details: { from: row.fromStationId, to: row.toStationId, stage: row.stage, hotlineCallId: row.hotlineCallId, appointmentId: row.appointmentId },
        requestId,
      });
      return this.presentOne(m, row, actor);
    });
  }

  async list(query: ReferralListQuery, viewer: AuthUser, requestId?: string): Promise<Page<Referral>> {
    const page = await this.listPage(query, viewer);
    await this.logView(viewer, page.items, 'referrals.list', requestId);
    return page;
  }

  /** The access log: referrals whose worker was shown in full to this viewer. */
  private async logView(viewer: AuthUser, items: Referral[], via: string, requestId?: string): Promise<void> {
    const ids = items.filter((r) => !r.masked && (r.workerName !== null || r.workerPhone !== null)).map((r) => r.id);
    await logPersonalDataView(this.ctx, { viewer, entity: 'referral', ids, via, requestId });
  }

  private async listPage(query: ReferralListQuery, viewer: AuthUser): Promise<Page<Referral>> {
    const stationId = query.stationId ?? (query.direction ? viewer.stationId : null);
    if (query.direction && !stationId) {
      throw badRequest('Say whose referrals: give stationId', [{ path: 'stationId', message: 'is required with direction (you have no station of your own)' }]);
    }
    return this.ctx.db.read(async (m) => {
      const q = m.createQueryBuilder(ReferralEntity, 'r');
      if (stationId) {
        if (query.direction === 'incoming') q.andWhere('r.to_station_id = :sid', { sid: stationId });
        else if (query.direction === 'outgoing') q.andWhere('r.from_station_id = :sid', { sid: stationId });
        else q.andWhere('(r.to_station_id = :sid OR r.from_station_id = :sid)', { sid: stationId });
      }
      if (query.status) q.andWhere('r.status = :status', { status: query.status });
      const [rows, total] = await q
        .orderBy('r.created_at', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize)
        .getManyAndCount();
      return { items: await this.present(m, rows, viewer), total, page: query.page, pageSize: query.pageSize };
    });
  }

  async get(id: number, viewer: AuthUser, requestId?: string): Promise<Referral> {
    const referral = await this.ctx.db.read(async (m) => this.presentOne(m, await this.referralOf(m, id), viewer));
    await this.logView(viewer, [referral], 'referrals.detail', requestId);
    return referral;
  }

  /** Write `changes` only if nobody changed the referral since it was read. */
  private async lock(m: Manager, r: ReferralRow, changes: Partial<ReferralRow>, now: Date): Promise<ReferralRow> {
    const res = await m
      .createQueryBuilder()
      .update(ReferralEntity)
      .set({ ...(changes as object), version: r.version + 1, updatedAt: now } as never)
      .where('id = :id AND version = :version', { id: r.id, version: r.version })
      .execute();
    if ((res.affected ?? 0) !== 1) throw conflict('This referral was changed meanwhile; reload it and try again');
    return { ...r, ...changes, version: r.version + 1, updatedAt: now };
  }

  private async assertActsFor(m: Manager, actor: AuthUser, stationIds: number[], what: string): Promise<void> {
    const lawyerStations = await lawyerStationIds(m, actor);
    for (const id of stationIds) {
      const s = await stationWithAncestors(m, id);
      if (s && mayActFor(actor, s.scope, lawyerStations)) return;
    }
    const s = await stationWithAncestors(m, stationIds[0]!);
    assertMayActFor(actor, s?.scope ?? { id: stationIds[0]!, ancestorIds: [] }, lawyerStations, what);
  }

  async accept(id: number, actor: AuthUser, requestId?: string): Promise<Referral> {
    return this.ctx.db.tx(async (m) => {
      const r = await this.referralOf(m, id);
      await this.assertActsFor(m, actor, [r.toStationId], 'accept its referrals');
      if (r.status !== 'pending') throw conflict(`This referral is already ${r.status}`);
      const now = this.ctx.clock.now();
      const saved = await this.lock(m, r, { status: 'accepted', acceptedAt: now, acceptedBy: actor.id }, now);
      await recordAudit(m, this.ctx.clock, { actor, action: 'referral.accept', entity: 'referral', entityId: id, details: { stage: r.stage, station: r.toStationId }, requestId });
      return this.presentOne(m, saved, actor);
    });
  }

  async close(id: number, input: CloseReferralInput, actor: AuthUser, requestId?: string): Promise<Referral> {
    return this.ctx.db.tx(async (m) => {
      const r = await this.referralOf(m, id);
      if (r.status === 'closed') throw conflict('This referral is already closed');
      if (input.result === 'withdrawn') {
        await this.assertActsFor(m, actor, [r.fromStationId, r.toStationId], 'withdraw its referrals');
      } else {
        await this.assertActsFor(m, actor, [r.toStationId], 'close its referrals');
        if (r.status !== 'accepted') throw conflict('Accept the referral before recording its result');
      }
      const now = this.ctx.clock.now();
      let child: ReferralRow | null = null;
      if (input.result === 'referred_on') {
        const next = input.referTo!;
        await this.checkChain(m, r.toStationId, next.toStationId, next.stage, r);
        child = await this.insert(
          m,
          this.newRow(
            {
              parentId: r.id,
              fromStationId: r.toStationId,
              toStationId: next.toStationId,
              stage: next.stage,
              hotlineCallId: r.hotlineCallId,
              appointmentId: r.appointmentId,
              workerName: r.workerName,
              workerPhone: r.workerPhone,
              category: r.category,
              summary: next.summary ?? r.summary,
            },
            actor,
          ),
        );
      }
      const saved = await this.lock(
        m,
        r,
        {
          status: 'closed',
          result: input.result,
          amountSettled: input.amountSettled === undefined ? null : Math.round(input.amountSettled * 100) / 100,
          closeNote: input.note,
          closedAt: now,
          closedDate: zonedParts(now, this.tz).date,
          closedBy: actor.id,
        },
        now,
      );
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'referral.close',
        entity: 'referral',
        entityId: id,
        details: { stage: r.stage, result: input.result, amountSettled: saved.amountSettled, childId: child?.id ?? null },
        requestId,
      });
      if (child) {
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'referral.create',
          entity: 'referral',
          entityId: child.id,
          details: { parentId: r.id, from: child.fromStationId, to: child.toStationId, stage: child.stage },
          requestId,
        });
      }
      return this.presentOne(m, saved, actor);
    });
  }

  /** Every step of the dispute this referral belongs to, from the first call or consultation to the last outcome. */
  async path(id: number): Promise<ReferralPath> {
    return this.ctx.db.read(async (m) => {
      let row = await this.referralOf(m, id);
      const chain: ReferralRow[] = [row];
      while (row.parentId !== null && chain.length < MAX_PATH) {
        const parent = await m.findOneBy(ReferralEntity, { id: row.parentId });
        if (!parent) break;
        chain.unshift(parent);
        row = parent;
      }
      row = chain[chain.length - 1]!;
      for (;;) {
        if (chain.length >= MAX_PATH) break;
        const child = await m.findOneBy(ReferralEntity, { parentId: row.id });
        if (!child) break;
        chain.push(child);
        row = child;
      }
      const root = chain[0]!;
      const call = root.hotlineCallId !== null ? await m.findOneBy(HotlineCallEntity, { id: root.hotlineCallId }) : null;
      const appt = root.appointmentId !== null ? await m.findOneBy(AppointmentEntity, { id: root.appointmentId }) : null;
      const names = await stationNames(m, [
        ...chain.flatMap((r) => [r.fromStationId, r.toStationId]),
        ...(call ? [call.stationId] : []),
        ...(appt ? [appt.stationId] : []),
      ]);
      const name = (sid: number) => names.get(sid) ?? '';
      const at = (d: Date) => formatInstant(d, this.tz);
      const blank = { referralId: null, toStationId: null, toStationName: null, stage: null, detail: null, amountSettled: null, note: null };
      const steps: ReferralPath['steps'] = [];
      if (call) steps.push({ ...blank, kind: 'hotline_call', at: at(call.receivedAt), stationId: call.stationId, stationName: name(call.stationId), detail: call.outcome });
      if (appt) steps.push({ ...blank, kind: 'consultation', at: at(appt.startAt), stationId: appt.stationId, stationName: name(appt.stationId), detail: appt.status });
      for (const r of chain) {
        const base = { ...blank, referralId: r.id, stage: r.stage };
        steps.push({ ...base, kind: 'referred', at: at(r.createdAt), stationId: r.fromStationId, stationName: name(r.fromStationId), toStationId: r.toStationId, toStationName: name(r.toStationId) });
        if (r.acceptedAt) steps.push({ ...base, kind: 'accepted', at: at(r.acceptedAt), stationId: r.toStationId, stationName: name(r.toStationId) });
        if (r.closedAt) {
          steps.push({
            ...base,
            kind: 'closed',
            at: at(r.closedAt),
            stationId: r.toStationId,
            stationName: name(r.toStationId),
            detail: r.result,
            amountSettled: r.amountSettled,
            note: r.closeNote,
          });
        }
      }
      const last = chain[chain.length - 1]!;
      return {
        referralIds: chain.map((r) => r.id),
        steps,
        current: { referralId: last.id, stage: last.stage, status: last.status, result: last.result, amountSettled: last.amountSettled },
      };
    });
  }
}
