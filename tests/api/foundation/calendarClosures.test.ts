/**
 * A local closure on a day workers have booked (a typhoon, a station's move): without
 * confirmation 409 and nothing written; with `cancelBookings: true` the day closes and its
 * bookings are cancelled as a worker's own cancel would (seat freed, reminder withdrawn),
 * each worker told by SMS, the day's waitlist lapsed. The clock stands at 2026-12-01 09:00.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { bookingFor, count, freshPhone } from '../bookings/helpers.js';

const MON = '2026-12-07';
const TUE = '2026-12-08';
const WED = '2026-12-09';
const SAT = '2026-12-12';
const at = (date: string, time: string) => `${date}T${time}:00+08:00`;

describeEachDb('local closures and the bookings they would strand', (kind) => {
  let t: TestApp;
  let coord: string;
  beforeAll(async () => {
    t = await setupTestApp(kind);
    coord = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    // Every booking here comes from one client address; the tests are about closures, not look-up limits.
    await t.db.ds.query('DELETE FROM lookup_failures');
  });

  /** A station with a published duty on each of `dates`. */
  async function stationOpenOn(dates: string[], over: Parameters<TestApp['make']['station']>[0] = {}) {
    const station = await t.make.station({ name: `观山湖测试站 ${Math.random().toString(36).slice(2, 6)}`, ...over });
    for (const date of dates) await t.make.shift({ date, stationId: station.id });
    return station;
  }

  async function book(stationId: number, start: string) {
    const body = bookingFor(stationId, start);
    const res = await t.http.post('/api/appointments').send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id as number, code: res.body.code as string, phone: body.phone };
  }

  const statusOf = async (id: number) => ((await t.db.ds.query('SELECT status FROM appointments WHERE id = ?', [id])) as { status: string }[])[0]!.status;
  const smsTo = (phone: string): Promise<{ kind: string; body: string; status: string }[]> =>
    t.db.ds.query('SELECT kind, body, status FROM notifications WHERE recipient_phone = ? ORDER BY id', [phone]);
  const close = (body: Record<string, unknown>, lang?: string) => {
    const req = t.http.post('/api/calendar-days').set('Authorization', coord);
    if (lang) req.set('Accept-Language', lang);
    return req.send({ kind: 'holiday', ...body });
  };

  it('refuses a station closure over live bookings with 409 and the count, and writes nothing', async () => {
    const a = await stationOpenOn([MON]);
    const b = await stationOpenOn([MON]);
    const mine = [await book(a.id, at(MON, '09:00')), await book(a.id, at(MON, '09:30'))];
    const other = await book(b.id, at(MON, '09:00'));
    const before = {
      days: await count(t, 'SELECT COUNT(*) FROM calendar_days'),
      seats: await count(t, 'SELECT COUNT(*) FROM appointment_seats'),
      sms: await count(t, 'SELECT COUNT(*) FROM notifications'),
      audit: await count(t, 'SELECT COUNT(*) FROM audit_log'),
    };

    const res = await close({ date: MON, name: '搬迁', stationId: a.id });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toBe(
      `Closing ${MON} would cancel 2 live booking(s); send cancelBookings: true to close the day, cancel them and tell each worker by SMS`,
    );
    expect(res.body.error.details).toEqual([
      { path: 'cancelBookings', message: 'set to true to cancel these bookings; each worker is told by SMS' },
      { path: 'bookings', message: '2' },
      { path: `bookings.${a.id}`, message: '2' },
    ]);
    // In Chinese for the client, with the same paths and counts.
    const zh = await close({ date: MON, name: '搬迁', stationId: a.id }, 'zh-CN');
    expect(zh.status).toBe(409);
    expect(zh.body.error.message).toContain('将取消 2 个有效预约');
    expect(zh.body.error.details.map((d: { path: string }) => d.path)).toEqual(['cancelBookings', 'bookings', `bookings.${a.id}`]);
    // cancelBookings: false is no confirmation either.
    expect((await close({ date: MON, name: '搬迁', stationId: a.id, cancelBookings: false })).status).toBe(409);

    expect(await count(t, 'SELECT COUNT(*) FROM calendar_days')).toBe(before.days);
    expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats')).toBe(before.seats);
    expect(await count(t, 'SELECT COUNT(*) FROM notifications')).toBe(before.sms);
    expect(await count(t, 'SELECT COUNT(*) FROM audit_log')).toBe(before.audit);
    for (const x of [...mine, other]) expect(await statusOf(x.id)).toBe('booked');
    // The day still has its slots for workers.
    expect((await t.http.get(`/api/stations/${a.id}/slots?date=${MON}`)).body.length).toBeGreaterThan(0);
  });

  it('with cancelBookings: true closes the day, cancels its bookings, frees their seats and tells each worker', async () => {
    const a = await stationOpenOn([MON]);
    const b = await stationOpenOn([MON]);
    const mine = [await book(a.id, at(MON, '09:00')), await book(a.id, at(MON, '14:00'))];
    const other = await book(b.id, at(MON, '09:00'));
    // Each booking made 6 days ahead has its reminder waiting in the outbox.
    for (const x of mine) expect((await smsTo(x.phone)).map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.reminder']);

    const res = await close({ date: MON, name: '搬迁', stationId: a.id, cancelBookings: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(Number), date: MON, kind: 'holiday', name: '搬迁', stationId: a.id, source: 'local', cancelledBookings: 2 });

    for (const x of mine) {
      expect(await statusOf(x.id)).toBe('cancelled');
      expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ?', [x.id])).toBe(0);
      const sms = await smsTo(x.phone);
      // The reminder is withdrawn; the cancellation names the station, the reason and the code, and invites another day.
      expect(sms.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.cancelled_closure']);
      const told = sms[1]!;
      expect(told.status).toBe('pending');
      expect(told.body).toContain('因搬迁');
      expect(told.body).toContain(a.name);
      expect(told.body).toContain(MON);
      expect(told.body).toContain(x.code);
      expect(told.body).toContain('已取消');
      expect(told.body).toContain('另选日期');
      // The worker sees it cancelled when looking it up.
      const lookup = await t.http.get('/api/appointments/lookup').query({ code: x.code, phone: x.phone });
      expect(lookup.body.status).toBe('cancelled');
    }
    // Another station's booking that day is untouched.
    expect(await statusOf(other.id)).toBe('booked');
    expect((await smsTo(other.phone)).map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.reminder']);

    // Audited: the closure with its count, and each cancellation under the coordinator's name.
    const audit: { action: string; username: string | null }[] = await t.db.ds.query(
      "SELECT action, username FROM audit_log WHERE (entity = 'appointment' AND entity_id IN (?, ?)) OR (entity = 'calendar_day' AND entity_id = ?) ORDER BY id",
      [String(mine[0]!.id), String(mine[1]!.id), String(res.body.id)],
    );
    expect(audit.map((r) => r.action)).toEqual(['appointment.cancel', 'appointment.cancel', 'calendar_day.create']);
    expect(new Set(audit.map((r) => r.username)).size).toBe(1);
    expect(audit[0]!.username).toMatch(/^coordinator_/);

    // No slots while closed; once the closure is removed, the freed seat can be booked again.
    expect((await t.http.get(`/api/stations/${a.id}/slots?date=${MON}`)).body).toEqual([]);
    expect((await t.http.delete(`/api/calendar-days/${res.body.id}`).set('Authorization', coord)).status).toBe(204);
    const again = await t.http.post('/api/appointments').send(bookingFor(a.id, at(MON, '09:00')));
    expect(again.status).toBe(201);
  });

  it('lets the day’s waitlist lapse and does not offer the freed seats to it', async () => {
    // One 30-minute slot on Mondays, one seat: one booking fills the day.
    const c = await stationOpenOn([MON], { openHours: [{ weekday: 1, start: '09:00', end: '09:30' }] });
    const holder = await book(c.id, at(MON, '09:00'));
    const waiting = { stationId: c.id, date: MON, name: '候补', phone: freshPhone(), category: 'dismissal', consent: true };
    const joined = await t.http.post('/api/waitlist').send(waiting);
    expect(joined.status).toBe(201);

    const res = await close({ date: MON, name: '台风停业', stationId: c.id, cancelBookings: true });
    expect(res.status).toBe(201);
    expect(res.body.cancelledBookings).toBe(1);
    expect(await statusOf(holder.id)).toBe('cancelled');
    expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE station_id = ?', [c.id])).toBe(0);
    const [entry] = await t.db.ds.query('SELECT status, active_key FROM waitlist_entries WHERE id = ?', [joined.body.id]);
    expect(entry).toMatchObject({ status: 'expired', active_key: null });
    const sms = await smsTo(waiting.phone);
    expect(sms.map((n) => n.kind)).toEqual(['waitlist.closed']);
    expect(sms[0]!.body).toContain('因台风停业');
    expect(sms[0]!.body).toContain(joined.body.code);
  });

  it('frees a seat held for the first in line when the day closes without bookings', async () => {
    const c = await stationOpenOn([MON], { openHours: [{ weekday: 1, start: '09:00', end: '09:30' }] });
    const holder = await book(c.id, at(MON, '09:00'));
    const waiting = { stationId: c.id, date: MON, name: '候补', phone: freshPhone(), category: 'dismissal', consent: true };
    const joined = await t.http.post('/api/waitlist').send(waiting);
    expect((await t.http.post('/api/appointments/cancel').send({ code: holder.code, phone: holder.phone })).status).toBe(200);
    expect(await count(t, "SELECT COUNT(*) FROM appointment_seats WHERE station_id = ? AND kind = 'hold'", [c.id])).toBe(1);

    // No live booking: nothing to confirm.
    const res = await close({ date: MON, name: '台风停业', stationId: c.id });
    expect(res.status).toBe(201);
    expect(res.body.cancelledBookings).toBe(0);
    expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE station_id = ?', [c.id])).toBe(0);
    const [entry] = await t.db.ds.query('SELECT status FROM waitlist_entries WHERE id = ?', [joined.body.id]);
    expect(entry.status).toBe('expired');
    expect((await smsTo(waiting.phone)).map((n) => n.kind)).toEqual(['waitlist.offer', 'waitlist.closed']);
  });

  it('closes the whole network: every station’s bookings, except where a station keeps its own working day', async () => {
    const a = await stationOpenOn([TUE]);
    const b = await stationOpenOn([TUE]);
    const keeps = await stationOpenOn([TUE]);
    const booked = [await book(a.id, at(TUE, '09:00')), await book(b.id, at(TUE, '10:00'))];
    const kept = await book(keeps.id, at(TUE, '09:00'));
    const own = await t.http
      .post('/api/calendar-days')
      .set('Authorization', coord)
      .send({ date: TUE, kind: 'workday', name: '照常开放', stationId: keeps.id });
    expect(own.status).toBe(201);

    const refused = await close({ date: TUE, name: '全区工会培训' });
    expect(refused.status).toBe(409);
    const details = Object.fromEntries(refused.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(details).toMatchObject({ bookings: '2', [`bookings.${a.id}`]: '1', [`bookings.${b.id}`]: '1' });
    expect(details[`bookings.${keeps.id}`]).toBeUndefined();

    const res = await close({ date: TUE, name: '全区工会培训', cancelBookings: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stationId: null, cancelledBookings: 2 });
    for (const x of booked) {
      expect(await statusOf(x.id)).toBe('cancelled');
      expect((await smsTo(x.phone)).at(-1)!.body).toContain('因全区工会培训');
    }
    expect(await statusOf(kept.id)).toBe('booked');
    expect((await t.http.get(`/api/stations/${keeps.id}/slots?date=${TUE}`)).body.length).toBeGreaterThan(0);
  });

  it('an extra working day cancels nothing', async () => {
    const a = await stationOpenOn([WED]);
    const x = await book(a.id, at(WED, '09:00'));
    const sms = await count(t, 'SELECT COUNT(*) FROM notifications');
    const res = await t.http.post('/api/calendar-days').set('Authorization', coord).send({ date: WED, kind: 'workday', name: '加开', stationId: a.id });
    expect(res.status).toBe(201);
    expect(res.body.cancelledBookings).toBeUndefined();
    expect(await statusOf(x.id)).toBe('booked');
    expect(await count(t, 'SELECT COUNT(*) FROM notifications')).toBe(sms);
  });

  it('removing an extra working day that has bookings asks for the same confirmation', async () => {
    const a = await stationOpenOn([SAT]);
    const opening = await t.http.post('/api/calendar-days').set('Authorization', coord).send({ date: SAT, kind: 'workday', name: '周六加开', stationId: a.id });
    expect(opening.status).toBe(201);
    const x = await book(a.id, at(SAT, '10:00'));

    const refused = await t.http.delete(`/api/calendar-days/${opening.body.id}`).set('Authorization', coord);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toContainEqual({ path: 'bookings', message: '1' });
    expect(await count(t, 'SELECT COUNT(*) FROM calendar_days WHERE id = ?', [opening.body.id])).toBe(1);
    expect(await statusOf(x.id)).toBe('booked');

    const done = await t.http.delete(`/api/calendar-days/${opening.body.id}?cancelBookings=true`).set('Authorization', coord);
    expect(done.status).toBe(204);
    expect(await statusOf(x.id)).toBe('cancelled');
    const told = (await smsTo(x.phone)).at(-1)!;
    expect(told.kind).toBe('booking.cancelled_closure');
    // A plain Saturday has no reason to give.
    expect(told.body).not.toContain('因');
    expect(told.body).toContain(`${SAT} 暂停服务`);
  });

  it('closes today too: a checked-in walk-in still there counts, a consultation already over does not', async () => {
    const today = '2026-12-01';
    const a = await stationOpenOn([today]);
    const staff = await t.tokenFor('staff');
    const walkIn = await t.http
      .post('/api/appointments/walk-in')
      .set('Authorization', staff)
      .send({ stationId: a.id, name: '李四', phone: freshPhone(), category: 'wage_arrears', consent: true });
    expect(walkIn.status, JSON.stringify(walkIn.body)).toBe(201);
    // A walk-in earlier this morning, over by now.
    const early = await t.http
      .post('/api/appointments/walk-in')
      .set('Authorization', staff)
      .send({ stationId: a.id, start: at(today, '08:00'), name: '王五', phone: freshPhone(), category: 'wage_arrears', consent: true });
    expect(early.status).toBe(201);

    const refused = await close({ date: today, name: '暴雨', stationId: a.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toContainEqual({ path: 'bookings', message: '1' });
    const res = await close({ date: today, name: '暴雨', stationId: a.id, cancelBookings: true });
    expect(res.status).toBe(201);
    expect(await statusOf(walkIn.body.id)).toBe('cancelled');
    expect(await statusOf(early.body.id)).toBe('checked_in');
  });

  it('refuses days gone by: no new local day before today, and a past one stays', async () => {
    const a = await t.make.station();
    const past = await close({ date: '2026-11-30', name: '补录', stationId: a.id });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([{ path: 'date', message: 'must be today (2026-12-01) or later' }]);
    const zh = await close({ date: '2026-11-30', name: '补录', stationId: a.id }, 'zh-CN');
    expect(zh.body.error.details).toEqual([{ path: 'date', message: '应为今天（2026-12-01）或以后的日期' }]);

    const soon = await close({ date: '2026-12-02', name: '停电', stationId: a.id });
    expect(soon.status).toBe(201);
    t.clock.set('2026-12-03T09:00:00+08:00');
    try {
      // Two days on, the morning's sign-in has lapsed.
      const gone = await t.http.delete(`/api/calendar-days/${soon.body.id}`).set('Authorization', await t.tokenFor('coordinator'));
      expect(gone.status).toBe(409);
      expect(gone.body.error.message).toBe('This local day has passed; it stays as the record of that day');
      expect(await count(t, 'SELECT COUNT(*) FROM calendar_days WHERE id = ?', [soon.body.id])).toBe(1);
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
  });
});
