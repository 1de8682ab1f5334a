/**
 * Workers' names and numbers in full only to the roles that act on them — staff,
 * coordinators, the lawyer on duty that day — and masked (138****0001, 王**)
 * everywhere else: per role and per output (API lists and detail, CSV and XLSX,
 * SMS bodies, error messages, metrics). Every full view is in the access log.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import { buildWorld, OLD, type World } from './helpers.js';

const MASKED_PHONE = '138****0001';
const MASKED_NAME = '王**';

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && s[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describeEachDb('privacy: masking per role and per output, and the access log', (kind) => {
  let t: TestApp;
  let w: World;
  const tokens: Record<'staff' | 'coordinator' | 'duty' | 'lawyer' | 'admin', string> = {} as never;

  beforeAll(async () => {
    t = await setupTestApp(kind);
    w = await buildWorld(t);
    tokens.staff = await t.tokenFor('staff');
    tokens.coordinator = await t.tokenFor('coordinator');
    tokens.duty = await t.tokenFor('lawyer', { lawyerId: w.lawyerId });
    tokens.lawyer = await t.tokenFor('lawyer', { lawyerId: (await t.make.lawyer({ stationIds: [w.district, w.town] })).id });
    tokens.admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  const get = (path: string, who: keyof typeof tokens) => t.http.get(path).set('Authorization', tokens[who]);
  const views = () => t.db.read((m) => m.find(AuditEntity, { where: { action: 'personal_data.view' }, order: { id: 'ASC' } }));

  it('appointments: in full to staff, coordinators and the duty lawyer; a lawyer not on duty sees none; one access-log row per request', async () => {
    const q = `/api/appointments?stationId=${w.district}&date=2026-12-02`;
    const seen = (await views()).length;
    for (const who of ['staff', 'coordinator', 'duty'] as const) {
      const res = await get(q, who);
      expect(res.status).toBe(200);
      const mine = res.body.items.find((a: { id: number }) => a.id === w.old.appointmentId);
      expect(mine, who).toMatchObject({ name: OLD.name, phone: OLD.phone, masked: false });
    }
    expect((await get(q, 'lawyer')).body.items).toEqual([]);
    expect((await get(q, 'admin')).status).toBe(403);

    const rows = (await views()).slice(seen);
    expect(rows.map((r) => [r.entity, (r.details as { via: string }).via])).toEqual([
      ['appointment', 'appointments.list'],
      ['appointment', 'appointments.list'],
      ['appointment', 'appointments.list'],
    ]);
    expect(rows.map((r) => r.username)).toEqual([expect.stringMatching(/^staff_/), expect.stringMatching(/^coordinator_/), expect.stringMatching(/^lawyer_/)]);
    for (const r of rows) expect((r.details as { ids: number[] }).ids).toContain(w.old.appointmentId);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${OLD.phone}|${OLD.name}`));
  });

  it('hotline calls: list, detail and follow-ups in full for staff and coordinators, masked for lawyers (in the text too)', async () => {
    const seen = (await views()).length;
    for (const who of ['staff', 'coordinator', 'lawyer'] as const) {
      const full = who !== 'lawyer';
      const one = await get(`/api/hotline-calls/${w.old.callId}`, who);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject(
        full
          ? { callerName: OLD.name, callerPhone: OLD.phone, masked: false }
          : { callerName: MASKED_NAME, callerPhone: MASKED_PHONE, masked: true, summary: `${MASKED_NAME}反映老板拖欠工资，请回电 ${MASKED_PHONE}` },
      );
      expect(one.body.followUps[0].note).toBe(full ? `已回电 ${OLD.phone}，${OLD.name}同意调解` : `已回电 ${MASKED_PHONE}，${MASKED_NAME}同意调解`);
      const list = await get(`/api/hotline-calls?stationId=${w.town}`, who);
      expect(JSON.stringify(list.body).includes(OLD.phone)).toBe(full);
      const referral = await get(`/api/referrals/${w.old.referralId}`, who);
      expect(referral.body).toMatchObject(full ? { workerPhone: OLD.phone } : { workerPhone: MASKED_PHONE, workerName: MASKED_NAME, summary: `${MASKED_NAME}欠薪，联系 ${MASKED_PHONE}` });
    }
    const detail = (await views()).slice(seen).filter((v) => v.entity === 'hotline_call' && (v.details as { via: string }).via === 'hotline_calls.detail');
    expect(detail).toHaveLength(2); // staff and coordinator; the lawyer saw it masked
    expect(detail[0]).toMatchObject({ entityId: String(w.old.callId) });
  });

  it('CSV and XLSX exports: parsed, full for staff, masked for lawyers', async () => {
    for (const who of ['staff', 'lawyer'] as const) {
      const full = who === 'staff';
      const csv = await get(`/api/hotline-calls/export.csv?stationId=${w.town}`, who);
      expect(csv.status).toBe(200);
      const rows = parseCsv(csv.text);
      const header = rows[0]!;
      const row = rows.find((r) => r[0] === String(w.old.callId))!;
      expect(row[header.indexOf('来电人')]).toBe(full ? OLD.name : MASKED_NAME);
      expect(row[header.indexOf('电话')]).toBe(full ? OLD.phone : MASKED_PHONE);
      expect(csv.text.includes(OLD.phone)).toBe(full);

      const xlsx = await get(`/api/hotline-calls/export.xlsx?stationId=${w.town}`, who)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const cells: string[] = [];
      ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
      expect(cells).toContain(full ? OLD.phone : MASKED_PHONE);
      expect(cells.some((c) => c.includes(OLD.phone))).toBe(full);
    }
    const exports = (await views()).filter((v) => (v.details as { via: string }).via === 'hotline_calls.export');
    expect(exports).toHaveLength(2); // CSV and XLSX by staff
  });

  it('SMS bodies carry only what the message needs: no name, no number', async () => {
    const sms = await t.db.read((m) => m.findBy(NotificationEntity, { channel: 'sms' }));
    expect(sms.length).toBeGreaterThan(0);
    for (const n of sms) {
      expect(`${n.title}${n.body}`).not.toContain(OLD.phone);
      expect(`${n.title}${n.body}`).not.toContain(OLD.name);
    }
  });

  it('error messages and metrics never echo a number', async () => {
    const clash = await t.http.post('/api/waitlist').send({ stationId: w.small, date: '2026-12-09', name: OLD.name, phone: OLD.phone, category: 'other', consent: true });
    const bad = await t.http.post('/api/appointments').send({ stationId: w.district, start: 'x', name: OLD.name, phone: `${OLD.phone}9`, category: 'other', consent: true });
    const lookup = await t.http.get(`/api/appointments/lookup?code=AAAA-BBBB&phone=${OLD.phone}`);
    for (const res of [clash, bad, lookup]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.text).not.toContain(OLD.phone);
      expect(res.text).not.toContain(OLD.name);
    }
    const metrics = await t.http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).not.toContain(OLD.phone);
  });
});
