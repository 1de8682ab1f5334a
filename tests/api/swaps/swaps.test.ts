import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AppointmentEntity } from '../../../server/bookings/appointments.entity.js';
import { LawyerStationEntity } from '../../../server/lawyers/lawyers.entity.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import { SwapEntity } from '../../../server/swaps/swaps.entity.js';
import { auditOf, crew, member, messagesTo, shiftRow, type Member } from './helpers.js';

describeEachDb('swaps', (kind) => {
  let t: TestApp;
  let coord: string;
  let coordId: number;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00' });
    const c = await t.make.user({ role: 'coordinator' });
    const login = await t.http.post('/api/auth/login').send({ username: c.username, password: c.password });
    coord = `Bearer ${login.body.token}`;
    coordId = c.id;
  });
  afterAll(() => t.close());

  const post = (path: string, token: string, body: unknown = {}) => t.http.post(path).set('Authorization', token).send(body as object);
  const get = (path: string, token: string) => t.http.get(path).set('Authorization', token);

  it('a named giveaway: asked, accepted, approved — the shift changes hands once, everything audited and told', async () => {
    const { station, members } = await crew(t, 3);
    const [a, b, c] = members as [Member, Member, Member];
    const shift = await t.make.shift({ date: '2026-12-10', stationId: station.id, lawyerId: a.lawyer.id });

    const asked = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id, note: '出庭' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'pending',
      type: 'giveaway',
      open: false,
      fromLawyerId: a.lawyer.id,
      toLawyerId: b.lawyer.id,
      note: '出庭',
      needsApproval: true,
      shift: { id: shift.id, date: '2026-12-10', stationId: station.id, lawyerName: a.lawyer.name, stationName: station.name },
    });
    const id = asked.body.id as number;
    expect(await messagesTo(t, b.userId, 'swap_requested')).toHaveLength(1);
    expect(await messagesTo(t, c.userId)).toHaveLength(0);

    // Wrong people and wrong moments.
    expect((await post(`/api/swaps/${id}/accept`, c.token)).status).toBe(403);
    expect((await post(`/api/swaps/${id}/accept`, a.token)).status).toBe(403);
    expect((await post(`/api/swaps/${id}/accept`, coord)).status).toBe(403);
    expect((await post(`/api/swaps/${id}/approve`, b.token)).status).toBe(403);
    expect((await post(`/api/swaps/${id}/reject`, a.token)).status).toBe(403);
    const early = await post(`/api/swaps/${id}/approve`, coord);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('conflict');

    const accepted = await post(`/api/swaps/${id}/accept`, b.token, { note: '可以' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', toLawyerId: b.lawyer.id });
    expect((await post(`/api/swaps/${id}/accept`, b.token)).status).toBe(409);
    expect(await messagesTo(t, a.userId, 'swap_accepted')).toHaveLength(1);
    expect(await messagesTo(t, coordId, 'swap_awaiting_approval')).toHaveLength(1);
    expect((await shiftRow(t, shift.id)).lawyerId).toBe(a.lawyer.id);

    const approved = await post(`/api/swaps/${id}/approve`, coord, { note: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'applied', decisionNote: '同意', shift: { lawyerId: b.lawyer.id } });
    const after = await shiftRow(t, shift.id);
    expect(after).toMatchObject({ lawyerId: b.lawyer.id, source: 'swap', version: 2 });

    for (const action of ['approve', 'reject', 'cancel']) {
      const again = await post(`/api/swaps/${id}/${action}`, coord);
      expect(again.status, action).toBe(409);
    }
    expect((await shiftRow(t, shift.id)).version).toBe(2);
    const audit = await auditOf(t, id);
    expect(audit.map((r) => r.action).sort()).toEqual(['swap.accept', 'swap.apply', 'swap.request']);
    expect(audit.find((r) => r.action === 'swap.apply')).toMatchObject({ userId: coordId, details: expect.objectContaining({ note: '同意' }) });
    expect(audit.find((r) => r.action === 'swap.accept')!.details).toMatchObject({ note: '可以' });
    expect(await messagesTo(t, a.userId, 'swap_applied')).toHaveLength(1);
    expect(await messagesTo(t, b.userId, 'swap_applied')).toHaveLength(1);

    // Fairness counts the shifts as they are: the roster credits B now.
    const shifts = await get(`/api/shifts?from=2026-12-10&to=2026-12-10&stationId=${station.id}`, coord);
    expect(shifts.body).toEqual([expect.objectContaining({ id: shift.id, lawyerId: b.lawyer.id, source: 'swap' })]);
  });

  it('refuses swaps that cannot be asked for', async () => {
    const { station, members } = await crew(t, 3);
    const [a, b, c] = members as [Member, Member, Member];
    const shift = await t.make.shift({ date: '2026-12-11', stationId: station.id, lawyerId: a.lawyer.id });
    const draft = await t.make.shift({ date: '2026-12-12', stationId: station.id, lawyerId: a.lawyer.id, status: 'draft' });
    const past = await t.make.shift({ date: '2026-11-30', stationId: station.id, lawyerId: a.lawyer.id });
    const startedToday = await t.make.shift({ date: '2026-12-01', stationId: station.id, lawyerId: a.lawyer.id });

    const cases: [string, string, Record<string, unknown>, number][] = [
      ['someone else’s shift', b.token, { shiftId: shift.id, type: 'giveaway' }, 403],
      ['a draft shift (a lawyer cannot see it)', a.token, { shiftId: draft.id, type: 'giveaway' }, 400],
      ['a draft shift (coordinator)', coord, { shiftId: draft.id, type: 'giveaway' }, 409],
      ['a past shift', a.token, { shiftId: past.id, type: 'giveaway' }, 409],
      ['a shift that has started', a.token, { shiftId: startedToday.id, type: 'giveaway' }, 409],
      ['an exchange without a shift in return', a.token, { shiftId: shift.id, type: 'exchange', toLawyerId: b.lawyer.id }, 400],
      ['a giveaway to oneself', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: a.lawyer.id }, 400],
      ['a giveaway to nobody known', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: 999_999 }, 400],
      ['an unknown shift', a.token, { shiftId: 999_999, type: 'giveaway' }, 400],
      ['a bad type', a.token, { shiftId: shift.id, type: 'trade' }, 400],
      ['a staff member', await t.tokenFor('staff'), { shiftId: shift.id, type: 'giveaway' }, 403],
    ];
    for (const [name, token, body, status] of cases) {
      const res = await post('/api/swaps', token, body);
      expect(res.status, name).toBe(status);
    }

    // A named colleague who is away that day: said at once, 409 lawyer_busy with the reason.
    await t.make.unavailability(c.lawyer.id, '2026-12-11', '2026-12-11');
    const away = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: c.lawyer.id });
    expect(away.status).toBe(409);
    expect(away.body.error).toMatchObject({ code: 'lawyer_busy', details: [expect.objectContaining({ path: 'unavailable' })] });

    // One live swap per shift; after a cancel the shift can be offered again.
    const first = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway' });
    expect(first.status).toBe(201);
    const second = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    expect(second.status).toBe(409);
    expect((await post(`/api/swaps/${first.body.id}/cancel`, a.token)).status).toBe(200);
    expect((await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id })).status).toBe(201);
    expect(await t.db.read((m) => m.countBy(SwapEntity, { shiftId: shift.id }))).toBe(2);
  });

  it('an open offer goes to every eligible colleague; the outsider is refused, the busy one told why, the first taker wins', async () => {
    const { station, members } = await crew(t, 4);
    const [a, b, c, d] = members as [Member, Member, Member, Member];
    const other = await t.make.station();
    const outsider = await member(t, [other.id]);
    const shift = await t.make.shift({ date: '2026-12-14', stationId: station.id, lawyerId: a.lawyer.id });
    await t.make.shift({ date: '2026-12-14', stationId: other.id, lawyerId: d.lawyer.id }); // D is on duty elsewhere

    const offer = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', note: '请帮忙' });
    expect(offer.status).toBe(201);
    expect(offer.body).toMatchObject({ open: true, toLawyerId: null });
    const id = offer.body.id as number;
    for (const m of [b, c]) expect(await messagesTo(t, m.userId, 'swap_offer'), 'eligible colleague told').toHaveLength(1);
    for (const m of [a, d, outsider]) expect(await messagesTo(t, m.userId, 'swap_offer')).toHaveLength(0);

    expect((await post(`/api/swaps/${id}/accept`, outsider.token)).status).toBe(403);
    const busy = await post(`/api/swaps/${id}/accept`, d.token);
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'lawyer_busy', details: [expect.objectContaining({ path: 'busy' })] });

    const won = await post(`/api/swaps/${id}/accept`, c.token);
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ status: 'accepted', toLawyerId: c.lawyer.id, open: false });
    const lost = await post(`/api/swaps/${id}/accept`, b.token);
    expect(lost.status).toBe(409);
    expect(lost.body.error.message).toMatch(/already accepted/);
  });

  it('applies at once on acceptance where the station auto-approves', async () => {
    const { station, members } = await crew(t, 2, { swapAutoApprove: true });
    const [a, b] = members as [Member, Member];
    const shift = await t.make.shift({ date: '2026-12-15', stationId: station.id, lawyerId: a.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    expect(asked.body.needsApproval).toBe(false);
    const res = await post(`/api/swaps/${asked.body.id}/accept`, b.token);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('applied');
    expect(await shiftRow(t, shift.id)).toMatchObject({ lawyerId: b.lawyer.id, source: 'swap', version: 2 });
    expect((await auditOf(t, asked.body.id)).map((r) => r.action).sort()).toEqual(['swap.accept', 'swap.apply', 'swap.request']);
    expect(await messagesTo(t, coordId, 'swap_awaiting_approval').then((r) => r.filter((n) => n.payload?.swapId === asked.body.id))).toHaveLength(0);
  });

  it('re-checks when applying: a taker who became unavailable → 409 and nothing changes; coordinators see the conflict', async () => {
    const { station, members } = await crew(t, 2);
    const [a, b] = members as [Member, Member];
    const shift = await t.make.shift({ date: '2026-12-16', stationId: station.id, lawyerId: a.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    const id = asked.body.id as number;
    expect((await post(`/api/swaps/${id}/accept`, b.token)).status).toBe(200);
    await t.make.unavailability(b.lawyer.id, '2026-12-16', '2026-12-18', '出庭');

    const refused = await post(`/api/swaps/${id}/approve`, coord);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('lawyer_busy');
    expect(refused.body.error.message).toMatch(/unavailable/);
    expect(await shiftRow(t, shift.id)).toMatchObject({ lawyerId: a.lawyer.id, version: 1, source: 'manual' });
    const view = await get(`/api/swaps/${id}`, coord);
    expect(view.body).toMatchObject({ status: 'accepted', conflicts: [expect.objectContaining({ code: 'unavailable', lawyerId: b.lawyer.id })] });
    const inbox = await get('/api/swaps?status=accepted', coord);
    expect(inbox.body.items.find((s: { id: number }) => s.id === id).conflicts).toEqual([expect.objectContaining({ code: 'unavailable' })]);
    expect(await auditOf(t, id, 'swap.apply')).toHaveLength(0);

    const rejected = await post(`/api/swaps/${id}/reject`, coord, { note: '律师请假' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '律师请假' });
    expect(await messagesTo(t, a.userId, 'swap_rejected')).toHaveLength(1);
    expect(await messagesTo(t, b.userId, 'swap_rejected')).toHaveLength(1);
  });

  it('re-checks when applying: a shift changed since the request (reassigned) → 409 conflict', async () => {
    const { station, members } = await crew(t, 3);
    const [a, b, c] = members as [Member, Member, Member];
    const shift = await t.make.shift({ date: '2026-12-17', stationId: station.id, lawyerId: a.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    expect((await post(`/api/swaps/${asked.body.id}/accept`, b.token)).status).toBe(200);
    const edit = await t.http.patch(`/api/shifts/${shift.id}`).set('Authorization', coord).send({ lawyerId: c.lawyer.id });
    expect(edit.status).toBe(200);
    const refused = await post(`/api/swaps/${asked.body.id}/approve`, coord);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', details: [expect.objectContaining({ path: 'shift_changed' })] });
    expect(await shiftRow(t, shift.id)).toMatchObject({ lawyerId: c.lawyer.id, version: 2, source: 'manual' });
  });

  it('an exchange moves both shifts at once, or neither', async () => {
    const { station, members } = await crew(t, 3);
    const [a, b, c] = members as [Member, Member, Member];
    const mine = await t.make.shift({ date: '2026-12-18', stationId: station.id, lawyerId: a.lawyer.id });
    const theirs = await t.make.shift({ date: '2026-12-21', stationId: station.id, lawyerId: b.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: mine.id, type: 'exchange', toShiftId: theirs.id });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ toLawyerId: b.lawyer.id, toShiftId: theirs.id, toShift: { date: '2026-12-21', lawyerId: b.lawyer.id } });
    expect(await messagesTo(t, b.userId, 'swap_requested')).toHaveLength(1);
    expect((await post(`/api/swaps/${asked.body.id}/accept`, c.token)).status).toBe(403);
    expect((await post(`/api/swaps/${asked.body.id}/accept`, b.token)).status).toBe(200);
    const done = await post(`/api/swaps/${asked.body.id}/approve`, coord);
    expect(done.status).toBe(200);
    expect(await shiftRow(t, mine.id)).toMatchObject({ lawyerId: b.lawyer.id, source: 'swap', version: 2 });
    expect(await shiftRow(t, theirs.id)).toMatchObject({ lawyerId: a.lawyer.id, source: 'swap', version: 2 });

    // Neither: A got a duty elsewhere on C's day after asking, so A cannot take it.
    const mine2 = await t.make.shift({ date: '2026-12-22', stationId: station.id, lawyerId: a.lawyer.id });
    const theirs2 = await t.make.shift({ date: '2026-12-23', stationId: station.id, lawyerId: c.lawyer.id });
    const asked2 = await post('/api/swaps', a.token, { shiftId: mine2.id, type: 'exchange', toShiftId: theirs2.id, toLawyerId: c.lawyer.id });
    expect(asked2.status).toBe(201);
    expect((await post(`/api/swaps/${asked2.body.id}/accept`, c.token)).status).toBe(200);
    await t.make.shift({ date: '2026-12-23', stationId: (await t.make.station()).id, lawyerId: a.lawyer.id });
    const refused = await post(`/api/swaps/${asked2.body.id}/approve`, coord);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'busy' })]);
    expect(await shiftRow(t, mine2.id)).toMatchObject({ lawyerId: a.lawyer.id, version: 1 });
    expect(await shiftRow(t, theirs2.id)).toMatchObject({ lawyerId: c.lawyer.id, version: 1 });
    expect((await get(`/api/swaps/${asked2.body.id}`, coord)).body.status).toBe('accepted');
  });

  it('applying a swap closes other live swaps over the same shifts (they could never apply)', async () => {
    const { station, members } = await crew(t, 3);
    const [a, b, c] = members as [Member, Member, Member];
    const x = await t.make.shift({ date: '2026-12-19', stationId: station.id, lawyerId: a.lawyer.id });
    const y = await t.make.shift({ date: '2026-12-26', stationId: station.id, lawyerId: c.lawyer.id });
    const offer = (await post('/api/swaps', a.token, { shiftId: x.id, type: 'giveaway' })).body.id as number;
    const exchange = await post('/api/swaps', c.token, { shiftId: y.id, type: 'exchange', toShiftId: x.id });
    expect(exchange.status).toBe(201);
    expect((await post(`/api/swaps/${offer}/accept`, b.token)).status).toBe(200);
    expect((await post(`/api/swaps/${offer}/approve`, coord)).status).toBe(200);
    const closed = await get(`/api/swaps/${exchange.body.id}`, coord);
    expect(closed.body).toMatchObject({ status: 'cancelled', reason: `superseded by swap ${offer}` });
    expect(await auditOf(t, exchange.body.id, 'swap.supersede')).toHaveLength(1);
    expect(await messagesTo(t, c.userId, 'swap_cancelled')).toHaveLength(1);
    // y is free for a new swap again.
    expect((await post('/api/swaps', c.token, { shiftId: y.id, type: 'giveaway' })).status).toBe(201);
  });

  it('exchanges two stations on the same day (the unique lawyer-per-day index holds throughout)', async () => {
    const { station, members } = await crew(t, 1);
    const [a] = members as [Member];
    const s2 = await t.make.station();
    const b = await member(t, [station.id, s2.id]);
    await t.db.tx((m) => m.insert(LawyerStationEntity, { lawyerId: a.lawyer.id, stationId: s2.id }));
    const here = await t.make.shift({ date: '2026-12-24', stationId: station.id, lawyerId: a.lawyer.id });
    const there = await t.make.shift({ date: '2026-12-24', stationId: s2.id, lawyerId: b.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: here.id, type: 'exchange', toShiftId: there.id });
    expect(asked.status).toBe(201);
    expect((await post(`/api/swaps/${asked.body.id}/accept`, b.token)).status).toBe(200);
    const done = await post(`/api/swaps/${asked.body.id}/approve`, coord);
    expect(done.status).toBe(200);
    expect(await shiftRow(t, here.id)).toMatchObject({ lawyerId: b.lawyer.id, date: '2026-12-24', stationId: station.id, version: 2 });
    expect(await shiftRow(t, there.id)).toMatchObject({ lawyerId: a.lawyer.id, date: '2026-12-24', stationId: s2.id, version: 2 });
  });

  it('cancel: the requester or a coordinator; a coordinator may ask on a lawyer’s behalf', async () => {
    const { station, members } = await crew(t, 3);
    const [a, b, c] = members as [Member, Member, Member];
    const shift = await t.make.shift({ date: '2026-12-25', stationId: station.id, lawyerId: a.lawyer.id });
    const asked = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    const id = asked.body.id as number;
    expect((await post(`/api/swaps/${id}/cancel`, c.token)).status).toBe(403);
    expect((await post(`/api/swaps/${id}/cancel`, b.token)).status).toBe(403);
    const cancelled = await post(`/api/swaps/${id}/cancel`, a.token, { note: '不需要了' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: '不需要了' });
    expect((await post(`/api/swaps/${id}/cancel`, a.token)).status).toBe(409);
    expect((await post(`/api/swaps/${id}/accept`, b.token)).status).toBe(409);
    expect(await messagesTo(t, b.userId, 'swap_cancelled')).toHaveLength(1);
    expect((await auditOf(t, id, 'swap.cancel'))[0]).toMatchObject({ userId: a.userId, details: expect.objectContaining({ note: '不需要了' }) });

    const onBehalf = await post('/api/swaps', coord, { shiftId: shift.id, type: 'giveaway' });
    expect(onBehalf.status).toBe(201);
    expect(onBehalf.body).toMatchObject({ fromLawyerId: a.lawyer.id, open: true });
    expect((await post(`/api/swaps/${onBehalf.body.id}/cancel`, a.token)).status).toBe(200);
    const again = await post('/api/swaps', coord, { shiftId: shift.id, type: 'giveaway' });
    expect((await post(`/api/swaps/${again.body.id}/cancel`, coord)).status).toBe(200);
  });

  it('lists: a lawyer sees their own and the open offers they can take; coordinators everything, filtered', async () => {
    const { station, members } = await crew(t, 4);
    const [a, b, c, d] = members as [Member, Member, Member, Member];
    const other = await t.make.station();
    const outsider = await member(t, [other.id]);
    const offered = await t.make.shift({ date: '2026-12-28', stationId: station.id, lawyerId: a.lawyer.id });
    await t.make.shift({ date: '2026-12-28', stationId: other.id, lawyerId: d.lawyer.id }); // D is busy that day
    const named = await t.make.shift({ date: '2026-12-29', stationId: station.id, lawyerId: b.lawyer.id });
    const open = (await post('/api/swaps', a.token, { shiftId: offered.id, type: 'giveaway' })).body;
    const toC = (await post('/api/swaps', b.token, { shiftId: named.id, type: 'giveaway', toLawyerId: c.lawyer.id })).body;

    const ids = async (token: string, q = '') => ((await get(`/api/swaps${q}`, token)).body.items as { id: number }[]).map((s) => s.id);
    expect(await ids(a.token)).toEqual([open.id]);
    expect(await ids(b.token)).toEqual([toC.id, open.id]);
    expect(await ids(c.token)).toEqual([toC.id, open.id]);
    expect(await ids(d.token)).toEqual([]); // on duty elsewhere that day: cannot take it
    expect(await ids(outsider.token)).toEqual([]);
    const cView = (await get('/api/swaps', c.token)).body.items as { id: number; canAccept: boolean; conflicts?: unknown }[];
    expect(cView.map((s) => [s.id, s.canAccept])).toEqual([[toC.id, true], [open.id, true]]);
    expect(cView[0]!.conflicts).toBeUndefined();
    expect((await get(`/api/swaps?lawyerId=${a.lawyer.id}`, b.token)).status).toBe(403);
    expect(await ids(c.token, '?status=applied')).toEqual([]);
    expect((await get('/api/swaps?status=nonsense', c.token)).status).toBe(400);

    const all = await get(`/api/swaps?lawyerId=${b.lawyer.id}&status=pending,accepted&pageSize=10`, coord);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(all.body.items[0]).toMatchObject({ id: toC.id, conflicts: [], shift: { lawyerName: b.lawyer.name }, toLawyerName: c.lawyer.name });
    const paged = await get('/api/swaps?pageSize=1&page=2', coord);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThan(2);

    // One swap: visible to those involved and to who could take an open offer; 404 otherwise.
    expect((await get(`/api/swaps/${toC.id}`, c.token)).status).toBe(200);
    expect((await get(`/api/swaps/${toC.id}`, a.token)).status).toBe(404);
    expect((await get(`/api/swaps/${open.id}`, b.token)).body.canAccept).toBe(true);
    expect((await get(`/api/swaps/${open.id}`, outsider.token)).status).toBe(404);

    // Once C is away that day, the named offer is still C's to see, but not to accept.
    await t.make.unavailability(c.lawyer.id, '2026-12-29', '2026-12-29');
    expect((await get(`/api/swaps/${toC.id}`, c.token)).body.canAccept).toBe(false);
    expect(((await get('/api/swaps', c.token)).body.items as { id: number; canAccept: boolean }[]).find((s) => s.id === toC.id)!.canAccept).toBe(false);
  });

  it('candidates: colleagues who could actually take the shift', async () => {
    const { station, members } = await crew(t, 5);
    const [a, b, c, d, e] = members as [Member, Member, Member, Member, Member];
    const shift = await t.make.shift({ date: '2026-12-30', stationId: station.id, lawyerId: a.lawyer.id });
    await t.make.shift({ date: '2026-12-30', stationId: (await t.make.station()).id, lawyerId: d.lawyer.id });
    await t.make.unavailability(e.lawyer.id, '2026-12-30', '2026-12-30');
    await t.make.shift({ date: '2026-12-02', stationId: station.id, lawyerId: c.lawyer.id });
    const expected = [b.lawyer.id, c.lawyer.id]; // B has no duty this month, C has one

    const byShift = await get(`/api/swaps/candidates?shiftId=${shift.id}`, a.token);
    expect(byShift.status).toBe(200);
    expect(byShift.body.map((x: { lawyerId: number }) => x.lawyerId)).toEqual(expected);
    expect(byShift.body[1]).toMatchObject({ name: c.lawyer.name, dutiesThatMonth: 1 });
    expect((await get(`/api/swaps/candidates?shiftId=${shift.id}`, b.token)).status).toBe(403);
    expect((await get(`/api/swaps/candidates?shiftId=${shift.id}`, coord)).status).toBe(200);

    const offer = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway' });
    const bySwap = await get(`/api/swaps/${offer.body.id}/candidates`, a.token);
    expect(bySwap.body.map((x: { lawyerId: number }) => x.lawyerId)).toEqual(expected);
    expect((await get(`/api/swaps/${offer.body.id}/candidates`, b.token)).status).toBe(403);
  });

  it('tells each booked worker of that day that their consultation is now with the new lawyer (SMS, in the language they booked in)', async () => {
    const { station, members } = await crew(t, 2, { swapAutoApprove: true });
    const [a, b] = members as [Member, Member];
    const shift = await t.make.shift({ date: '2026-12-31', stationId: station.id, lawyerId: a.lawyer.id });
    const now = t.clock.now();
    const appt = (code: string, slotTime: string, status: 'booked' | 'cancelled', phone: string, lang: 'zh' | 'en' = 'zh') => ({
      code,
      stationId: station.id,
      date: '2026-12-31',
      slotTime,
      startAt: new Date(`2026-12-31T${slotTime}:00+08:00`),
      endAt: new Date(new Date(`2026-12-31T${slotTime}:00+08:00`).getTime() + 30 * 60_000),
      status,
      source: 'online' as const,
      name: '王五',
      phone,
      category: 'wage_arrears',
      note: null,
      consentAt: now,
      outcomeServices: null,
      amountInvolved: null,
      outcomeNote: null,
      checkedInAt: null,
      completedAt: null,
      cancelledAt: null,
      createdBy: null,
      lang,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await t.db.tx((m) =>
      m.insert(AppointmentEntity, [
        appt(`S${station.id}-A`, '09:00', 'booked', '13900000001'),
        appt(`S${station.id}-B`, '10:00', 'booked', '13900000002'),
        appt(`S${station.id}-C`, '11:00', 'cancelled', '13900000003'),
        appt(`S${station.id}-D`, '11:30', 'booked', '13900000004', 'en'),
      ] as never),
    );
    const asked = await post('/api/swaps', a.token, { shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    const res = await post(`/api/swaps/${asked.body.id}/accept`, b.token);
    expect(res.body.status).toBe('applied');
    const sms = await t.db.read((m) => m.findBy(NotificationEntity, { channel: 'sms', kind: 'booking.lawyer_changed' }));
    const mine = sms.filter((n) => n.payload?.swapId === asked.body.id);
    expect(mine.map((n) => n.recipientPhone).sort()).toEqual(['13900000001', '13900000002', '13900000004']);
    expect(mine[0]!.body).toContain(b.lawyer.name);
    const english = mine.find((n) => n.recipientPhone === '13900000004')!;
    expect(english.body).toBe(
      `Your consultation at ${station.name}, 2026-12-31 11:30 (code S${station.id}-D) is now with lawyer ${b.lawyer.name}. Time and place are the same.`,
    );
    expect(mine.find((n) => n.recipientPhone === '13900000001')!.body).toMatch(/^您预约的.* 2026-12-31 09:00 法律咨询（预约码 S\d+-A）改由 .+ 律师接待，时间地点不变。$/);
    expect(mine.every((n) => n.status === 'pending')).toBe(true);
  });
});

