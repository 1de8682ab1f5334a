import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupDemoApp, type TestApp } from '../../helpers/app.js';
import { HotlineCallEntity, ReferralEntity } from '../../../server/hotline/hotline.entity.js';

describeEachDb('hotline demo data', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await setupDemoApp(kind, { now: '2026-12-01T09:00:00+08:00' });
  }, 120_000);
  afterAll(() => t.close());

  it('fills the call log, the call-back queue and every referral stage the dashboard shows', async () => {
    const calls = await t.db.read((m) => m.find(HotlineCallEntity));
    expect(calls.length).toBeGreaterThanOrEqual(40);
    expect(new Set(calls.map((c) => c.category)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(calls.map((c) => c.stationId)).size).toBeGreaterThanOrEqual(5);
    expect(calls.some((c) => c.receivedDate < '2026-09-15')).toBe(true);
    const open = calls.filter((c) => c.outcome === 'callback_needed' && !c.followUpDoneAt);
    expect(open.filter((c) => c.followUpDate! < '2026-12-01').length).toBeGreaterThanOrEqual(1);
    expect(open.filter((c) => c.followUpDate === '2026-12-01').length).toBe(1);
    expect(calls.filter((c) => c.appointmentId !== null).length).toBeGreaterThanOrEqual(1);

    const referrals = await t.db.read((m) => m.find(ReferralEntity));
    expect(referrals.find((r) => r.result === 'settled')?.amountSettled).toBe(86_400);
    const on = referrals.find((r) => r.result === 'referred_on')!;
    expect(referrals.find((r) => r.parentId === on.id)).toMatchObject({ stage: 'district_arbitration', status: 'accepted' });
    expect(referrals.some((r) => r.status === 'pending')).toBe(true);

    const coord = await t.tokenFor('coordinator');
    const stats = await t.http.get('/api/stats/summary?from=2026-09-01&to=2026-12-01').set('Authorization', coord);
    expect(stats.status).toBe(200);
    expect(stats.body.hotlineCalls.total).toBe(calls.length);
    expect(stats.body.referrals.amountSettled).toBe(86_400);
  });
});
