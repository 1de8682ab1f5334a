/**
 * A small world of workers' records, built through the API: bookings (one completed
 * with an outcome, one walk-in), a waitlist place, hotline calls (with a call-back,
 * one anonymous by name only, one without anything), a referral, and the SMS they cause.
 */
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/app.js';

export const OLD = { name: '王老五', phone: '13811110001' };
export const FILLER = { name: '钱多多', phone: '13644440004' };
export const WALKER = { name: '孙走走', phone: '13733330003' };
export const RECENT = { name: '李新新', phone: '13922220002' };

export interface World {
  district: number;
  town: number;
  small: number;
  lawyerId: number;
  old: { appointmentId: number; waitlistId: number; callId: number; referralId: number; code: string };
  anonymousCallId: number;
  recentCallId: number;
}

/** Builds the world on the default test clock (2026-12-01 09:00 +08:00) and leaves the clock at 2026-12-03 09:00. */
export async function buildWorld(t: TestApp): Promise<World> {
  const district = (await t.make.station({ name: '区站', level: 'district' })).id;
  const town = (await t.make.station({ name: '镇站', level: 'town', parentId: district })).id;
  // One slot a week (Wednesday 10:00), one seat: easy to fill, so the waitlist opens.
  const small = (await t.make.station({ name: '小站', level: 'town', parentId: district, openHours: [{ weekday: 3, start: '10:00', end: '10:30' }], seatsPerSlot: 1 })).id;
  const lawyer = await t.make.lawyer({ name: '周律师', stationIds: [district, town] });
  await t.make.shift({ date: '2026-12-02', stationId: district, lawyerId: lawyer.id });
  await t.make.shift({ date: '2026-12-02', stationId: small });

  let staff = await t.tokenFor('staff');
  const ok = (res: { status: number; body: unknown }, status = 201) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body as Record<string, any>;
  };

  // The old worker books a consultation, and joins the waitlist of the full small station.
  const booked = ok(
    await t.http.post('/api/appointments').send({
      stationId: district,
      start: '2026-12-02T10:00:00+08:00',
      name: OLD.name,
      phone: OLD.phone,
      category: 'wage_arrears',
      note: `我叫${OLD.name}，电话 ${OLD.phone}`,
      consent: true,
    }),
  );
  ok(await t.http.post('/api/appointments').send({ stationId: small, start: '2026-12-02T10:00:00+08:00', ...FILLER, category: 'other', consent: true }));
  const waiting = ok(await t.http.post('/api/waitlist').send({ stationId: small, date: '2026-12-02', ...OLD, category: 'wage_arrears', consent: true }));

  // A call from the old worker that owes a call-back, the call-back, and a referral from it.
  const call = ok(
    await t.http.post('/api/hotline-calls').set('Authorization', staff).send({
      stationId: town,
      receivedAt: '2026-12-01T08:30:00+08:00',
      callerName: OLD.name,
      callerPhone: OLD.phone,
      callerConsent: true,
      category: 'wage_arrears',
      summary: `${OLD.name}反映老板拖欠工资，请回电 ${OLD.phone}`,
      durationSeconds: 300,
      outcome: 'callback_needed',
      followUpDate: '2026-12-01',
    }),
  );
  ok(await t.http.post(`/api/hotline-calls/${call.id}/follow-up`).set('Authorization', staff).send({ note: `已回电 ${OLD.phone}，${OLD.name}同意调解`, done: true }), 200);
  const referral = ok(
    await t.http.post('/api/referrals').set('Authorization', staff).send({
      fromStationId: town,
      toStationId: district,
      stage: 'district_mediation',
      category: 'wage_arrears',
      summary: `${OLD.name}欠薪，联系 ${OLD.phone}`,
      hotlineCallId: call.id,
    }),
  );
  // A caller who gave a name only, and one who gave nothing.
  const anonymous = ok(
    await t.http.post('/api/hotline-calls').set('Authorization', staff).send({
      stationId: town,
      receivedAt: '2026-12-01T08:40:00+08:00',
      callerName: '匿名张',
      callerConsent: true,
      category: 'dismissal',
      summary: '被辞退',
      durationSeconds: 60,
      outcome: 'answered',
    }),
  );
  ok(
    await t.http.post('/api/hotline-calls').set('Authorization', staff).send({
      stationId: district,
      receivedAt: '2026-12-01T08:50:00+08:00',
      category: 'other',
      summary: '咨询社保',
      durationSeconds: 60,
      outcome: 'answered',
    }),
  );
  // A worker still in touch (a call now; another one years later, in the retention test).
  const recent = ok(
    await t.http.post('/api/hotline-calls').set('Authorization', staff).send({
      stationId: district,
      receivedAt: '2026-12-01T08:55:00+08:00',
      callerName: RECENT.name,
      callerPhone: RECENT.phone,
      callerConsent: true,
      category: 'work_injury',
      summary: '工伤认定',
      durationSeconds: 60,
      outcome: 'answered',
    }),
  );

  // The day of the consultation: the old worker comes and is seen; a walk-in too.
  t.clock.set('2026-12-02T10:05:00+08:00');
  staff = await t.tokenFor('staff');
  ok(await t.http.patch(`/api/appointments/${booked.id}`).set('Authorization', staff).send({ status: 'checked_in' }), 200);
  ok(
    await t.http
      .patch(`/api/appointments/${booked.id}`)
      .set('Authorization', staff)
      .send({ status: 'completed', outcome: { services: ['advice', 'application_drafted'], amountInvolved: 12000.5, note: `${OLD.name}的仲裁申请书已起草，联系 ${OLD.phone}` } }),
    200,
  );
  const walkIn = ok(await t.http.post('/api/appointments/walk-in').set('Authorization', staff).send({ stationId: district, ...WALKER, category: 'dismissal', consent: true }));
  ok(await t.http.patch(`/api/appointments/${walkIn.id}`).set('Authorization', staff).send({ status: 'completed', outcome: { services: ['mediation_referral'] } }), 200);
  t.clock.set('2026-12-03T09:00:00+08:00');

  return {
    district,
    town,
    small,
    lawyerId: lawyer.id,
    old: { appointmentId: booked.id, waitlistId: waiting.id, callId: call.id, referralId: referral.id, code: booked.code },
    anonymousCallId: anonymous.id,
    recentCallId: recent.id,
  };
}

/** Every figure the statistics publish for a period, exactly as the API sends them. */
export async function figures(t: TestApp, token: string, stationId: number, from = '2026-11-01', to = '2026-12-31'): Promise<string[]> {
  const out: string[] = [];
  for (const path of [
    `/api/stats/summary?from=${from}&to=${to}`,
    `/api/stats/trend?from=${from}&to=${to}`,
    `/api/stats/summary?from=${from}&to=${to}&stationId=${stationId}&includeChildren=1`,
    `/api/stats/summary?from=${from}&to=${to}&stationId=${stationId}`,
  ]) {
    const res = await t.http.get(path).set('Authorization', token);
    expect(res.status, path).toBe(200);
    out.push(res.text);
  }
  return out;
}

/** Every row of the tables that hold workers' data, as text. */
export async function dump(t: TestApp): Promise<string> {
  const tables = ['appointments', 'waitlist_entries', 'hotline_calls', 'hotline_follow_ups', 'referrals', 'notifications', 'idempotency_keys', 'booking_phone_guards', 'audit_log'];
  const parts: string[] = [];
  for (const table of tables) parts.push(`${table}: ${JSON.stringify(await t.db.ds.query(`SELECT * FROM ${table}`))}`);
  return parts.join('\n');
}
