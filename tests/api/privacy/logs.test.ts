/**
 * Logs never hold a full phone number or a worker's name: the log output of a whole
 * booking flow (book, look up with the number in the query, cancel, walk-in, a call,
 * a subject search, SMS delivery) and of an unexpected database error — whose
 * QueryFailedError carries the statement's values — is captured and searched.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import request from 'supertest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { createLogger } from '../../../server/logger.js';
import { createApp } from '../../../server/app.js';
import type { AppContext } from '../../../server/context.js';
import { deliverDueNotifications } from '../../../server/notifications/deliver.js';
import { LogSmsSender } from '../../../server/notifications/senders.js';

const NAME = '欧阳娜娜';
const PHONE = '13987654321';

describeEachDb('privacy: logs never hold a phone number', (kind) => {
  let t: TestApp;
  let ctx: AppContext;
  let http: ReturnType<typeof request>;
  const lines: string[] = [];
  let stationId: number;

  beforeAll(async () => {
    t = await setupTestApp(kind);
    ctx = { ...t.ctx, logger: createLogger('debug', { write: (s: string) => void lines.push(s) }) };
    http = request(createApp(ctx, { clientDir: '/nonexistent' }).app);
    stationId = (await t.make.station({ name: '日志站' })).id;
    await t.make.shift({ date: '2026-12-02', stationId });
  });
  afterAll(() => t.close());

  const logged = () => lines.join('');

  it('a booking flow logs requests without numbers or names', async () => {
    const staff = await t.tokenFor('staff');
    const booking = { stationId, start: '2026-12-02T10:00:00+08:00', name: NAME, phone: PHONE, category: 'wage_arrears', note: `电话 ${PHONE}`, consent: true };
    const booked = await http.post('/api/appointments').send(booking);
    expect(booked.status).toBe(201);
    expect((await http.get(`/api/appointments/lookup?code=${booked.body.code}&phone=${PHONE}`)).status).toBe(200);
    expect((await http.get(`/api/appointments/lookup?code=ZZZZ-ZZZZ&phone=${PHONE}`)).status).toBe(404);
    expect((await http.post('/api/appointments').send({ ...booking, phone: `${PHONE}0` })).status).toBe(400);
    expect((await http.post('/api/appointments/cancel').send({ code: booked.body.code, phone: PHONE })).status).toBe(200);
    expect((await http.post('/api/appointments/walk-in').set('Authorization', staff).send({ stationId, name: NAME, phone: PHONE, category: 'other', consent: true })).status).toBe(201);
    const call = await http
      .post('/api/hotline-calls')
      .set('Authorization', staff)
      .send({ stationId, callerName: NAME, callerPhone: PHONE, callerConsent: true, category: 'other', summary: `回电 ${PHONE}`, durationSeconds: 5, outcome: 'answered' });
    expect(call.status).toBe(201);
    expect((await http.get(`/api/privacy/subjects?phone=${PHONE}`).set('Authorization', staff)).status).toBe(200);
    expect((await http.get(`/api/privacy/subjects/phone/${PHONE}`).set('Authorization', staff)).status).toBe(404);
    const delivered = await deliverDueNotifications(ctx, [new LogSmsSender(ctx.logger)]);
    expect(delivered.sent).toBeGreaterThan(0);

    const text = logged();
    expect(text).toContain('"statusCode":201');
    expect(text).toContain('SMS (log sender)');
    expect(text).toContain('139****4321'); // the masked form is fine
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(NAME);
  });

  it('an unexpected database error is logged without the values of the failed statement', async () => {
    const boom =
      kind === 'sqlite'
        ? "CREATE TRIGGER privacy_boom BEFORE INSERT ON appointments BEGIN SELECT RAISE(ABORT, 'boom'); END"
        : "CREATE TRIGGER privacy_boom BEFORE INSERT ON appointments FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'";
    await t.db.ds.query(boom);
    try {
      lines.length = 0;
      const staff = await t.tokenFor('staff');
      const res = await http.post('/api/appointments/walk-in').set('Authorization', staff).send({ stationId, name: NAME, phone: PHONE, category: 'other', note: PHONE, consent: true });
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('internal');
      expect(res.text).not.toContain(PHONE);
      // The same error from a scheduled job goes through the base logger.
      const err = await t.built.services.bookings.walkIn({ stationId, name: NAME, phone: PHONE, category: 'other', consent: true } as never, { id: 1, username: 'x', role: 'staff', displayName: 'x', lawyerId: null, stationId: null }).catch((e: unknown) => e);
      expect((err as { parameters?: unknown[] }).parameters).toContain(PHONE); // what would have leaked
      ctx.logger.error({ err, job: 'test' }, 'job failed');

      const text = logged();
      expect(text).toContain('unhandled error');
      expect(text).toContain('QueryFailedError');
      expect(text).toContain('boom');
      expect(text).toContain('job failed');
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain(NAME);
    } finally {
      await t.db.ds.query('DROP TRIGGER privacy_boom');
    }
  });
});
