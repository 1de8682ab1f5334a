/**
 * Bookings placed as a group in one transaction (placementGroup.ts, used on MySQL):
 * each booking of a group meets the same rules as one placed alone, in arrival order,
 * seeing the seats and phone bookings the earlier ones took; a write refused by the
 * database leaves nothing of the group; and through the service, a group that fails as
 * a whole is placed one booking at a time.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { bookingFor, count, freshPhone } from './helpers.js';
import { AppointmentEntity } from '../../../server/bookings/appointments.entity.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import { placeGroup, type GroupItem, type GroupOutcome } from '../../../server/bookings/placementGroup.js';
import { placeBooking } from '../../../server/bookings/placement.js';
import { BookingGroups } from '../../../server/bookings/bookingGroups.js';
import type { BookingInput } from '../../../server/bookings/bookings.schema.js';
import type { Sql } from '../../../server/db/sql.js';
import { PhoneRefusal } from '../../../server/bookings/lookupGuard.js';
import { requestHash } from '../../../server/bookings/idempotency.js';

const input = (b: ReturnType<typeof bookingFor>) => b as unknown as BookingInput;
const items = (inputs: BookingInput[]): GroupItem[] => inputs.map((i) => ({ input: i }));

/** The booking an outcome placed (not a replay), or undefined. */
const placedOf = (o: GroupOutcome | undefined) => (o && 'placement' in o && 'placed' in o.placement ? o.placement.placed : undefined);

const describe = (o: GroupOutcome) => {
  if ('refused' in o) return `${(o.refused as { status?: number }).status}:${(o.refused as { code?: string }).code}`;
  const placed = placedOf(o);
  return placed ? `seat@${placed.appointment.slotTime}` : `replay of ${(o.placement as { replayOf: number }).replayOf}`;
};

describeEachDb('bookings placed as a group', (kind) => {
  let t: TestApp;
  let stationId: number;
  beforeAll(async () => {
    t = await setupTestApp(kind);
    stationId = (await t.make.station({ name: '成组站', seatsPerSlot: 2 })).id;
    for (const date of ['2026-12-02', '2026-12-03', '2026-12-04']) await t.make.shift({ date, stationId });
  });
  afterAll(() => t.close());

  it('takes the bookings in arrival order, each seeing the seats and phone bookings of the ones before it', async () => {
    const same = freshPhone();
    const busy = freshPhone();
    const at = (time: string, over: Record<string, unknown> = {}) => input(bookingFor(stationId, `2026-12-03T${time}:00+08:00`, over));
    const group = [
      at('09:00'), // seat 1
      at('09:00'), // seat 2
      at('09:00'), // full
      at('10:00', { phone: same }),
      at('10:00', { phone: same }), // the same phone at the same time
      at('10:30', { phone: busy }),
      at('11:00', { phone: busy }),
      at('11:30', { phone: busy }), // a third upcoming booking of one phone
      at('09:10'), // not a slot
      input(bookingFor(999_999, '2026-12-03T09:00:00+08:00')), // no such station
      input(bookingFor(stationId, 'not a time')),
    ];
    const outcomes = await t.db.sqlTx((sql) => placeGroup(sql, t.ctx, items(group)));
    expect(outcomes.map(describe)).toEqual([
      'seat@09:00',
      'seat@09:00',
      '409:slot_full',
      'seat@10:00',
      '409:conflict',
      'seat@10:30',
      'seat@11:00',
      '409:conflict',
      '400:validation_failed',
      '400:validation_failed',
      '400:validation_failed',
    ]);
    expect(outcomes[4]!).toMatchObject({ refused: expect.any(PhoneRefusal) });
    expect(outcomes[7]!).toMatchObject({ refused: expect.any(PhoneRefusal) });

    const placed = outcomes.flatMap((o) => placedOf(o) ?? []);
    expect(placed).toHaveLength(5);
    for (const p of placed) {
      // What the group answered is what was stored, under the stored id.
      const a = await t.db.read((m) => m.findOneByOrFail(AppointmentEntity, { code: p.appointment.code }));
      expect(a.id).toBe(p.appointment.id);
      expect(a).toMatchObject({ stationId, date: '2026-12-03', slotTime: p.appointment.slotTime, phone: p.appointment.phone, status: 'booked', source: 'online' });
      expect(p.stationName).toBe('成组站');
      const sms = await t.db.read((m) => m.find(NotificationEntity, { where: { recipientPhone: a.phone }, order: { id: 'ASC' } }));
      expect(sms.map((n) => n.dedupeKey).filter((k) => k?.startsWith(`appt:${a.id}:`))).toEqual([
        `appt:${a.id}:confirmed`,
        `appt:${a.id}:reminder:${a.startAt.getTime()}`,
      ]);
    }
    const seats: { seat_no: number; appointment_id: number }[] = await t.db.ds.query(
      "SELECT seat_no, appointment_id FROM appointment_seats WHERE station_id = ? AND date = '2026-12-03' AND slot_time = '09:00' ORDER BY seat_no",
      [stationId],
    );
    expect(seats.map((s) => [Number(s.seat_no), Number(s.appointment_id)])).toEqual([
      [1, placedOf(outcomes[0])!.appointment.id],
      [2, placedOf(outcomes[1])!.appointment.id],
    ]);
    // The refused took nothing.
    const refusedPhones = [group[2]!, group[8]!, group[9]!, group[10]!].map((b) => b.phone);
    expect(await count(t, `SELECT COUNT(*) FROM appointments WHERE phone IN (${refusedPhones.map(() => '?').join(', ')})`, refusedPhones)).toBe(0);
    expect(await count(t, 'SELECT COUNT(*) FROM appointments WHERE phone = ?', [same])).toBe(1);
    expect(await count(t, 'SELECT COUNT(*) FROM appointments WHERE phone = ?', [busy])).toBe(2);
  });

  it('sees what was booked before the group, alone or in another group', async () => {
    const first = input(bookingFor(stationId, '2026-12-02T09:00:00+08:00'));
    await t.db.sqlTx((sql) => placeBooking(sql, t.ctx, first, 'online'));
    const again = await t.db.sqlTx((sql) =>
      placeGroup(sql, t.ctx, items([input(bookingFor(stationId, '2026-12-02T09:00:00+08:00', { phone: first.phone })), input(bookingFor(stationId, '2026-12-02T09:00:00+08:00'))])),
    );
    // The phone already holds 09:00; the one seat left goes to the next.
    expect(again.map(describe)).toEqual(['409:conflict', 'seat@09:00']);
    const full = await t.db.sqlTx((sql) => placeGroup(sql, t.ctx, items([input(bookingFor(stationId, '2026-12-02T09:00:00+08:00'))])));
    expect(full.map(describe)).toEqual(['409:slot_full']);
  });

  it('answers a repeated Idempotency-Key with the booking of its first request, in the group or before it', async () => {
    const at = (time: string) => input(bookingFor(stationId, `2026-12-04T${time}:00+08:00`));
    const claim = (key: string, body: BookingInput) => ({ scope: 'appointment.create', key: `${key}-${kind}`, hash: requestHash(body) });
    const stored = at('14:00');
    const before = await t.db.sqlTx((sql) => placeGroup(sql, t.ctx, [{ input: stored, claim: claim('stored', stored) }]));
    const storedId = placedOf(before[0])!.appointment.id;
    const first = at('14:30');
    const other = at('14:30');
    const outcomes = await t.db.sqlTx((sql) =>
      placeGroup(sql, t.ctx, [
        { input: first, claim: claim('first', first) },
        { input: first, claim: claim('first', first) }, // a retry that overtook the first try
        { input: other, claim: claim('first', other) }, // the same key for another booking
        { input: stored, claim: claim('stored', stored) }, // a retry of a booking made earlier
      ]),
    );
    const firstId = placedOf(outcomes[0])!.appointment.id;
    expect(outcomes.map(describe)).toEqual(['seat@14:30', `replay of ${firstId}`, '409:conflict', `replay of ${storedId}`]);
    expect((outcomes[2] as { refused: Error }).refused.message).toMatch(/different request/);
    const keys: { idem_key: string; appointment_id: number }[] = await t.db.ds.query(
      'SELECT idem_key, appointment_id FROM idempotency_keys WHERE idem_key IN (?, ?) ORDER BY idem_key',
      [`first-${kind}`, `stored-${kind}`],
    );
    expect(keys.map((k) => [k.idem_key, Number(k.appointment_id)])).toEqual([
      [`first-${kind}`, firstId],
      [`stored-${kind}`, storedId],
    ]);
    expect(await count(t, 'SELECT COUNT(*) FROM appointments WHERE phone IN (?, ?)', [first.phone, other.phone])).toBe(1);
  });

  it('leaves nothing of the group when the database refuses one of its writes', async () => {
    const group = ['10:00', '10:00', '10:30'].map((time) => input(bookingFor(stationId, `2026-12-04T${time}:00+08:00`)));
    // Another writer takes seat 1 of 13:00 after the group has read the seats.
    const sneaky = (sql: Sql): Sql => {
      let calls = 0;
      return {
        dialect: sql.dialect,
        retryable: sql.retryable,
        async batch(stmts) {
          const out = await sql.batch(stmts);
          if (++calls === 1) {
            await sql.batch([
              {
                sql: "INSERT INTO appointment_seats (station_id, date, slot_time, seat_no, kind, created_at) VALUES (?, '2026-12-04', '10:00', 1, 'hold', ?)",
                params: [stationId, new Date()],
              },
            ]);
          }
          return out;
        },
      };
    };
    await expect(t.db.sqlTx((sql) => placeGroup(sneaky(sql), t.ctx, items(group)))).rejects.toThrow(/uq_seats_slot_seat|seat_no|UNIQUE|Duplicate/i);
    const phones = group.map((b) => b.phone);
    expect(await count(t, `SELECT COUNT(*) FROM appointments WHERE phone IN (?, ?, ?)`, phones)).toBe(0);
    expect(await count(t, `SELECT COUNT(*) FROM notifications WHERE recipient_phone IN (?, ?, ?)`, phones)).toBe(0);
    expect(await count(t, "SELECT COUNT(*) FROM appointment_seats WHERE station_id = ? AND date = '2026-12-04' AND slot_time IN ('10:00', '10:30')", [stationId])).toBe(0);
  });

  it('places the bookings of a group that failed as a whole one by one, each with its own answer', async () => {
    const groups = new BookingGroups<BookingInput, number>(
      {
        group: () => Promise.reject(new Error('the connection was lost')),
        one: async (i) => (await t.db.sqlTx((sql) => placeBooking(sql, t.ctx, i, 'online'))).appointment.id,
        keysOf: (i) => [i.start],
      },
      { maxInFlight: 1, maxGroup: 10 },
    );
    const burst = ['11:00', '11:00', '11:00'].map((time) => input(bookingFor(stationId, `2026-12-04T${time}:00+08:00`)));
    const results = await Promise.allSettled(burst.map((b) => groups.place(b)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['slot_full']);
    expect(await count(t, "SELECT COUNT(*) FROM appointment_seats WHERE station_id = ? AND date = '2026-12-04' AND slot_time = '11:00'", [stationId])).toBe(2);
  });
});
