/**
 * A worker asks what is kept about them, for a copy, and for its deletion: staff find
 * every record by phone, export it, and erase it in one transaction — the statistics
 * survive, and the audit log records the erasure without the number.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { AppointmentEntity } from '../../../server/bookings/appointments.entity.js';
import { HotlineCallEntity } from '../../../server/hotline/hotline.entity.js';
import { buildWorld, dump, figures, OLD, RECENT, type World } from './helpers.js';

describeEachDb('privacy: data subject requests', (kind) => {
  let t: TestApp;
  let w: World;
  let staff: string;
  let coord: string;
  let otherCallId: number;

  beforeAll(async () => {
    t = await setupTestApp(kind);
    w = await buildWorld(t);
    staff = await t.tokenFor('staff');
    coord = await t.tokenFor('coordinator');
    // Someone else's call that mentions the old worker's number.
    const other = await t.http.post('/api/hotline-calls').set('Authorization', staff).send({
      stationId: w.town,
      callerName: '工友老陈',
      callerPhone: '13500005555',
      callerConsent: true,
      category: 'wage_arrears',
      summary: `和工友一起被欠薪，工友电话 ${OLD.phone}，我的 13500005555`,
      durationSeconds: 60,
      outcome: 'answered',
    });
    expect(other.status).toBe(201);
    otherCallId = other.body.id;
  });
  afterAll(() => t.close());

  const subjects = (token: string, phone: string, path = '/api/privacy/subjects') =>
    t.http.get(`${path}?phone=${encodeURIComponent(phone)}`).set('Authorization', token);

  it('finds every record that holds the number, in full, for staff and coordinators only', async () => {
    const res = await subjects(staff, `+86 ${OLD.phone.slice(0, 3)} ${OLD.phone.slice(3, 7)} ${OLD.phone.slice(7)}`);
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe(OLD.phone);
    expect(res.body.counts).toEqual({ appointments: 1, waitlist: 1, hotlineCalls: 1, referrals: 1, notifications: expect.any(Number), mentions: 1 });
    expect(res.body.notifications.length).toBeGreaterThanOrEqual(2); // confirmation and reminder at least
    expect(res.body.appointments[0]).toMatchObject({ id: w.old.appointmentId, name: OLD.name, phone: OLD.phone, status: 'completed', amountInvolved: 12000.5 });
    expect(res.body.hotlineCalls[0]).toMatchObject({ id: w.old.callId, callerName: OLD.name, callerPhone: OLD.phone, callerConsent: true });
    expect(res.body.hotlineCalls[0].followUps).toHaveLength(1);
    expect(res.body.referrals[0]).toMatchObject({ id: w.old.referralId, workerName: OLD.name, workerPhone: OLD.phone });
    expect(res.body.mentions).toEqual([{ entity: 'hotline_call', id: otherCallId, field: 'summary' }]);
    expect((await subjects(coord, OLD.phone)).status).toBe(200);
    for (const role of ['lawyer', 'admin'] as const) expect((await subjects(await t.tokenFor(role), OLD.phone)).status).toBe(403);
    // A person's records span the network: a sub-station's staff may not read or erase them; the district station's staff may.
    const townStaff = await t.tokenFor('staff', { stationId: w.town });
    const refused = await subjects(townStaff, OLD.phone);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(JSON.stringify(refused.body)).not.toContain(OLD.name);
    expect((await subjects(townStaff, OLD.phone, '/api/privacy/subjects/export.xlsx')).status).toBe(403);
    const erase = await t.http.post('/api/privacy/subjects/erase').set('Authorization', townStaff).send({ phone: OLD.phone, reason: '本人申请' });
    expect(erase.status).toBe(403);
    const districtStaff = await t.tokenFor('staff', { stationId: w.district });
    expect((await subjects(districtStaff, OLD.phone)).status).toBe(200);
    // The signed-in user says so, for the menus: only those allowed see the privacy desk's link.
    const wide = async (token: string) => (await t.http.get('/api/me').set('Authorization', token)).body.actsForWholeNetwork;
    expect([await wide(townStaff), await wide(districtStaff), await wide(staff), await wide(coord), await wide(await t.tokenFor('lawyer'))]).toEqual([false, true, true, true, false]);
    expect((await subjects(staff, '12345')).status).toBe(400);
    const none = await subjects(staff, '13000000000');
    expect(none.body.counts).toEqual({ appointments: 0, waitlist: 0, hotlineCalls: 0, referrals: 0, notifications: 0, mentions: 0 });
  });

  it('keeps each look-up in the access log, without the number or the name', async () => {
    const views = await t.db.read((m) => m.find(AuditEntity, { where: { action: 'personal_data.view', entity: 'person' }, order: { id: 'ASC' } }));
    expect(views.length).toBeGreaterThanOrEqual(3);
    expect(views[0]).toMatchObject({ username: expect.stringMatching(/^staff_/), details: { via: 'privacy.subjects', appointmentIds: [w.old.appointmentId], hotlineCallIds: [w.old.callId] } });
    expect(JSON.stringify(views)).not.toContain(OLD.phone);
    expect(JSON.stringify(views)).not.toContain(OLD.name);
  });

  it('exports it all as JSON and as a workbook', async () => {
    const json = await subjects(staff, OLD.phone, '/api/privacy/subjects/export.json');
    expect(json.status).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"/);
    const parsed = JSON.parse(json.text);
    expect(parsed.appointments[0]).toMatchObject({ name: OLD.name, phone: OLD.phone });

    const xlsx = await subjects(coord, OLD.phone, '/api/privacy/subjects/export.xlsx').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['预约', '候补', '热线来电', '转介', '短信']);
    const row = wb.getWorksheet('预约')!.getRow(2).values as unknown[];
    expect(row).toContain(OLD.name);
    expect(row).toContain(OLD.phone);
    const calls = wb.getWorksheet('热线来电')!.getRow(2).values as unknown[];
    expect(calls).toContain(OLD.phone);
  });

  it('refuses to erase while the person has an upcoming booking', async () => {
    await t.make.shift({ date: '2026-12-09', stationId: w.district, lawyerId: w.lawyerId });
    const booked = await t.http.post('/api/appointments').send({
      stationId: w.district,
      start: '2026-12-09T10:00:00+08:00',
      name: RECENT.name,
      phone: RECENT.phone,
      category: 'work_injury',
      consent: true,
    });
    expect(booked.status).toBe(201);
    const res = await t.http.post('/api/privacy/subjects/erase').set('Authorization', staff).send({ phone: RECENT.phone, reason: '本人申请' });
    expect(res.status).toBe(409);
    expect(await t.db.read((m) => m.findOneByOrFail(HotlineCallEntity, { id: w.recentCallId }))).toMatchObject({ callerPhone: RECENT.phone });
  });

  it('erases everything in one transaction; the figures stay, the audit log keeps the reason and counts without the number or the name', async () => {
    const before = await figures(t, coord, w.district);
    const res = await t.http
      .post('/api/privacy/subjects/erase')
      .set('Authorization', staff)
      .send({ phone: OLD.phone, reason: `本人（${OLD.name}）2026-12-03 书面申请删除（来电 ${OLD.phone}）` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts).toMatchObject({ appointments: 1, waitlist: 1, hotlineCalls: 1, followUps: 1, referrals: 1, mentions: 1 });
    expect(res.body.counts.notifications).toBeGreaterThanOrEqual(2);

    expect(await figures(t, coord, w.district)).toEqual(before);

    // Nothing holds the number or the name any more — the other caller's summary keeps their own number.
    const everything = await dump(t);
    expect(everything).not.toContain(OLD.phone);
    expect(everything).not.toContain(OLD.name);
    const other = await t.db.read((m) => m.findOneByOrFail(HotlineCallEntity, { id: otherCallId }));
    expect(other.summary).toBe('和工友一起被欠薪，工友电话 [号码已删除]，我的 13500005555');

    // The records now hang on a fresh key: still one person in the figures, no longer linked to the number.
    const a = await t.db.read((m) => m.findOneByOrFail(AppointmentEntity, { id: w.old.appointmentId }));
    const call = await t.db.read((m) => m.findOneByOrFail(HotlineCallEntity, { id: w.old.callId }));
    expect(a.personKey).toMatch(/^[0-9a-f]{64}$/);
    expect(call.personKey).toBe(a.personKey);
    const again = await subjects(staff, OLD.phone);
    expect(again.body.counts).toEqual({ appointments: 0, waitlist: 0, hotlineCalls: 0, referrals: 0, notifications: 0, mentions: 0 });

    const [erasure] = await t.db.read((m) => m.find(AuditEntity, { where: { action: 'personal_data.erase' } }));
    expect(erasure).toMatchObject({
      username: expect.stringMatching(/^staff_/),
      entity: 'person',
      details: { reason: '本人（某某）2026-12-03 书面申请删除（来电 [号码已删除]）', subject: expect.stringMatching(/^[0-9a-f]{64}$/), counts: res.body.counts },
    });
    expect(erasure!.details!.subject).not.toBe(a.personKey);
  });

  it('validates the request', async () => {
    expect((await t.http.post('/api/privacy/subjects/erase').set('Authorization', staff).send({ phone: OLD.phone })).status).toBe(400);
    expect((await t.http.post('/api/privacy/subjects/erase').set('Authorization', await t.tokenFor('lawyer')).send({ phone: OLD.phone, reason: 'x' })).status).toBe(403);
  });
});
