/**
 * Races, with real concurrency: requests go to one listening server; on MySQL each
 * request's transaction runs on its own pooled connection (pool of 10).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { SwapEntity } from '../../../server/swaps/swaps.entity.js';
import { auditOf, crew, listen, member, shiftRow, type Member } from './helpers.js';

describeEachDb('swap races', (kind) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let coord: string;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00', poolSize: 10 });
    server = await listen(t);
    coord = await t.tokenFor('coordinator');
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const post = (path: string, token: string, body: object = {}) => server.http.post(path).set('Authorization', token).send(body);

  it('12 colleagues accept one open offer at once: exactly one wins', async () => {
    const { station, members } = await crew(t, 13);
    const [owner, ...colleagues] = members as [Member, ...Member[]];
    const shift = await t.make.shift({ date: '2026-12-08', stationId: station.id, lawyerId: owner.lawyer.id });
    const offer = await post('/api/swaps', owner.token, { shiftId: shift.id, type: 'giveaway' });
    expect(offer.status).toBe(201);

    const results = await Promise.all(colleagues.map((c) => post(`/api/swaps/${offer.body.id}/accept`, c.token)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(colleagues.length - 1);
    const winner = colleagues[results.findIndex((r) => r.status === 200)]!;
    const row = await t.db.read((m) => m.findOneByOrFail(SwapEntity, { id: offer.body.id }));
    expect(row).toMatchObject({ status: 'accepted', toLawyerId: winner.lawyer.id });
    expect(await auditOf(t, offer.body.id, 'swap.accept')).toHaveLength(1);
    expect((await shiftRow(t, shift.id)).version).toBe(1);
  });

  it('where the station auto-approves, the one winner’s acceptance applies it; the shift moves once', async () => {
    const { station, members } = await crew(t, 11, { swapAutoApprove: true });
    const [owner, ...colleagues] = members as [Member, ...Member[]];
    const shift = await t.make.shift({ date: '2026-12-09', stationId: station.id, lawyerId: owner.lawyer.id });
    const offer = await post('/api/swaps', owner.token, { shiftId: shift.id, type: 'giveaway' });

    const results = await Promise.all(colleagues.map((c) => post(`/api/swaps/${offer.body.id}/accept`, c.token)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(colleagues.length - 1);
    expect(ok[0]!.body.status).toBe('applied');
    const after = await shiftRow(t, shift.id);
    expect(after).toMatchObject({ version: 2, source: 'swap', lawyerId: ok[0]!.body.toLawyerId });
    expect(await auditOf(t, offer.body.id, 'swap.apply')).toHaveLength(1);
  });

  it('approved twice at once: applied once (version +1 exactly once, one swap.apply audit row)', async () => {
    const { station, members } = await crew(t, 2);
    const [a, b] = members as [Member, Member];
    const coord2 = await t.tokenFor('coordinator');
    const shift = await t.make.shift({ date: '2026-12-10', stationId: station.id, lawyerId: a.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    expect((await post(`/api/swaps/${asked.body.id}/accept`, b.token)).status).toBe(200);

    const results = await Promise.all([coord, coord2, coord, coord2].map((c) => post(`/api/swaps/${asked.body.id}/approve`, c)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await shiftRow(t, shift.id)).toMatchObject({ version: 2, lawyerId: b.lawyer.id, source: 'swap' });
    expect(await auditOf(t, asked.body.id, 'swap.apply')).toHaveLength(1);
  });

  it('approve and reject at once: one of them happens, never both', async () => {
    const { station, members } = await crew(t, 2);
    const [a, b] = members as [Member, Member];
    const shift = await t.make.shift({ date: '2026-12-11', stationId: station.id, lawyerId: a.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    await post(`/api/swaps/${asked.body.id}/accept`, b.token);

    const [approve, reject] = await Promise.all([
      post(`/api/swaps/${asked.body.id}/approve`, coord),
      post(`/api/swaps/${asked.body.id}/reject`, coord),
    ]);
    expect([approve.status, reject.status].sort()).toEqual([200, 409]);
    const row = await t.db.read((m) => m.findOneByOrFail(SwapEntity, { id: asked.body.id }));
    const moved = (await shiftRow(t, shift.id)).lawyerId === b.lawyer.id;
    expect(row.status).toBe(approve.status === 200 ? 'applied' : 'rejected');
    expect(moved).toBe(approve.status === 200);
  });

  it('two swaps giving one lawyer the same day at once: the unique day rule lets one through', async () => {
    const { station, members } = await crew(t, 3, { swapAutoApprove: true });
    const [a, b, taker] = members as [Member, Member, Member];
    const s2 = await t.make.station({ swapAutoApprove: true });
    await t.db.tx((m) => m.query('INSERT INTO lawyer_stations (lawyer_id, station_id) VALUES (?, ?), (?, ?)', [taker.lawyer.id, s2.id, b.lawyer.id, s2.id]));
    const one = await t.make.shift({ date: '2026-12-14', stationId: station.id, lawyerId: a.lawyer.id });
    const two = await t.make.shift({ date: '2026-12-14', stationId: s2.id, lawyerId: b.lawyer.id });
    const x = await post('/api/swaps', a.token, { shiftId: one.id, type: 'giveaway', toLawyerId: taker.lawyer.id });
    const y = await post('/api/swaps', b.token, { shiftId: two.id, type: 'giveaway', toLawyerId: taker.lawyer.id });
    const results = await Promise.all([post(`/api/swaps/${x.body.id}/accept`, taker.token), post(`/api/swaps/${y.body.id}/accept`, taker.token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('lawyer_busy');
    const held = [await shiftRow(t, one.id), await shiftRow(t, two.id)].filter((s) => s.lawyerId === taker.lawyer.id);
    expect(held).toHaveLength(1);
  });

  it('two swaps at once would put a lawyer over their monthly cap: one goes through (the cap is a count, held by a lock)', async () => {
    const { station, members } = await crew(t, 2, { swapAutoApprove: true });
    const [a, b] = members as [Member, Member];
    const taker = await member(t, [station.id], { maxShiftsPerMonth: 1 });
    const one = await t.make.shift({ date: '2026-12-15', stationId: station.id, lawyerId: a.lawyer.id });
    const two = await t.make.shift({ date: '2026-12-16', stationId: station.id, lawyerId: b.lawyer.id });
    const x = await post('/api/swaps', a.token, { shiftId: one.id, type: 'giveaway', toLawyerId: taker.lawyer.id });
    const y = await post('/api/swaps', b.token, { shiftId: two.id, type: 'giveaway', toLawyerId: taker.lawyer.id });
    expect([x.status, y.status]).toEqual([201, 201]);
    const results = await Promise.all([post(`/api/swaps/${x.body.id}/accept`, taker.token), post(`/api/swaps/${y.body.id}/accept`, taker.token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.details).toEqual([expect.objectContaining({ path: 'at_cap' })]);
    const held = [await shiftRow(t, one.id), await shiftRow(t, two.id)].filter((s) => s.lawyerId === taker.lawyer.id);
    expect(held).toHaveLength(1);
  });
});
