/**
 * A closure of many stations cancels its bookings in batches after it commits
 * (bookings/closedDay.ts): every booking cancelled once, its worker told once in their
 * language, one audit entry each under the coordinator's name — also when the instance
 * stops half-way (the job finishes) and when two instances work on it at once.
 * Batches are made tiny here so that a handful of bookings takes several.
 * The clock stands at 2026-12-01 09:00; the day closed is Tuesday 2026-12-08.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { Db } from '../../../server/db/db.js';
import { CalendarService } from '../../../server/calendar/calendar.service.js';
import { CalendarDayEntity } from '../../../server/calendar/calendar.entity.js';
import { ClosedDayReleaseEntity } from '../../../server/bookings/closedDayRelease.entity.js';
import { lockStationsForClosure, resumeClosedDayReleases, runRelease, startRelease } from '../../../server/bookings/closedDay.js';
import { closedDayReleasesJob } from '../../../server/bookings/bookings.jobs.js';
import { allJobs } from '../../../server/jobs/registry.js';
import type { AuthUser } from '../../../server/auth/policy.js';
import { bookingFor, count, freshPhone } from './helpers.js';

const TUE = '2026-12-08';
const TIMES = ['09:00', '09:30', '10:00', '10:30', '14:00'];

describeEachDb('a big closure, cancelled in batches', (kind) => {
  let t: TestApp;
  let coordinator: AuthUser;
  beforeAll(async () => {
    t = await setupTestApp(kind);
    const u = await t.make.user({ role: 'coordinator' });
    const [row] = await t.db.ds.query('SELECT id FROM users WHERE username = ?', [u.username]);
    coordinator = { id: Number(row.id), username: u.username, role: 'coordinator', displayName: u.username, lawyerId: null, stationId: null };
  });
  afterAll(() => t.close());

  /** `stations` stations open on TUE at TIMES only, one seat each, every one booked (every fourth booking in English), and a waitlist place at the first. */
  async function bookedDay(stations: number) {
    await t.db.ds.query('DELETE FROM lookup_failures');
    const made: { id: number; code: string; phone: string; lang: string; stationId: number }[] = [];
    const ids: number[] = [];
    for (let s = 0; s < stations; s++) {
      const station = await t.make.station({ seatsPerSlot: 1, openHours: [{ weekday: 2, start: '09:00', end: '11:00' }, { weekday: 2, start: '14:00', end: '14:30' }] });
      ids.push(station.id);
      await t.make.shift({ date: TUE, stationId: station.id });
      for (const time of TIMES) {
        const lang = made.length % 4 === 0 ? 'en' : 'zh';
        const body = bookingFor(station.id, `${TUE}T${time}:00+08:00`);
        const res = await t.http.post('/api/appointments').set('Accept-Language', lang === 'en' ? 'en' : 'zh-CN').send(body);
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        made.push({ id: res.body.id, code: res.body.code, phone: body.phone, lang, stationId: station.id });
      }
    }
    const waiting = { stationId: ids[0], date: TUE, name: '候补', phone: freshPhone(), category: 'dismissal', consent: true };
    const joined = await t.http.post('/api/waitlist').send(waiting);
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    return { made, stationIds: ids, waitlist: { id: joined.body.id as number, phone: waiting.phone } };
  }

  /** Each booking cancelled, its seat freed, its reminder withdrawn, one closure SMS in its language, one audit entry by the coordinator; the waitlist place lapsed and told once. */
  async function expectAllReleased(day: Awaited<ReturnType<typeof bookedDay>>, calendarDayId: number) {
    for (const b of day.made) {
      const [row] = await t.db.ds.query('SELECT status, cancelled_at FROM appointments WHERE id = ?', [b.id]);
      expect(row.status).toBe('cancelled');
      expect(row.cancelled_at).not.toBeNull();
      expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ?', [b.id])).toBe(0);
      const sms: { kind: string; body: string }[] = await t.db.ds.query('SELECT kind, body FROM notifications WHERE recipient_phone = ? ORDER BY id', [b.phone]);
      expect(sms.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.cancelled_closure']);
      expect(sms[1]!.body).toContain(b.code);
      expect(sms[1]!.body).toContain(b.lang === 'en' ? `is closed on ${TUE} (全市停业)` : `因全市停业`);
      const audit: { username: string; details: string }[] = await t.db.ds.query(
        "SELECT username, details FROM audit_log WHERE action = 'appointment.cancel' AND entity = 'appointment' AND entity_id = ?",
        [String(b.id)],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]!.username).toBe(coordinator.username);
      expect(JSON.parse(audit[0]!.details)).toEqual({ reason: 'closed_day', date: TUE, calendarDayId, from: 'booked' });
    }
    const [entry] = await t.db.ds.query('SELECT status, active_key FROM waitlist_entries WHERE id = ?', [day.waitlist.id]);
    expect(entry).toMatchObject({ status: 'expired', active_key: null });
    expect((await t.db.ds.query('SELECT kind FROM notifications WHERE recipient_phone = ?', [day.waitlist.phone])).map((n: { kind: string }) => n.kind)).toEqual(['waitlist.closed']);
    expect(await count(t, 'SELECT COUNT(*) FROM closed_day_releases WHERE done_at IS NULL')).toBe(0);
  }

  const networkDay = () => ({ date: TUE, kind: 'holiday' as const, name: '全市停业', stationId: null, cancelBookings: true });
  const undo = async (calendarDayId: number) => {
    await t.db.ds.query('DELETE FROM calendar_days WHERE id = ?', [calendarDayId]);
    await t.db.ds.query('DELETE FROM closed_day_releases');
  };

  it('cancels every booking of a network-wide closure in batches, and answers with the whole count', async () => {
    const day = await bookedDay(3);
    const calendar = new CalendarService(t.ctx, { first: 2, rest: 4 });
    const created = await calendar.create(networkDay(), coordinator, 'req-batches');
    expect(created.cancelledBookings).toBe(day.made.length);
    await expectAllReleased(day, created.id!);
    // The batches after the closure's own transaction ran from a release row, now done.
    const releases = await t.db.ds.query('SELECT station_id, calendar_day_id, username, request_id, done_at FROM closed_day_releases');
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ station_id: null, calendar_day_id: created.id, username: coordinator.username, request_id: 'req-batches' });
    expect(releases[0].done_at).not.toBeNull();
    const [closure] = await t.db.ds.query("SELECT details FROM audit_log WHERE action = 'calendar_day.create' AND entity_id = ?", [String(created.id)]);
    expect(JSON.parse(closure.details)).toMatchObject({ cancelledBookings: day.made.length, closedWaitlist: 1 });
    // The batches after it, in one entry besides each cancellation's: all but the first two bookings (and the waitlist place, in the first batch).
    const sweeps: { username: string; details: string }[] = await t.db.ds.query("SELECT username, details FROM audit_log WHERE action = 'calendar_day.sweep' AND entity_id = ?", [String(created.id)]);
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]!.username).toBe(coordinator.username);
    expect(JSON.parse(sweeps[0]!.details)).toEqual({ date: TUE, stationId: null, cancelledBookings: day.made.length - 2, closedWaitlist: 0, batches: 4 });
    await undo(created.id!);
  });

  /** The closure committed with its first batch only, as an instance that stopped right after it leaves it. */
  async function closedThenStopped(first: number) {
    return t.db.tx(async (m) => {
      await lockStationsForClosure(m, null);
      const row = await m.save(CalendarDayEntity, { date: TUE, kind: 'holiday', name: '全市停业', stationId: null, scope: 0, createdAt: t.clock.now() });
      const { pending } = await startRelease(m, t.ctx, { date: TUE, stationId: null, calendarDayId: row.id, actor: coordinator, requestId: 'req' }, first);
      return { calendarDayId: row.id, pending: pending! };
    });
  }

  it('is finished by the job when the instance stopped after the closure committed', async () => {
    const day = await bookedDay(3);
    const { calendarDayId, pending } = await closedThenStopped(4);
    expect(pending).toEqual(expect.any(Number));
    expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE date = ? AND status = 'booked'", [TUE])).toBe(day.made.length - 4);
    // Not yet: a release a minute old may still be at work on its instance.
    expect((await closedDayReleasesJob.run(t.ctx)) as unknown).toMatchObject({ ran: true, result: { releases: 0 } });
    t.clock.advanceMinutes(2);
    try {
      expect(allJobs).toContain(closedDayReleasesJob);
      const run = (await closedDayReleasesJob.run(t.ctx)) as unknown as { ran: boolean; result: { releases: number; cancelledBookings: number; closedWaitlist: number } };
      expect(run).toMatchObject({ ran: true, result: { releases: 1, cancelledBookings: day.made.length - 4, closedWaitlist: 0 } });
      await expectAllReleased(day, calendarDayId);
      // Nothing left: running again changes nothing.
      expect(await resumeClosedDayReleases(t.ctx, { minAgeMs: 0 })).toEqual({ releases: 0, cancelledBookings: 0, closedWaitlist: 0 });
      await expectAllReleased(day, calendarDayId);
    } finally {
      t.clock.advanceMinutes(-2);
    }
    await undo(calendarDayId);
  });

  // Several instances share one database on MySQL only (on SQLite one process serves; two
  // connections of one thread would spin on each other's write lock).
  if (kind === 'mysql')
    it('cancels each booking once when two instances run the same release at once', async () => {
      const day = await bookedDay(4);
      const { calendarDayId, pending } = await closedThenStopped(1);
      const other = await Db.connect({ url: t.db.url, poolSize: 5 });
      try {
        const [a, b] = await Promise.all([runRelease(t.ctx, pending, 3), runRelease({ ...t.ctx, db: other }, pending, 3)]);
        expect(a.cancelledBookings + b.cancelledBookings).toBe(day.made.length - 1);
        expect(a.closedWaitlist + b.closedWaitlist).toBe(0);
      } finally {
        await other.close();
      }
      await expectAllReleased(day, calendarDayId);
      await undo(calendarDayId);
    });

  it('stops cancelling when the closure is taken back before its batches are done', async () => {
    const day = await bookedDay(2);
    const { calendarDayId, pending } = await closedThenStopped(3);
    await t.db.tx((m) => m.delete(CalendarDayEntity, { id: calendarDayId }));
    expect(await runRelease(t.ctx, pending, 2)).toEqual({ cancelledBookings: 0, closedWaitlist: 0 });
    expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE date = ? AND status = 'booked'", [TUE])).toBe(day.made.length - 3);
    expect((await t.db.read((m) => m.findOneByOrFail(ClosedDayReleaseEntity, { id: pending }))).doneAt).not.toBeNull();
    await t.db.ds.query("UPDATE appointments SET status = 'cancelled' WHERE date = ?", [TUE]);
    await t.db.ds.query("UPDATE waitlist_entries SET status = 'expired', active_key = NULL WHERE date = ?", [TUE]);
    await t.db.ds.query('DELETE FROM appointment_seats WHERE date = ?', [TUE]);
    await t.db.ds.query('DELETE FROM closed_day_releases');
  });
});
