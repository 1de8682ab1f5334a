/**
 * A city of several districts on one deployment: a coordinator posted at a district station
 * coordinates that district only — its rotations, rosters, duties, swaps, closures and
 * stations, and its workers' details — while the network's own coordinators (no station)
 * act everywhere, as before. Refusals are 403 in the contract's error shape and change
 * nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { bookingFor } from '../bookings/helpers.js';
import { RosterEntity, ShiftEntity } from '../../../server/rosters/rosters.entity.js';
import { CalendarDayEntity } from '../../../server/calendar/calendar.entity.js';
import { StationEntity } from '../../../server/stations/stations.entity.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';

describeEachDb('a district’s coordinator in a network of many districts', (kind) => {
  let t: TestApp;
  let network: string;
  let east: string;
  let eastUserId: number;
  let eastUser: { id: number; username: string; password: string };
  /** Sessions last 12 h on the test clock: sign in again after moving it. */
  const signInEast = async () => {
    const login = await t.http.post('/api/auth/login').send({ username: eastUser.username, password: eastUser.password });
    expect(login.status).toBe(200);
    return `Bearer ${login.body.token}`;
  };
  const area: Record<'east' | 'west', { district: number; town: number; rotation: number; lawyers: number[] }> = {} as never;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-11-20T10:00:00+08:00' });
    network = await t.tokenFor('coordinator');
    for (const [key, name] of [['east', '东区'], ['west', '西区']] as const) {
      const district = await t.make.station({ name: `${name}职工维权站`, level: 'district' });
      const town = await t.make.station({ name: `${name}城关镇工作站`, level: 'town', parentId: district.id });
      const lawyers: number[] = [];
      for (let i = 0; i < 2; i++) lawyers.push((await t.make.lawyer({ stationIds: [district.id, town.id] })).id);
      const rot = await t.http
        .post('/api/rotations')
        .set('Authorization', network)
        .send({ stationId: district.id, name: '坐班', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', startDate: '2026-12-01', lawyerIds: lawyers });
      expect(rot.status).toBe(201);
      area[key] = { district: district.id, town: town.id, rotation: rot.body.id, lawyers };
    }
    eastUser = await t.make.user({ role: 'coordinator', stationId: area.east.district });
    eastUserId = eastUser.id;
    east = await signInEast();
  });
  afterAll(() => t.close());

  const forbidden = (res: { status: number; body: { error?: { code?: string } } }) => {
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('forbidden');
  };
  const rostersOf = (stationId: number) => t.db.read((m) => m.findBy(RosterEntity, { month: '2026-12', stationId }));

  it('says who acts for the whole network: the network’s coordinator, not a district’s', async () => {
    const wide = async (token: string) => (await t.http.get('/api/me').set('Authorization', token)).body.actsForWholeNetwork;
    expect([await wide(network), await wide(east)]).toEqual([true, false]);
  });

  it('generates and publishes their own district’s roster only', async () => {
    const refused = await t.http.post('/api/rosters/generate').set('Authorization', east).send({ month: '2026-12', stationIds: [area.west.district] });
    forbidden(refused);
    expect(await rostersOf(area.west.district)).toEqual([]);

    const mine = await t.http.post('/api/rosters/generate').set('Authorization', east).send({ month: '2026-12' });
    expect(mine.status).toBe(200);
    expect(mine.body.stations.map((s: { stationId: number }) => s.stationId)).toEqual([area.east.district]);
    expect(mine.body.shifts.length).toBeGreaterThan(0);
    expect(await rostersOf(area.west.district)).toEqual([]);

    // The network's coordinator makes the west's; the east's coordinator may not publish it, and "publish" publishes theirs alone.
    expect((await t.http.post('/api/rosters/generate').set('Authorization', network).send({ month: '2026-12', stationIds: [area.west.district] })).status).toBe(200);
    forbidden(await t.http.post('/api/rosters/2026-12/publish').set('Authorization', east).send({ stationIds: [area.west.district] }));
    const published = await t.http.post('/api/rosters/2026-12/publish').set('Authorization', east).send({});
    expect(published.status).toBe(200);
    expect((await rostersOf(area.east.district))[0]!.status).toBe('published');
    expect((await rostersOf(area.west.district))[0]!.status).toBe('draft');
    expect((await t.http.post('/api/rosters/2026-12/publish').set('Authorization', network).send({})).status).toBe(200);
    expect((await rostersOf(area.west.district))[0]!.status).toBe('published');
  });

  it('changes their own district’s duties and rotations, not another’s', async () => {
    const shiftAt = (stationId: number) => t.db.read((m) => m.findOne(ShiftEntity, { where: { stationId, date: '2026-12-04' } }));
    const west = (await shiftAt(area.west.district))!;
    const other = area.west.lawyers.find((id) => id !== west.lawyerId)!;
    forbidden(await t.http.patch(`/api/shifts/${west.id}`).set('Authorization', east).send({ lawyerId: other }));
    forbidden(await t.http.delete(`/api/shifts/${west.id}`).set('Authorization', east));
    expect((await shiftAt(area.west.district))!.lawyerId).toBe(west.lawyerId);
    forbidden(await t.http.post('/api/shifts').set('Authorization', east).send({ stationId: area.west.town, date: '2026-12-04', lawyerId: other }));
    expect(await t.db.read((m) => m.countBy(ShiftEntity, { stationId: area.west.town }))).toBe(0);

    const mine = (await shiftAt(area.east.district))!;
    const colleague = area.east.lawyers.find((id) => id !== mine.lawyerId)!;
    const moved = await t.http.patch(`/api/shifts/${mine.id}`).set('Authorization', east).send({ lawyerId: colleague, reason: '调班' });
    expect(moved.status).toBe(200);
    expect(moved.body.lawyerId).toBe(colleague);

    forbidden(await t.http.post('/api/rotations').set('Authorization', east).send({ stationId: area.west.town, name: '镇站', rrule: 'FREQ=WEEKLY;BYDAY=TU', startDate: '2026-12-01', lawyerIds: area.west.lawyers }));
    forbidden(await t.http.patch(`/api/rotations/${area.west.rotation}`).set('Authorization', east).send({ name: '改名' }));
    forbidden(await t.http.delete(`/api/rotations/${area.west.rotation}`).set('Authorization', east));
    // Nor may their own rotation be moved to another district.
    forbidden(await t.http.patch(`/api/rotations/${area.east.rotation}`).set('Authorization', east).send({ stationId: area.west.town }));
    const rotations = (await t.http.get('/api/rotations').set('Authorization', network)).body as { id: number; name: string; stationId: number }[];
    expect(rotations.find((r) => r.id === area.west.rotation)?.name).toBe('坐班');
    expect(rotations.find((r) => r.id === area.east.rotation)?.stationId).toBe(area.east.district);
    const own = await t.http.post('/api/rotations').set('Authorization', east).send({ stationId: area.east.town, name: '镇站', rrule: 'FREQ=WEEKLY;BYDAY=TU', startDate: '2026-12-01', lawyerIds: area.east.lawyers });
    expect(own.status).toBe(201);
  });

  it('sees and decides their own district’s swaps only, and only they and the network’s coordinators are told of them', async () => {
    const shiftAt = (stationId: number, date: string) => t.db.read((m) => m.findOneOrFail(ShiftEntity, { where: { stationId, date } }));
    const westShift = await shiftAt(area.west.district, '2026-12-07');
    const eastShift = await shiftAt(area.east.district, '2026-12-07');
    forbidden(await t.http.post('/api/swaps').set('Authorization', east).send({ type: 'giveaway', shiftId: westShift.id }));
    // A west lawyer gives a duty to a colleague, who accepts: it waits for a coordinator's approval.
    const taker = area.west.lawyers.find((id) => id !== westShift.lawyerId)!;
    const west = await t.http
      .post('/api/swaps')
      .set('Authorization', await t.tokenFor('lawyer', { lawyerId: westShift.lawyerId }))
      .send({ type: 'giveaway', shiftId: westShift.id, toLawyerId: taker });
    expect(west.status).toBe(201);
    const accepted = await t.http.post(`/api/swaps/${west.body.id}/accept`).set('Authorization', await t.tokenFor('lawyer', { lawyerId: taker })).send({});
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const mine = await t.http.post('/api/swaps').set('Authorization', east).send({ type: 'giveaway', shiftId: eastShift.id });
    expect(mine.status).toBe(201);

    const listed = await t.http.get('/api/swaps').set('Authorization', east);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((s: { id: number }) => s.id)).toEqual([mine.body.id]);
    expect(listed.body.total).toBe(1);
    expect((await t.http.get(`/api/swaps/${west.body.id}`).set('Authorization', east)).status).toBe(404);
    const all = await t.http.get('/api/swaps').set('Authorization', network);
    expect(all.body.items.map((s: { id: number }) => s.id).sort()).toEqual([mine.body.id, west.body.id].sort());

    forbidden(await t.http.post(`/api/swaps/${west.body.id}/approve`).set('Authorization', east).send({}));
    forbidden(await t.http.post(`/api/swaps/${west.body.id}/reject`).set('Authorization', east).send({}));
    forbidden(await t.http.post(`/api/swaps/${west.body.id}/cancel`).set('Authorization', east).send({}));
    expect((await t.http.get(`/api/swaps/${west.body.id}`).set('Authorization', network)).body.status).toBe('accepted');
    expect((await shiftAt(area.west.district, '2026-12-07')).lawyerId).toBe(westShift.lawyerId);
    expect((await t.http.post(`/api/swaps/${mine.body.id}/cancel`).set('Authorization', east).send({})).status).toBe(200);

    // The swap waiting for approval was announced to the coordinators of its station: the network's, not the east's.
    const told = async (userId: number) =>
      (await t.db.read((m) => m.findBy(NotificationEntity, { recipientUserId: userId }))).filter((n) => JSON.stringify(n.payload ?? {}).includes(`"swapId":${west.body.id}`));
    const networkUserId = (await t.http.get('/api/me').set('Authorization', network)).body.id as number;
    expect((await told(networkUserId)).length).toBeGreaterThan(0);
    expect(await told(eastUserId)).toEqual([]);
    expect((await t.http.post(`/api/swaps/${west.body.id}/approve`).set('Authorization', network).send({})).status).toBe(200);
  });

  it('closes their own district’s stations only; a day for the whole network is the network’s coordinators’', async () => {
    const days = () => t.db.read((m) => m.count(CalendarDayEntity));
    const before = await days();
    forbidden(await t.http.post('/api/calendar-days').set('Authorization', east).send({ date: '2026-12-09', kind: 'holiday', name: '全网停诊' }));
    forbidden(await t.http.post('/api/calendar-days').set('Authorization', east).send({ date: '2026-12-09', kind: 'holiday', name: '西区停诊', stationId: area.west.town }));
    expect(await days()).toBe(before);
    const own = await t.http.post('/api/calendar-days').set('Authorization', east).send({ date: '2026-12-09', kind: 'holiday', name: '东区镇站停诊', stationId: area.east.town });
    expect(own.status).toBe(201);
    const networkDay = await t.http.post('/api/calendar-days').set('Authorization', network).send({ date: '2026-12-10', kind: 'holiday', name: '西区停诊', stationId: area.west.town });
    expect(networkDay.status).toBe(201);
    forbidden(await t.http.delete(`/api/calendar-days/${networkDay.body.id}`).set('Authorization', east));
    expect(await t.db.read((m) => m.existsBy(CalendarDayEntity, { id: networkDay.body.id }))).toBe(true);
    expect((await t.http.delete(`/api/calendar-days/${own.body.id}`).set('Authorization', east)).status).toBe(204);
  });

  it('opens and changes stations inside their district only', async () => {
    const count = () => t.db.read((m) => m.count(StationEntity));
    const before = await count();
    forbidden(await t.http.post('/api/stations').set('Authorization', east).send({ code: 'W-NEW', name: '西区新站', level: 'town', parentId: area.west.district }));
    forbidden(await t.http.post('/api/stations').set('Authorization', east).send({ code: 'D-NEW', name: '新区职工维权站', level: 'district' }));
    forbidden(await t.http.patch(`/api/stations/${area.west.town}`).set('Authorization', east).send({ name: '改名' }));
    // Nor move their own town into another district.
    forbidden(await t.http.patch(`/api/stations/${area.east.town}`).set('Authorization', east).send({ parentId: area.west.district }));
    expect(await count()).toBe(before);
    expect((await t.db.read((m) => m.findOneByOrFail(StationEntity, { id: area.east.town }))).parentId).toBe(area.east.district);
    const opened = await t.http.post('/api/stations').set('Authorization', east).send({ code: 'E-NEW', name: '东区新村服务点', level: 'village', parentId: area.east.town });
    expect(opened.status).toBe(201);
    expect((await t.http.patch(`/api/stations/${opened.body.id}`).set('Authorization', east).send({ name: '东区新村维权服务点' })).status).toBe(200);
  });

  it('sees another district’s workers masked and may not record their visits, nor look a person up across the network', async () => {
    const phone = '13812340001';
    const booked = await t.http.post('/api/appointments').send(bookingFor(area.west.district, '2026-12-04T10:00:00+08:00', { name: '李四', phone }));
    expect(booked.status).toBe(201);
    const list = (token: string) => t.http.get(`/api/appointments?stationId=${area.west.district}&date=2026-12-04`).set('Authorization', token);
    const masked = await list(east);
    expect(masked.status).toBe(200);
    expect(JSON.stringify(masked.body)).not.toContain(phone);
    expect(JSON.stringify((await list(network)).body)).toContain(phone);

    // On the day, the east's coordinator may not check the west's worker in; the network's may.
    t.clock.set('2026-12-04T09:30:00+08:00');
    try {
      const checkIn = async (token: string) => t.http.patch(`/api/appointments/${booked.body.id}`).set('Authorization', token).send({ status: 'checked_in' });
      forbidden(await checkIn(await signInEast()));
      expect((await checkIn(await t.tokenFor('coordinator'))).status).toBe(200);
    } finally {
      t.clock.set('2026-11-20T10:00:00+08:00');
    }

    const lookup = await t.http.get(`/api/privacy/subjects?phone=${phone}`).set('Authorization', await signInEast());
    forbidden(lookup);
    expect(JSON.stringify(lookup.body)).not.toContain('李四');
    expect((await t.http.get(`/api/privacy/subjects?phone=${phone}`).set('Authorization', network)).status).toBe(200);
  });
});
