/**
 * Inputs that a lenient parser would have taken: instants far outside the network's
 * years (they made the time-zone code throw: 500), and ids in forms that a number
 * coercion reads as some other id (`true` → 1, `[3]` → 3, `"0x2"` → 2, `" 4 "` → 4,
 * `/0x1` → 1). Each is a 400 in the contract's shape and changes nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { count } from '../bookings/helpers.js';

describeEachDb('strict instants and ids', (kind) => {
  let t: TestApp;
  let staff: string;
  let coord: string;
  let station: number;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T10:00:00+08:00' });
    station = (await t.make.station({ level: 'district', name: '区站' })).id;
    await t.make.shift({ date: '2026-12-03', stationId: station });
    staff = await t.tokenFor('staff');
    coord = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const expect400 = (res: { status: number; body: { error?: { code?: string } } }, what: string) => {
    expect(res.status, what).toBe(400);
    expect(res.body.error?.code, what).toBe('validation_failed');
  };

  it('refuses instants outside the years 1900–2200 with 400 (they made the time-zone code throw)', async () => {
    for (const start of ['0001-01-01T00:00:00+08:00', '0999-01-01T00:00:00+08:00', '9999-12-31T23:59:59-23:59', '1899-12-31T09:00:00+08:00']) {
      const booking = await t.http
        .post('/api/appointments')
        .send({ stationId: station, start, name: '张三', phone: '13812345679', category: 'other', consent: true });
      expect400(booking, `booking at ${start}`);
      const call = await t.http.post('/api/hotline-calls').set('Authorization', staff).send({
        stationId: station,
        receivedAt: start,
        category: 'other',
        summary: '咨询',
        durationSeconds: 60,
        outcome: 'answered',
      });
      expect400(call, `call at ${start}`);
    }
    expect(await count(t, 'SELECT COUNT(*) FROM appointments')).toBe(0);
    expect(await count(t, 'SELECT COUNT(*) FROM hotline_calls')).toBe(0);
  });

  it('reads an id only from a JSON number or plain digits: not true, [3], "0x2", " 4 ", "1e0" or "01"', async () => {
    for (const stationId of [true, [station], [[String(station)]], '0x1', ` ${station} `, '1e0', `0${station}`, 1.5]) {
      const res = await t.http.post('/api/calendar-days').set('Authorization', coord).send({ date: '2027-03-09', kind: 'holiday', name: '台风', stationId });
      expect400(res, `stationId ${JSON.stringify(stationId)}`);
    }
    expect(await count(t, 'SELECT COUNT(*) FROM calendar_days')).toBe(0);
    const ok = await t.http.post('/api/calendar-days').set('Authorization', coord).send({ date: '2027-03-09', kind: 'holiday', name: '台风', stationId: station });
    expect(ok.status).toBe(201);
    const id = ok.body.id as number;
    // In a path: no hex, no padding, no spaces.
    for (const path of [`0x${id.toString(16)}`, `0${id}`, `%20${id}`, `${id}%20`]) {
      const res = await t.http.delete(`/api/calendar-days/${path}`).set('Authorization', coord);
      expect400(res, `DELETE /api/calendar-days/${path}`);
    }
    expect(await count(t, 'SELECT COUNT(*) FROM calendar_days WHERE id = ?', [id])).toBe(1);
    expect400(await t.http.get(`/api/stations/0${station}`), 'GET /api/stations/0…');
    expect((await t.http.get(`/api/stations/${station}`)).status).toBe(200);
  });
});
