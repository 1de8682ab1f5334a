import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { bookingFor, count, freshPhone } from './helpers.js';

const D2_1100 = '2026-12-02T11:00:00+08:00';
const D2_0930 = '2026-12-02T09:30:00+08:00';
const D2_1000 = '2026-12-02T10:00:00+08:00';

describeEachDb('booking a consultation', (kind) => {
  let t: TestApp;
  let stationId: number;
  beforeAll(async () => {
    t = await setupTestApp(kind, { env: { LOOKUP_FAILURE_LIMIT: '3' } });
    const station = await t.make.station({ name: '观山湖区职工维权服务站' });
    stationId = station.id;
    const lawyer = await t.make.lawyer({ name: '李秀英', stationIds: [stationId] });
    for (const date of ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-08']) {
      await t.make.shift({ date, stationId, lawyerId: date === '2026-12-02' ? lawyer.id : undefined });
    }
  });
  afterAll(() => t.close());
  // Every test here books from the same client address: each starts with a clean look-up count.
  // The clock moves on a second too: a booking trusts a count it read for a second (LookupGuard).
  beforeEach(async () => {
    await t.db.ds.query('DELETE FROM lookup_failures');
    t.clock.set(new Date(t.clock.now().getTime() + 1000));
  });

  it('books a free slot and answers with the code, the station and the duty lawyer', async () => {
    const body = bookingFor(stationId, D2_1100, { phone: '138 1234 5678', note: '老板拖欠三个月工资' });
    const res = await t.http.post('/api/appointments').send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/),
      stationId,
      stationName: '观山湖区职工维权服务站',
      start: D2_1100,
      end: '2026-12-02T11:30:00+08:00',
      status: 'booked',
      lawyerName: '李秀英',
      phone: '138****5678',
    });
    const [row] = await t.db.ds.query('SELECT phone, consent_at FROM appointments WHERE id = ?', [res.body.id]);
    expect(row.phone).toBe('13812345678');
    expect(row.consent_at).not.toBeNull();
    expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ?', [res.body.id])).toBe(1);
    // Confirmation now, reminder 24 h before (a booking for sooner than that gets none).
    const sms: { kind: string; next_attempt_at: string | Date }[] = await t.db.ds.query(
      'SELECT kind, next_attempt_at FROM notifications WHERE recipient_phone = ? ORDER BY id',
      ['13812345678'],
    );
    expect(sms.map((n) => n.kind)).toEqual(['booking.confirmed', 'booking.reminder']);
    expect(new Date(sms[1]!.next_attempt_at + (typeof sms[1]!.next_attempt_at === 'string' ? 'Z' : '')).toISOString()).toBe(
      '2026-12-01T03:00:00.000Z',
    );
  });

  it('answers 409 slot_full when the seat is taken', async () => {
    expect((await t.http.post('/api/appointments').send(bookingFor(stationId, D2_0930))).status).toBe(201);
    const res = await t.http.post('/api/appointments').send(bookingFor(stationId, D2_0930));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('slot_full');
  });

  it('rejects invalid bookings with 400 and details naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [bookingFor(stationId, D2_1000, { phone: '12345' }), 'phone'],
      [bookingFor(stationId, D2_1000, { phone: '021-12345678' }), 'phone'],
      [bookingFor(stationId, D2_1000, { category: 'parking' }), 'category'],
      [bookingFor(stationId, '2026-12-02T10:10:00+08:00'), 'start'],
      [bookingFor(stationId, '2026-12-02T12:00:00+08:00'), 'start'],
      [bookingFor(stationId, '2026-12-02T10:00:00'), 'start'],
      [bookingFor(stationId, '2026-12-05T10:00:00+08:00'), 'start'],
      [bookingFor(stationId, '2026-11-30T10:00:00+08:00'), 'start'],
      [bookingFor(stationId, D2_1000, { isAdmin: true }), 'isAdmin'],
      [bookingFor(stationId, D2_1000, { consent: false }), 'consent'],
      [{ ...bookingFor(stationId, D2_1000), consent: undefined }, 'consent'],
      [bookingFor(stationId, D2_1000, { name: '   ' }), 'name'],
      [bookingFor(999_999, D2_1000), 'stationId'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post('/api/appointments').send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(res.body.error.details), field).toContain(field);
    }
    expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE slot_time = '10:00'")).toBe(0);
  });

  it('refuses a name of invisible characters only (400 on name), for bookings and the waitlist alike', async () => {
    const own = (await t.make.station()).id;
    await t.make.shift({ date: '2026-12-02', stationId: own });
    const start = '2026-12-02T14:00:00+08:00';
    for (const name of ['\u202e\u200b', '\u3164', '\u200b \u2800\u00ad']) {
      const booking = await t.http.post('/api/appointments').send(bookingFor(own, start, { name }));
      expect(booking.status, JSON.stringify(name)).toBe(400);
      expect(booking.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'name', message: 'must contain a visible character' }] });
      const waiting = await t.http.post('/api/waitlist').send({ stationId: own, date: '2026-12-02', name, phone: freshPhone(), category: 'other', consent: true });
      expect(waiting.status, JSON.stringify(name)).toBe(400);
      expect(waiting.body.error.details).toEqual([{ path: 'name', message: 'must contain a visible character' }]);
    }
    const zh = await t.http.post('/api/appointments').set('Accept-Language', 'zh-CN').send(bookingFor(own, start, { name: '\u202e\u200b' }));
    expect(zh.body.error.details).toEqual([{ path: 'name', message: '不能只含空白或看不见的字符' }]);
    expect(await count(t, 'SELECT COUNT(*) FROM appointments WHERE station_id = ?', [own])).toBe(0);
    // A visible name among them is a name.
    expect((await t.http.post('/api/appointments').send(bookingFor(own, start, { name: '\u202e张三\u200b' }))).status).toBe(201);
  });

  it('accepts a start written in UTC for the same instant', async () => {
    const res = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-03T01:00:00Z'));
    expect(res.status).toBe(201);
    expect(res.body.start).toBe('2026-12-03T09:00:00+08:00');
  });

  it('looks up, moves and cancels a booking with code + phone, and keeps the outbox honest', async () => {
    const phone = freshPhone();
    const made = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-03T14:00:00+08:00', { phone }));
    expect(made.status).toBe(201);
    const { code, id } = made.body;

    const looked = await t.http.get(`/api/appointments/lookup?code=${code.toLowerCase().replace('-', ' ')}&phone=${phone}`);
    expect(looked.status).toBe(200);
    expect(looked.body).toMatchObject({ id, code, status: 'booked', start: '2026-12-03T14:00:00+08:00' });

    const moved = await t.http.post('/api/appointments/reschedule').send({ code, phone, start: '2026-12-04T15:00:00+08:00' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id, code, status: 'booked', start: '2026-12-04T15:00:00+08:00' });
    const seats = await t.db.ds.query('SELECT date, slot_time FROM appointment_seats WHERE appointment_id = ?', [id]);
    expect(seats).toEqual([{ date: '2026-12-04', slot_time: '15:00' }]);
    // The old slot is free again.
    const slots = await t.http.get(`/api/stations/${stationId}/slots?date=2026-12-03`);
    expect(slots.body.find((s: { start: string }) => s.start === '2026-12-03T14:00:00+08:00').remaining).toBe(1);

    const same = await t.http.post('/api/appointments/reschedule').send({ code, phone, start: '2026-12-04T15:00:00+08:00' });
    expect(same.status).toBe(409);

    const cancelled = await t.http.post('/api/appointments/cancel').send({ code, phone });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ?', [id])).toBe(0);
    const again = await t.http.post('/api/appointments/cancel').send({ code, phone });
    expect(again.status).toBe(409);
    const moveCancelled = await t.http.post('/api/appointments/reschedule').send({ code, phone, start: '2026-12-04T16:00:00+08:00' });
    expect(moveCancelled.status).toBe(409);

    // No stale reminder is left to go out: only sent-or-pending messages for what is true now.
    const pending: { kind: string }[] = await t.db.ds.query(
      "SELECT kind FROM notifications WHERE recipient_phone = ? AND kind = 'booking.reminder'",
      [phone],
    );
    expect(pending).toEqual([]);
    const kinds: { kind: string }[] = await t.db.ds.query('SELECT kind FROM notifications WHERE recipient_phone = ? ORDER BY id', [phone]);
    expect(kinds.map((k) => k.kind)).toEqual(['booking.confirmed', 'booking.rescheduled', 'booking.cancelled']);
  });

  it('limits one phone to two upcoming bookings and never two at once', async () => {
    const phone = freshPhone();
    const at = (start: string) => t.http.post('/api/appointments').send(bookingFor(stationId, start, { phone }));
    expect((await at('2026-12-08T09:00:00+08:00')).status).toBe(201);
    const clash = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-08T09:00:00+08:00', { phone }));
    expect(clash.status).toBe(409); // the seat is taken anyway; try an overlapping one elsewhere
    const other = await t.make.station();
    await t.make.shift({ date: '2026-12-08', stationId: other.id });
    const overlap = await t.http.post('/api/appointments').send(bookingFor(other.id, '2026-12-08T09:00:00+08:00', { phone }));
    expect(overlap.status).toBe(409);
    expect(overlap.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('overlaps') });
    expect((await at('2026-12-08T10:00:00+08:00')).status).toBe(201);
    const third = await at('2026-12-08T11:00:00+08:00');
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('2 upcoming bookings') });
  });

  it('counts failed look-ups per client in the database: 404 then 429 past the limit', async () => {
    const phone = freshPhone();
    const made = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-08T14:00:00+08:00', { phone }));
    const { code } = made.body;
    const wrongPhone = await t.http.get(`/api/appointments/lookup?code=${code}&phone=13900000000`);
    expect(wrongPhone.status).toBe(404);
    expect(wrongPhone.body.error.code).toBe('not_found');
    const wrongCode = await t.http.post('/api/appointments/cancel').send({ code: 'AAAAA-AAAAA', phone });
    expect(wrongCode.status).toBe(404);
    const garbage = await t.http.post('/api/appointments/reschedule').send({ code: 'x', phone, start: D2_1000 });
    expect(garbage.status).toBe(404);
    expect(await count(t, 'SELECT COUNT(*) FROM lookup_failures')).toBe(3);
    // The limit (3) is reached: even the right code and phone now wait.
    const limited = await t.http.get(`/api/appointments/lookup?code=${code}&phone=${phone}`);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    // Ten minutes later the window has slid on.
    t.clock.advanceMinutes(11);
    try {
      const ok = await t.http.get(`/api/appointments/lookup?code=${code}&phone=${phone}`);
      expect(ok.status).toBe(200);
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
  });

  it("never tells a phone number's other bookings, and counts those refusals as failed look-ups: 409 then 429", async () => {
    // Whoever knows a worker's number (an employer, say) must not learn whether or when they booked.
    const roomy = (await t.make.station({ seatsPerSlot: 5 })).id;
    for (const date of ['2026-12-03', '2026-12-04']) await t.make.shift({ date, stationId: roomy });
    const phone = freshPhone();
    const book = (start: string, p = phone) => t.http.post('/api/appointments').send(bookingFor(roomy, start, { phone: p }));
    expect((await book('2026-12-03T09:00:00+08:00')).status).toBe(201);
    expect((await book('2026-12-04T16:00:00+08:00')).status).toBe(201);

    const overlap = await book('2026-12-03T09:00:00+08:00');
    const tooMany = await book('2026-12-04T10:00:00+08:00');
    const overlapAgain = await book('2026-12-03T09:00:00+08:00');
    for (const res of [overlap, tooMany, overlapAgain]) {
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('booking code') });
      // Neither the day nor the time of the bookings the number holds, in any form.
      expect(res.text).not.toMatch(/2026-12-0[34]|09:00|16:00|01:00|08:00|T0\d|12月/);
    }
    expect(overlap.body.error.message).toContain('overlaps');
    expect(tooMany.body.error.message).toContain('2 upcoming bookings');
    expect(await count(t, 'SELECT COUNT(*) FROM lookup_failures')).toBe(3);

    // The limit (3) is reached: the next booking is not even tried, whatever the number.
    const limited = await book('2026-12-04T11:00:00+08:00', freshPhone());
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect((await book('2026-12-04T11:00:00+08:00')).status).toBe(429);
    expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE station_id = ? AND date = '2026-12-04' AND slot_time = '11:00'", [roomy])).toBe(0);
    // The same counter as failed look-ups by code.
    expect((await t.http.get('/api/appointments/lookup?code=AAAAA-AAAAA&phone=13900000000')).status).toBe(429);
    t.clock.advanceMinutes(11);
    try {
      expect((await book('2026-12-04T11:00:00+08:00', freshPhone())).status).toBe(201);
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
  });

  it('does not count a refusal that says nothing about the number (a full slot, a bad start)', async () => {
    const full = await t.http.post('/api/appointments').send(bookingFor(stationId, D2_0930));
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('slot_full');
    expect((await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-02T10:10:00+08:00'))).status).toBe(400);
    expect(await count(t, 'SELECT COUNT(*) FROM lookup_failures')).toBe(0);
  });

  it('counts joining a waitlist the number is already on as a failed look-up too', async () => {
    // One slot on Wednesdays, one seat: one booking fills the day.
    const small = (await t.make.station({ openHours: [{ weekday: 3, start: '10:00', end: '10:30' }], seatsPerSlot: 1 })).id;
    await t.make.shift({ date: '2026-12-02', stationId: small });
    expect((await t.http.post('/api/appointments').send(bookingFor(small, '2026-12-02T10:00:00+08:00'))).status).toBe(201);
    const entry = (phone: string) => ({ stationId: small, date: '2026-12-02', name: '王五', phone, category: 'other', consent: true });
    const phone = freshPhone();
    expect((await t.http.post('/api/waitlist').send(entry(phone))).status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const again = await t.http.post('/api/waitlist').send(entry(phone));
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('already') });
    }
    const limited = await t.http.post('/api/waitlist').send(entry(freshPhone()));
    expect(limited.status).toBe(429);
    expect(await count(t, 'SELECT COUNT(*) FROM waitlist_entries WHERE station_id = ?', [small])).toBe(1);
  });

  it('replays a retried request with the same Idempotency-Key, and refuses the key for another body', async () => {
    const body = bookingFor(stationId, '2026-12-08T15:00:00+08:00');
    const first = await t.http.post('/api/appointments').set('Idempotency-Key', 'retry-key-0001').send(body);
    expect(first.status).toBe(201);
    const again = await t.http.post('/api/appointments').set('Idempotency-Key', 'retry-key-0001').send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await t.http
      .post('/api/appointments')
      .set('Idempotency-Key', 'retry-key-0001')
      .send(bookingFor(stationId, '2026-12-08T15:30:00+08:00'));
    expect(other.status).toBe(409);
    const badKey = await t.http.post('/api/appointments').set('Idempotency-Key', 'no').send(bookingFor(stationId, '2026-12-08T16:00:00+08:00'));
    expect(badKey.status).toBe(400);
    expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE date = '2026-12-08' AND slot_time IN ('15:00', '15:30', '16:00')")).toBe(1);
  });
});
