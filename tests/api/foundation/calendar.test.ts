import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';

describeEachDb('working calendar API', (kind) => {
  let t: TestApp;
  let coord: string;
  beforeAll(async () => {
    t = await setupTestApp(kind);
    coord = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  it('lists national holidays and make-up days from the built-in data', async () => {
    const res = await t.http.get('/api/calendar-days?from=2026-09-15&to=2026-10-15').set('Authorization', coord);
    expect(res.status).toBe(200);
    const byDate = Object.fromEntries(res.body.map((d: { date: string }) => [d.date, d]));
    expect(byDate['2026-10-01']).toMatchObject({ kind: 'holiday', source: 'national', stationId: null });
    expect(byDate['2026-09-20']).toMatchObject({ kind: 'workday', source: 'national' });
    expect(byDate['2026-10-10']).toMatchObject({ kind: 'workday', source: 'national' });
    expect(res.headers['x-calendar-uncovered-years']).toBeUndefined();
  });

  it('says when a range reaches years the national data does not cover', async () => {
    const res = await t.http.get('/api/calendar-days?from=2026-12-01&to=2027-01-31').set('Authorization', coord);
    expect(res.status).toBe(200);
    expect(res.headers['x-calendar-uncovered-years']).toBe('2027');
    const cov = await t.http.get('/api/calendar-days/coverage').set('Authorization', coord);
    expect(cov.body.lastYear).toBe(2026);
  });

  it('adds local closures for one station or for all, once', async () => {
    const s = await t.make.station();
    const one = await t.http
      .post('/api/calendar-days')
      .set('Authorization', coord)
      .send({ date: '2026-12-07', kind: 'holiday', name: '台风停业', stationId: s.id });
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ id: expect.any(Number), source: 'local', stationId: s.id });
    const all = await t.http.post('/api/calendar-days').set('Authorization', coord).send({ date: '2026-12-07', kind: 'holiday', name: '全区培训' });
    expect(all.status).toBe(201);
    const dup = await t.http.post('/api/calendar-days').set('Authorization', coord).send({ date: '2026-12-07', kind: 'workday', name: '再来' });
    expect(dup.status).toBe(409);
    const list = await t.http.get(`/api/calendar-days?from=2026-12-01&to=2026-12-31&stationId=${s.id}`).set('Authorization', coord);
    expect(list.body.filter((d: { date: string }) => d.date === '2026-12-07')).toHaveLength(2);
    const del = await t.http.delete(`/api/calendar-days/${one.body.id}`).set('Authorization', coord);
    expect(del.status).toBe(204);
  });

  it('rejects bad ranges', async () => {
    for (const q of ['from=2026-13-01&to=2026-12-31', 'from=2026-12-31&to=2026-12-01', 'from=2000-01-01&to=2030-01-01', 'from=x&to=y', 'to=2026-12-01']) {
      const res = await t.http.get(`/api/calendar-days?${q}`).set('Authorization', coord);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const staff = await t.http.post('/api/calendar-days').set('Authorization', await t.tokenFor('staff')).send({ date: '2026-12-09', kind: 'holiday', name: 'x' });
    expect(staff.status).toBe(403);
  });
});
