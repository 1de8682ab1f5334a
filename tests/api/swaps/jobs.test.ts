import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { runOpenOfferReminders, runSwapExpiry, swapExpiryJob, swapOfferReminderJob } from '../../../server/swaps/swaps.jobs.js';
import { SwapEntity } from '../../../server/swaps/swaps.entity.js';
import { allJobs } from '../../../server/jobs/registry.js';
import { auditOf, crew, messagesTo, type Member } from './helpers.js';

describeEachDb('swap jobs', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  const post = (path: string, token: string, body: object = {}) => t.http.post(path).set('Authorization', token).send(body);
  const status = (id: number) => t.db.read((m) => m.findOneByOrFail(SwapEntity, { id })).then((s) => s.status);

  it('are registered with the scheduler', () => {
    expect(allJobs).toContain(swapExpiryJob);
    expect(allJobs).toContain(swapOfferReminderJob);
    expect(allJobs.filter((j) => j.name === 'deliver-notifications')).toHaveLength(1);
  });

  it('expiry: live swaps whose day has passed expire, once, even with two runs at once; others stay', async () => {
    t.clock.set('2026-12-01T09:00:00+08:00');
    const { station, members } = await crew(t, 3);
    const [a, b, c] = members as [Member, Member, Member];
    const s1 = await t.make.shift({ date: '2026-12-03', stationId: station.id, lawyerId: a.lawyer.id });
    const s2 = await t.make.shift({ date: '2026-12-04', stationId: station.id, lawyerId: b.lawyer.id });
    const s3 = await t.make.shift({ date: '2026-12-20', stationId: station.id, lawyerId: c.lawyer.id });
    const s4 = await t.make.shift({ date: '2026-12-21', stationId: station.id, lawyerId: a.lawyer.id });
    const s5 = await t.make.shift({ date: '2026-12-02', stationId: station.id, lawyerId: c.lawyer.id });
    const pending = (await post('/api/swaps', a.token, { shiftId: s1.id, type: 'giveaway' })).body.id as number;
    const accepted = (await post('/api/swaps', b.token, { shiftId: s2.id, type: 'giveaway', toLawyerId: c.lawyer.id })).body.id as number;
    expect((await post(`/api/swaps/${accepted}/accept`, c.token)).status).toBe(200);
    const later = (await post('/api/swaps', c.token, { shiftId: s3.id, type: 'giveaway' })).body.id as number;
    // An exchange whose earlier day passes first.
    const exchange = (await post('/api/swaps', a.token, { shiftId: s4.id, type: 'exchange', toShiftId: s5.id })).body.id as number;
    const cancelled = (await post('/api/swaps', a.token, { shiftId: s1.id, type: 'giveaway', toLawyerId: b.lawyer.id })).status;
    expect(cancelled).toBe(409); // one live swap per shift

    t.clock.set('2026-12-05T00:10:00+08:00');
    const [r1, r2] = await Promise.all([runSwapExpiry(t.ctx), runSwapExpiry(t.ctx)]);
    expect(r1.expired + r2.expired).toBe(3);
    expect(await status(pending)).toBe('expired');
    expect(await status(accepted)).toBe('expired');
    expect(await status(exchange)).toBe('expired');
    expect(await status(later)).toBe('pending');
    expect(await auditOf(t, accepted, 'swap.expire')).toHaveLength(1);
    expect((await messagesTo(t, b.userId, 'swap_expired')).length).toBe(1);
    expect((await messagesTo(t, c.userId, 'swap_expired')).length).toBe(2); // taker of one, owner of the exchange's other shift
    expect(await runSwapExpiry(t.ctx)).toEqual({ expired: 0 });

    // Expired is final, and frees the shift's slot for a new swap (none can be asked for a past day, though).
    expect((await post(`/api/swaps/${accepted}/approve`, await t.tokenFor('coordinator'))).status).toBe(409);
    const row = await t.db.read((m) => m.findOneByOrFail(SwapEntity, { id: pending }));
    expect(row).toMatchObject({ activeKey: null, reason: expect.stringContaining('passed') });
  });

  it('reminders: eligible colleagues hear once about an open offer still untaken two days before', async () => {
    t.clock.set('2026-12-07T08:00:00+08:00');
    const { station, members } = await crew(t, 3);
    const [a, b, c] = members as [Member, Member, Member];
    const soon = await t.make.shift({ date: '2026-12-09', stationId: station.id, lawyerId: a.lawyer.id });
    const far = await t.make.shift({ date: '2026-12-18', stationId: station.id, lawyerId: a.lawyer.id });
    const named = await t.make.shift({ date: '2026-12-08', stationId: station.id, lawyerId: b.lawyer.id });
    await t.make.unavailability(c.lawyer.id, '2026-12-09', '2026-12-09');
    const offer = (await post('/api/swaps', a.token, { shiftId: soon.id, type: 'giveaway' })).body.id as number;
    await post('/api/swaps', a.token, { shiftId: far.id, type: 'giveaway' });
    await post('/api/swaps', b.token, { shiftId: named.id, type: 'giveaway', toLawyerId: a.lawyer.id });

    t.clock.set('2026-12-07T09:00:00+08:00');
    const run = await runOpenOfferReminders(t.ctx);
    expect(run.ran).toBe(true);
    const reminders = await messagesTo(t, b.userId, 'swap_offer_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.payload).toMatchObject({ swapId: offer });
    expect(await messagesTo(t, c.userId, 'swap_offer_reminder')).toHaveLength(0); // away that day
    expect(await messagesTo(t, a.userId, 'swap_offer_reminder')).toHaveLength(0);

    expect(await runOpenOfferReminders(t.ctx)).toEqual({ ran: false, reason: 'done' });
    // The next day (still within two days) it runs again, but nobody hears twice.
    t.clock.set('2026-12-08T09:00:00+08:00');
    expect((await runOpenOfferReminders(t.ctx)).ran).toBe(true);
    expect(await messagesTo(t, b.userId, 'swap_offer_reminder')).toHaveLength(1);
  });
});
