/**
 * The real server as separate processes: SIGTERM during load lets requests in
 * flight finish and exits cleanly; two instances on one MySQL database keep the
 * one-booking-per-seat invariant when workers race across them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { TEST_DATABASE_URL, createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { TestClock, testConfig } from '../../helpers/app.js';
import { Factories } from '../../helpers/factories.js';
import { startProcess, type Proc } from '../../helpers/process.js';
import { Db } from '../../../server/db/db.js';
import { addDays, isoWeekday, zonedParts } from '../../../server/lib/dates.js';
import { WorkingCalendar } from '../../../server/calendar/workingCalendar.js';

/** A working day a few days ahead (the processes use the real clock). */
function bookableDay(): string {
  const cal = new WorkingCalendar([]);
  let d = addDays(zonedParts(new Date(), 'Asia/Shanghai').date, 2);
  while (!cal.isWorkingDay(d) || isoWeekday(d) > 5) d = addDays(d, 1);
  return d;
}

async function prepare(url: string, seats: number) {
  const db = await Db.connect({ url });
  await db.migrate();
  const ctx = { config: testConfig(), db, logger: pino({ level: 'silent' }), clock: new TestClock(new Date().toISOString()) };
  const make = new Factories(ctx);
  const station = await make.station({ seatsPerSlot: seats });
  const day = bookableDay();
  await make.shift({ stationId: station.id, date: day });
  await db.close();
  return { stationId: station.id, start: `${day}T15:00:00+08:00` };
}

const booking = (stationId: number, start: string, i: number) => ({
  stationId,
  start,
  name: '并发',
  phone: `1360000${String(1000 + i)}`,
  category: 'dismissal',
  consent: true,
});

async function post(url: string, body: unknown) {
  const res = await fetch(`${url}/api/appointments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

describe('SIGTERM during load [sqlite]', () => {
  let dir: string;
  let app: Proc;
  let target: { stationId: number; start: string };
  let dbUrl: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyroster-sigterm-'));
    const url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    dbUrl = url;
    target = await prepare(url, 200);
    app = await startProcess('server/main.ts', { DATABASE_URL: url, SEED_DEMO: '0', JOBS_ENABLED: '1', LOG_LEVEL: 'info' });
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finishes the requests in flight, stops its jobs and exits 0', async () => {
    let killedAt = 0;
    const inflight = Array.from({ length: 120 }, async (_, i) => {
      try {
        const r = await post(app.url, booking(target.stationId, target.start, i));
        return { ...r, at: Date.now() };
      } catch {
        // Not yet accepted when the listener closed: refused at the door, never processed.
        return { status: 0, body: {}, at: Date.now() };
      }
    });
    await new Promise((r) => setTimeout(r, 40));
    killedAt = Date.now();
    const exited = app.stop('SIGTERM');
    const results = await Promise.all(inflight);
    expect(await exited).toBe(0);
    const answered = results.filter((r) => r.status !== 0);
    // Everything the server took in was answered in full, and some of it after the signal.
    expect(answered.every((r) => r.status === 201)).toBe(true);
    expect(answered.some((r) => r.at >= killedAt)).toBe(true);
    expect(app.output()).toContain('scheduled jobs started');
    expect(app.output()).toContain('"msg":"stopped"');
    await expect(fetch(`${app.url}/api/health`)).rejects.toThrow();
    // Nothing was processed without its answer: the bookings in the database are exactly the 201s.
    const { Db } = await import('../../../server/db/db.js');
    const db = await Db.connect({ url: dbUrl });
    const [{ n }] = await db.read((m) => m.query('SELECT COUNT(*) AS n FROM appointments'));
    await db.close();
    expect(Number(n)).toBe(answered.length);
  });
});

if (TEST_DATABASE_URL) {
  describe('two API instances on one database [mysql]', () => {
    let database: TestDatabase;
    let a: Proc;
    let b: Proc;
    let target: { stationId: number; start: string };
    beforeAll(async () => {
      database = await createTestDatabase('mysql');
      target = await prepare(database.url, 1);
      [a, b] = await Promise.all([
        startProcess('server/main.ts', { DATABASE_URL: database.url, SEED_DEMO: '0' }),
        startProcess('server/main.ts', { DATABASE_URL: database.url, SEED_DEMO: '0' }),
      ]);
    }, 90_000);
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await database?.drop();
    });

    it('lets exactly one of 60 workers racing across both instances have the last seat', async () => {
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => post(i % 2 ? a.url : b.url, booking(target.stationId, target.start, i))),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      const others = results.filter((r) => r.status !== 201);
      expect(others.every((r) => r.status === 409 && r.body.error?.code === 'slot_full')).toBe(true);
      const db = await Db.connect({ url: database.url });
      const seats = await db.read((m) => m.query('SELECT COUNT(*) AS n FROM appointment_seats'));
      await db.close();
      expect(Number(seats[0].n)).toBe(1);
    });

    it('gives four one-seat slots to exactly four of 160 workers whose bookings both instances place in groups', async () => {
      const day = target.start.slice(0, 10);
      const starts = ['09:00', '09:30', '10:00', '10:30'].map((time) => `${day}T${time}:00+08:00`);
      // Each instance gathers what arrives together into one transaction; the groups of the
      // two instances compete for the same seats, and the seat's index decides.
      const results = await Promise.all(
        Array.from({ length: 160 }, (_, i) => post(i % 2 ? a.url : b.url, booking(target.stationId, starts[i % 4]!, 100 + i))),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(4);
      expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error?.code === 'slot_full')).toBe(true);
      const db = await Db.connect({ url: database.url });
      const perSlot: { slot_time: string; n: number }[] = await db.read((m) =>
        m.query('SELECT slot_time, COUNT(*) AS n FROM appointment_seats WHERE date = ? GROUP BY slot_time ORDER BY slot_time', [day]),
      );
      const sms = await db.read((m) => m.query("SELECT COUNT(DISTINCT recipient_phone) AS n FROM notifications WHERE kind = 'booking.confirmed'"));
      await db.close();
      expect(perSlot.map((r) => [r.slot_time, Number(r.n)])).toEqual([...starts.map((s) => [s.slice(11, 16), 1]), ['15:00', 1]]);
      // One confirmation per booking made, none for the refused.
      expect(Number(sms[0].n)).toBe(5);
    });
  });
}
