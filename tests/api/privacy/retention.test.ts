/**
 * The retention rule: RETENTION_MONTHS after a person's last contact their name,
 * number and words are removed from every record — and every published figure stays
 * byte for byte the same.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AppointmentEntity, WaitlistEntryEntity } from '../../../server/bookings/appointments.entity.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { FollowUpEntity, HotlineCallEntity, ReferralEntity } from '../../../server/hotline/hotline.entity.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import { runRetention } from '../../../server/privacy/retention.job.js';
import { buildWorld, dump, figures, OLD, RECENT, WALKER, type World } from './helpers.js';

describeEachDb('privacy: the retention job', (kind) => {
  let t: TestApp;
  let w: World;
  let before: string[];

  beforeAll(async () => {
    t = await setupTestApp(kind, { env: { RETENTION_MONTHS: '24' } });
    w = await buildWorld(t);
    before = await figures(t, await t.tokenFor('coordinator'), w.district);
    // The old worker, the walk-in, the worker still in touch, and two callers without a number.
    expect(JSON.parse(before[0]!)).toMatchObject({ peopleServed: 5, consultations: 2, amountInvolved: 12000.5, hotlineCalls: { total: 4 } });
  });
  afterAll(() => t.close());

  it('keeps everything while the last contact is within the retention period', async () => {
    t.clock.set('2028-11-20T04:00:00+08:00'); // 23 months and a half later
    const run = await runRetention(t.ctx);
    expect(run.ran && run.result).toMatchObject({ people: 0, appointments: 0, hotlineCalls: 0 });
    const a = await t.db.read((m) => m.findOneByOrFail(AppointmentEntity, { id: w.old.appointmentId }));
    expect(a).toMatchObject({ name: OLD.name, phone: OLD.phone, pseudonymizedAt: null });
  });

  it('pseudonymises everyone whose last contact is older, keeps the figures byte for byte, and runs once a day', async () => {
    // The recent worker calls again in 2029: their 2026 records are kept.
    t.clock.set('2029-01-10T10:00:00+08:00');
    const staff = await t.tokenFor('staff');
    const again = await t.http.post('/api/hotline-calls').set('Authorization', staff).send({
      stationId: w.district,
      callerName: RECENT.name,
      callerPhone: RECENT.phone,
      callerConsent: true,
      category: 'work_injury',
      summary: '再次来电',
      durationSeconds: 30,
      outcome: 'answered',
    });
    expect(again.status).toBe(201);

    t.clock.set('2029-01-15T03:40:00+08:00');
    const run = await runRetention(t.ctx);
    expect(run.ran).toBe(true);
    if (!run.ran) return;
    expect(run.result).toMatchObject({
      people: 3, // the old worker, the filler who took the small station's seat, the walk-in
      unkeyedRecords: 1, // the caller who gave a name only
      appointments: 3,
      waitlist: 1,
      hotlineCalls: 2,
      referrals: 1,
    });
    expect(run.result.notifications).toBeGreaterThanOrEqual(3);

    // Every figure, exactly as before.
    const after = await figures(t, await t.tokenFor('coordinator'), w.district);
    expect(after).toEqual(before);

    // The old worker's records: no name, no number, no words of theirs; the facts stay.
    const { a, wl, call, follow, ref, sms } = await t.db.read(async (m) => ({
      a: await m.findOneByOrFail(AppointmentEntity, { id: w.old.appointmentId }),
      wl: await m.findOneByOrFail(WaitlistEntryEntity, { id: w.old.waitlistId }),
      call: await m.findOneByOrFail(HotlineCallEntity, { id: w.old.callId }),
      follow: await m.findBy(FollowUpEntity, { callId: w.old.callId }),
      ref: await m.findOneByOrFail(ReferralEntity, { id: w.old.referralId }),
      sms: await m.findBy(NotificationEntity, { channel: 'sms' }),
    }));
    expect(a).toMatchObject({ name: '', phone: '', note: null, status: 'completed', category: 'wage_arrears', amountInvolved: 12000.5, outcomeServices: ['advice', 'application_drafted'] });
    expect(a.outcomeNote).toBe('某某的仲裁申请书已起草，联系 [号码已删除]');
    expect(a.personKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a.pseudonymizedAt).not.toBeNull();
    expect(wl).toMatchObject({ name: '', phone: '', activeKey: null, personKey: a.personKey });
    expect(call).toMatchObject({ callerName: null, callerPhone: null, personKey: a.personKey, outcome: 'callback_needed', category: 'wage_arrears' });
    expect(call.summary).toBe('某某反映老板拖欠工资，请回电 [号码已删除]');
    expect(follow.map((f) => f.note)).toEqual(['已回电 [号码已删除]，某某同意调解']);
    expect(ref).toMatchObject({ workerName: null, workerPhone: null, summary: '某某欠薪，联系 [号码已删除]', stage: 'district_mediation' });
    const oldSms = sms.filter((n) => (n.payload as { appointmentId?: number } | null)?.appointmentId === w.old.appointmentId);
    expect(oldSms.length).toBeGreaterThan(0);
    for (const n of oldSms) expect(n).toMatchObject({ recipientPhone: null, body: '' });
    const anonymous = await t.db.read((m) => m.findOneByOrFail(HotlineCallEntity, { id: w.anonymousCallId }));
    expect(anonymous).toMatchObject({ callerName: null, personKey: null });

    // Nothing of theirs is left anywhere (the audit log included).
    const everything = await dump(t);
    for (const s of [OLD.phone, OLD.name, WALKER.phone, WALKER.name]) expect(everything).not.toContain(s);

    // The worker still in touch keeps their 2026 call.
    const recent = await t.db.read((m) => m.findOneByOrFail(HotlineCallEntity, { id: w.recentCallId }));
    expect(recent).toMatchObject({ callerName: RECENT.name, callerPhone: RECENT.phone, pseudonymizedAt: null });

    // Once a day, across instances.
    expect(await runRetention(t.ctx, { instance: 'another' })).toEqual({ ran: false, reason: 'done' });
    const audit = await t.db.read((m) => m.findBy(AuditEntity, { action: 'personal_data.retention' }));
    expect(audit).toHaveLength(2);
    expect(audit[1]!.details).toMatchObject({ people: 3, appointments: 3 });
  });

  it('leaves a booking lookup by code and the old number impossible', async () => {
    const res = await t.http.get(`/api/appointments/lookup?code=${w.old.code}&phone=${OLD.phone}`);
    expect(res.status).toBe(404);
  });
});
