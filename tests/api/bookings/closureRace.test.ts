/**
 * A closure and the bookings racing it: once the closure has answered, no live booking may be
 * left on the closed day. Every booking either was refused with the contract's error (400
 * `validation_failed` on `start`: the day has no slots any more; 409 `slot_full`) or was made
 * and then cancelled by the closure, counted in its answer, its worker told by SMS.
 * The clock stands at 2026-12-01 09:00; the day closed is Monday 2026-12-07.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { mysql2Options, mysqlTargetOf } from '../../../server/db/mysqlUrl.js';
import { bookingFor, count, listen } from './helpers.js';

const MON = '2026-12-07';
const at = (time: string) => `${MON}T${time}:00+08:00`;
const TIMES = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'];

type Res = { status: number; body: { id?: number; code?: string; error?: { code: string; details?: { path: string }[] } } };

describeEachDb('a closure racing bookings of that day', (kind) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let coord: string;
  beforeAll(async () => {
    t = await setupTestApp(kind, { poolSize: 20 });
    server = await listen(t);
    coord = await t.tokenFor('coordinator');
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  async function stationOpenOn(date: string, seatsPerSlot: number) {
    const station = await t.make.station({ seatsPerSlot });
    await t.make.shift({ date, stationId: station.id });
    return station;
  }

  const book = (stationId: number, time: string): Promise<Res & { phone: string }> => {
    const body = bookingFor(stationId, at(time));
    return server.http
      .post('/api/appointments')
      .send(body)
      .then((r) => ({ status: r.status, body: r.body, phone: body.phone }));
  };
  const close = (stationId: number): Promise<Res & { body: { cancelledBookings?: number } }> =>
    server.http
      .post('/api/calendar-days')
      .set('Authorization', coord)
      .send({ date: MON, kind: 'holiday', name: '停电', stationId, cancelBookings: true })
      .then((r) => ({ status: r.status, body: r.body }));

  /** The closed day holds no live booking; each booking made was cancelled by the closure and its worker told, each refusal is the contract's. */
  async function expectSettled(stationId: number, results: (Res & { phone: string })[], closure: Res & { body: { cancelledBookings?: number } }) {
    expect(closure.status, JSON.stringify(closure.body)).toBe(201);
    expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE station_id = ? AND date = ? AND status IN ('booked', 'checked_in')", [stationId, MON])).toBe(0);
    expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE station_id = ? AND date = ?', [stationId, MON])).toBe(0);
    const made = results.filter((r) => r.status === 201);
    for (const r of results.filter((x) => x.status !== 201)) {
      const refusedAsClosed = r.status === 400 && r.body.error?.code === 'validation_failed' && r.body.error.details?.[0]?.path === 'start';
      const full = r.status === 409 && r.body.error?.code === 'slot_full';
      expect(refusedAsClosed || full, `${r.status} ${JSON.stringify(r.body)}`).toBe(true);
    }
    for (const r of made) {
      const [row] = await t.db.ds.query('SELECT status FROM appointments WHERE id = ?', [r.body.id]);
      expect(row.status).toBe('cancelled');
      const sms: { kind: string; body: string }[] = await t.db.ds.query('SELECT kind, body FROM notifications WHERE recipient_phone = ? ORDER BY id', [r.phone]);
      expect(sms.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.cancelled_closure']);
      expect(sms[1]!.body).toContain(r.body.code!);
    }
    // Every booking that was made is one the closure counted and cancelled itself, in its answer.
    expect(closure.body.cancelledBookings).toBe(made.length);
  }

  it('leaves no live booking on the day when 60 bookings race its closure', async () => {
    const station = await stationOpenOn(MON, 3);
    // Bookings before the race (on SQLite they also fill the booking thread's memory of this station's day).
    const before = [await book(station.id, '09:00'), await book(station.id, '09:30')];
    for (const r of before) expect(r.status).toBe(201);
    const racing: Promise<Res & { phone: string }>[] = [];
    let closure!: Promise<Res & { body: { cancelledBookings?: number } }>;
    for (let i = 0; i < 60; i++) {
      if (i === 20) closure = close(station.id);
      racing.push(book(station.id, TIMES[i % TIMES.length]!));
    }
    const results = [...before, ...(await Promise.all(racing))];
    await expectSettled(station.id, results, await closure);
    // The race really raced: some bookings got in before the closure, some came after it.
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThan(before.length);
    expect(results.some((r) => r.status === 400)).toBe(true);
  });

  it('refuses a booking made right after the closure answered, on a day the booking path had read before', async () => {
    const station = await stationOpenOn(MON, 2);
    const first = await book(station.id, '10:00');
    expect(first.status).toBe(201);
    if (kind === 'sqlite') expect(t.built.services.bookings.usesThread).toBe(true);
    const closure = await close(station.id);
    expect(closure.body.cancelledBookings).toBe(1);
    const after = await book(station.id, '10:30');
    expect(after.status, JSON.stringify(after.body)).toBe(400);
    expect(after.body.error?.details?.[0]?.path).toBe('start');
    await expectSettled(station.id, [first, after], closure);
  });

  if (kind === 'mysql') {
    /**
     * The window made wide on purpose: a booking that has read the calendar (the day still
     * open) is held before its COMMIT while the closure runs — a test transaction holds the
     * seat it is about to claim. Without a lock both share, the closure neither sees the
     * booking nor waits for it, answers, and the booking then lands on the closed day.
     */
    it('makes a closure wait for a booking that read the day before it, and cancel it', async () => {
      const station = await stationOpenOn(MON, 1);
      const conn = await mysql.createConnection(mysql2Options(mysqlTargetOf(t.db.url)));
      /** Statements of other sessions on this database still running (waiting for a lock, here). */
      const waiting = async () =>
        Number(
          ((await conn.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND COMMAND = 'Query'")) as [{ n: number }[], unknown])[0][0]!.n,
        );
      const until = async (what: () => Promise<boolean>, ms = 5000) => {
        const end = Date.now() + ms;
        while (!(await what()) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      };
      try {
        await conn.query('START TRANSACTION');
        await conn.query("INSERT INTO appointment_seats (station_id, date, slot_time, seat_no, kind, created_at) VALUES (?, ?, '10:00', 1, 'hold', NOW())", [station.id, MON]);
        const booking = book(station.id, '10:00');
        await until(async () => (await waiting()) >= 1);
        expect(await waiting()).toBe(1);
        let closureDone = false;
        const closure = close(station.id).then((r) => ((closureDone = true), r));
        // Now: the closure waits behind the booking (2 waits), or — without the lock — answers.
        await until(async () => closureDone || (await waiting()) >= 2);
        await conn.query('ROLLBACK');
        const [made, closed] = await Promise.all([booking, closure]);
        expect(made.status, JSON.stringify(made.body)).toBe(201);
        await expectSettled(station.id, [made], closed);
      } finally {
        await conn.end();
      }
    });
  }
});
