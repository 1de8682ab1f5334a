/**
 * What has happened stays as it happened: regenerating a published month in the middle of
 * it leaves the past and today's published duties alone (their consultations were given
 * by, or promised with, the lawyer on them), keeps the shifts a swap in progress is about,
 * and tells the coordinator of bookings left without a duty. A shift that workers booked
 * against is not deleted from under them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { ShiftEntity, type ShiftRow } from '../../../server/rosters/rosters.entity.js';
import { bookingFor } from '../bookings/helpers.js';

describeEachDb('rosters keep their history', (kind) => {
  let t: TestApp;
  let coord: string;
  let stationId: number;
  let rotationId: number;
  let lawyerIds: number[];
  let published: ShiftRow[];
  let lawyerTokens: Map<number, string>;

  const shiftsOf = async (): Promise<ShiftRow[]> =>
    t.db.read((m) => m.find(ShiftEntity, { where: { stationId }, order: { date: 'ASC', seat: 'ASC' } }));

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-11-20T10:00:00+08:00' });
    coord = await t.tokenFor('coordinator');
    const station = await t.make.station({ name: '历史站' });
    stationId = station.id;
    lawyerIds = [];
    lawyerTokens = new Map();
    for (const name of ['甲', '乙', '丙']) lawyerIds.push((await t.make.lawyer({ name: `律师${name}`, stationIds: [stationId] })).id);
    const rot = await t.http
      .post('/api/rotations')
      .set('Authorization', coord)
      .send({ stationId, name: '坐班', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', startDate: '2026-12-01', lawyerIds });
    expect(rot.status).toBe(201);
    rotationId = rot.body.id;
    expect((await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-12', stationIds: [stationId] })).status).toBe(200);
    expect((await t.http.post('/api/rosters/2026-12/publish').set('Authorization', coord).send({ stationIds: [stationId] })).status).toBe(200);
    published = await shiftsOf();
    expect(published.length).toBe(23); // December 2026's working days
    // Ten days into the month: workers have booked today and next Tuesday.
    t.clock.set('2026-12-10T08:00:00+08:00');
    coord = await t.tokenFor('coordinator'); // sessions do not last 20 days
    for (const id of lawyerIds) lawyerTokens.set(id, await t.tokenFor('lawyer', { lawyerId: id }));
    for (const start of ['2026-12-10T14:00:00+08:00', '2026-12-15T09:00:00+08:00']) {
      expect((await t.http.post('/api/appointments').send(bookingFor(stationId, start))).status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('regenerates only what lies ahead: past days and today’s published duty stay, with their lawyers', async () => {
    // The lawyer of a past day and of today is away on those days now: a blind regeneration would move them.
    const dec2 = published.find((s) => s.date === '2026-12-02')!;
    const dec10 = published.find((s) => s.date === '2026-12-10')!;
    await t.make.unavailability(dec2.lawyerId, '2026-12-02', '2026-12-02');
    await t.make.unavailability(dec10.lawyerId, '2026-12-10', '2026-12-10');
    // A swap in progress over a shift ahead.
    const dec17 = published.find((s) => s.date === '2026-12-17')!;
    const to = lawyerIds.find((id) => id !== dec17.lawyerId && !published.some((s) => s.date === '2026-12-17' && s.lawyerId === id))!;
    const swap = await t.http.post('/api/swaps').set('Authorization', lawyerTokens.get(dec17.lawyerId)!).send({ shiftId: dec17.id, type: 'giveaway', toLawyerId: to });
    expect(swap.status).toBe(201);

    const res = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-12', stationIds: [stationId], force: true });
    expect(res.status).toBe(200);
    const after = await shiftsOf();
    const byDate = (rows: ShiftRow[], date: string) => rows.filter((s) => s.date === date);
    for (const before of published.filter((s) => s.date <= '2026-12-10')) {
      const now = after.find((s) => s.id === before.id);
      expect(now, before.date).toMatchObject({ lawyerId: before.lawyerId, status: 'published', date: before.date });
    }
    expect(after.filter((s) => s.date <= '2026-12-10')).toHaveLength(published.filter((s) => s.date <= '2026-12-10').length);
    // Ahead: a draft again, one duty a day, and the swap's shift kept as it is.
    const ahead = after.filter((s) => s.date > '2026-12-10');
    expect(ahead.length).toBe(published.filter((s) => s.date > '2026-12-10').length);
    expect(ahead.every((s) => s.status === 'draft')).toBe(true);
    expect(byDate(after, '2026-12-17')).toEqual([expect.objectContaining({ id: dec17.id, lawyerId: dec17.lawyerId, version: dec17.version })]);
    const stillThere = await t.http.get(`/api/swaps/${swap.body.id}`).set('Authorization', coord);
    expect(stillThere.status).toBe(200);
    expect(stillThere.body.status).toBe('pending');
    // Today can still be booked and shows its lawyer; the booking made this morning keeps them.
    const slots = await t.http.get(`/api/stations/${stationId}/slots?date=2026-12-10`);
    expect(slots.status).toBe(200);
    expect(slots.body.length).toBeGreaterThan(0);
    expect(new Set(slots.body.map((s: { lawyerName: string }) => s.lawyerName))).toEqual(new Set([`律师${['甲', '乙', '丙'][lawyerIds.indexOf(dec10.lawyerId)]}`]));
  });

  it('tells the coordinator of bookings that the new draft leaves without a duty', async () => {
    // Tuesdays leave the rotation; a worker holds a booking on Tuesday 15 December.
    expect((await t.http.patch(`/api/rotations/${rotationId}`).set('Authorization', coord).send({ rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,TH,FR' })).status).toBe(200);
    const res = await t.http
      .post('/api/rosters/generate')
      .set('Authorization', coord)
      .set('Accept-Language', 'zh-CN')
      .send({ month: '2026-12', stationIds: [stationId], force: true });
    expect(res.status).toBe(200);
    const stranded = res.body.warnings.filter((w: { code: string }) => w.code === 'bookings_without_duty');
    expect(stranded).toEqual([{ code: 'bookings_without_duty', message: '历史站 2026-12-15 有 1 个预约，但当天没有值班；发布前请添加班次或为这些预约改期' }]);
    // Put Tuesdays back for the next test.
    expect((await t.http.patch(`/api/rotations/${rotationId}`).set('Authorization', coord).send({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' })).status).toBe(200);
    const again = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-12', stationIds: [stationId], force: true });
    expect(again.body.warnings.filter((w: { code: string }) => w.code === 'bookings_without_duty')).toEqual([]);
    expect((await t.http.post('/api/rosters/2026-12/publish').set('Authorization', coord).send({ stationIds: [stationId] })).status).toBe(200);
  });

  it('generates this month up to 24 months ahead, not a month that is over', async () => {
    const over = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-11' });
    expect(over.status).toBe(400);
    expect(over.body.error.details[0].path).toBe('month');
    const far = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2029-01' });
    expect(far.status).toBe(400);
    expect((await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2028-12', stationIds: [stationId] })).status).toBe(200);
  });

  it('does not delete a past duty, nor the only duty of a day that workers booked', async () => {
    const rows = await shiftsOf();
    const past = rows.find((s) => s.date === '2026-12-02')!;
    const refusedPast = await t.http.delete(`/api/shifts/${past.id}`).set('Authorization', coord);
    expect(refusedPast.status).toBe(409);
    const booked = rows.find((s) => s.date === '2026-12-15' && s.status === 'published')!;
    const refused = await t.http.delete(`/api/shifts/${booked.id}`).set('Authorization', coord).set('Accept-Language', 'zh-CN');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('2026-12-15 已有 1 个预约，且这是当天唯一的值班；请改由其他律师值班，或先为这些预约改期或取消');
    expect(await t.db.read((m) => m.countBy(ShiftEntity, { id: booked.id }))).toBe(1);
    // A day nobody booked can lose its duty.
    const free = rows.find((s) => s.date === '2026-12-16' && s.status === 'published')!;
    expect((await t.http.delete(`/api/shifts/${free.id}`).set('Authorization', coord)).status).toBe(204);
  });
});
