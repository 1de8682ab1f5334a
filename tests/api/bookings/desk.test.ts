import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { ShiftEntity } from '../../../server/rosters/rosters.entity.js';
import { bookingFor, count } from './helpers.js';

describeEachDb('the desk: walk-ins, visits, outcomes, who sees what', (kind) => {
  let t: TestApp;
  let stationId: number;
  let dutyLawyer: { id: number; name: string };
  let otherLawyer: { id: number; name: string };
  let staff: string;
  let coord: string;
  let shiftId: number;

  beforeAll(async () => {
    t = await setupTestApp(kind);
    stationId = (await t.make.station({ name: '金华镇职工维权服务分站' })).id;
    dutyLawyer = await t.make.lawyer({ name: '赵磊', stationIds: [stationId] });
    otherLawyer = await t.make.lawyer({ name: '黄敏', stationIds: [stationId] });
    shiftId = (await t.make.shift({ date: '2026-12-02', stationId, lawyerId: dutyLawyer.id })).id;
    await t.make.shift({ date: '2026-12-03', stationId, lawyerId: otherLawyer.id });
    staff = await t.tokenFor('staff', { stationId });
    coord = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const book = async (start: string, over: Record<string, unknown> = {}) => {
    const res = await t.http.post('/api/appointments').send(bookingFor(stationId, start, { name: '张三丰', phone: '13812345678', ...over }));
    expect(res.status).toBe(201);
    return res.body as { id: number; code: string };
  };
  const patch = (id: number, token: string, body: object) => t.http.patch(`/api/appointments/${id}`).set('Authorization', token).send(body);
  const list = (token: string, q: string) => t.http.get(`/api/appointments?${q}`).set('Authorization', token);
  /** Run `fn` with the test clock on the morning of `date` (workers are checked in on the day), with fresh sign-ins. */
  const onTheDay = async (date: string, fn: (tokens: { staff: string; coord: string; duty: string; other: string }) => Promise<void>) => {
    t.clock.set(`${date}T08:30:00+08:00`);
    try {
      // Sessions last 12 h on the test clock: sign in again on that morning.
      const tokens = {
        staff: await t.tokenFor('staff', { stationId }),
        coord: await t.tokenFor('coordinator'),
        duty: await t.tokenFor('lawyer', { lawyerId: dutyLawyer.id }),
        other: await t.tokenFor('lawyer', { lawyerId: otherLawyer.id }),
      };
      await fn(tokens);
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
  };

  it('registers a walk-in as checked in at once, over capacity and without a seat', async () => {
    await book('2026-12-02T14:00:00+08:00', { phone: '13700000001' });
    t.clock.set('2026-12-02T13:58:00+08:00');
    try {
      const staff = await t.tokenFor('staff', { stationId }); // sessions last 12 h on the test clock
      const duty = await t.tokenFor('lawyer', { lawyerId: dutyLawyer.id });
      const res = await t.http
        .post('/api/appointments/walk-in')
        .set('Authorization', staff)
        .send({ stationId, name: '李四', phone: '13900001111', category: 'work_injury', consent: true });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'checked_in',
        source: 'walk_in',
        date: '2026-12-02',
        start: '2026-12-02T13:58:00+08:00',
        name: '李四',
        phone: '13900001111',
        lawyerName: '赵磊',
        masked: false,
        checkedInAt: '2026-12-02T13:58:00+08:00',
      });
      expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ?', [res.body.id])).toBe(0);
      // A second walk-in at the very time of a full slot is fine too.
      const more = await t.http
        .post('/api/appointments/walk-in')
        .set('Authorization', staff)
        .send({ stationId, start: '2026-12-02T14:00:00+08:00', name: '王五', phone: '13900002222', category: 'other', consent: true });
      expect(more.status).toBe(201);
      const byLawyer = await t.http.post('/api/appointments/walk-in').set('Authorization', duty).send({});
      expect(byLawyer.status).toBe(403);
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
  });

  it('registers a walk-in only on the day it happens (in the network time zone): any other day is 400 and saves nothing', async () => {
    await onTheDay('2026-12-02', async ({ staff }) => {
      const walkIn = (start: string, phone: string) =>
        t.http.post('/api/appointments/walk-in').set('Authorization', staff).send({ stationId, start, name: '孙七', phone, category: 'other', consent: true });
      const refusals: [string, string][] = [
        ['2027-06-01T09:00:00+08:00', '13900005001'], // a future day
        ['2026-12-03T09:00:00+08:00', '13900005002'], // tomorrow
        ['2026-12-01T16:00:00+08:00', '13900005003'], // yesterday
        ['2026-12-02T16:30:00Z', '13900005004'], // 2026-12-03 00:30 in Shanghai, though the 2nd in UTC
        ['1899-12-31T09:00:00+08:00', '13900005005'],
        ['9999-12-31T09:00:00+08:00', '13900005006'],
      ];
      for (const [start, phone] of refusals) {
        const res = await walkIn(start, phone);
        expect(res.status, start).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('start');
        expect(await count(t, 'SELECT COUNT(*) FROM appointments WHERE phone = ?', [phone])).toBe(0);
      }
      // Today is fine, later or earlier than now, and so is a UTC instant that is today in Shanghai.
      for (const [start, phone] of [
        ['2026-12-02T16:00:00+08:00', '13900005011'],
        ['2026-12-02T08:00:00+08:00', '13900005012'],
        ['2026-12-01T16:30:00Z', '13900005013'],
      ]) {
        const ok = await walkIn(start!, phone!);
        expect(ok.status, start).toBe(201);
        expect(ok.body).toMatchObject({ status: 'checked_in', source: 'walk_in', date: '2026-12-02' });
      }
    });
  });

  it('checks a worker in on the day of the consultation, not before', async () => {
    const { id } = await book('2026-12-02T09:30:00+08:00', { phone: '13700000009' });
    const early = await patch(id, staff, { status: 'checked_in' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('2026-12-02') });
    expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE id = ? AND status = 'booked' AND checked_in_at IS NULL", [id])).toBe(1);
    await onTheDay('2026-12-02', async ({ staff }) => {
      expect((await patch(id, staff, { status: 'checked_in' })).status).toBe(200);
    });
  });

  it('moves along booked → checked_in → completed, requires the outcome, and refuses anything else with 409', async () => {
    const { id } = await book('2026-12-02T11:00:00+08:00', { phone: '13700000002' });
    await onTheDay('2026-12-02', async ({ staff, coord, duty }) => {
      expect((await patch(id, staff, { status: 'completed', outcome: { services: ['advice'] } })).status).toBe(409);
      const checkedIn = await patch(id, staff, { status: 'checked_in' });
      expect(checkedIn.status).toBe(200);
      expect(checkedIn.body.status).toBe('checked_in');
      expect((await patch(id, staff, { status: 'checked_in' })).status).toBe(409);
      expect((await patch(id, staff, { status: 'no_show' })).status).toBe(409);

      const noOutcome = await patch(id, duty, { status: 'completed' });
      expect(noOutcome.status).toBe(400);
      expect(noOutcome.body.error.details[0].path).toBe('outcome');
      const badService = await patch(id, duty, { status: 'completed', outcome: { services: ['magic'] } });
      expect(badService.status).toBe(400);

      const done = await patch(id, duty, {
        status: 'completed',
        outcome: { services: ['advice', 'application_drafted'], amountInvolved: 18600.5, note: '已代写仲裁申请书' },
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        status: 'completed',
        outcome: { services: ['advice', 'application_drafted'], amountInvolved: 18600.5, note: '已代写仲裁申请书' },
      });
      expect((await patch(id, coord, { status: 'checked_in' })).status).toBe(409);
      // A completed consultation keeps its seat in the ledger.
      expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ?', [id])).toBe(1);
      expect((await patch(999_999, staff, { status: 'checked_in' })).status).toBe(404);
    });
  });

  it('marks a no-show only after the start, and gives the seat back', async () => {
    const { id } = await book('2026-12-02T15:00:00+08:00', { phone: '13700000003' });
    expect((await patch(id, staff, { status: 'no_show' })).status).toBe(409);
    t.clock.set('2026-12-02T15:20:00+08:00');
    try {
      const staff = await t.tokenFor('staff', { stationId });
      const res = await patch(id, staff, { status: 'no_show' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('no_show');
      expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ?', [id])).toBe(0);
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
  });

  it('lets only staff, a coordinator and the lawyer on duty that day record a visit', async () => {
    const { id } = await book('2026-12-02T16:00:00+08:00', { phone: '13700000004' });
    await onTheDay('2026-12-02', async ({ duty, other }) => {
      const refused = await patch(id, other, { status: 'checked_in' });
      expect(refused.status).toBe(403);
      expect((await patch(id, duty, { status: 'checked_in' })).status).toBe(200);
    });
  });

  /** Each lawyer's one account, signed in now (signing in at another test-clock time ended its earlier sessions as expired). */
  const lawyerTokens = async () => ({ duty: await t.tokenFor('lawyer', { lawyerId: dutyLawyer.id }), other: await t.tokenFor('lawyer', { lawyerId: otherLawyer.id }) });

  it('shows the duty lawyer their day in full, and another lawyer nothing of it', async () => {
    const { duty, other } = await lawyerTokens();
    const mine = await list(duty, `stationId=${stationId}&date=2026-12-02`);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThan(0);
    for (const a of mine.body.items) {
      expect(a).toMatchObject({ date: '2026-12-02', masked: false, lawyerName: '赵磊' });
    }
    expect(mine.body.items.map((a: { name: string }) => a.name)).toContain('张三丰');
    for (const a of mine.body.items) expect(a.phone).toMatch(/^1[3-9]\d{9}$/);

    const notMine = await list(other, `stationId=${stationId}&date=2026-12-02`);
    expect(notMine.status).toBe(200);
    expect(notMine.body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    const allOfOther = await list(other, `stationId=${stationId}`);
    expect(allOfOther.body.items.every((a: { date: string }) => a.date === '2026-12-03')).toBe(true);
  });

  it('follows the shift when it changes hands: the appointment hangs on the station day', async () => {
    const { duty, other } = await lawyerTokens();
    const { code } = await book('2026-12-02T10:00:00+08:00', { phone: '13700000005' });
    expect((await t.http.get(`/api/appointments/lookup?code=${code}&phone=13700000005`)).body.lawyerName).toBe('赵磊');
    await t.db.tx((m) => m.update(ShiftEntity, { id: shiftId }, { lawyerId: otherLawyer.id, source: 'swap' }));
    try {
      expect((await t.http.get(`/api/appointments/lookup?code=${code}&phone=13700000005`)).body.lawyerName).toBe('黄敏');
      const theirs = await list(other, `stationId=${stationId}&date=2026-12-02`);
      expect(theirs.body.items.map((a: { code: string }) => a.code)).toContain(code);
      expect(theirs.body.items.every((a: { lawyerName: string; masked: boolean }) => a.lawyerName === '黄敏' && !a.masked)).toBe(true);
      expect((await list(duty, `stationId=${stationId}&date=2026-12-02`)).body.total).toBe(0);
    } finally {
      await t.db.tx((m) => m.update(ShiftEntity, { id: shiftId }, { lawyerId: dutyLawyer.id, source: 'manual' }));
    }
  });

  it('gives staff and coordinators full details, the worker a masked phone, and pages the list', async () => {
    const { code } = await book('2026-12-03T09:00:00+08:00', { phone: '13912345678', name: '欧阳娜娜' });
    for (const token of [staff, coord]) {
      const res = await list(token, `stationId=${stationId}&date=2026-12-03`);
      expect(res.body.items[0]).toMatchObject({ name: '欧阳娜娜', phone: '13912345678', masked: false, code });
    }
    const looked = await t.http.get(`/api/appointments/lookup?code=${code}&phone=13912345678`);
    expect(looked.body).toMatchObject({ name: '欧阳娜娜', phone: '139****5678' });
    expect(looked.body).not.toHaveProperty('note');

    const page1 = await list(staff, `stationId=${stationId}&pageSize=2&page=1`);
    const page2 = await list(staff, `stationId=${stationId}&pageSize=2&page=2`);
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.total).toBe(page2.body.total);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    const checked = await list(staff, `stationId=${stationId}&status=checked_in`);
    expect(checked.body.items.every((a: { status: string }) => a.status === 'checked_in')).toBe(true);
    expect((await list(staff, 'status=sleeping')).status).toBe(400);
    expect((await t.http.get('/api/appointments')).status).toBe(401);
    expect((await list(await t.tokenFor('admin'), '')).status).toBe(403);
  });

  it('keeps staff posted at a station to its desk and the outposts under it', async () => {
    const townA = await t.make.station({ level: 'town', name: '朱昌镇职工维权服务分站' });
    const village = await t.make.station({ level: 'village', parentId: townA.id, name: '朱昌镇红星村工会' });
    const townB = await t.make.station({ level: 'town', name: '百花湖镇职工维权服务分站' });
    for (const s of [village, townB]) await t.make.shift({ date: '2026-12-04', stationId: s.id });
    const bookAt = async (sid: number) => {
      const res = await t.http.post('/api/appointments').send(bookingFor(sid, '2026-12-04T10:00:00+08:00', { name: '司马光明', phone: `1371111${String(sid).padStart(4, '0')}` }));
      expect(res.status).toBe(201);
      return res.body.id as number;
    };
    const inVillage = await bookAt(village.id);
    const inTownB = await bookAt(townB.id);
    const staffA = await t.tokenFor('staff', { stationId: townA.id });

    // Full details where they work, masked elsewhere.
    const mine = await list(staffA, `stationId=${village.id}&date=2026-12-04`);
    expect(mine.body.items[0]).toMatchObject({ id: inVillage, name: '司马光明', masked: false });
    const theirs = await list(staffA, `stationId=${townB.id}&date=2026-12-04`);
    expect(theirs.body.items[0]).toMatchObject({ id: inTownB, name: '司***', masked: true });
    expect(theirs.body.items[0].phone).toMatch(/^137\*{4}\d{4}$/);
    // The booking code is hidden whole: with the phone's last four digits it is the worker's key to the booking.
    expect(theirs.body.items[0].code).toBe('*****-*****');
    expect(mine.body.items[0].code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    // Visits and walk-ins: their own station and below only (on the day of the consultations).
    t.clock.set('2026-12-04T08:30:00+08:00');
    try {
      const staffA = await t.tokenFor('staff', { stationId: townA.id }); // sessions last 12 h on the test clock
      const networkStaff = await t.tokenFor('staff');
      expect((await patch(inTownB, staffA, { status: 'checked_in' })).status).toBe(403);
      expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE id = ? AND status = 'booked'", [inTownB])).toBe(1);
      expect((await patch(inVillage, staffA, { status: 'checked_in' })).status).toBe(200);
      const walkIn = (token: string, sid: number) =>
        t.http.post('/api/appointments/walk-in').set('Authorization', token).send({ stationId: sid, name: '李四', phone: '13900002222', category: 'other', consent: true });
      const refused = await walkIn(staffA, townB.id);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect((await walkIn(staffA, village.id)).status).toBe(201);

      // Staff without a station (the district's hotline desk) act for the whole network.
      expect((await list(networkStaff, `stationId=${townB.id}&date=2026-12-04`)).body.items[0]).toMatchObject({ name: '司马光明', masked: false });
      expect((await patch(inTownB, networkStaff, { status: 'checked_in' })).status).toBe(200);
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
  });
});
