/**
 * The default senders (no SMS_GATEWAY_URL, no SMTP_URL — production included) write to
 * the log that a message went out, never what it says: an SMS holds the booking or
 * waitlist code, which with the phone number opens the worker's booking.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { createLogger } from '../../../server/logger.js';
import type { AppContext } from '../../../server/context.js';
import { deliverDueNotifications } from '../../../server/notifications/deliver.js';
import { LogSmsSender, defaultSenders } from '../../../server/notifications/senders.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';

const PHONE = '13987650001';
const FILLER = '13987650002';

describeEachDb('the log senders keep codes out of the log', (kind) => {
  let t: TestApp;
  let ctx: AppContext;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await setupTestApp(kind);
    ctx = { ...t.ctx, logger: createLogger('debug', { write: (s: string) => void lines.push(s) }) };
  });
  afterAll(() => t.close());

  it('logs the id, kind and masked number of each SMS, and no booking or waitlist code', async () => {
    // One slot, one seat: the filler fills the day, the worker waits, the filler cancels and the seat is offered.
    const small = (await t.make.station({ openHours: [{ weekday: 3, start: '10:00', end: '10:30' }], seatsPerSlot: 1 })).id;
    await t.make.shift({ date: '2026-12-02', stationId: small });
    const person = { name: '张三', category: 'wage_arrears', consent: true };
    const filler = await t.http.post('/api/appointments').send({ stationId: small, start: '2026-12-02T10:00:00+08:00', ...person, phone: FILLER });
    expect(filler.status).toBe(201);
    const waiting = await t.http.post('/api/waitlist').send({ stationId: small, date: '2026-12-02', ...person, phone: PHONE });
    expect(waiting.status).toBe(201);
    expect((await t.http.post('/api/appointments/cancel').send({ code: filler.body.code, phone: FILLER })).status).toBe(200);
    const codes = [filler.body.code as string, waiting.body.code as string];

    const sms = await t.db.read((m) => m.findBy(NotificationEntity, { channel: 'sms' }));
    // The messages do carry the codes (that is what they are for): booked, reminder, cancelled, the offer.
    expect(sms.map((n) => `${n.title}${n.body}`).join('\n')).toContain(codes[0]);
    expect(sms.map((n) => `${n.title}${n.body}`).join('\n')).toContain(codes[1]);

    const senders = defaultSenders(ctx.config, ctx.logger);
    expect(senders.find((s) => s.channel === 'sms')).toBeInstanceOf(LogSmsSender);
    const report = await deliverDueNotifications(ctx, senders);
    expect(report.sent).toBe(sms.length);

    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l.msg).startsWith('SMS (log sender)'));
    expect(logged.map((l) => l.notification).sort()).toEqual(sms.map((n) => n.id).sort());
    expect(logged.map((l) => l.kind)).toContain('waitlist.offer');
    expect(logged.every((l) => l.to === '139****0001' || l.to === '139****0002')).toBe(true);
    const text = lines.join('');
    for (const code of codes) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(code.replace('-', ''));
    }
    expect(text).not.toContain(PHONE);
  });
});
