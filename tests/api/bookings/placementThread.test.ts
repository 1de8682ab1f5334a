/**
 * The booking thread (SQLite): online bookings are placed on a connection and a thread
 * of their own. What it must keep: a booking it confirms is at once visible to the main
 * connection; bookings in flight finish before it closes; a thread that dies fails only
 * the bookings it held (nothing half-written) and the next booking starts a new one; a
 * thread that cannot start leaves the bookings to the main thread;
 * a booking waits for a write transaction of the main thread instead of failing; the WAL is checkpointed off the request threads,
 * and restarting it never holds the writers back while a reader is on it.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { bookingFor, count, listen } from './helpers.js';
import { PlacementThread, ThreadUnavailable } from '../../../server/bookings/placementThread.js';
import { BookingsService } from '../../../server/bookings/bookings.service.js';
import { PhoneRefusal } from '../../../server/bookings/lookupGuard.js';
import type { Db } from '../../../server/db/db.js';
import { StationEntity } from '../../../server/stations/stations.entity.js';
import { ShiftEntity } from '../../../server/rosters/rosters.entity.js';
import { CalendarDayEntity } from '../../../server/calendar/calendar.entity.js';
import { AppError } from '../../../server/http/errors.js';
import type { BookingInput } from '../../../server/bookings/bookings.schema.js';

const input = (stationId: number, start: string) => bookingFor(stationId, start) as BookingInput;

describe('the booking thread [sqlite]', () => {
  let t: TestApp;
  let stationId: number;
  beforeAll(async () => {
    t = await setupTestApp('sqlite');
    stationId = (await t.make.station({ name: '线程站', seatsPerSlot: 40 })).id;
    for (const date of ['2026-12-02', '2026-12-03', '2026-12-04']) await t.make.shift({ date, stationId });
  });
  afterAll(() => t.close());

  it('places online bookings on its own thread, and the main connection sees each one at once', async () => {
    expect(t.built.services.bookings.usesThread).toBe(true);
    const body = bookingFor(stationId, '2026-12-02T09:00:00+08:00');
    const made = await t.http.post('/api/appointments').send(body);
    expect(made.status).toBe(201);
    const found = await t.http.get('/api/appointments/lookup').query({ code: made.body.code, phone: body.phone });
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(made.body.id);
    // A rule broken on the thread comes back as the same 4xx, in the contract's shape.
    const again = await t.http.post('/api/appointments').send({ ...body, start: '2026-12-02T09:00:00+08:00' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    const nowhere = await t.http.post('/api/appointments').send(bookingFor(99_999, '2026-12-02T09:00:00+08:00'));
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'stationId' }] });
  });

  it('sees what staff change on the main connection at its very next booking (station, roster, calendar)', async () => {
    const station = (await t.make.station({ name: '变更站', seatsPerSlot: 10 })).id;
    await t.make.shift({ date: '2026-12-07', stationId: station });
    const book = (time: string) => t.http.post('/api/appointments').send(bookingFor(station, `2026-12-07T${time}:00+08:00`));
    expect((await book('09:00')).status).toBe(201); // the thread now remembers the station's day

    await t.db.tx((m) => m.update(StationEntity, { id: station }, { active: false }));
    const closed = await book('09:30');
    expect(closed.status).toBe(400);
    expect(closed.body.error.details).toEqual([{ path: 'stationId', message: expect.any(String) }]);

    await t.db.tx((m) => m.update(StationEntity, { id: station }, { active: true, seatsPerSlot: 1 }));
    expect((await book('09:30')).status).toBe(201);
    const full = await book('09:30'); // one seat now: the new seat count is used
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('slot_full');

    await t.db.tx((m) => m.update(ShiftEntity, { stationId: station, date: '2026-12-07' }, { status: 'draft' }));
    expect((await book('10:00')).status).toBe(400); // no published shift, no slot
    await t.db.tx((m) => m.update(ShiftEntity, { stationId: station, date: '2026-12-07' }, { status: 'published' }));
    expect((await book('10:00')).status).toBe(201);

    await t.db.tx((m) => m.insert(CalendarDayEntity, { date: '2026-12-07', kind: 'holiday', name: '临时闭站', stationId: station, scope: station, createdAt: new Date() }));
    expect((await book('10:30')).status).toBe(400); // a closed day has no slots
  });

  it('lets the bookings in flight finish before it closes', async () => {
    const thread = new PlacementThread(t.ctx);
    const before = await count(t, 'SELECT COUNT(*) FROM appointments');
    const inFlight = Array.from({ length: 25 }, (_, i) => thread.place(input(stationId, `2026-12-03T${i < 13 ? '09' : '10'}:${i % 2 ? '30' : '00'}:00+08:00`), 'online'));
    const closed = thread.close();
    const results = await Promise.allSettled(inFlight);
    await closed;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(25);
    expect(await count(t, 'SELECT COUNT(*) FROM appointments')).toBe(before + 25);
    await expect(thread.place(input(stationId, '2026-12-03T11:00:00+08:00'), 'online')).rejects.toThrow(/shutting down/);
  });

  it('fails only the bookings of a thread that dies, leaves nothing of them, and starts a new thread for the next', async () => {
    const thread = new PlacementThread(t.ctx);
    try {
      await thread.place(input(stationId, '2026-12-04T09:00:00+08:00'), 'online'); // started and warm
      const before = await count(t, 'SELECT COUNT(*) FROM appointments');
      const seatsBefore = await count(t, 'SELECT COUNT(*) FROM appointment_seats');
      const doomed = Array.from({ length: 10 }, () => thread.place(input(stationId, '2026-12-04T09:30:00+08:00'), 'online'));
      await (thread as unknown as { worker: Worker }).worker.terminate();
      const outcomes = await Promise.allSettled(doomed);
      const lost = outcomes.filter((o) => o.status === 'rejected');
      const placed = outcomes.filter((o) => o.status === 'fulfilled');
      // Whatever was confirmed is there. Anything else committed whole or not at all (a COMMIT
      // can finish just before the thread dies): every appointment has its seat, none is half-written.
      const made = (await count(t, 'SELECT COUNT(*) FROM appointments')) - before;
      expect(made).toBeGreaterThanOrEqual(placed.length);
      expect(made).toBeLessThan(10);
      expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats')).toBe(seatsBefore + made);
      expect(await count(t, 'SELECT COUNT(*) FROM appointments a WHERE NOT EXISTS (SELECT 1 FROM appointment_seats s WHERE s.appointment_id = a.id)')).toBe(0);
      expect(lost.length).toBeGreaterThan(0); // terminated right after the requests were sent: some were still queued
      for (const o of lost) expect(String((o as PromiseRejectedResult).reason)).toMatch(/booking thread stopped/);
      const next = await thread.place(input(stationId, '2026-12-04T10:00:00+08:00'), 'online');
      expect('placed' in next && next.placed.appointment.id).toBeGreaterThan(0);
    } finally {
      await thread.close();
    }
  });

  it('waits for a write transaction of the main thread to commit instead of failing', async () => {
    const server = await listen(t);
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      // The main connection holds SQLite's write lock (BEGIN IMMEDIATE) for a while.
      const mainTx = t.db.tx(async (m) => {
        await m.update(StationEntity, { id: stationId }, { phone: '0851-0000000' });
        entered();
        await held;
      });
      await inside;
      const bookings = Array.from({ length: 12 }, (_, i) => server.http.post('/api/appointments').send(bookingFor(stationId, `2026-12-04T${i < 6 ? '14' : '15'}:${i % 2 ? '30' : '00'}:00+08:00`)));
      const settled = Promise.all(bookings.map((b) => b.then((r) => r)));
      await new Promise((r) => setTimeout(r, 300));
      release();
      await mainTx;
      const answers = await settled;
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
      expect((await t.db.read((m) => m.findOneByOrFail(StationEntity, { id: stationId }))).phone).toBe('0851-0000000');
    } finally {
      await server.close();
    }
  });

  it('has the WAL checkpointed by a thread of its own once the booking thread runs', async () => {
    const file = t.db.url.slice('sqlite:'.length);
    // The main connection no longer checkpoints in its own COMMITs…
    expect(await t.db.read((m) => m.query('PRAGMA wal_autocheckpoint'))).toEqual([{ wal_autocheckpoint: 0 }]);
    const sizeBefore = fs.statSync(file).size;
    // ~4 MB of station rows from the main thread, whose connection no longer checkpoints itself.
    await t.db.tx(async (m) => {
      for (let i = 0; i < 40; i++) {
        await m.insert(
          StationEntity,
          Array.from({ length: 25 }, (_, j) => ({ code: `CK-${i}-${j}`, name: `检查点 ${i}-${j}`, level: 'village' as const, parentId: null, divisionCode: null, address: 'x'.repeat(3000), phone: '', openHours: [] as never, slotMinutes: 30, seatsPerSlot: 2, swapAutoApprove: false, active: true, createdAt: new Date(), updatedAt: new Date() })),
        );
      }
    });
    // …yet the pages reach the database file: the checkpoint thread copied them.
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size < sizeBefore + 3_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 3_000_000);
  });

  it('never holds the writers back to restart the WAL while a reader is on it, and restarts it once the reader has gone', async () => {
    t.db.startCheckpointer(t.ctx.logger); // as the booking thread does (a no-op when it already runs)
    const file = t.db.url.slice('sqlite:'.length);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const stationRows = (i: number) =>
      Array.from({ length: 25 }, (_, j) => ({ code: `RS-${i}-${j}`, name: `重启 ${i}-${j}`, level: 'village' as const, parentId: null, divisionCode: null, address: 'x'.repeat(3000), phone: '', openHours: [] as never, slotMinutes: 30, seatsPerSlot: 2, swapAutoApprove: false, active: true, createdAt: new Date(), updatedAt: new Date() }));
    // A reader (an export, say) holds a snapshot that includes frames of the log.
    await t.db.tx((m) => m.insert(StationEntity, stationRows(0)));
    const reader = new Database(file);
    reader.exec('BEGIN');
    reader.prepare('SELECT COUNT(*) AS n FROM stations').get();
    // Meanwhile the log grows past the point where the checkpoint thread restarts it (~12 MB, 3,000 pages).
    for (let i = 1; i <= 120; i++) await t.db.tx((m) => m.insert(StationEntity, stationRows(i)));
    await sleep(700); // several checkpoint passes, each of which finds the reader
    // A writer that does not wait at all still gets the write lock every time: no RESTART holds it while waiting for the reader.
    const writer = new Database(file);
    writer.pragma('busy_timeout = 0');
    writer.exec('CREATE TABLE IF NOT EXISTS checkpoint_probe (n INTEGER)');
    const refused: string[] = [];
    for (let i = 0; i < 15; i++) {
      try {
        writer.exec('BEGIN IMMEDIATE');
        writer.prepare('INSERT INTO checkpoint_probe (n) VALUES (?)').run(i);
        writer.exec('COMMIT');
      } catch (err) {
        refused.push(String((err as Error).message));
        if (writer.inTransaction) writer.exec('ROLLBACK');
      }
      await sleep(60);
    }
    expect(refused).toEqual([]);
    expect(writer.prepare('SELECT COUNT(*) AS n FROM checkpoint_probe').get()).toEqual({ n: 15 });
    // The reader still sees its snapshot (nothing was taken from under it); once it is gone the log is restarted.
    expect(reader.prepare("SELECT COUNT(*) AS n FROM stations WHERE code LIKE 'RS-%'").get()).toEqual({ n: 25 });
    reader.exec('COMMIT');
    reader.close();
    // A restarted log is begun again by the next write: then it holds that write's few frames.
    const framesAfterAWrite = () => {
      writer.prepare('INSERT INTO checkpoint_probe (n) VALUES (-1)').run();
      return (writer.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
    };
    const deadline = Date.now() + 10_000;
    while (framesAfterAWrite() > 100 && Date.now() < deadline) await sleep(100);
    expect(framesAfterAWrite()).toBeLessThan(100);
    writer.close();
  });

  it('leaves the bookings to the main thread when the thread cannot open the database', async () => {
    // The same database handle, but the thread is told to open a file it cannot create (its directory would be under a file).
    const aFile = path.join(os.tmpdir(), `dutyroster-not-a-dir-${process.pid}`);
    fs.writeFileSync(aFile, '');
    const unreachable = Object.create(t.db) as Db;
    Object.defineProperty(unreachable, 'url', { value: `sqlite:${aFile}/bookings.sqlite` });
    Object.defineProperty(unreachable, 'startCheckpointer', { value: () => undefined });
    const ctx = { ...t.ctx, db: unreachable };

    const thread = new PlacementThread(ctx);
    await expect(thread.place(input(stationId, '2026-12-02T14:00:00+08:00'), 'online')).rejects.toBeInstanceOf(ThreadUnavailable);
    expect(thread.usable).toBe(false);
    await expect(thread.place(input(stationId, '2026-12-02T14:00:00+08:00'), 'online')).rejects.toBeInstanceOf(ThreadUnavailable);

    const service = new BookingsService(ctx);
    const body = input(stationId, '2026-12-02T14:30:00+08:00');
    const booked = await service.book(body, 'zh', 'thread-test');
    expect(booked).toMatchObject({ stationId, start: '2026-12-02T14:30:00+08:00', status: 'booked' });
    expect(await count(t, 'SELECT COUNT(*) FROM appointments WHERE id = ? AND phone = ?', [booked.id, body.phone])).toBe(1);
    expect(await service.book(input(stationId, '2026-12-02T15:00:00+08:00'), 'zh', 'thread-test')).toMatchObject({ status: 'booked' });
    fs.rmSync(aFile, { force: true });
  });

  it('carries a domain error across as one, and a driver error with its code (SQLITE_BUSY is a 503)', async () => {
    // The error crosses the thread as data: a domain error stays one, anything else becomes a plain error.
    const { deserialiseError, serialiseError } = await import('../../../server/bookings/placementThread.js');
    const domain = deserialiseError(serialiseError(new AppError(409, 'slot_full', 'full')));
    expect(domain).toBeInstanceOf(AppError);
    expect(domain).toMatchObject({ status: 409, code: 'slot_full', message: 'full' });
    // A refusal over what a phone number holds stays one: the public routes count it as a failed look-up.
    const phone = deserialiseError(serialiseError(new PhoneRefusal('already booked')));
    expect(phone).toBeInstanceOf(PhoneRefusal);
    expect(phone).toMatchObject({ status: 409, code: 'conflict', message: 'already booked' });
    expect(deserialiseError(serialiseError(new AppError(409, 'conflict', 'other')))).not.toBeInstanceOf(PhoneRefusal);
    const busy = deserialiseError(serialiseError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })));
    expect(busy).not.toBeInstanceOf(AppError);
    expect(busy).toMatchObject({ message: 'database is locked', code: 'SQLITE_BUSY' });
  });
});
