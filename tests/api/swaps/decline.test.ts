/**
 * Declining: the colleague a swap names says no before accepting. The swap ends
 * (`declined`), the shift stays where it was, the requester is told.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { UserEntity } from '../../../server/auth/users.entity.js';
import { SwapEntity } from '../../../server/swaps/swaps.entity.js';
import { auditOf, crew, listen, messagesTo, shiftRow, type Member } from './helpers.js';

describeEachDb('declining a swap', (kind) => {
  let t: TestApp;
  let coord: string;
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00', poolSize: 10 });
    coord = await t.tokenFor('coordinator');
    server = await listen(t);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const post = (path: string, token: string, body: object = {}) => t.http.post(path).set('Authorization', token).send(body);
  const swapRow = (id: number) => t.db.read((m) => m.findOneByOrFail(SwapEntity, { id }));

  /** A named giveaway from the first member to the second, on `date`. */
  async function namedGiveaway(date: string, n = 3, station: { swapAutoApprove?: boolean } = {}) {
    const { station: s, members } = await crew(t, n, station);
    const [a, b] = members as [Member, Member, ...Member[]];
    const shift = await t.make.shift({ date, stationId: s.id, lawyerId: a.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id, note: '家里有事' });
    expect(asked.status).toBe(201);
    return { station: s, members, shift, id: asked.body.id as number };
  }

  it('the named colleague declines a pending giveaway: declined, the requester told, audited, the shift stays and can be offered again', async () => {
    const { members, shift, id } = await namedGiveaway('2026-12-10');
    const [a, b, c] = members as [Member, Member, Member];
    await t.db.tx((m) => m.update(UserEntity, { id: a.userId }, { email: 'qingqiu@example.org' }));

    const res = await post(`/api/swaps/${id}/decline`, b.token, { note: '当天出庭' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'declined', decisionNote: '当天出庭', toLawyerId: b.lawyer.id, canAccept: false, open: false });
    expect(res.body.decidedAt).toEqual(expect.any(String));

    // The requester hears it in-app and by e-mail; nobody else does.
    const told = await messagesTo(t, a.userId, 'swap_declined');
    expect(told.map((n) => n.channel).sort()).toEqual(['email', 'in_app']);
    expect(told[0]!.body).toContain(b.lawyer.name);
    expect(told[0]!.body).toContain('当天出庭');
    expect(told[0]!.payload).toMatchObject({ swapId: id, shiftId: shift.id });
    // The same message as data, for the bell to show in the reader's language.
    expect(told[0]!.payload?.text).toEqual({
      key: 'swap_declined',
      params: { date: '2026-12-10', station: expect.any(String), from: a.lawyer.name, to: b.lawyer.name, otherDate: null, otherStation: null, note: '家里有事', decisionNote: '当天出庭', reason: null },
    });
    expect(await messagesTo(t, b.userId, 'swap_declined')).toHaveLength(0);
    expect(await messagesTo(t, c.userId, 'swap_declined')).toHaveLength(0);

    const audit = await auditOf(t, id, 'swap.decline');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: b.userId, details: expect.objectContaining({ by: b.lawyer.id, note: '当天出庭' }) });
    expect(await swapRow(id)).toMatchObject({ status: 'declined', activeKey: null, decidedBy: b.userId, decisionNote: '当天出庭' });
    expect(await shiftRow(t, shift.id)).toMatchObject({ lawyerId: a.lawyer.id, version: 1 });

    const again = await post(`/api/swaps/${id}/decline`, b.token);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already declined/) });
    expect(await auditOf(t, id, 'swap.decline')).toHaveLength(1);
    expect(await messagesTo(t, a.userId, 'swap_declined')).toHaveLength(2);

    // Both see it as declined; the status filter knows it; the shift is free to offer again.
    expect((await t.http.get(`/api/swaps/${id}`).set('Authorization', a.token)).body.status).toBe('declined');
    const listed = await t.http.get('/api/swaps?status=declined').set('Authorization', b.token);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((s: { id: number }) => s.id)).toEqual([id]);
    expect((await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: c.lawyer.id })).status).toBe(201);
  });

  it('only the named colleague may decline: the requester, another lawyer, a coordinator and staff get 403', async () => {
    const { members, id } = await namedGiveaway('2026-12-11');
    const [a, , c] = members as [Member, Member, Member];
    const refused: [string, string][] = [
      ['the requester', a.token],
      ['another lawyer', c.token],
      ['a coordinator', coord],
      ['staff', await t.tokenFor('staff')],
    ];
    for (const [who, token] of refused) {
      const res = await post(`/api/swaps/${id}/decline`, token);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code, who).toBe('forbidden');
    }
    expect(await swapRow(id)).toMatchObject({ status: 'pending', activeKey: expect.any(String) });
    expect(await auditOf(t, id, 'swap.decline')).toHaveLength(0);
    expect((await post('/api/swaps/999999/decline', c.token)).status).toBe(404);
    expect((await post(`/api/swaps/${id}/decline`, c.token, { note: 1 })).status).toBe(400);
  });

  it('the owner of the shift asked for in an exchange may decline it', async () => {
    const { station, members } = await crew(t, 2);
    const [a, b] = members as [Member, Member];
    const mine = await t.make.shift({ date: '2026-12-14', stationId: station.id, lawyerId: a.lawyer.id });
    const theirs = await t.make.shift({ date: '2026-12-15', stationId: station.id, lawyerId: b.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: mine.id, type: 'exchange', toShiftId: theirs.id });
    expect(asked.status).toBe(201);
    const res = await post(`/api/swaps/${asked.body.id}/decline`, b.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'declined', decisionNote: null });
    expect(await messagesTo(t, a.userId, 'swap_declined')).toHaveLength(1);
    expect(await shiftRow(t, mine.id)).toMatchObject({ lawyerId: a.lawyer.id, version: 1 });
    expect(await shiftRow(t, theirs.id)).toMatchObject({ lawyerId: b.lawyer.id, version: 1 });
  });

  it('an open offer cannot be declined: nobody was asked', async () => {
    const { station, members } = await crew(t, 2);
    const [a, b] = members as [Member, Member];
    const shift = await t.make.shift({ date: '2026-12-16', stationId: station.id, lawyerId: a.lawyer.id });
    const offer = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway' });
    expect(offer.body.open).toBe(true);
    const res = await post(`/api/swaps/${offer.body.id}/decline`, b.token);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/open offer/) });
    expect(await swapRow(offer.body.id)).toMatchObject({ status: 'pending', toLawyerId: null });
    // Still open to take.
    expect((await post(`/api/swaps/${offer.body.id}/accept`, b.token)).status).toBe(200);
  });

  it('an accepted swap cannot be declined; it still goes on to approval', async () => {
    const { id, shift, members } = await namedGiveaway('2026-12-17');
    const [, b] = members as [Member, Member];
    expect((await post(`/api/swaps/${id}/accept`, b.token)).status).toBe(200);
    const res = await post(`/api/swaps/${id}/decline`, b.token);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already accepted/);
    expect(await swapRow(id)).toMatchObject({ status: 'accepted' });
    expect((await post(`/api/swaps/${id}/approve`, coord)).status).toBe(200);
    expect((await shiftRow(t, shift.id)).lawyerId).toBe(b.lawyer.id);
  });

  it('a declined swap can no longer be accepted, approved, rejected or cancelled', async () => {
    const { id, shift, members } = await namedGiveaway('2026-12-18');
    const [a, b] = members as [Member, Member];
    expect((await post(`/api/swaps/${id}/decline`, b.token)).status).toBe(200);
    const after: [string, string][] = [
      ['accept', b.token],
      ['approve', coord],
      ['reject', coord],
      ['cancel', a.token],
    ];
    for (const [action, token] of after) {
      const res = await post(`/api/swaps/${id}/${action}`, token);
      expect(res.status, action).toBe(409);
    }
    expect(await swapRow(id)).toMatchObject({ status: 'declined' });
    expect(await shiftRow(t, shift.id)).toMatchObject({ lawyerId: a.lawyer.id, version: 1 });
    expect((await auditOf(t, id)).map((r) => r.action).sort()).toEqual(['swap.decline', 'swap.request']);
  });

  it('decline and accept sent at once by the named colleague: exactly one wins', async () => {
    const dates = ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24'];
    for (const [i, date] of dates.entries()) {
      // Half the rounds where acceptance applies at once, and the two requests in both orders.
      const { id, shift, members } = await namedGiveaway(date, 2, { swapAutoApprove: i % 2 === 1 });
      const [a, b] = members as [Member, Member];
      const send = (action: string) => server.http.post(`/api/swaps/${id}/${action}`).set('Authorization', b.token).send({});
      const [decline, accept] = i < 2
        ? await Promise.all([send('decline'), send('accept')])
        : await Promise.all([send('accept'), send('decline')]).then(([acc, dec]) => [dec, acc] as const);

      expect([decline.status, accept.status].sort(), date).toEqual([200, 409]);
      const row = await swapRow(id);
      const moved = (await shiftRow(t, shift.id)).lawyerId === b.lawyer.id;
      if (decline.status === 200) {
        expect(row.status, date).toBe('declined');
        expect(moved, date).toBe(false);
        expect(await auditOf(t, id, 'swap.accept'), date).toHaveLength(0);
      } else {
        expect(row.status, date).toBe(i % 2 === 1 ? 'applied' : 'accepted');
        expect(moved, date).toBe(i % 2 === 1);
        expect(await auditOf(t, id, 'swap.decline'), date).toHaveLength(0);
        expect((await messagesTo(t, a.userId, 'swap_declined')).filter((n) => n.payload?.swapId === id), date).toHaveLength(0);
      }
    }
  });
});
