/**
 * The privacy feature's queries: every record about one person (by person key), the
 * people whose last contact is past retention, and the writes that pseudonymise.
 * Each runs on the caller's manager, inside its `db.tx` or `db.read`.
 *
 * Pseudonymising writes pass `callListeners(false)`: they must not go through the
 * person-key subscriber, which would clear the key along with the phone — the key is
 * what keeps the statistics exact afterwards.
 */
import { In, IsNull, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { Manager } from '../db/db.js';
import {
  AppointmentEntity,
  IdempotencyKeyEntity,
  LookupFailureEntity,
  PhoneGuardEntity,
  WaitlistEntryEntity,
  type AppointmentRow,
  type WaitlistEntryRow,
} from '../bookings/appointments.entity.js';
import { FollowUpEntity, HotlineCallEntity, ReferralEntity, type FollowUpRow, type HotlineCallRow, type ReferralRow } from '../hotline/hotline.entity.js';
import { NotificationEntity, type NotificationRow } from '../notifications/notifications.entity.js';
import { REMOVED_MESSAGE_TITLE, removeNumber, scrubText } from './pseudonymize.js';

/** Most records of one kind a subject request lists (a person has a handful). */
const SUBJECT_LIMIT = 1000;

export interface SubjectRows {
  appointments: AppointmentRow[];
  waitlist: WaitlistEntryRow[];
  calls: HotlineCallRow[];
  followUps: FollowUpRow[];
  referrals: ReferralRow[];
  notifications: NotificationRow[];
}

/** Every record about the person with this key (pseudonymised ones included), and the messages sent to the number. */
export async function subjectRows(m: Manager, personKey: string, phone: string): Promise<SubjectRows> {
  const byKey = { where: { personKey }, order: { id: 'ASC' as const }, take: SUBJECT_LIMIT };
  const calls = await m.find(HotlineCallEntity, byKey);
  return {
    appointments: await m.find(AppointmentEntity, byKey),
    waitlist: await m.find(WaitlistEntryEntity, byKey),
    calls,
    followUps: calls.length ? await m.find(FollowUpEntity, { where: { callId: In(calls.map((c) => c.id)) }, order: { id: 'ASC' } }) : [],
    referrals: await m.find(ReferralEntity, byKey),
    notifications: await m.find(NotificationEntity, { where: { recipientPhone: phone }, order: { id: 'ASC' }, take: SUBJECT_LIMIT }),
  };
}

/** Free text that mentions a number, in someone else's record. */
export interface Mention {
  entity: 'appointment' | 'hotline_call' | 'hotline_follow_up' | 'referral';
  id: number;
  field: string;
}

interface TextColumn {
  entity: Mention['entity'];
  target: EntityTarget<ObjectLiteral>;
  table: string;
  column: string;
  property: string;
}

const TEXT_COLUMNS: TextColumn[] = [
  { entity: 'appointment', target: AppointmentEntity, table: 'appointments', column: 'note', property: 'note' },
  { entity: 'appointment', target: AppointmentEntity, table: 'appointments', column: 'outcome_note', property: 'outcomeNote' },
  { entity: 'hotline_call', target: HotlineCallEntity, table: 'hotline_calls', column: 'summary', property: 'summary' },
  { entity: 'hotline_follow_up', target: FollowUpEntity, table: 'hotline_follow_ups', column: 'note', property: 'note' },
  { entity: 'referral', target: ReferralEntity, table: 'referrals', column: 'summary', property: 'summary' },
  { entity: 'referral', target: ReferralEntity, table: 'referrals', column: 'close_note', property: 'closeNote' },
];

/** Records whose free text holds this number (the person's own records included; the caller filters). */
export async function mentionsOf(m: Manager, phone: string): Promise<(Mention & { text: string })[]> {
  const out: (Mention & { text: string })[] = [];
  for (const c of TEXT_COLUMNS) {
    const rows: { id: number; text: string }[] = await m
      .createQueryBuilder()
      .select('t.id', 'id')
      .addSelect(`t.${c.column}`, 'text')
      .from(c.table, 't')
      .where(`t.${c.column} LIKE :like`, { like: `%${phone}%` })
      .orderBy('t.id', 'ASC')
      .limit(SUBJECT_LIMIT)
      .getRawMany();
    for (const r of rows) out.push({ entity: c.entity, id: Number(r.id), field: c.property, text: String(r.text) });
  }
  return out;
}

/** Take one number out of the free text of other people's records. */
export async function removeMentions(m: Manager, mentions: readonly (Mention & { text: string })[], phone: string): Promise<number> {
  let changed = 0;
  for (const x of mentions) {
    const c = TEXT_COLUMNS.find((t) => t.entity === x.entity && t.property === x.field)!;
    const text = removeNumber(x.text, phone);
    if (text === x.text) continue;
    await m.createQueryBuilder().update(c.target).set({ [c.property]: text }).where('id = :id', { id: x.id }).callListeners(false).execute();
    changed++;
  }
  return changed;
}

/** Upcoming bookings and live waitlist places: erasing them would leave a booking nobody can be told about. */
export async function liveRecordsOf(m: Manager, personKey: string, now: Date, today: string): Promise<{ appointments: number; waitlist: number }> {
  const appointments = await m
    .createQueryBuilder(AppointmentEntity, 'a')
    .where("a.person_key = :personKey AND a.status IN ('booked', 'checked_in') AND a.end_at > :now", { personKey, now })
    .getCount();
  const waitlist = await m
    .createQueryBuilder(WaitlistEntryEntity, 'w')
    .where("w.person_key = :personKey AND w.status IN ('waiting', 'offered') AND w.date >= :today", { personKey, today })
    .getCount();
  return { appointments, waitlist };
}

export interface PseudonymizedCounts {
  appointments: number;
  waitlist: number;
  hotlineCalls: number;
  followUps: number;
  referrals: number;
  notifications: number;
  idempotencyKeys: number;
}

export const noCounts = (): PseudonymizedCounts => ({
  appointments: 0,
  waitlist: 0,
  hotlineCalls: 0,
  followUps: 0,
  referrals: 0,
  notifications: 0,
  idempotencyKeys: 0,
});

export function addCounts(a: PseudonymizedCounts, b: PseudonymizedCounts): PseudonymizedCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof PseudonymizedCounts)[]) out[k] += b[k];
  return out;
}

/** Which records to pseudonymise: every record of these people, or single records without a person key. */
export type Selection = { personKeys: string[] } | { callIds: number[]; referralIds: number[] };

/**
 * Remove names, numbers and the worker's own words from the selected records, and the
 * messages sent to those numbers. Keeps person key, station, category, dates, statuses,
 * outcomes and amounts, so every figure stays the same. With `rekey`, the person's
 * records (already pseudonymised ones too) move to that key: still one person in the
 * statistics, no longer linked to the number.
 */
export async function pseudonymize(m: Manager, sel: Selection, now: Date, rekey?: string): Promise<PseudonymizedCounts & { phones: string[] }> {
  const counts = noCounts();
  const personKeys = 'personKeys' in sel ? sel.personKeys : null;
  const single = 'personKeys' in sel ? { callIds: [], referralIds: [] } : sel;
  if (personKeys?.length === 0) return { ...counts, phones: [] };
  const live = { pseudonymizedAt: IsNull() };
  const keyed = personKeys ? { personKey: In(personKeys) } : null;

  const appointments = keyed ? await m.find(AppointmentEntity, { where: { ...keyed, ...live } }) : [];
  const waitlist = keyed ? await m.find(WaitlistEntryEntity, { where: { ...keyed, ...live } }) : [];
  const calls = keyed
    ? await m.find(HotlineCallEntity, { where: { ...keyed, ...live } })
    : single.callIds.length
      ? await m.find(HotlineCallEntity, { where: { id: In(single.callIds), ...live } })
      : [];
  const referrals = keyed
    ? await m.find(ReferralEntity, { where: { ...keyed, ...live } })
    : single.referralIds.length
      ? await m.find(ReferralEntity, { where: { id: In(single.referralIds), ...live } })
      : [];

  // Names and numbers per person, to take out of the free text written about them.
  const names = new Map<string, Set<string>>();
  const phones = new Set<string>();
  const note = (key: string | null | undefined, id: number, name: string | null, phone: string | null) => {
    const k = key ?? `row:${id}`;
    if (!names.has(k)) names.set(k, new Set());
    if (name) names.get(k)!.add(name);
    if (phone) phones.add(phone);
  };
  for (const a of appointments) note(a.personKey, a.id, a.name, a.phone);
  for (const w of waitlist) note(w.personKey, w.id, w.name, w.phone);
  for (const c of calls) note(c.personKey, c.id, c.callerName, c.callerPhone);
  for (const r of referrals) note(r.personKey, r.id, r.workerName, r.workerPhone);
  const scrub = (key: string | null | undefined, id: number, text: string) =>
    scrubText(text, { names: [...(names.get(key ?? `row:${id}`) ?? [])], phones: [...phones] });
  const stamp = { pseudonymizedAt: now, ...(rekey ? { personKey: rekey } : {}) };
  const update = (target: EntityTarget<ObjectLiteral>, id: number, set: Record<string, unknown>) =>
    m.createQueryBuilder().update(target).set(set).where('id = :id', { id }).callListeners(false).execute();

  for (const a of appointments) {
    await update(AppointmentEntity, a.id, {
      name: '',
      phone: '',
      note: null,
      outcomeNote: a.outcomeNote === null ? null : scrub(a.personKey, a.id, a.outcomeNote),
      ...stamp,
    });
    counts.appointments++;
  }
  for (const w of waitlist) {
    await update(WaitlistEntryEntity, w.id, { name: '', phone: '', activeKey: null, ...stamp });
    counts.waitlist++;
  }
  for (const c of calls) {
    await update(HotlineCallEntity, c.id, { callerName: null, callerPhone: null, summary: scrub(c.personKey, c.id, c.summary), ...stamp });
    counts.hotlineCalls++;
  }
  if (calls.length) {
    const owner = new Map(calls.map((c) => [c.id, c]));
    for (const f of await m.find(FollowUpEntity, { where: { callId: In(calls.map((c) => c.id)) } })) {
      const c = owner.get(f.callId)!;
      const text = scrub(c.personKey, c.id, f.note);
      if (text !== f.note) await update(FollowUpEntity, f.id, { note: text });
      counts.followUps++;
    }
  }
  for (const r of referrals) {
    await update(ReferralEntity, r.id, {
      workerName: null,
      workerPhone: null,
      summary: scrub(r.personKey, r.id, r.summary),
      closeNote: r.closeNote === null ? null : scrub(r.personKey, r.id, r.closeNote),
      ...stamp,
    });
    counts.referrals++;
  }
  if (rekey && personKeys) {
    // The person's records pseudonymised earlier (by retention) follow to the new key.
    for (const target of [AppointmentEntity, WaitlistEntryEntity, HotlineCallEntity, ReferralEntity] as EntityTarget<ObjectLiteral>[]) {
      await m.createQueryBuilder().update(target).set({ personKey: rekey }).where({ personKey: In(personKeys) }).callListeners(false).execute();
    }
  }

  const numbers = [...phones];
  counts.notifications += await forgetMessagesTo(m, numbers);
  if (appointments.length) {
    const res = await m.delete(IdempotencyKeyEntity, { appointmentId: In(appointments.map((a) => a.id)) });
    counts.idempotencyKeys += res.affected ?? 0;
  }
  if (numbers.length) await m.delete(PhoneGuardEntity, { phone: In(numbers) });
  return { ...counts, phones: numbers };
}

/** Messages to these numbers lose recipient and text; any not yet sent will never be. */
export async function forgetMessagesTo(m: Manager, phones: readonly string[]): Promise<number> {
  if (phones.length === 0) return 0;
  await m
    .createQueryBuilder()
    .update(NotificationEntity)
    .set({ status: 'dead', lastError: 'personal data removed', claimedBy: null, claimedUntil: null })
    .where("recipient_phone IN (:...phones) AND status IN ('pending', 'failed', 'sending')", { phones })
    .execute();
  const res = await m
    .createQueryBuilder()
    .update(NotificationEntity)
    .set({ recipientPhone: null, title: REMOVED_MESSAGE_TITLE, body: '' })
    .where('recipient_phone IN (:...phones)', { phones })
    .execute();
  return res.affected ?? 0;
}

/**
 * People (by key) with personal data still held whose last contact — a consultation,
 * a booking or waitlist change, a call, a referral step — is before `cutoff`.
 */
export async function expiredPersonKeys(m: Manager, cutoff: Date): Promise<string[]> {
  const contacts = [
    ['appointments', 'start_at'],
    ['appointments', 'updated_at'],
    ['waitlist_entries', 'updated_at'],
    ['hotline_calls', 'received_at'],
    ['hotline_calls', 'updated_at'],
    ['referrals', 'updated_at'],
  ]
    .map(([table, at]) => `SELECT person_key AS k, ${at} AS at, CASE WHEN pseudonymized_at IS NULL THEN 1 ELSE 0 END AS held FROM ${table} WHERE person_key IS NOT NULL`)
    .join(' UNION ALL ');
  const sql = `SELECT x.k AS k FROM (${contacts}) x GROUP BY x.k HAVING MAX(x.at) < :cutoff AND MAX(x.held) = 1 ORDER BY x.k`;
  const [query, params] = m.connection.driver.escapeQueryWithParameters(sql, { cutoff });
  const rows: { k: string }[] = await m.query(query, params);
  return rows.map((r) => String(r.k));
}

/** Calls and referrals with a name but no number (no person key), last touched before `cutoff`. */
export async function expiredUnkeyedRecords(m: Manager, cutoff: Date): Promise<{ callIds: number[]; referralIds: number[] }> {
  const calls = await m
    .createQueryBuilder(HotlineCallEntity, 'c')
    .select('c.id', 'id')
    .where('c.person_key IS NULL AND c.pseudonymized_at IS NULL AND c.caller_name IS NOT NULL AND c.received_at < :cutoff AND c.updated_at < :cutoff', { cutoff })
    .getRawMany<{ id: number }>();
  const referrals = await m
    .createQueryBuilder(ReferralEntity, 'r')
    .select('r.id', 'id')
    .where('r.person_key IS NULL AND r.pseudonymized_at IS NULL AND r.worker_name IS NOT NULL AND r.updated_at < :cutoff', { cutoff })
    .getRawMany<{ id: number }>();
  return { callIds: calls.map((r) => Number(r.id)), referralIds: referrals.map((r) => Number(r.id)) };
}

/** Housekeeping past retention: old messages to workers, idempotency keys, phone guards; failed look-ups (client addresses) after a day. */
export async function sweepOperationalData(m: Manager, cutoff: Date, now: Date): Promise<{ notifications: number; idempotencyKeys: number }> {
  const old = await m
    .createQueryBuilder()
    .update(NotificationEntity)
    .set({ recipientPhone: null, title: REMOVED_MESSAGE_TITLE, body: '' })
    .where("recipient_phone IS NOT NULL AND created_at < :cutoff AND status IN ('sent', 'dead')", { cutoff })
    .execute();
  const keys = await m.createQueryBuilder().delete().from(IdempotencyKeyEntity).where('created_at < :cutoff', { cutoff }).execute();
  await m.createQueryBuilder().delete().from(PhoneGuardEntity).where('touched_at < :cutoff', { cutoff }).execute();
  await m
    .createQueryBuilder()
    .delete()
    .from(LookupFailureEntity)
    .where('failed_at < :dayAgo', { dayAgo: new Date(now.getTime() - 86_400_000) })
    .execute();
  return { notifications: old.affected ?? 0, idempotencyKeys: keys.affected ?? 0 };
}
