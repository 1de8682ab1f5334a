import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { HotlineService } from '../../../server/hotline/hotline.service.js';

const PHONE = '13812345678';

describeEachDb('hotline call log', (kind) => {
  let t: TestApp;
  let district: number;
  let town: number;
  let village: number;
  let staff: string;
  let townStaff: string;
  let coord: string;
  let lawyer: string;
  let outsiderLawyer: string;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T10:00:00+08:00' });
    district = (await t.make.station({ name: '区站', level: 'district' })).id;
    town = (await t.make.station({ name: '金华镇分站', level: 'town', parentId: district })).id;
    village = (await t.make.station({ name: '和平村', level: 'village', parentId: town })).id;
    staff = await t.tokenFor('staff', { stationId: district });
    townStaff = await t.tokenFor('staff', { stationId: town });
    coord = await t.tokenFor('coordinator');
    const l = await t.make.lawyer({ stationIds: [district] });
    lawyer = await t.tokenFor('lawyer', { lawyerId: l.id });
    outsiderLawyer = await t.tokenFor('lawyer', { lawyerId: (await t.make.lawyer({ stationIds: [village] })).id });
  });
  afterAll(() => t.close());

  const call = (o: Record<string, unknown> = {}) => ({
    stationId: district,
    callerName: '张三丰',
    callerPhone: '138 1234 5678',
    callerConsent: true,
    category: 'wage_arrears',
    summary: '工地拖欠三个月工资，老板失联',
    durationSeconds: 300,
    outcome: 'answered',
    ...o,
  });
  const log = async (o: Record<string, unknown> = {}, token = staff) => {
    const res = await t.http.post('/api/hotline-calls').set('Authorization', token).send(call(o));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; version: number; callerPhone: string };
  };

  it('logs a call: defaults receivedAt to now, normalises the number, answers 201', async () => {
    const res = await t.http.post('/api/hotline-calls').set('Authorization', staff).send(call());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      stationId: district,
      stationName: '区站',
      receivedAt: '2026-12-01T10:00:00+08:00',
      receivedDate: '2026-12-01',
      callerName: '张三丰',
      callerPhone: PHONE,
      masked: false,
      category: 'wage_arrears',
      outcome: 'answered',
      followUpDate: null,
      followUpState: 'none',
      appointmentId: null,
      version: 1,
    });
    const landline = await log({ callerPhone: '0851-8123 4567', callerName: '' });
    expect(landline).toMatchObject({ callerPhone: '085181234567', callerName: null });
  });

  it('validates: call-backs need a date (and only they have one), numbers, stations, no future calls', async () => {
    const post = (o: Record<string, unknown>) => t.http.post('/api/hotline-calls').set('Authorization', staff).send(call(o));
    const cases: [Record<string, unknown>, string][] = [
      [{ outcome: 'callback_needed' }, 'followUpDate'],
      [{ outcome: 'answered', followUpDate: '2026-12-03' }, 'followUpDate'],
      [{ callerPhone: '12345' }, 'callerPhone'],
      [{ category: 'gossip' }, 'category'],
      [{ durationSeconds: -1 }, 'durationSeconds'],
      [{ summary: '   ' }, 'summary'],
      [{ callerName: '\u202e\u200b' }, 'callerName'], // invisible characters only
      [{ receivedAt: '2026-12-01 10:00' }, 'receivedAt'],
      [{ receivedAt: '2026-12-02T10:00:00+08:00' }, 'receivedAt'],
      [{ stationId: 999_999 }, 'stationId'],
      [{ outcome: 'callback_needed', followUpDate: '2026-11-30', receivedAt: '2026-12-01T09:00:00+08:00' }, 'followUpDate'],
    ];
    for (const [o, path] of cases) {
      const res = await post(o);
      expect(res.status, JSON.stringify(o)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('records the caller’s consent, and keeps no name or number without it', async () => {
    const post = (o: Record<string, unknown>) => t.http.post('/api/hotline-calls').set('Authorization', staff).send(call(o));
    const paths = async (o: Record<string, unknown>) => {
      const res = await post(o);
      expect(res.status, JSON.stringify(o)).toBe(400);
      return res.body.error.details.map((d: { path: string }) => d.path);
    };
    expect(await paths({ callerConsent: false })).toEqual(['callerName', 'callerPhone']);
    expect(await paths({ callerConsent: false, callerName: null })).toEqual(['callerPhone']);
    expect(await paths({ callerConsent: undefined })).toEqual(['callerConsent']);
    const anonymous = await post({ callerConsent: false, callerName: null, callerPhone: null });
    expect(anonymous.status).toBe(201);
    expect(anonymous.body).toMatchObject({ callerConsent: false, callerName: null, callerPhone: null });
    expect((await post({ callerConsent: undefined, callerName: null, callerPhone: '' })).body).toMatchObject({ callerConsent: false });
    const given = await log();
    expect(given).toMatchObject({ callerConsent: true });

    // Corrections keep to it: no number without consent; withdrawing consent clears the details.
    const patch = (id: number, body: object) => t.http.patch(`/api/hotline-calls/${id}`).set('Authorization', staff).send(body);
    const noNumber = await patch(anonymous.body.id, { callerPhone: '13900003333' });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.error.details).toEqual([{ path: 'callerPhone', message: expect.stringContaining('did not consent') }]);
    const keep = await patch(given.id, { callerConsent: false });
    expect(keep.status).toBe(400);
    expect(keep.body.error.details.map((d: { path: string }) => d.path)).toEqual(['callerName', 'callerPhone']);
    const withdrawn = await patch(given.id, { callerConsent: false, callerName: null, callerPhone: null });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ callerConsent: false, callerName: null, callerPhone: null });
    expect((await patch(anonymous.body.id, { callerConsent: true, callerPhone: '13900003333' })).body).toMatchObject({ callerConsent: true, callerPhone: '13900003333' });
  });

  it('lets people log calls only for stations they work at', async () => {
    // Town staff: own station and the villages under it, not the district above.
    expect((await t.http.post('/api/hotline-calls').set('Authorization', townStaff).send(call())).status).toBe(403);
    await log({ stationId: village }, townStaff);
    await log({ stationId: village }, staff); // district staff: everything under the district
    await log({}, lawyer); // a lawyer who serves the station
    expect((await t.http.post('/api/hotline-calls').set('Authorization', outsiderLawyer).send(call())).status).toBe(403);
    expect((await t.http.post('/api/hotline-calls').set('Authorization', await t.tokenFor('admin')).send(call())).status).toBe(403);
  });

  it('lets only those who work for the call’s station edit it: a lawyer elsewhere gets 403 (stale version or not), coordinators anywhere', async () => {
    const c = await log({ summary: '原记录' }); // logged by the district's staff
    const patch = (token: string, body: object) => t.http.patch(`/api/hotline-calls/${c.id}`).set('Authorization', token).send(body);
    const unlinkedLawyer = await t.tokenFor('lawyer'); // a lawyer account that serves no station
    for (const [who, token] of [['outsider lawyer', outsiderLawyer], ['unlinked lawyer', unlinkedLawyer], ['town staff', townStaff]] as const) {
      for (const body of [{ summary: '改' }, { version: 1, summary: '改' }, { version: 99, summary: '改' }]) {
        const res = await patch(token, body);
        expect(res.status, `${who} ${JSON.stringify(body)}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    expect((await t.http.post(`/api/hotline-calls/${c.id}/book`).set('Authorization', outsiderLawyer).send({ start: '2026-12-02T09:00:00+08:00' })).status).toBe(403);
    expect((await t.http.get(`/api/hotline-calls/${c.id}`).set('Authorization', staff)).body).toMatchObject({ summary: '原记录', version: 1 });

    // A lawyer who serves the station may, though someone else logged the call; coordinators anywhere.
    expect((await patch(lawyer, { version: 1, summary: '律师补充' })).body).toMatchObject({ summary: '律师补充', version: 2 });
    expect((await patch(coord, { version: 2, summary: '协调员更正' })).body).toMatchObject({ summary: '协调员更正', version: 3 });
  });

  it('lists, filters, searches and pages the log, newest first', async () => {
    const s = (await t.make.station({ name: '筛选站', level: 'town', parentId: district })).id;
    const a = await log({ stationId: s, receivedAt: '2026-11-03T09:00:00+08:00', category: 'work_injury', summary: '工伤认定 逾期 100% 赔付' });
    const b = await log({ stationId: s, receivedAt: '2026-11-10T23:30:00+08:00', category: 'wage_arrears', summary: '欠薪 工伤 两件事' });
    const c = await log({ stationId: s, receivedAt: '2026-11-20T09:00:00+08:00', category: 'wage_arrears', outcome: 'referred_mediation', summary: 'wage_theft_case 欠薪' });
    const d = await log({ stationId: s, receivedAt: '2026-11-30T16:10:00Z', category: 'dismissal', summary: '被辞退 DISMISSED' }); // 12-01 local
    const get = async (q: string) => {
      const res = await t.http.get(`/api/hotline-calls?stationId=${s}&${q}`).set('Authorization', staff);
      expect(res.status, q).toBe(200);
      return res.body as { items: { id: number }[]; total: number; page: number; pageSize: number };
    };
    expect((await get('')).items.map((x) => x.id)).toEqual([d.id, c.id, b.id, a.id]);
    expect((await get('from=2026-11-10&to=2026-11-30')).items.map((x) => x.id)).toEqual([c.id, b.id]);
    expect((await get('from=2026-12-01')).items.map((x) => x.id)).toEqual([d.id]);
    expect((await get('category=wage_arrears')).items.map((x) => x.id)).toEqual([c.id, b.id]);
    expect((await get('outcome=referred_mediation')).items.map((x) => x.id)).toEqual([c.id]);
    expect((await get('q=工伤')).items.map((x) => x.id)).toEqual([b.id, a.id]);
    expect((await get(`q=${encodeURIComponent('欠薪 工伤')}`)).items.map((x) => x.id)).toEqual([b.id]);
    expect((await get('q=dismissed')).items.map((x) => x.id)).toEqual([d.id]); // case-insensitive
    expect((await get(`q=${encodeURIComponent('100%')}`)).items.map((x) => x.id)).toEqual([a.id]); // % is literal
    expect((await get(`q=${encodeURIComponent('%')}`)).items.map((x) => x.id)).toEqual([a.id]);
    expect((await get('q=_')).items.map((x) => x.id)).toEqual([c.id]); // _ is literal
    const p2 = await get('page=2&pageSize=3');
    expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(p2.items.map((x) => x.id)).toEqual([a.id]);
    expect((await t.http.get('/api/hotline-calls?from=2026-12-02&to=2026-12-01').set('Authorization', staff)).status).toBe(400);
    expect((await t.http.get('/api/hotline-calls?from=2020-01-01&to=2026-12-01').set('Authorization', staff)).status).toBe(400);
    expect((await t.http.get('/api/hotline-calls?pageSize=201').set('Authorization', staff)).status).toBe(400);
  });

  it('edits a call (audited, without the full number), refusing stale versions and broken call-back rules', async () => {
    const c = await log();
    const res = await t.http
      .patch(`/api/hotline-calls/${c.id}`)
      .set('Authorization', staff)
      .send({ version: 1, category: 'dismissal', callerPhone: '13900002222', summary: '改：被违法解除 13900002222' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ category: 'dismissal', callerPhone: '13900002222', version: 2 });
    const stale = await t.http.patch(`/api/hotline-calls/${c.id}`).set('Authorization', staff).send({ version: 1, category: 'other' });
    expect(stale.status).toBe(409);
    const noDate = await t.http.patch(`/api/hotline-calls/${c.id}`).set('Authorization', staff).send({ outcome: 'callback_needed' });
    expect(noDate.status).toBe(400);
    const cb = await t.http
      .patch(`/api/hotline-calls/${c.id}`)
      .set('Authorization', staff)
      .send({ outcome: 'callback_needed', followUpDate: '2026-12-04' });
    expect(cb.body).toMatchObject({ outcome: 'callback_needed', followUpDate: '2026-12-04', followUpState: 'upcoming', version: 3 });
    // Leaving callback_needed drops the call-back that was owed.
    const back = await t.http.patch(`/api/hotline-calls/${c.id}`).set('Authorization', staff).send({ outcome: 'answered' });
    expect(back.body).toMatchObject({ outcome: 'answered', followUpDate: null, followUpState: 'none' });
    expect((await t.http.patch(`/api/hotline-calls/${c.id}`).set('Authorization', townStaff).send({ category: 'other' })).status).toBe(403);
    expect((await t.http.patch('/api/hotline-calls/999999').set('Authorization', staff).send({ category: 'other' })).status).toBe(404);

    const audit = await t.db.read((m) => m.findBy(AuditEntity, { entity: 'hotline_call', entityId: String(c.id) }));
    expect(audit.map((a) => a.action)).toEqual(['hotline_call.create', 'hotline_call.update', 'hotline_call.update', 'hotline_call.update']);
    expect(audit[1]!.details).toMatchObject({ changed: expect.arrayContaining(['category', 'callerPhone']), before: { callerPhone: '138****5678' }, after: { callerPhone: '139****2222' } });
    const all = JSON.stringify(await t.db.read((m) => m.find(AuditEntity)));
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain('13900002222');
  });

  it('shows callers’ numbers in full to staff and coordinators, masked to lawyers', async () => {
    const c = await log({ stationId: district });
    for (const [token, full] of [[staff, true], [coord, true], [lawyer, false]] as const) {
      const one = await t.http.get(`/api/hotline-calls/${c.id}`).set('Authorization', token);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject(
        full ? { callerPhone: PHONE, callerName: '张三丰', masked: false } : { callerPhone: '138****5678', callerName: '张**', masked: true },
      );
      const list = await t.http.get(`/api/hotline-calls?stationId=${district}`).set('Authorization', token);
      const text = JSON.stringify(list.body);
      expect(text.includes(PHONE)).toBe(full);
    }
  });

  it('shows a sub-station’s staff their own and their villages’ callers in full, other stations’ masked (list, detail, call-backs, export)', async () => {
    const villagePhone = '13812340001';
    const atDistrict = await log({ stationId: district, outcome: 'callback_needed', followUpDate: '2026-12-01' });
    const atVillage = await log({ stationId: village, callerPhone: villagePhone, callerName: '李四' });
    const detail = async (id: number) => (await t.http.get(`/api/hotline-calls/${id}`).set('Authorization', townStaff)).body;
    expect(await detail(atDistrict.id)).toMatchObject({ callerPhone: '138****5678', callerName: '张**', masked: true });
    expect(await detail(atVillage.id)).toMatchObject({ callerPhone: villagePhone, callerName: '李四', masked: false });
    // The district's own staff act for every station under it.
    expect((await t.http.get(`/api/hotline-calls/${atVillage.id}`).set('Authorization', staff)).body).toMatchObject({ callerPhone: villagePhone, masked: false });
    for (const path of [`/api/hotline-calls?stationId=${district}`, `/api/follow-ups?due=all&stationId=${district}`, `/api/hotline-calls/export.csv?stationId=${district}`]) {
      const res = await t.http.get(path).set('Authorization', townStaff);
      expect(res.status, path).toBe(200);
      const text = res.text;
      expect(text, path).not.toContain(PHONE);
      expect(text, path).toContain('138****5678');
    }
    const villageList = await t.http.get(`/api/hotline-calls?stationId=${village}`).set('Authorization', townStaff);
    expect(JSON.stringify(villageList.body)).toContain(villagePhone);
  });

  it('exports the same filters as CSV (BOM, formula guard) and XLSX, masked for lawyers', async () => {
    const s = (await t.make.station({ name: '导出站', level: 'town', parentId: district })).id;
    await log({ stationId: s, summary: '=HYPERLINK("http://evil")', receivedAt: '2026-11-05T09:00:00+08:00' });
    await log({ stationId: s, summary: '普通来电, 带逗号', category: 'other', receivedAt: '2026-11-06T09:00:00+08:00' });
    const csv = await t.http.get(`/api/hotline-calls/export.csv?stationId=${s}`).set('Authorization', staff);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="hotline-calls-2026-12-01\.csv"/);
    const text: string = csv.text;
    expect(text.startsWith('\uFEFF编号,来电时间,服务站')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(text).toContain(`'=HYPERLINK(""http://evil"")`);
    expect(text).toContain('"普通来电, 带逗号"');
    expect(text).toContain(PHONE);
    const filtered = await t.http.get(`/api/hotline-calls/export.csv?stationId=${s}&category=other`).set('Authorization', staff);
    expect(filtered.text.trim().split('\r\n')).toHaveLength(2);

    const masked = await t.http.get(`/api/hotline-calls/export.csv?stationId=${s}`).set('Authorization', lawyer);
    expect(masked.status).toBe(200);
    expect(masked.text).not.toContain(PHONE);
    expect(masked.text).toContain('138****5678');

    const xlsx = await t.http
      .get(`/api/hotline-calls/export.xlsx?stationId=${s}`)
      .set('Authorization', lawyer)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    const ws = wb.getWorksheet('来电记录')!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(1).getCell(1).value).toBe('编号');
    expect(ws.getRow(2).getCell(5).value).toBe('138****5678');
    expect(ws.getRow(3).getCell(7).value).toBe('=HYPERLINK("http://evil")'); // a string cell, not a formula

    // Bounded: more rows than an export may hold is 400, not a huge file.
    const service = new HotlineService(t.ctx);
    const me = { id: 1, username: 'x', role: 'staff' as const, displayName: 'x', lawyerId: null, stationId: null };
    await expect(service.exportCalls({ stationId: s }, me, 1)).rejects.toMatchObject({ status: 400 });
    expect(await service.exportCalls({ stationId: s }, me, 2)).toHaveLength(2);
  });
});
