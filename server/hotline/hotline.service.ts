/**
 * The hotline call log: logging and editing calls, the call-back queue, and
 * booking a consultation for a caller in one step. Callers' numbers are shown in
 * full only to coordinators and to staff who work for the call's station
 * (hotline.policy.ts), and never written to logs or the audit trail.
 */
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { AppointmentEntity } from '../bookings/appointments.entity.js';
import { placeBooking } from '../bookings/placement.js';
import { sqlOf } from '../db/sql.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { formatInstant, zonedParts } from '../lib/dates.js';
import { maskName, maskPhone, maskPhonesInText } from '../lib/mask.js';
import { normalizePhone } from '../lib/phone.js';
import { logPersonalDataView } from '../privacy/accessLog.js';
import { FollowUpEntity, HotlineCallEntity, type HotlineCallRow } from './hotline.entity.js';
import { assertMayActFor, stationWithAncestors } from '../stations/scope.js';
import { presentCall, presentFollowUp, type PresentEnv } from './hotline.present.js';
import {
  callerDetailsAt,
  callsForExport,
  countCalls,
  findCalls,
  findOpenFollowUps,
  lawyerStationIds,
  stationNames,
} from './hotline.repository.js';
import type {
  BookedFromCall,
  BookFromCallInput,
  CallFilter,
  CallListQuery,
  CreateCallInput,
  FollowUpInput,
  FollowUpQuery,
  HotlineCall,
  HotlineCallDetail,
  UpdateCallInput,
} from './hotline.schema.js';
import { CONSENT_REFUSED } from './hotline.schema.js';

/** Most rows one export may hold; narrow the filters for more. */
export const EXPORT_ROW_LIMIT = 10_000;
/** A call may be logged with a receivedAt this far ahead of the server clock (clock skew), no further. */
const FUTURE_SLACK_MS = 5 * 60_000;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const wholeSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

export class HotlineService {
  constructor(private readonly ctx: AppContext) {}

  private get tz(): string {
    return this.ctx.config.timeZone;
  }

  today(): string {
    return zonedParts(this.ctx.clock.now(), this.tz).date;
  }

  private async present(m: Manager, rows: HotlineCallRow[], viewer: AuthUser): Promise<HotlineCall[]> {
    const ids = rows.map((r) => r.stationId);
    const names = await stationNames(m, ids);
    const fullAt = await callerDetailsAt(m, viewer, ids);
    const env: Omit<PresentEnv, 'full'> = { timeZone: this.tz, today: this.today() };
    return rows.map((r) => presentCall(r, names.get(r.stationId) ?? '', { ...env, full: fullAt(r.stationId) }));
  }

  private async presentOne(m: Manager, row: HotlineCallRow, viewer: AuthUser): Promise<HotlineCall> {
    return (await this.present(m, [row], viewer))[0]!;
  }

  /** 400 for an unknown station, 403 when the actor does not work there. */
  private async assertStation(m: Manager, stationId: number, actor: AuthUser, what: string): Promise<void> {
    const found = await stationWithAncestors(m, stationId);
    if (!found) throw badRequest('No such station', [{ path: 'stationId', message: 'no station has this id' }]);
    assertMayActFor(actor, found.scope, await lawyerStationIds(m, actor), what);
  }

  private async callOf(m: Manager, id: number): Promise<HotlineCallRow> {
    const row = await m.findOneBy(HotlineCallEntity, { id });
    if (!row) throw notFound('No such call');
    return row;
  }

  /** Write `changes` only if nobody changed the call since it was read. */
  private async lockCall(m: Manager, call: HotlineCallRow, changes: Partial<HotlineCallRow>, now: Date): Promise<HotlineCallRow> {
    const res = await m
      .createQueryBuilder()
      .update(HotlineCallEntity)
      .set({ ...(changes as object), version: call.version + 1, updatedAt: now } as never)
      .where('id = :id AND version = :version', { id: call.id, version: call.version })
      .execute();
    if ((res.affected ?? 0) !== 1) throw conflict('This call was changed meanwhile; reload it and try again');
    return { ...call, ...changes, version: call.version + 1, updatedAt: now };
  }

  private receivedAtOf(iso: string | undefined, now: Date): Date {
    const at = wholeSecond(iso ? new Date(iso) : now);
    if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
      throw badRequest('A call cannot be received in the future', [{ path: 'receivedAt', message: 'is in the future' }]);
    }
    return at;
  }

  // ---- the log -----------------------------------------------------------

  async create(input: CreateCallInput, actor: AuthUser, requestId?: string): Promise<HotlineCall> {
    return this.ctx.db.tx(async (m) => {
      await this.assertStation(m, input.stationId, actor, 'log calls for it');
      const now = this.ctx.clock.now();
      const receivedAt = this.receivedAtOf(input.receivedAt, now);
      const receivedDate = zonedParts(receivedAt, this.tz).date;
      if (input.followUpDate && input.followUpDate < receivedDate) {
        throw badRequest('The call-back cannot be due before the call', [{ path: 'followUpDate', message: 'is before the call' }]);
      }
      const row = await m.save(HotlineCallEntity, {
        stationId: input.stationId,
        receivedAt,
        receivedDate,
        callerName: input.callerName ?? null,
        callerPhone: input.callerPhone ?? null,
        callerConsent: input.callerConsent ?? false,
        category: input.category,
        summary: input.summary,
        durationSeconds: input.durationSeconds,
        outcome: input.outcome,
        followUpDate: input.followUpDate ?? null,
        followUpDoneAt: null,
        appointmentId: null,
        createdBy: actor.id,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'hotline_call.create',
        entity: 'hotline_call',
        entityId: row.id,
        details: { stationId: row.stationId, category: row.category, outcome: row.outcome, followUpDate: row.followUpDate, callerConsent: row.callerConsent },
        requestId,
      });
      return this.presentOne(m, row, actor);
    });
  }

  async list(query: CallListQuery, viewer: AuthUser, requestId?: string): Promise<Page<HotlineCall>> {
    const page = await this.ctx.db.read(async (m) => {
      const [rows, total] = await findCalls(m, query, query);
      return { items: await this.present(m, rows, viewer), total, page: query.page, pageSize: query.pageSize };
    });
    await this.logView(viewer, page.items, 'hotline_calls.list', requestId);
    return page;
  }

  async get(id: number, viewer: AuthUser, requestId?: string): Promise<HotlineCallDetail> {
    const detail = await this.ctx.db.read(async (m) => {
      const row = await this.callOf(m, id);
      const followUps = await m.find(FollowUpEntity, { where: { callId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
      const call = await this.presentOne(m, row, viewer);
      const masked = call.masked ? row : undefined;
      return { ...call, followUps: followUps.map((f) => presentFollowUp(f, this.tz, masked)) };
    });
    await this.logView(viewer, [detail], 'hotline_calls.detail', requestId);
    return detail;
  }

  /** The access log: calls whose caller was shown in full to this viewer. */
  private async logView(viewer: AuthUser, calls: HotlineCall[], via: string, requestId?: string): Promise<void> {
    const ids = calls.filter((c) => !c.masked && (c.callerName !== null || c.callerPhone !== null)).map((c) => c.id);
    await logPersonalDataView(this.ctx, { viewer, entity: 'hotline_call', ids, via, requestId });
  }

  async update(id: number, input: UpdateCallInput, actor: AuthUser, requestId?: string): Promise<HotlineCall> {
    return this.ctx.db.tx(async (m) => {
      const call = await this.callOf(m, id);
      // Who may edit it comes first: a stale version's 409 says "reload and try again", which would never work for them.
      await this.assertStation(m, call.stationId, actor, 'edit its calls');
      if (input.version !== undefined && input.version !== call.version) {
        throw conflict('This call was changed meanwhile; reload it and try again');
      }
      if (input.stationId !== undefined && input.stationId !== call.stationId) {
        await this.assertStation(m, input.stationId, actor, 'move calls to it');
      }
      const now = this.ctx.clock.now();
      const { version: _v, ...fields } = input;
      const changes: Partial<HotlineCallRow> = { ...fields } as Partial<HotlineCallRow>;
      assertConsentCovers({ ...call, ...changes }, input);
      if (input.receivedAt !== undefined) {
        changes.receivedAt = this.receivedAtOf(input.receivedAt, now);
        changes.receivedDate = zonedParts(changes.receivedAt, this.tz).date;
      }
      const next = { ...call, ...changes };
      if (call.appointmentId !== null && next.outcome !== 'appointment_booked') {
        throw conflict('This call has a booking linked; its outcome stays appointment_booked');
      }
      // A call-back is owed exactly when the outcome says so; leaving callback_needed drops it.
      if (next.outcome !== 'callback_needed' && input.followUpDate === undefined && call.outcome === 'callback_needed' && !call.followUpDoneAt) {
        next.followUpDate = null;
        changes.followUpDate = null;
      }
      const becomesCallback = next.outcome === 'callback_needed' && call.outcome !== 'callback_needed';
      if ((next.outcome === 'callback_needed' && !next.followUpDate) || (becomesCallback && !input.followUpDate)) {
        throw badRequest('A call-back needs a followUpDate', [{ path: 'followUpDate', message: 'is required for callback_needed' }]);
      }
      if (next.outcome !== 'callback_needed' && input.followUpDate) {
        throw badRequest('Only a call-back has a followUpDate', [{ path: 'followUpDate', message: 'is only for callback_needed' }]);
      }
      if (next.followUpDate && input.followUpDate !== undefined && next.followUpDate < next.receivedDate) {
        throw badRequest('The call-back cannot be due before the call', [{ path: 'followUpDate', message: 'is before the call' }]);
      }
      // A new call-back date reopens a call-back that was closed.
      if (input.followUpDate && (input.followUpDate !== call.followUpDate || becomesCallback)) changes.followUpDoneAt = null;
      const saved = await this.lockCall(m, call, changes, now);
      const changed = Object.keys(fields);
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'hotline_call.update',
        entity: 'hotline_call',
        entityId: id,
        details: { changed, before: auditable(call, changed), after: auditable(saved, changed) },
        requestId,
      });
      return this.presentOne(m, saved, actor);
    });
  }

  /** The rows of an export, masked for viewers not entitled to callers' details. */
  async exportCalls(filter: CallFilter, viewer: AuthUser, limit = EXPORT_ROW_LIMIT, requestId?: string): Promise<HotlineCall[]> {
    const calls = await this.ctx.db.read(async (m) => {
      const total = await countCalls(m, filter);
      if (total > limit) {
        throw badRequest(`${total} calls match; an export holds at most ${limit}. Narrow the dates or filters.`, [
          { path: 'from', message: `at most ${limit} rows per export` },
        ]);
      }
      return this.present(m, await callsForExport(m, filter, limit), viewer);
    });
    await this.logView(viewer, calls, 'hotline_calls.export', requestId);
    return calls;
  }

  // ---- call → booking ----------------------------------------------------

  /**
   * Book a consultation for the caller (name, number and category from the call),
   * link it to the call and mark the call appointment_booked, in one transaction:
   * the booking, its seat, its SMS and the link commit together or not at all.
   */
  async bookFromCall(id: number, input: BookFromCallInput, actor: AuthUser, requestId?: string): Promise<BookedFromCall> {
    return this.ctx.db.tx(async (m) => {
      const call = await this.callOf(m, id);
      await this.assertStation(m, call.stationId, actor, 'book for its callers');
      if (call.appointmentId !== null) {
        const linked = await m.findOneBy(AppointmentEntity, { id: call.appointmentId });
        if (linked && (linked.status === 'booked' || linked.status === 'checked_in')) {
          throw conflict(`This call already has a booking (${linked.code}); cancel or complete it first`);
        }
      }
      const name = input.name ?? call.callerName;
      if (!name) throw badRequest('The call has no caller name; give one', [{ path: 'name', message: 'is required (the call has none)' }]);
      const phone = input.phone ?? (call.callerPhone ? normalizePhone(call.callerPhone) : null);
      if (!phone) {
        throw badRequest('A booking needs the caller’s mobile number', [{ path: 'phone', message: 'is required (the call has no mobile number)' }]);
      }
      const placed = await placeBooking(
        sqlOf(m),
        this.ctx,
        { stationId: input.stationId ?? call.stationId, start: input.start, name, phone, category: call.category as never, note: input.note, consent: true },
        'online',
        // The caller's language is not the staff member's (whose UI may be English): Chinese.
        'zh',
      );
      const a = placed.appointment;
      await m.update(AppointmentEntity, { id: a.id }, { createdBy: actor.id });
      const now = this.ctx.clock.now();
      const changes: Partial<HotlineCallRow> = { appointmentId: a.id, outcome: 'appointment_booked' };
      // The booking holds the worker's details under its own consent; the call only where the caller agreed.
      if (call.callerConsent && call.callerName === null) changes.callerName = name;
      if (call.callerConsent && call.callerPhone === null) changes.callerPhone = phone;
      if (call.outcome === 'callback_needed' && !call.followUpDoneAt) changes.followUpDoneAt = now;
      const saved = await this.lockCall(m, call, changes, now);
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'hotline_call.book',
        entity: 'hotline_call',
        entityId: id,
        details: { appointmentId: a.id, stationId: a.stationId, start: formatInstant(a.startAt, this.tz), previousOutcome: call.outcome },
        requestId,
      });
      return {
        call: await this.presentOne(m, saved, actor),
        appointment: {
          id: a.id,
          code: a.code,
          stationId: a.stationId,
          start: formatInstant(a.startAt, this.tz),
          end: formatInstant(a.endAt, this.tz),
          status: a.status,
          lawyerName: placed.lawyerName || null,
        },
      };
    });
  }

  // ---- call-backs --------------------------------------------------------

  async followUps(query: FollowUpQuery, viewer: AuthUser, requestId?: string): Promise<Page<HotlineCall>> {
    const page = await this.ctx.db.read(async (m) => {
      const [rows, total] = await findOpenFollowUps(m, { stationId: query.stationId, due: query.due, today: this.today() }, query);
      return { items: await this.present(m, rows, viewer), total, page: query.page, pageSize: query.pageSize };
    });
    await this.logView(viewer, page.items, 'follow_ups.list', requestId);
    return page;
  }

  /** Record a call-back attempt: `done` closes it, otherwise it moves to `nextDate`. */
  async recordFollowUp(id: number, input: FollowUpInput, actor: AuthUser, requestId?: string): Promise<HotlineCallDetail> {
    await this.ctx.db.tx(async (m) => {
      const call = await this.callOf(m, id);
      await this.assertStation(m, call.stationId, actor, 'call back its callers');
      if (call.outcome !== 'callback_needed' || !call.followUpDate) throw conflict('This call owes no call-back');
      if (call.followUpDoneAt) throw conflict('This call-back is already closed');
      const today = this.today();
      if (input.nextDate && input.nextDate < today) {
        throw badRequest('The next attempt cannot be in the past', [{ path: 'nextDate', message: 'is before today' }]);
      }
      const now = this.ctx.clock.now();
      await m.insert(FollowUpEntity, {
        callId: id,
        note: input.note,
        done: input.done,
        nextDate: input.nextDate ?? null,
        createdBy: actor.id,
        createdAt: now,
      });
      await this.lockCall(m, call, input.done ? { followUpDoneAt: now } : { followUpDate: input.nextDate! }, now);
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: input.done ? 'hotline_call.follow_up_done' : 'hotline_call.follow_up_attempt',
        entity: 'hotline_call',
        entityId: id,
        details: { done: input.done, dueDate: call.followUpDate, nextDate: input.nextDate ?? null },
        requestId,
      });
    });
    return this.get(id, actor);
  }
}

/**
 * A call keeps the caller's name and number only with their consent: a change that sets
 * either without it, or withdraws consent while keeping them, is refused (400).
 */
function assertConsentCovers(next: Pick<HotlineCallRow, 'callerName' | 'callerPhone' | 'callerConsent'>, input: UpdateCallInput): void {
  if (next.callerConsent) return;
  const touched = input.callerName !== undefined || input.callerPhone !== undefined || input.callerConsent !== undefined;
  if (!touched) return; // calls logged before consent was recorded stay as they are until edited
  const details = (['callerName', 'callerPhone'] as const)
    .filter((k) => next[k] !== null)
    .map((k) => ({ path: k, message: input.callerConsent === false && input[k] === undefined ? 'must be cleared (null) when consent is withdrawn' : CONSENT_REFUSED }));
  if (details.length) throw badRequest('The caller did not consent to their name and number being recorded', details);
}

/** Audit values with callers' details masked: the audit trail is a log too. */
function auditable(row: HotlineCallRow, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (row as unknown as Record<string, unknown>)[k];
    if (k === 'callerPhone') out[k] = typeof v === 'string' ? maskPhone(v) : v;
    else if (k === 'callerName') out[k] = typeof v === 'string' ? maskName(v) : v;
    else if (k === 'summary') out[k] = typeof v === 'string' ? maskPhonesInText(v).slice(0, 200) : v;
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out;
}
