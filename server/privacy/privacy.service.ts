/**
 * A worker's rights over their data (PIPL): staff find every record that holds a
 * number, hand over a copy, and erase it on request; and the retention rule removes
 * personal data a set time after the last contact. Erasure and retention pseudonymise:
 * names, numbers and the worker's own words go, the person key and the facts the
 * statistics count stay, so every published figure stays exactly the same.
 */
import { In } from 'typeorm';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { conflict } from '../http/errors.js';
import { formatInstant, zonedParts } from '../lib/dates.js';
import { assertActsForWholeNetwork } from '../stations/scope.js';
import { StationEntity } from '../stations/stations.entity.js';
import { logPersonalDataView } from './accessLog.js';
import { personKeyFor, unlinkedPersonKey } from './personKey.js';
import {
  addCounts,
  expiredPersonKeys,
  expiredUnkeyedRecords,
  forgetMessagesTo,
  liveRecordsOf,
  mentionsOf,
  noCounts,
  pseudonymize,
  removeMentions,
  subjectRows,
  sweepOperationalData,
  type PseudonymizedCounts,
  type SubjectRows,
} from './privacy.repository.js';
import { monthsBefore, scrubText } from './pseudonymize.js';
import type { Erasure, EraseInput, SubjectRecords } from './privacy.schema.js';

/** People pseudonymised per transaction by the retention run (keeps each transaction short). */
const RETENTION_BATCH = 100;

export interface RetentionSummary extends PseudonymizedCounts {
  cutoff: string;
  people: number;
  unkeyedRecords: number;
}

/** The names the person's records give them (bookings, waitlist places, calls, referrals). */
function subjectNames(rows: SubjectRows): string[] {
  return [
    ...rows.appointments.map((a) => a.name),
    ...rows.waitlist.map((w) => w.name),
    ...rows.calls.map((c) => c.callerName ?? ''),
    ...rows.referrals.map((r) => r.workerName ?? ''),
  ];
}

export class PrivacyService {
  constructor(private readonly ctx: AppContext) {}

  private get tz(): string {
    return this.ctx.config.timeZone;
  }

  today(): string {
    return zonedParts(this.ctx.clock.now(), this.tz).date;
  }

  // ---- the worker's requests ----------------------------------------------

  /** Every record holding this number, in full; the look-up itself goes to the access log. */
  async findSubject(phone: string, viewer: AuthUser, requestId?: string, via = 'privacy.subjects'): Promise<SubjectRecords> {
    const { records, personKey } = await this.ctx.db.read(async (m) => {
      await assertActsForWholeNetwork(m, viewer, 'look up what is held about a person');
      const personKey = (await personKeyFor(m, phone))!;
      const rows = await subjectRows(m, personKey, phone);
      const mentions = await this.mentionsOutside(m, rows, phone);
      return { personKey, records: await this.present(m, phone, rows, mentions) };
    });
    await logPersonalDataView(this.ctx, {
      viewer,
      entity: 'person',
      ids: [],
      via,
      requestId,
      details: {
        subject: personKey,
        appointmentIds: records.appointments.map((a) => a.id),
        hotlineCallIds: records.hotlineCalls.map((c) => c.id),
        referralIds: records.referrals.map((r) => r.id),
        waitlistIds: records.waitlist.map((w) => w.id),
      },
    });
    return records;
  }

  /**
   * Erase (pseudonymise) everything held about this number, in one transaction. Refused
   * (409) while the person has an upcoming booking or a live waitlist place: cancel those first.
   * The audit log keeps the reason and the counts, and the person key — never the number.
   */
  async erase(input: EraseInput, actor: AuthUser, requestId?: string): Promise<Erasure> {
    return this.ctx.db.tx(async (m) => {
      await assertActsForWholeNetwork(m, actor, 'erase what is held about a person');
      const now = this.ctx.clock.now();
      const personKey = (await personKeyFor(m, input.phone))!;
      const live = await liveRecordsOf(m, personKey, now, this.today());
      if (live.appointments || live.waitlist) {
        throw conflict(
          `This person has ${live.appointments} upcoming booking(s) and ${live.waitlist} waitlist place(s); cancel them before erasing their data`,
        );
      }
      const rows = await subjectRows(m, personKey, input.phone);
      const mentions = await this.mentionsOutside(m, rows, input.phone);
      const done = await pseudonymize(m, { personKeys: [personKey] }, now, unlinkedPersonKey());
      // Messages to the number that no record of theirs points at any more (e.g. a booking already pseudonymised).
      const notifications = done.notifications + (await forgetMessagesTo(m, [input.phone]));
      const mentioned = await removeMentions(m, mentions, input.phone);
      const { phones: _phones, ...counts } = done;
      const result = { ...counts, notifications, mentions: mentioned };
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'personal_data.erase',
        entity: 'person',
        details: {
          subject: personKey,
          // Whoever writes the reason may name the person; the log keeps why, not who.
          reason: scrubText(input.reason, { phones: [input.phone], names: subjectNames(rows) }),
          counts: result,
        },
        requestId,
      });
      return { erasedAt: formatInstant(now, this.tz), counts: result };
    });
  }

  private async mentionsOutside(m: Manager, rows: SubjectRows, phone: string) {
    const own = new Set([
      ...rows.appointments.map((a) => `appointment:${a.id}`),
      ...rows.calls.map((c) => `hotline_call:${c.id}`),
      ...rows.followUps.map((f) => `hotline_follow_up:${f.id}`),
      ...rows.referrals.map((r) => `referral:${r.id}`),
    ]);
    return (await mentionsOf(m, phone)).filter((x) => !own.has(`${x.entity}:${x.id}`));
  }

  private async present(m: Manager, phone: string, rows: SubjectRows, mentions: { entity: string; id: number; field: string }[]): Promise<SubjectRecords> {
    const ids = [...rows.appointments, ...rows.waitlist, ...rows.calls].map((r) => r.stationId);
    const stations = ids.length ? await m.find(StationEntity, { select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } }) : [];
    const stationName = (id: number) => stations.find((s) => s.id === id)?.name ?? '';
    const at = (d: Date) => formatInstant(d, this.tz);
    const maybe = (d: Date | null | undefined) => (d ? at(d) : null);
    const followUpsOf = (callId: number) =>
      rows.followUps.filter((f) => f.callId === callId).map((f) => ({ id: f.id, note: f.note, done: f.done, createdAt: at(f.createdAt) }));
    return {
      phone,
      generatedAt: at(this.ctx.clock.now()),
      appointments: rows.appointments.map((a) => ({
        id: a.id,
        code: a.code,
        stationId: a.stationId,
        stationName: stationName(a.stationId),
        start: at(a.startAt),
        status: a.status,
        source: a.source,
        category: a.category,
        name: a.name,
        phone: a.phone,
        note: a.note,
        consentAt: maybe(a.consentAt),
        outcomeServices: a.outcomeServices,
        amountInvolved: a.amountInvolved,
        outcomeNote: a.outcomeNote,
        createdAt: at(a.createdAt),
        pseudonymizedAt: maybe(a.pseudonymizedAt),
      })),
      waitlist: rows.waitlist.map((w) => ({
        id: w.id,
        code: w.code,
        stationId: w.stationId,
        stationName: stationName(w.stationId),
        date: w.date,
        status: w.status,
        category: w.category,
        name: w.name,
        phone: w.phone,
        consentAt: maybe(w.consentAt),
        createdAt: at(w.createdAt),
        pseudonymizedAt: maybe(w.pseudonymizedAt),
      })),
      hotlineCalls: rows.calls.map((c) => ({
        id: c.id,
        stationId: c.stationId,
        stationName: stationName(c.stationId),
        receivedAt: at(c.receivedAt),
        callerName: c.callerName,
        callerPhone: c.callerPhone,
        callerConsent: c.callerConsent,
        category: c.category,
        summary: c.summary,
        outcome: c.outcome,
        followUps: followUpsOf(c.id),
        pseudonymizedAt: maybe(c.pseudonymizedAt),
      })),
      referrals: rows.referrals.map((r) => ({
        id: r.id,
        fromStationId: r.fromStationId,
        toStationId: r.toStationId,
        stage: r.stage,
        workerName: r.workerName,
        workerPhone: r.workerPhone,
        category: r.category,
        summary: r.summary,
        status: r.status,
        result: r.result,
        amountSettled: r.amountSettled,
        closeNote: r.closeNote,
        referredDate: r.referredDate,
        closedDate: r.closedDate,
        pseudonymizedAt: maybe(r.pseudonymizedAt),
      })),
      notifications: rows.notifications.map((n) => ({
        id: n.id,
        channel: n.channel,
        kind: n.kind,
        status: n.status,
        title: n.title,
        body: n.body,
        createdAt: at(n.createdAt),
        sentAt: maybe(n.sentAt),
      })),
      mentions: mentions.map(({ entity, id, field }) => ({ entity, id, field })),
      counts: {
        appointments: rows.appointments.length,
        waitlist: rows.waitlist.length,
        hotlineCalls: rows.calls.length,
        referrals: rows.referrals.length,
        notifications: rows.notifications.length,
        mentions: mentions.length,
      },
    };
  }

  // ---- retention ----------------------------------------------------------

  /**
   * Pseudonymise everyone whose last contact is more than RETENTION_MONTHS ago, in
   * batches; then the operational leftovers (old SMS, idempotency keys, phone guards).
   */
  async applyRetention(): Promise<RetentionSummary> {
    const now = this.ctx.clock.now();
    const cutoff = monthsBefore(now, this.ctx.config.retentionMonths);
    const keys = await this.ctx.db.read((m) => expiredPersonKeys(m, cutoff));
    let counts = noCounts();
    for (let i = 0; i < keys.length; i += RETENTION_BATCH) {
      const batch = keys.slice(i, i + RETENTION_BATCH);
      const done = await this.ctx.db.tx((m) => pseudonymize(m, { personKeys: batch }, now));
      const { phones: _phones, ...c } = done;
      counts = addCounts(counts, c);
    }
    const unkeyed = await this.ctx.db.read((m) => expiredUnkeyedRecords(m, cutoff));
    if (unkeyed.callIds.length || unkeyed.referralIds.length) {
      const { phones: _phones, ...c } = await this.ctx.db.tx((m) => pseudonymize(m, unkeyed, now));
      counts = addCounts(counts, c);
    }
    const swept = await this.ctx.db.tx((m) => sweepOperationalData(m, cutoff, now));
    counts.notifications += swept.notifications;
    counts.idempotencyKeys += swept.idempotencyKeys;
    const summary: RetentionSummary = {
      cutoff: formatInstant(cutoff, this.tz),
      people: keys.length,
      unkeyedRecords: unkeyed.callIds.length + unkeyed.referralIds.length,
      ...counts,
    };
    await this.ctx.db.tx((m) =>
      recordAudit(m, this.ctx.clock, { actor: null, action: 'personal_data.retention', entity: 'person', details: { ...summary } }),
    );
    return summary;
  }
}
