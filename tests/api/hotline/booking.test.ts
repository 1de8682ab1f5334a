import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AppointmentEntity } from '../../../server/bookings/appointments.entity.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';

describeEachDb('hotline call → booking in one step', (kind) => {
  let t: TestApp;
  let stationId: number;
  let staff: string;
  let staffUserId: number;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00' });
    stationId = (await t.make.station({ name: '区站', seatsPerSlot: 1 })).id;
    const lawyer = await t.make.lawyer({ name: '王建国', stationIds: [stationId] });
    await t.make.shift({ date: '2026-12-02', stationId, lawyerId: lawyer.id });
    const u = await t.make.user({ role: 'staff', stationId });
    staffUserId = u.id;
    const login = await t.http.post('/api/auth/login').send({ username: u.username, password: u.password });
    staff = `Bearer ${login.body.token}`;
  });
  afterAll(() => t.close());

  const logCall = async (o: Record<string, unknown> = {}) => {
    const res = await t.http
      .post('/api/hotline-calls')
      .set('Authorization', staff)
      .send({ stationId, callerName: '李秀英', callerPhone: '13700001111', callerConsent: true, category: 'work_injury', summary: '工伤', durationSeconds: 120, outcome: 'callback_needed', followUpDate: '2026-12-01', ...o });
    expect(res.status).toBe(201);
    return res.body as { id: number };
  };

  it('books the caller a consultation, links it, and marks the call booked (closing its call-back)', async () => {
    const c = await logCall();
    const res = await t.http.post(`/api/hotline-calls/${c.id}/book`).set('Authorization', staff).send({ start: '2026-12-02T09:00:00+08:00' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.appointment).toMatchObject({
      stationId,
      start: '2026-12-02T09:00:00+08:00',
      status: 'booked',
      lawyerName: '王建国',
      code: expect.any(String),
    });
    expect(res.body.call).toMatchObject({ id: c.id, outcome: 'appointment_booked', appointmentId: res.body.appointment.id, followUpState: 'done', version: 2 });
    const a = await t.db.read((m) => m.findOneByOrFail(AppointmentEntity, { id: res.body.appointment.id }));
    expect(a).toMatchObject({ name: '李秀英', phone: '13700001111', category: 'work_injury', createdBy: staffUserId, status: 'booked' });
    // The worker finds it with the code and their number, like any booking.
    const lookup = await t.http.get(`/api/appointments/lookup?code=${res.body.appointment.code}&phone=13700001111`);
    expect(lookup.status).toBe(200);
    // Not in the call-back queue any more.
    const queue = await t.http.get(`/api/follow-ups?stationId=${stationId}`).set('Authorization', staff);
    expect(queue.body.items.map((x: { id: number }) => x.id)).not.toContain(c.id);
    // A second booking for the same call is refused while the first is live.
    const again = await t.http.post(`/api/hotline-calls/${c.id}/book`).set('Authorization', staff).send({ start: '2026-12-02T10:00:00+08:00' });
    expect(again.status).toBe(409);
    // The outcome stays appointment_booked while a booking is linked.
    expect((await t.http.patch(`/api/hotline-calls/${c.id}`).set('Authorization', staff).send({ outcome: 'answered' })).status).toBe(409);
    const audit = await t.db.read((m) => m.findBy(AuditEntity, { action: 'hotline_call.book', entityId: String(c.id) }));
    expect(audit).toHaveLength(1);
  });

  it('follows the booking rules: a full slot is 409 slot_full, a non-slot 400, and nothing is linked', async () => {
    const c = await logCall({ callerPhone: '13700002222', outcome: 'answered', followUpDate: undefined });
    const full = await t.http.post(`/api/hotline-calls/${c.id}/book`).set('Authorization', staff).send({ start: '2026-12-02T09:00:00+08:00' });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('slot_full');
    const odd = await t.http.post(`/api/hotline-calls/${c.id}/book`).set('Authorization', staff).send({ start: '2026-12-02T09:10:00+08:00' });
    expect(odd.status).toBe(400);
    const row = await t.http.get(`/api/hotline-calls/${c.id}`).set('Authorization', staff);
    expect(row.body).toMatchObject({ outcome: 'answered', appointmentId: null, version: 1 });
  });

  it('needs a name and a mobile number: from the call, or given', async () => {
    const c = await logCall({ callerName: null, callerPhone: '085112345678', outcome: 'answered', followUpDate: undefined });
    const noMobile = await t.http.post(`/api/hotline-calls/${c.id}/book`).set('Authorization', staff).send({ start: '2026-12-02T14:00:00+08:00', name: '王五' });
    expect(noMobile.status).toBe(400);
    expect(noMobile.body.error.details[0].path).toBe('phone');
    const noName = await t.http.post(`/api/hotline-calls/${c.id}/book`).set('Authorization', staff).send({ start: '2026-12-02T14:00:00+08:00', phone: '13700003333' });
    expect(noName.status).toBe(400);
    expect(noName.body.error.details[0].path).toBe('name');
    const ok = await t.http
      .post(`/api/hotline-calls/${c.id}/book`)
      .set('Authorization', staff)
      .send({ start: '2026-12-02T14:00:00+08:00', name: '王五', phone: '137 0000 3333' });
    expect(ok.status).toBe(201);
    // The call keeps its landline and gains the name it lacked.
    expect(ok.body.call).toMatchObject({ callerName: '王五', callerPhone: '085112345678', outcome: 'appointment_booked' });
  });

  it('refuses booking for a call at a station the user does not work at', async () => {
    const c = await logCall({ outcome: 'answered', followUpDate: undefined, callerPhone: '13700004444' });
    const other = await t.tokenFor('staff', { stationId: (await t.make.station()).id });
    const res = await t.http.post(`/api/hotline-calls/${c.id}/book`).set('Authorization', other).send({ start: '2026-12-02T15:00:00+08:00' });
    expect(res.status).toBe(403);
    expect((await t.http.post('/api/hotline-calls/999999/book').set('Authorization', staff).send({ start: '2026-12-02T15:00:00+08:00' })).status).toBe(404);
  });
});
