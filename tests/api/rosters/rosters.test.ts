import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { ShiftEntity } from '../../../server/rosters/rosters.entity.js';

const WEEKDAYS = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';

describeEachDb('rosters workflow', (kind) => {
  let t: TestApp;
  let coord: string;
  let stationId: number;
  let lawyerIds: number[];

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-08-20T10:00:00+08:00' });
    coord = await t.tokenFor('coordinator');
    stationId = (await t.make.station({ name: '区站' })).id;
    lawyerIds = [];
    for (let i = 0; i < 4; i++) lawyerIds.push((await t.make.lawyer({ stationIds: [stationId], name: `律师${i + 1}` })).id);
  });
  afterAll(() => t.close());

  const rotationBody = (o: Record<string, unknown> = {}) => ({
    stationId,
    name: '每日坐班',
    rrule: WEEKDAYS,
    startDate: '2026-09-01',
    lawyerIds,
    ...o,
  });

  it('validates rotations: bad, endless-empty and too-fine RRULEs are 400, quickly', async () => {
    for (const rrule of ['FREQ=HOURLY', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31', 'RRULE:FREQ=DAILY', 'DTSTART=20260101;FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=XX', 'nonsense']) {
      const started = Date.now();
      const res = await t.http.post('/api/rotations').set('Authorization', coord).send(rotationBody({ rrule }));
      expect(res.status, rrule).toBe(400);
      expect(res.body.error.details[0].path).toBe('rrule');
      expect(Date.now() - started).toBeLessThan(2000);
    }
    // The rule's problem in the coordinator's language.
    const zh = await t.http.post('/api/rotations').set('Authorization', coord).set('Accept-Language', 'zh-CN').send(rotationBody({ rrule: 'FREQ=WEEKLY;BYYEARDAY=10' }));
    expect(zh.status).toBe(400);
    expect(zh.body.error.details[0]).toEqual({ path: 'rrule', message: 'BYYEARDAY 需要 FREQ=YEARLY，不能是 WEEKLY' });
    const outsider = await t.make.lawyer();
    const ineligible = await t.http.post('/api/rotations').set('Authorization', coord).send(rotationBody({ lawyerIds: [outsider.id] }));
    expect(ineligible.status).toBe(400);
    const dup = await t.http.post('/api/rotations').set('Authorization', coord).send(rotationBody({ lawyerIds: [lawyerIds[0], lawyerIds[0]] }));
    expect(dup.status).toBe(400);
  });

  it('generates a September 2026 draft over the working calendar', async () => {
    const rot = await t.http.post('/api/rotations').set('Authorization', coord).send(rotationBody());
    expect(rot.status).toBe(201);
    const res = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-09' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('draft');
    const dates = res.body.shifts.map((s: { date: string }) => s.date);
    expect(dates).toContain('2026-09-20'); // make-up Sunday
    expect(dates).not.toContain('2026-09-25'); // Mid-Autumn
    expect(dates).not.toContain('2026-09-19'); // ordinary Saturday
    expect(res.body.gaps).toEqual([]);
    expect(res.body.fairness.maxMinusMin).toBeLessThanOrEqual(1);
    expect(res.body.shifts[0]).toMatchObject({ stationId, status: 'draft', source: 'rotation', lawyerName: expect.stringMatching(/^律师/) });
    // Only coordinators see drafts.
    const lawyerView = await t.http.get('/api/shifts?from=2026-09-01&to=2026-09-30').set('Authorization', await t.tokenFor('lawyer'));
    expect(lawyerView.body).toEqual([]);
    // Nor the draft roster, its exports or its printable page: staff and lawyers see published months only.
    for (const role of ['lawyer', 'staff'] as const) {
      const token = await t.tokenFor(role);
      const roster = await t.http.get('/api/rosters/2026-09').set('Authorization', token);
      expect(roster.status).toBe(200);
      expect(roster.body).toMatchObject({ status: 'empty', shifts: [], stations: [] });
      for (const path of ['export.csv', 'export.xlsx', 'print']) expect((await t.http.get(`/api/rosters/2026-09/${path}`).set('Authorization', token)).status, path).toBe(404);
    }
    expect((await t.http.get('/api/rosters/2026-09/print').set('Authorization', coord)).status).toBe(200);
  });

  it('keeps manual edits when a draft is regenerated, and refuses busy lawyers with 409 lawyer_busy', async () => {
    const roster = (await t.http.get('/api/rosters/2026-09').set('Authorization', coord)).body;
    const [a, b] = roster.shifts as { id: number; date: string; lawyerId: number }[];
    // b's lawyer already has a duty on b's date: giving them a's date is fine unless same day.
    const other = lawyerIds.find((id) => id !== a!.lawyerId && !roster.shifts.some((s: { date: string; lawyerId: number }) => s.date === a!.date && s.lawyerId === id))!;
    const edit = await t.http.patch(`/api/shifts/${a!.id}`).set('Authorization', coord).send({ lawyerId: other, reason: '调整' });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ lawyerId: other, source: 'manual' });

    const away = await t.make.lawyer({ stationIds: [stationId] });
    await t.make.unavailability(away.id, b!.date, b!.date);
    const busy = await t.http.patch(`/api/shifts/${b!.id}`).set('Authorization', coord).send({ lawyerId: away.id });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('lawyer_busy');
    const outsider = await t.make.lawyer();
    const ineligible = await t.http.patch(`/api/shifts/${b!.id}`).set('Authorization', coord).send({ lawyerId: outsider.id });
    expect(ineligible.status).toBe(409);

    const again = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-09' });
    expect(again.status).toBe(200);
    const kept = again.body.shifts.find((s: { date: string }) => s.date === a!.date);
    expect(kept).toMatchObject({ lawyerId: other, source: 'manual' });
    const perDay = new Map<string, number>();
    for (const s of again.body.shifts) perDay.set(s.date, (perDay.get(s.date) ?? 0) + 1);
    expect([...perDay.values()].every((n) => n === 1)).toBe(true);
  });

  it('publishes; then regenerating needs force; publishing is audited', async () => {
    const pub = await t.http.post('/api/rosters/2026-09/publish').set('Authorization', coord).send({});
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('published');
    const shifts = await t.http.get(`/api/shifts?from=2026-09-01&to=2026-09-30&stationId=${stationId}`).set('Authorization', await t.tokenFor('staff'));
    expect(shifts.body.length).toBeGreaterThan(15);
    expect(shifts.body.every((s: { status: string }) => s.status === 'published')).toBe(true);
    const refused = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-09' });
    expect(refused.status).toBe(409);
    const forced = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-09', force: true });
    expect(forced.status).toBe(200);
    expect(forced.body.status).toBe('draft');
    await t.http.post('/api/rosters/2026-09/publish').set('Authorization', coord).send({});
    const audit = await t.db.read((m) => m.findBy(AuditEntity, { action: 'roster.publish', entityId: '2026-09' }));
    expect(audit.length).toBe(2);
  });

  it('continues the rotation into the next month', async () => {
    const sep = (await t.http.get('/api/rosters/2026-09').set('Authorization', coord)).body;
    const last = sep.shifts.filter((s: { source: string }) => s.source === 'rotation').at(-1);
    const oct = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2026-10' });
    expect(oct.status).toBe(200);
    const first = oct.body.shifts[0];
    const order = lawyerIds;
    expect(first.lawyerId).toBe(order[(order.indexOf(last.lawyerId) + 1) % order.length]);
    const dates = oct.body.shifts.map((s: { date: string }) => s.date);
    for (const d of ['2026-10-01', '2026-10-05', '2026-10-07']) expect(dates).not.toContain(d);
    expect(dates).toContain('2026-10-10');
  });

  it('reports coverage per station and day', async () => {
    const res = await t.http.get(`/api/coverage?from=2026-09-18&to=2026-09-27&stationId=${stationId}`).set('Authorization', coord);
    expect(res.status).toBe(200);
    const days = Object.fromEntries(res.body.stations[0].days.map((d: { date: string }) => [d.date, d]));
    expect(days['2026-09-18']).toMatchObject({ required: 1, assigned: 1, status: 'covered', published: true });
    expect(days['2026-09-19']).toMatchObject({ required: 0, status: 'closed', dayKind: 'weekend' });
    expect(days['2026-09-20']).toMatchObject({ required: 1, status: 'covered', dayKind: 'makeup' });
    expect(days['2026-09-25']).toMatchObject({ required: 0, status: 'closed', dayKind: 'holiday' });
    // Remove a shift: the day becomes a gap.
    const shift = (await t.http.get(`/api/shifts?from=2026-09-22&to=2026-09-22&stationId=${stationId}`).set('Authorization', coord)).body[0];
    expect((await t.http.delete(`/api/shifts/${shift.id}`).set('Authorization', coord)).status).toBe(204);
    const after = await t.http.get(`/api/coverage?from=2026-09-22&to=2026-09-22&stationId=${stationId}`).set('Authorization', coord);
    expect(after.body.stations[0].days[0]).toMatchObject({ required: 1, assigned: 0, status: 'gap' });
    expect(after.body.summary).toEqual({ requiredDays: 1, coveredDays: 0, gapDays: 1 });
    // Fill it by hand.
    const add = await t.http.post('/api/shifts').set('Authorization', coord).send({ stationId, date: '2026-09-22', lawyerId: lawyerIds[0] });
    expect(add.status).toBe(201);
    expect(add.body.status).toBe('published');
    const twice = await t.http.post('/api/shifts').set('Authorization', coord).send({ stationId, date: '2026-09-22', lawyerId: lawyerIds[0] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('lawyer_busy');
  });

  it('exports the wall table as CSV, XLSX and a printable page', async () => {
    const csv = await t.http.get(`/api/rosters/2026-09/export.csv?stationId=${stationId}`).set('Authorization', coord);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[2]).toBe('日期,星期,服务站,值班律师,律师事务所,值班时间,签到');
    expect(lines.some((l) => l.startsWith('2026-09-20,星期日'))).toBe(true);

    const xlsx = await t.http.get('/api/rosters/2026-09/export.xlsx?layout=grid').set('Authorization', coord).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.getWorksheet('值班表')!;
    expect(ws.getRow(3).getCell(1).value).toBe('日期');
    expect(ws.rowCount).toBe(3 + 30);

    const print = await t.http.get('/api/rosters/2026-09/print').set('Authorization', coord);
    expect(print.status).toBe(200);
    expect(print.text).toContain('@page { size: A4');
    expect(print.text).not.toContain('<script');
    expect((await t.http.get('/api/rosters/2030-01/export.csv').set('Authorization', coord)).status).toBe(404);
  });

  it('warns that a roster for a year without published holidays is provisional', async () => {
    const res = await t.http.post('/api/rosters/generate').set('Authorization', coord).send({ month: '2027-01' });
    expect(res.status).toBe(200);
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toContain('provisional_calendar');
    // The arrangement is unknown, the statutory day is not: no duty on New Year's Day (a Friday).
    const dates = res.body.shifts.map((s: { date: string }) => s.date);
    expect(dates).toContain('2027-01-04');
    expect(dates).not.toContain('2027-01-01');
    // …in the reader's language, with the same code.
    const provisional = (body: { warnings: { code: string; message: string }[] }) => body.warnings.find((w) => w.code === 'provisional_calendar')!.message;
    expect(provisional(res.body)).toMatch(/^China's /);
    const zh = await t.http.post('/api/rosters/generate').set('Authorization', coord).set('Accept-Language', 'zh-CN').send({ month: '2027-01' });
    expect(provisional(zh.body)).toMatch(/^2027 年的放假安排尚未收入日历数据；本排班表已避开法定节假日当天/);
    const read = await t.http.get('/api/rosters/2027-01').set('Authorization', coord).set('Accept-Language', 'zh-CN');
    expect(provisional(read.body)).toMatch(/^内置日历尚无 2027 年的节假日/);
  });

  it('never lets a lawyer hold two shifts on one day (database-held)', async () => {
    const s1 = await t.make.station();
    const s2 = await t.make.station();
    const l = await t.make.lawyer({ stationIds: [s1.id, s2.id] });
    await t.make.shift({ stationId: s1.id, lawyerId: l.id, date: '2026-11-03' });
    await expect(t.make.shift({ stationId: s2.id, lawyerId: l.id, date: '2026-11-03' })).rejects.toThrow();
    const count = await t.db.read((m) => m.countBy(ShiftEntity, { lawyerId: l.id, date: '2026-11-03' }));
    expect(count).toBe(1);
  });
});
