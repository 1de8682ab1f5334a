/**
 * The database goes away mid-load (MySQL only: the embedded SQLite cannot go
 * away). A TCP proxy between the app and MariaDB is cut while bookings are
 * being made, then restored. Requests fail fast with 503 `unavailable`, health
 * says so, the server recovers by itself, and nothing is half-written: every
 * booking that got a 201 is there with its seat and its confirmation message,
 * and no seat or message exists without its booking.
 *
 * A booking whose COMMIT was on the wire when the line was cut may exist although
 * its request got a 503: nobody can know the outcome of a commit whose answer was
 * lost. The booking page resends the same body with the same Idempotency-Key, so
 * here every request that did not get a 201 is sent again after the recovery: it
 * gets that booking back, or a new one if nothing had committed — never a second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { TEST_DATABASE_URL, createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { TestClock, testConfig } from '../../helpers/app.js';
import { TcpProxy } from '../../helpers/tcpProxy.js';
import { Factories } from '../../helpers/factories.js';
import { Db } from '../../../server/db/db.js';
import { createApp } from '../../../server/app.js';
import type { AppContext } from '../../../server/context.js';

const WORKDAY = '2026-12-03';

if (TEST_DATABASE_URL) {
  describe('database outage under load [mysql]', () => {
    let database: TestDatabase;
    let proxy: TcpProxy;
    let db: Db;
    let ctx: AppContext;
    let http: ReturnType<typeof request>;
    let stationId: number;

    beforeAll(async () => {
      database = await createTestDatabase('mysql');
      const direct = await Db.connect({ url: database.url });
      await direct.migrate();
      await direct.close();
      const u = new URL(database.url);
      proxy = new TcpProxy(u.hostname, Number(u.port || 3306));
      await proxy.start();
      u.hostname = '127.0.0.1';
      u.port = String(proxy.port);
      db = await Db.connect({ url: u.toString(), poolSize: 8 });
      ctx = { config: testConfig(), db, logger: pino({ level: 'silent' }), clock: new TestClock('2026-12-01T09:00:00+08:00') };
      const make = new Factories(ctx);
      const station = await make.station({ seatsPerSlot: 50 });
      stationId = station.id;
      await make.shift({ stationId, date: WORKDAY });
      http = request(createApp(ctx, { clientDir: '/nonexistent' }).app);
    });
    afterAll(async () => {
      await db?.close().catch(() => undefined);
      await proxy?.stop();
      await database?.drop();
    });

    const book = (i: number) =>
      http.post('/api/appointments').set('Idempotency-Key', `outage-${i}`).send({
        stationId,
        start: `${WORKDAY}T${['09:00', '09:30', '10:00', '10:30', '11:00'][i % 5]}:00+08:00`,
        name: '测试',
        phone: `1370000${String(1000 + i)}`,
        category: 'wage_arrears',
        consent: true,
      });

    it('answers 503 fast while the database is gone, recovers by itself, and loses nothing', async () => {
      const statuses: number[] = [];
      /** Request number → the code its 201 answered with. */
      const created = new Map<number, string>();
      const sent: number[] = [];
      const run = async (from: number, n: number) => {
        await Promise.all(
          Array.from({ length: n }, async (_, k) => {
            sent.push(from + k);
            const res = await book(from + k);
            statuses.push(res.status);
            if (res.status === 201) created.set(from + k, res.body.code);
            else expect(res.body.error.code).toMatch(/^(unavailable|slot_full|conflict)$/);
          }),
        );
      };
      await run(0, 20);
      expect(created.size).toBe(20);

      // Cut the database in the middle of a burst.
      const burst = run(100, 40);
      await new Promise((r) => setTimeout(r, 15));
      await proxy.cut();
      await burst;

      const t0 = Date.now();
      const down = await http.get('/api/health');
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('unavailable');
      const refused = await book(500);
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('unavailable');
      expect(Date.now() - t0).toBeLessThan(8000);

      await proxy.restore();
      let healthy = false;
      for (let i = 0; i < 50 && !healthy; i++) {
        healthy = (await http.get('/api/health')).status === 200;
        if (!healthy) await new Promise((r) => setTimeout(r, 200));
      }
      expect(healthy).toBe(true);
      await run(200, 10);
      expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);

      // The worker's page sends an unanswered booking again, with the same key.
      const unanswered = sent.filter((i) => !created.has(i));
      for (const i of unanswered) {
        const again = await book(i);
        expect(again.status).toBe(201);
        created.set(i, again.body.code);
      }
      // The refused request after the cut committed nothing: its key makes a fresh booking now.
      const late = await book(500);
      expect(late.status).toBe(201);
      created.set(500, late.body.code);

      // Nothing half-written: every 201 is there, with exactly one seat and its confirmation; nothing else is.
      const rows: { code: string; seats: number; messages: number }[] = await db.read((m) =>
        m.query(
          `SELECT a.code AS code,
                  (SELECT COUNT(*) FROM appointment_seats s WHERE s.appointment_id = a.id) AS seats,
                  (SELECT COUNT(*) FROM notifications n WHERE n.dedupe_key = CONCAT('appt:', a.id, ':confirmed')) AS messages
             FROM appointments a`,
        ),
      );
      expect(rows.map((r) => r.code).sort()).toEqual([...created.values()].sort());
      expect(new Set(created.values()).size).toBe(created.size);
      for (const r of rows) {
        expect(Number(r.seats)).toBe(1);
        expect(Number(r.messages)).toBe(1);
      }
      const orphanSeats = await db.read((m) =>
        m.query("SELECT COUNT(*) AS n FROM appointment_seats s WHERE s.kind = 'booking' AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = s.appointment_id)"),
      );
      expect(Number(orphanSeats[0].n)).toBe(0);
    });
  });
}
