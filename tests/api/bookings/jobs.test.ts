import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { deliverDueNotifications } from '../../../server/notifications/deliver.js';
import type { Sender } from '../../../server/notifications/senders.js';
import { NotificationEntity, type NotificationRow } from '../../../server/notifications/notifications.entity.js';
import { noShowJob, waitlistHoldsJob } from '../../../server/bookings/bookings.jobs.js';
import { deliverNotificationsJob } from '../../../server/notifications/notifications.jobs.js';
import { bookingFor, count, freshPhone } from './helpers.js';

const START = '2026-12-01T09:00:00+08:00';

/** An SMS sender that records what it sends and is slow enough for two deliveries to overlap. */
function recordingSender(): Sender & { sent: NotificationRow[] } {
  const sent: NotificationRow[] = [];
  return {
    channel: 'sms',
    sent,
    async send(n) {
      await new Promise((r) => setTimeout(r, 15));
      sent.push(n);
    },
  };
}

describeEachDb('booking jobs: reminders, no-shows, the waitlist', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp(kind);
  });
  afterAll(() => t.close());

  const at = async (iso: string, fn: () => Promise<void>) => {
    t.clock.set(iso);
    try {
      await fn();
    } finally {
      t.clock.set(START);
    }
  };

  /** A station whose Wednesday has exactly one 30-minute slot. */
  async function oneSlotStation() {
    const station = await t.make.station({ openHours: [{ weekday: 3, start: '09:00', end: '09:30' }] });
    await t.make.shift({ date: '2026-12-02', stationId: station.id });
    return station.id;
  }

  it('delivers a due reminder exactly once even when two deliveries run at the same time', async () => {
    const stationId = (await t.make.station()).id;
    await t.make.shift({ date: '2026-12-03', stationId });
    const phone = freshPhone();
    const made = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-03T10:00:00+08:00', { phone }));
    expect(made.status).toBe(201);

    const early = recordingSender();
    await deliverDueNotifications(t.ctx, [early]);
    expect(early.sent.filter((n) => n.recipientPhone === phone).map((n) => n.kind)).toEqual(['booking.confirmed']);

    await at('2026-12-02T10:00:30+08:00', async () => {
      const sender = recordingSender();
      await Promise.all([deliverDueNotifications(t.ctx, [sender]), deliverDueNotifications(t.ctx, [sender])]);
      const mine = sender.sent.filter((n) => n.recipientPhone === phone);
      expect(mine.map((n) => n.kind)).toEqual(['booking.reminder']);
      expect(mine[0]!.body).toContain(made.body.code);
      await deliverDueNotifications(t.ctx, [sender]);
      expect(sender.sent.filter((n) => n.recipientPhone === phone)).toHaveLength(1);
    });
    expect(await count(t, "SELECT COUNT(*) FROM notifications WHERE recipient_phone = ? AND status = 'sent'", [phone])).toBe(2);
  });

  it('never sends the reminder of a cancelled or moved booking', async () => {
    const stationId = (await t.make.station()).id;
    await t.make.shift({ date: '2026-12-03', stationId });
    await t.make.shift({ date: '2026-12-04', stationId });
    const cancelledPhone = freshPhone();
    const movedPhone = freshPhone();
    const c = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-03T11:00:00+08:00', { phone: cancelledPhone }));
    const mv = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-03T11:30:00+08:00', { phone: movedPhone }));
    expect((await t.http.post('/api/appointments/cancel').send({ code: c.body.code, phone: cancelledPhone })).status).toBe(200);
    const moved = await t.http.post('/api/appointments/reschedule').send({ code: mv.body.code, phone: movedPhone, start: '2026-12-04T11:30:00+08:00' });
    expect(moved.status).toBe(200);

    await at('2026-12-02T11:45:00+08:00', async () => {
      const sender = recordingSender();
      await deliverDueNotifications(t.ctx, [sender]);
      const reminders = sender.sent.filter((n) => n.kind === 'booking.reminder' && [cancelledPhone, movedPhone].includes(n.recipientPhone!));
      expect(reminders).toEqual([]);
    });
    await at('2026-12-03T11:45:00+08:00', async () => {
      const sender = recordingSender();
      await deliverDueNotifications(t.ctx, [sender]);
      const reminders = sender.sent.filter((n) => n.kind === 'booking.reminder' && n.recipientPhone === movedPhone);
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.body).toContain('2026-12-04 11:30');
    });
  });

  it('runs the delivery job with the configured (logging) sender', async () => {
    const result = (await deliverNotificationsJob.run(t.ctx)) as { sent: number };
    expect(result).toMatchObject({ sent: expect.any(Number), failed: 0 });
    const stillDue = await t.db.read((m) =>
      m.createQueryBuilder(NotificationEntity, 'n').where("n.status = 'pending' AND n.next_attempt_at <= :now", { now: t.clock.now() }).getCount(),
    );
    expect(stillDue).toBe(0);
  });

  it('marks bookings nobody checked in as no-shows after the grace period, and frees their seats', async () => {
    const stationId = (await t.make.station()).id;
    await t.make.shift({ date: '2026-12-02', stationId });
    const late = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-02T09:00:00+08:00'));
    const came = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-02T09:30:00+08:00'));
    const later = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-02T10:00:00+08:00'));
    await at('2026-12-02T09:20:00+08:00', async () => {
      const staff = await t.tokenFor('staff');
      expect((await t.http.patch(`/api/appointments/${came.body.id}`).set('Authorization', staff).send({ status: 'checked_in' })).status).toBe(200);
      expect(await noShowJob.run(t.ctx)).toEqual({ ran: true, result: { marked: 0 } });
    });
    await at('2026-12-02T09:31:00+08:00', async () => {
      expect(await noShowJob.run(t.ctx)).toEqual({ ran: true, result: { marked: 1 } });
      // Once per minute across instances: a second run in the same minute does nothing.
      expect(await noShowJob.run(t.ctx)).toEqual({ ran: false, reason: 'done' });
    });
    const statuses: { id: number; status: string }[] = await t.db.ds.query(
      'SELECT id, status FROM appointments WHERE id IN (?, ?, ?) ORDER BY id',
      [late.body.id, came.body.id, later.body.id],
    );
    expect(statuses.map((s) => s.status)).toEqual(['no_show', 'checked_in', 'booked']);
    expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ?', [late.body.id])).toBe(0);
    expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE appointment_id = ?', [came.body.id])).toBe(1);
  });

  it('offers a freed seat to the first in line, holds it for them, and turns their claim into a booking', async () => {
    const stationId = await oneSlotStation();
    const holder = bookingFor(stationId, '2026-12-02T09:00:00+08:00');
    const taken = await t.http.post('/api/appointments').send(holder);
    expect(taken.status).toBe(201);

    const w1 = { stationId, date: '2026-12-02', name: '候补一', phone: freshPhone(), category: 'dismissal', consent: true };
    const w2 = { ...w1, name: '候补二', phone: freshPhone() };
    const j1 = await t.http.post('/api/waitlist').send(w1);
    expect(j1.status).toBe(201);
    expect(j1.body).toMatchObject({ status: 'waiting', position: 1, date: '2026-12-02' });
    const j2 = await t.http.post('/api/waitlist').send(w2);
    expect(j2.body.position).toBe(2);
    expect((await t.http.post('/api/waitlist').send(w1)).status).toBe(409);
    // Joining a day with free slots, or a day with none at all, is refused.
    const open = await t.make.station();
    await t.make.shift({ date: '2026-12-02', stationId: open.id });
    expect((await t.http.post('/api/waitlist').send({ ...w1, stationId: open.id })).status).toBe(409);
    expect((await t.http.post('/api/waitlist').send({ ...w1, date: '2026-12-03' })).status).toBe(409);

    // The holder cancels: the seat goes on hold for the first in line, not back on sale.
    expect((await t.http.post('/api/appointments/cancel').send({ code: taken.body.code, phone: holder.phone })).status).toBe(200);
    const hold: { kind: string; waitlist_entry_id: number; appointment_id: number | null }[] = await t.db.ds.query(
      'SELECT kind, waitlist_entry_id, appointment_id FROM appointment_seats WHERE station_id = ?',
      [stationId],
    );
    expect(hold).toEqual([{ kind: 'hold', waitlist_entry_id: j1.body.id, appointment_id: null }]);
    expect(await count(t, "SELECT COUNT(*) FROM notifications WHERE kind = 'waitlist.offer' AND recipient_phone = ?", [w1.phone])).toBe(1);
    const slots = await t.http.get(`/api/stations/${stationId}/slots?date=2026-12-02`);
    expect(slots.body[0].remaining).toBe(0);
    const stranger = await t.http.post('/api/appointments').send(bookingFor(stationId, '2026-12-02T09:00:00+08:00'));
    expect(stranger.status).toBe(409);
    expect(stranger.body.error.code).toBe('slot_full');

    expect((await t.http.post('/api/waitlist/claim').send({ code: j2.body.code, phone: w2.phone })).status).toBe(409);
    expect((await t.http.post('/api/waitlist/claim').send({ code: j1.body.code, phone: w2.phone })).status).toBe(404);
    const claimed = await t.http.post('/api/waitlist/claim').send({ code: j1.body.code, phone: w1.phone });
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({ status: 'booked', start: '2026-12-02T09:00:00+08:00', stationId, name: '候补一' });
    const seat: { kind: string; appointment_id: number; waitlist_entry_id: number | null }[] = await t.db.ds.query(
      'SELECT kind, appointment_id, waitlist_entry_id FROM appointment_seats WHERE station_id = ?',
      [stationId],
    );
    expect(seat).toEqual([{ kind: 'booking', appointment_id: claimed.body.id, waitlist_entry_id: null }]);
    expect((await t.http.post('/api/waitlist/claim').send({ code: j1.body.code, phone: w1.phone })).status).toBe(409);
    const looked = await t.http.get(`/api/appointments/lookup?code=${claimed.body.code}&phone=${w1.phone}`);
    expect(looked.status).toBe(200);
  });

  it('passes an expired hold to the next in line, and puts the seat back on sale when nobody is left', async () => {
    const stationId = await oneSlotStation();
    const holder = bookingFor(stationId, '2026-12-02T09:00:00+08:00');
    const taken = await t.http.post('/api/appointments').send(holder);
    const w1 = { stationId, date: '2026-12-02', name: '候补一', phone: freshPhone(), category: 'other', consent: true };
    const w2 = { ...w1, name: '候补二', phone: freshPhone() };
    const j1 = await t.http.post('/api/waitlist').send(w1);
    const j2 = await t.http.post('/api/waitlist').send(w2);
    expect((await t.http.post('/api/appointments/cancel').send({ code: taken.body.code, phone: holder.phone })).status).toBe(200);

    // Within the hold (30 min) nothing moves.
    await at('2026-12-01T09:20:00+08:00', async () => {
      expect(await waitlistHoldsJob.run(t.ctx)).toMatchObject({ ran: true, result: { expired: 0 } });
    });
    await at('2026-12-01T09:31:00+08:00', async () => {
      expect(await waitlistHoldsJob.run(t.ctx)).toMatchObject({ ran: true, result: { expired: 1, passedOn: 1, released: 0 } });
      const seat = await t.db.ds.query('SELECT kind, waitlist_entry_id FROM appointment_seats WHERE station_id = ?', [stationId]);
      expect(seat).toEqual([{ kind: 'hold', waitlist_entry_id: j2.body.id }]);
      expect((await t.http.post('/api/waitlist/claim').send({ code: j1.body.code, phone: w1.phone })).status).toBe(409);
      expect(await count(t, "SELECT COUNT(*) FROM notifications WHERE kind = 'waitlist.offer' AND recipient_phone = ?", [w2.phone])).toBe(1);
    });
    // The second in line lets it lapse too: nobody is left, so the seat is for sale again.
    await at('2026-12-01T10:05:00+08:00', async () => {
      expect(await waitlistHoldsJob.run(t.ctx)).toMatchObject({ ran: true, result: { expired: 1, passedOn: 0, released: 1 } });
      expect(await count(t, 'SELECT COUNT(*) FROM appointment_seats WHERE station_id = ?', [stationId])).toBe(0);
      const slots = await t.http.get(`/api/stations/${stationId}/slots?date=2026-12-02`);
      expect(slots.body[0].remaining).toBe(1);
      // A free slot again: the waitlist is closed to newcomers, who can simply book.
      expect((await t.http.post('/api/waitlist').send(w1)).status).toBe(409);
    });
    const statuses: { status: string }[] = await t.db.ds.query('SELECT status FROM waitlist_entries WHERE id IN (?, ?) ORDER BY id', [
      j1.body.id,
      j2.body.id,
    ]);
    expect(statuses.map((s) => s.status)).toEqual(['expired', 'expired']);
    expect(await count(t, 'SELECT COUNT(*) FROM waitlist_entries WHERE id IN (?, ?) AND active_key IS NOT NULL', [j1.body.id, j2.body.id])).toBe(0);
  });
});
