import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { bookingFor } from './helpers.js';

// The test clock stands at Tuesday 2026-12-01 09:00 in Shanghai.
describeEachDb('slots and availability', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp(kind);
  });
  afterAll(() => t.close());

  it('lists the slots of a day with a published shift, with the duty lawyer', async () => {
    const station = await t.make.station({ seatsPerSlot: 2 });
    const lawyer = await t.make.lawyer({ name: '王律师', stationIds: [station.id] });
    await t.make.shift({ date: '2026-12-02', stationId: station.id, lawyerId: lawyer.id });
    const res = await t.http.get(`/api/stations/${station.id}/slots?date=2026-12-02`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(13);
    expect(res.body[0]).toEqual({
      start: '2026-12-02T09:00:00+08:00',
      end: '2026-12-02T09:30:00+08:00',
      capacity: 2,
      remaining: 2,
      lawyerName: '王律师',
    });
    expect(res.body.map((s: { start: string }) => s.start.slice(11, 16))).toContain('14:00');
    expect(res.body.map((s: { start: string }) => s.start.slice(11, 16))).not.toContain('12:00');

    const booked = await t.http.post('/api/appointments').send(bookingFor(station.id, '2026-12-02T09:00:00+08:00'));
    expect(booked.status).toBe(201);
    const after = await t.http.get(`/api/stations/${station.id}/slots?date=2026-12-02`);
    expect(after.body[0]).toMatchObject({ capacity: 2, remaining: 1 });
  });

  it('has no slots without a published shift, on a draft-only day, on a closed day, or in the past', async () => {
    const station = await t.make.station();
    const none = await t.http.get(`/api/stations/${station.id}/slots?date=2026-12-03`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual([]);

    await t.make.shift({ date: '2026-12-04', stationId: station.id, status: 'draft' });
    expect((await t.http.get(`/api/stations/${station.id}/slots?date=2026-12-04`)).body).toEqual([]);

    // A local closure (a typhoon day) on a day that has a published shift.
    await t.make.shift({ date: '2026-12-07', stationId: station.id });
    const coord = await t.tokenFor('coordinator');
    const closed = await t.http
      .post('/api/calendar-days')
      .set('Authorization', coord)
      .send({ date: '2026-12-07', kind: 'holiday', name: '台风停业', stationId: station.id });
    expect(closed.status).toBe(201);
    expect((await t.http.get(`/api/stations/${station.id}/slots?date=2026-12-07`)).body).toEqual([]);

    // Yesterday, and this morning's slots before now + the minimum notice (2 h).
    await t.make.shift({ date: '2026-11-30', stationId: station.id });
    expect((await t.http.get(`/api/stations/${station.id}/slots?date=2026-11-30`)).body).toEqual([]);
    await t.make.shift({ date: '2026-12-01', stationId: station.id });
    const today = await t.http.get(`/api/stations/${station.id}/slots?date=2026-12-01`);
    expect(today.body[0].start).toBe('2026-12-01T11:00:00+08:00');
  });

  it('has no slots on a national holiday', async () => {
    const station = await t.make.station();
    await t.make.shift({ date: '2026-10-01', stationId: station.id });
    t.clock.set('2026-09-28T09:00:00+08:00');
    try {
      expect((await t.http.get(`/api/stations/${station.id}/slots?date=2026-10-01`)).body).toEqual([]);
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
  });

  it('answers 404 for an unknown station and 400 for a bad date', async () => {
    expect((await t.http.get('/api/stations/999999/slots?date=2026-12-02')).status).toBe(404);
    const bad = await t.http.get('/api/stations/1/slots?date=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('query.date');
  });

  it('summarises availability per day so full and closed days can be greyed out', async () => {
    const station = await t.make.station({ openHours: [{ weekday: 3, start: '09:00', end: '10:00' }] });
    await t.make.shift({ date: '2026-12-02', stationId: station.id });
    await t.make.shift({ date: '2026-12-09', stationId: station.id });
    const book = (start: string) => t.http.post('/api/appointments').send(bookingFor(station.id, start));
    expect((await book('2026-12-02T09:00:00+08:00')).status).toBe(201);
    expect((await book('2026-12-02T09:30:00+08:00')).status).toBe(201);
    expect((await book('2026-12-09T09:00:00+08:00')).status).toBe(201);

    const res = await t.http.get(`/api/stations/${station.id}/availability?from=2026-12-01&to=2026-12-10`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(10);
    const byDate = Object.fromEntries(res.body.map((d: { date: string }) => [d.date, d]));
    expect(byDate['2026-12-02']).toEqual({ date: '2026-12-02', open: true, remaining: 0 });
    expect(byDate['2026-12-09']).toEqual({ date: '2026-12-09', open: true, remaining: 1 });
    expect(byDate['2026-12-03']).toEqual({ date: '2026-12-03', open: false, remaining: 0 });

    const tooLong = await t.http.get(`/api/stations/${station.id}/availability?from=2026-12-01&to=2027-01-15`);
    expect(tooLong.status).toBe(400);
  });
});
