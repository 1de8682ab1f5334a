import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupDemoApp, type TestApp } from '../../helpers/app.js';
import { AppointmentEntity } from '../../../server/bookings/appointments.entity.js';

describeEachDb('booking demo data', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await setupDemoApp(kind, { now: '2026-12-01T09:00:00+08:00' });
  }, 120_000);
  afterAll(() => t.close());

  it('has a couple of coming bookings made in English, whose messages are in English; the rest are Chinese', async () => {
    const all = await t.db.read((m) => m.find(AppointmentEntity, { order: { startAt: 'ASC', id: 'ASC' } }));
    const english = all.filter((a) => a.lang === 'en');
    expect(english.length).toBeGreaterThanOrEqual(2);
    expect(english.length).toBeLessThanOrEqual(4);
    for (const a of english) {
      expect(a).toMatchObject({ status: 'booked', source: 'online' });
      expect(a.date >= '2026-12-01').toBe(true);
      expect(a.name).toMatch(/^[A-Za-z ]+$/);
    }
    expect(all.filter((a) => a.lang !== 'en').every((a) => a.lang === 'zh')).toBe(true);

    // The worker cancels one from the Chinese page: they are told in English.
    const a = english[0]!;
    const res = await t.http.post('/api/appointments/cancel').set('Accept-Language', 'zh-CN').send({ code: a.code, phone: a.phone });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [sms] = await t.db.ds.query("SELECT body FROM notifications WHERE recipient_phone = ? AND kind = 'booking.cancelled'", [a.phone]);
    expect(sms.body).toMatch(new RegExp(`^Your booking at .+ \\(${a.code}\\) is cancelled\\.$`));
  });
});
