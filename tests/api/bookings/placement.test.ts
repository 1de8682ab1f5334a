/**
 * The raw-SQL booking path (placement.ts over db.sqlTx): rows it writes read back
 * through the entities exactly as ORM-written rows do; a transaction that asks to be
 * re-run (TxRetry) leaves only its last attempt; on SQLite, bookings that share one
 * group commit still fail and succeed one by one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { bookingFor, count, listen } from './helpers.js';
import { AppointmentEntity, PhoneGuardEntity } from '../../../server/bookings/appointments.entity.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import { personKeyFor } from '../../../server/privacy/personKey.js';
import { insertRows, TxRetry } from '../../../server/db/sql.js';
import { conflict } from '../../../server/http/errors.js';

describeEachDb('booking placement in raw statements', (kind) => {
  let t: TestApp;
  let stationId: number;
  beforeAll(async () => {
    t = await setupTestApp(kind, { poolSize: 12 });
    stationId = (await t.make.station({ name: '直写站', seatsPerSlot: 3 })).id;
    for (const date of ['2026-12-02', '2026-12-03']) await t.make.shift({ date, stationId });
  });
  afterAll(() => t.close());

  it('writes an appointment, its seat and its SMS that read back like ORM-written rows', async () => {
    const body = bookingFor(stationId, '2026-12-03T10:30:00+08:00', { note: '拖欠三个月工资' });
    const res = await t.http.post('/api/appointments').send(body);
    expect(res.status).toBe(201);
    const a = await t.db.read((m) => m.findOneByOrFail(AppointmentEntity, { id: res.body.id }));
    expect(a).toMatchObject({ code: res.body.code, stationId, date: '2026-12-03', slotTime: '10:30', status: 'booked', source: 'online', phone: body.phone, note: '拖欠三个月工资', version: 1, outcomeServices: null, amountInvolved: null });
    expect(a.startAt.toISOString()).toBe('2026-12-03T02:30:00.000Z');
    expect(a.endAt.toISOString()).toBe('2026-12-03T03:00:00.000Z');
    expect(a.consentAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect(a.personKey).toBe(await t.db.read((m) => personKeyFor(m, body.phone)));
    expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ? AND seat_no = 1', [a.id])).toBe(1);

    const sms = await t.db.read((m) => m.find(NotificationEntity, { where: { recipientPhone: body.phone }, order: { id: 'ASC' } }));
    expect(sms.map((n) => n.dedupeKey)).toEqual([`appt:${a.id}:confirmed`, `appt:${a.id}:reminder:${a.startAt.getTime()}`]);
    expect(sms.map((n) => n.payload)).toEqual([{ appointmentId: a.id }, { appointmentId: a.id }]);
    expect(sms[0]!.body).toContain(a.code);
    // 24 hours before the start.
    expect(sms[1]!.nextAttemptAt.toISOString()).toBe('2026-12-02T02:30:00.000Z');
  });

  it('binds every value: text that looks like SQL is stored as text, even on the multi-statement MySQL pool', async () => {
    const name = "x'); DROP TABLE appointments; --";
    const note = "\\'; UPDATE stations SET active = 0; SELECT ('";
    const res = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-03T11:00:00+08:00', { name, note }));
    expect(res.status).toBe(201);
    const a = await t.db.read((m) => m.findOneByOrFail(AppointmentEntity, { id: res.body.id }));
    expect([a.name, a.note]).toEqual([name, note]);
    expect(await count(t, 'SELECT COUNT(*) FROM stations WHERE active = 1')).toBeGreaterThan(0);
    expect(await count(t, 'SELECT COUNT(*) FROM appointments')).toBeGreaterThan(0);
  });

  it('stores datetimes, JSON and nulls in the very form the ORM stores them', async () => {
    const now = new Date('2026-12-01T01:02:03.000Z');
    const row = { channel: 'sms', kind: 'test.form', recipientUserId: null, recipientPhone: null, recipientEmail: null, title: 't', body: 'b', payload: { a: [1, '二'] }, status: 'pending', attempts: 0, nextAttemptAt: now, claimedBy: null, claimedUntil: null, sentAt: null, readAt: null, lastError: null, dedupeKey: null, createdAt: now };
    await t.db.tx((m) => m.insert(NotificationEntity, { ...row, title: 'orm' } as never));
    await t.db.sqlTx((sql) => sql.batch([insertRows(t.db.ds.getMetadata(NotificationEntity), [{ ...row, title: 'raw' }])]));
    const stored: Record<string, unknown>[] = await t.db.ds.query(
      "SELECT title, payload, next_attempt_at, created_at, sent_at, recipient_user_id FROM notifications WHERE kind = 'test.form' ORDER BY title",
    );
    expect(stored).toHaveLength(2);
    const [orm, raw] = [stored.find((r) => r.title === 'orm')!, stored.find((r) => r.title === 'raw')!];
    for (const col of ['payload', 'next_attempt_at', 'created_at', 'sent_at', 'recipient_user_id']) expect(raw[col]).toEqual(orm[col]);
  });

  it('keeps only the last attempt of a transaction that asks to run again, and gives up with its fallback', async () => {
    let attempts = 0;
    const phone = `guard-retry-${kind}`;
    await t.db.sqlTx(async (sql) => {
      attempts++;
      await sql.batch([{ sql: 'INSERT INTO booking_phone_guards (phone, touched_at) VALUES (?, ?)', params: [`${phone}-${attempts}`, new Date()] }]);
      if (attempts < 3) throw new TxRetry(new Error('not reached'));
    });
    expect(attempts).toBe(3);
    const rows = await t.db.read((m) => m.find(PhoneGuardEntity));
    expect(rows.map((r) => r.phone).filter((p) => p.startsWith(phone))).toEqual([`${phone}-3`]);

    let runs = 0;
    const failing = t.db.sqlTx(async (sql) => {
      runs++;
      await sql.batch([{ sql: 'INSERT INTO booking_phone_guards (phone, touched_at) VALUES (?, ?)', params: [`never-${kind}-${runs}`, new Date()] }]);
      throw new TxRetry(conflict('gave up', 'slot_full'));
    });
    await expect(failing).rejects.toMatchObject({ status: 409, code: 'slot_full' });
    expect(runs).toBe(5);
    expect(await count(t, "SELECT COUNT(*) FROM booking_phone_guards WHERE phone LIKE 'never-%'")).toBe(0);
  });

  it('commits the good bookings of a burst and nothing of the bad ones', async () => {
    const server = await listen(t);
    try {
      const good = ['09:30', '10:00', '11:00', '11:30'].flatMap((time) => [1, 2, 3].map(() => bookingFor(stationId, `2026-12-02T${time}:00+08:00`)));
      const notASlot = Array.from({ length: 5 }, () => bookingFor(stationId, '2026-12-02T09:10:00+08:00'));
      // Eight people for the three seats at 09:00: three get one, whoever comes first.
      const contested = Array.from({ length: 8 }, () => bookingFor(stationId, '2026-12-02T09:00:00+08:00'));
      const results = await Promise.all([...good, ...notASlot, ...contested].map((b) => server.http.post('/api/appointments').send(b)));
      expect(results.slice(0, 12).map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(results.slice(12, 17).map((r) => r.status)).toEqual(Array(5).fill(400));
      const nine = results.slice(17);
      expect(nine.filter((r) => r.status === 201)).toHaveLength(3);
      expect(nine.filter((r) => r.status === 409 && r.body.error.code === 'slot_full')).toHaveLength(5);
      expect(await count(t, "SELECT COUNT(*) FROM appointments WHERE station_id = ? AND date = '2026-12-02'", [stationId])).toBe(15);
      expect(await count(t, "SELECT COUNT(*) FROM appointment_seats WHERE station_id = ? AND date = '2026-12-02'", [stationId])).toBe(15);
      const losers = [...notASlot.map((b) => b.phone), ...contested.filter((_, i) => nine[i]!.status !== 201).map((b) => b.phone)];
      expect(await count(t, `SELECT COUNT(*) FROM notifications WHERE recipient_phone IN (${losers.map(() => '?').join(', ')})`, losers)).toBe(0);
      expect(await count(t, `SELECT COUNT(*) FROM appointments WHERE phone IN (${losers.map(() => '?').join(', ')})`, losers)).toBe(0);
      // Every booking of the burst got its own code.
      const codes = new Set(results.filter((r) => r.status === 201).map((r) => r.body.code));
      expect(codes.size).toBe(15);
    } finally {
      await server.close();
    }
  });
});
