/**
 * Double booking must be impossible, not merely unlikely: bursts of concurrent requests
 * against one seat, on a pooled MySQL connection set as well as on SQLite.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { bookingFor, count, freshPhone, listen } from './helpers.js';
import { AppointmentEntity } from '../../../server/bookings/appointments.entity.js';
import { claimSeat } from '../../../server/bookings/bookings.repository.js';

/** 60 concurrent bookings for one two-seat slot: exactly two get a seat (1 and 2), the rest 409 slot_full. */
async function raceForTwoSeats(t: TestApp, server: Awaited<ReturnType<typeof listen>>): Promise<void> {
  const wide = await t.make.station({ seatsPerSlot: 2 });
  await t.make.shift({ date: '2026-12-02', stationId: wide.id });
  const results = await Promise.all(
    Array.from({ length: 60 }, () => server.http.post('/api/appointments').send(bookingFor(wide.id, '2026-12-02T11:00:00+08:00'))),
  );
  expect(results.filter((r) => r.status === 201)).toHaveLength(2);
  expect(results.filter((r) => r.status === 409 && r.body.error.code === 'slot_full')).toHaveLength(58);
  const seats: { seat_no: number }[] = await t.db.ds.query('SELECT seat_no FROM appointment_seats WHERE station_id = ? ORDER BY seat_no', [wide.id]);
  expect(seats.map((s) => Number(s.seat_no))).toEqual([1, 2]);
}

describeEachDb('booking races', (kind) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let stationId: number;
  beforeAll(async () => {
    t = await setupTestApp(kind, { poolSize: 20 });
    server = await listen(t);
    stationId = (await t.make.station({ seatsPerSlot: 1 })).id;
    for (const date of ['2026-12-02', '2026-12-03', '2026-12-04']) await t.make.shift({ date, stationId });
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const seatsAt = (date: string, time: string) =>
    count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE station_id = ? AND date = ? AND slot_time = ?', [stationId, date, time]);

  it('gives one seat to exactly one of 120 concurrent bookings', async () => {
    const start = '2026-12-02T10:00:00+08:00';
    const results = await Promise.all(
      Array.from({ length: 120 }, () => server.http.post('/api/appointments').send(bookingFor(stationId, start))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(119);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('slot_full');
    expect(await seatsAt('2026-12-02', '10:00')).toBe(1);
    expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE date = '2026-12-02' AND slot_time = '10:00'")).toBe(1);
  });

  it('fills a two-seat slot with exactly two of 60 concurrent bookings', async () => {
    await raceForTwoSeats(t, server);
  });

  it('makes one booking from 20 concurrent retries with the same Idempotency-Key', async () => {
    const body = bookingFor(stationId, '2026-12-02T14:00:00+08:00');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => server.http.post('/api/appointments').set('Idempotency-Key', `same-key-${kind}`).send(body)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.code)).size).toBe(1);
    expect(await count(t, 'SELECT COUNT(*) FROM appointments WHERE phone = ?', [body.phone])).toBe(1);
    expect(await seatsAt('2026-12-02', '14:00')).toBe(1);
  });

  it('keeps one phone within its limit under a concurrent burst', async () => {
    const phone = freshPhone();
    const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
    const results = await Promise.all(
      times.map((time) => server.http.post('/api/appointments').send(bookingFor(stationId, `2026-12-04T${time}:00+08:00`, { phone }))),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE phone = ? AND status = 'booked'", [phone])).toBe(2);
  });

  it('settles a cancel racing a reschedule of the same booking consistently', async () => {
    for (let round = 0; round < 6; round++) {
      const phone = freshPhone();
      const from = `2026-12-03T${['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'][round]}:00+08:00`;
      const to = `2026-12-03T${['14:00', '14:30', '15:00', '15:30', '16:00', '16:30'][round]}:00+08:00`;
      const made = await server.http.post('/api/appointments').send(bookingFor(stationId, from, { phone }));
      expect(made.status).toBe(201);
      const { code, id } = made.body;
      const [cancel, move] = await Promise.all([
        server.http.post('/api/appointments/cancel').send({ code, phone }),
        server.http.post('/api/appointments/reschedule').send({ code, phone, start: to }),
      ]);
      expect(cancel.status === 200 || cancel.status === 409, `cancel ${cancel.status}`).toBe(true);
      expect(move.status === 200 || move.status === 409, `move ${move.status}`).toBe(true);
      expect(cancel.status === 200 || move.status === 200).toBe(true);
      const [row] = await t.db.ds.query('SELECT status, slot_time FROM appointments WHERE id = ?', [id]);
      const claims: { slot_time: string }[] = await t.db.ds.query('SELECT slot_time FROM appointment_seats WHERE appointment_id = ?', [id]);
      if (row.status === 'cancelled') {
        expect(cancel.status).toBe(200);
        expect(claims).toEqual([]);
      } else {
        expect(row.status).toBe('booked');
        expect(cancel.status).toBe(409);
        expect(claims).toEqual([{ slot_time: row.slot_time }]);
      }
      // Whatever happened, neither slot is left double-claimed or leaked.
      expect(await seatsAt('2026-12-03', from.slice(11, 16))).toBe(row.status === 'booked' && row.slot_time === from.slice(11, 16) ? 1 : 0);
      expect(await seatsAt('2026-12-03', to.slice(11, 16))).toBe(row.status === 'booked' && row.slot_time === to.slice(11, 16) ? 1 : 0);
    }
  });

  it('lets only one of several bookings move into the same free seat; the others stay where they were', async () => {
    const made = [];
    for (const time of ['14:00', '14:30', '15:00', '15:30']) {
      const body = bookingFor(stationId, `2026-12-04T${time}:00+08:00`);
      const res = await server.http.post('/api/appointments').send(body);
      expect(res.status).toBe(201);
      made.push({ id: res.body.id as number, code: res.body.code as string, phone: body.phone, time });
    }
    const target = '2026-12-04T16:00:00+08:00';
    const moves = await Promise.all(
      made.map((b) => server.http.post('/api/appointments/reschedule').send({ code: b.code, phone: b.phone, start: target })),
    );
    expect(moves.filter((r) => r.status === 200)).toHaveLength(1);
    expect(moves.filter((r) => r.status === 409 && r.body.error.code === 'slot_full')).toHaveLength(3);
    expect(await seatsAt('2026-12-04', '16:00')).toBe(1);
    for (const [i, b] of made.entries()) {
      const claims: { slot_time: string }[] = await t.db.ds.query('SELECT slot_time FROM appointment_seats WHERE appointment_id = ?', [b.id]);
      expect(claims).toEqual([{ slot_time: moves[i]!.status === 200 ? '16:00' : b.time }]);
    }
  });

  it('holds even without the friendly pre-check: the unique index alone refuses a second claim', async () => {
    const now = t.clock.now();
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const row = await t.db.tx((m) =>
        m.save(AppointmentEntity, {
          code: `TST${String(i).padStart(2, '0')}-ZZZZZ`,
          stationId, date: '2026-12-04', slotTime: '17:00', startAt: now, endAt: now, status: 'booked', source: 'online',
          name: '测试', phone: freshPhone(), category: 'other', note: null, consentAt: now, outcomeServices: null,
          amountInvolved: null, outcomeNote: null, checkedInAt: null, completedAt: null, cancelledAt: null, createdBy: null,
          version: 1, createdAt: now, updatedAt: now,
        }),
      );
      ids.push(row.id);
    }
    const seats = await Promise.all(
      ids.map((id) => t.db.tx((m) => claimSeat(m, { stationId, date: '2026-12-04', slotTime: '17:00', capacity: 1 }, id, now))),
    );
    expect(seats.filter((s) => s === 1)).toHaveLength(1);
    expect(seats.filter((s) => s === null)).toHaveLength(29);
    expect(await seatsAt('2026-12-04', '17:00')).toBe(1);
  });
});

// On MySQL, concurrent bookings are placed in groups (placementGroup.ts); the path that
// places each booking in a transaction of its own must hold the invariant as well.
describeEachDb('booking races, one transaction per booking (BOOKING_GROUPS=0)', (kind) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    t = await setupTestApp(kind, { poolSize: 20, env: { BOOKING_GROUPS: '0' } });
    server = await listen(t);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it('fills a two-seat slot with exactly two of 60 concurrent bookings', async () => {
    await raceForTwoSeats(t, server);
  });
});
