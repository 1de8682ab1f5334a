/**
 * GET /api/audit: the activity log for coordinators and admins — who may read it, its
 * filters, paging and order, workers' personal data kept out of it, and bad input
 * refused without writing anything.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { PASSWORD } from '../../helpers/factories.js';
import { recordAudit } from '../../../server/audit/audit.js';
import type { AuditAction } from '../../../server/audit/auditCatalog.js';

const CALLER_PHONE = '13812345678';
const CALLER_NAME = '张三丰';

describeEachDb('activity log (GET /api/audit)', (kind) => {
  let t: TestApp;
  let coord: string;
  let admin: string;
  let coordUserId: number;
  let district: number;
  let shiftId: number;
  let fromLawyer: { id: number; name: string };
  let toLawyer: { id: number; name: string };

  const count = async () => Number((await t.db.ds.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
  const get = (query: Record<string, string | number>, token = coord) => t.http.get('/api/audit').query(query).set('Authorization', token);
  /** An entry written as at `iso` (the clock is put back afterwards). */
  const entryAt = async (iso: string, action: AuditAction, entityId: string, details: Record<string, unknown> = {}) => {
    const was = t.clock.now();
    t.clock.set(iso);
    await t.db.tx((m) => recordAudit(m, t.clock, { actor: null, action, entity: action.split('.')[0] as never, entityId, details, requestId: 'test' }));
    t.clock.set(was);
  };

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T10:00:00+08:00' });
    district = (await t.make.station({ name: '观山湖区站', level: 'district' })).id;
    const a = await t.make.lawyer({ name: '王建国', stationIds: [district] });
    const b = await t.make.lawyer({ name: '李秀英', stationIds: [district] });
    fromLawyer = { id: a.id, name: a.name };
    toLawyer = { id: b.id, name: b.name };
    shiftId = (await t.make.shift({ date: '2026-12-10', stationId: district, lawyerId: a.id })).id;
    const u = await t.make.user({ role: 'coordinator', username: 'Coord.Audit' });
    coordUserId = u.id;
    const login = await t.http.post('/api/auth/login').send({ username: u.username, password: PASSWORD });
    coord = `Bearer ${login.body.token}`;
    admin = await t.tokenFor('admin');

    // A coordinator moves a duty, saying why (a worker's number slipped into the reason).
    t.clock.set('2026-12-01T10:05:00+08:00');
    const moved = await t.http
      .patch(`/api/shifts/${shiftId}`)
      .set('Authorization', coord)
      .send({ lawyerId: b.id, reason: `王律师出庭，工人 ${CALLER_PHONE} 已电话告知` });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    // Staff log a call and correct the caller's name, number and summary.
    t.clock.set('2026-12-01T10:10:00+08:00');
    const staff = await t.tokenFor('staff', { stationId: district });
    const call = await t.http.post('/api/hotline-calls').set('Authorization', staff).send({
      stationId: district,
      callerName: '张三',
      callerPhone: '13900001111',
      callerConsent: true,
      category: 'wage_arrears',
      summary: '拖欠工资',
      durationSeconds: 120,
      outcome: 'answered',
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    t.clock.set('2026-12-01T10:15:00+08:00');
    const fixed = await t.http
      .patch(`/api/hotline-calls/${call.body.id}`)
      .set('Authorization', staff)
      .send({ callerName: CALLER_NAME, callerPhone: CALLER_PHONE, summary: `${CALLER_NAME}说工地拖欠三个月工资` });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    // The staff member's desk list shows callers in full: an access-log entry.
    await t.http.get('/api/hotline-calls').set('Authorization', staff);
    t.clock.set('2026-12-01T11:00:00+08:00');
  });
  afterAll(() => t.close());

  it('is for admins and coordinators: 401 without a token, 403 for lawyers and staff', async () => {
    expect((await t.http.get('/api/audit')).status).toBe(401);
    expect((await t.http.get('/api/audit')).body.error.code).toBe('unauthorized');
    for (const role of ['lawyer', 'staff'] as const) {
      const res = await get({}, await t.tokenFor(role));
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await get({}, admin)).status).toBe(200);
    expect((await get({}, coord)).status).toBe(200);
  });

  it('answers who moved a duty, when and why, with the lawyers and the station by name', async () => {
    const res = await get({ entity: 'shift', entityId: String(shiftId) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(res.body.items[0]).toMatchObject({
      at: '2026-12-01T10:05:00+08:00',
      userId: coordUserId,
      username: 'Coord.Audit',
      actorName: 'Coord.Audit',
      action: 'shift.reassign',
      entity: 'shift',
      entityId: String(shiftId),
      details: { date: '2026-12-10', stationId: district, from: fromLawyer.id, to: toLawyer.id, reason: '王律师出庭，工人 138****5678 已电话告知' },
      withheld: [],
      names: {
        lawyers: { [fromLawyer.id]: fromLawyer.name, [toLawyer.id]: toLawyer.name },
        stations: { [district]: '观山湖区站' },
      },
    });
  });

  it('leaves callers’ names, numbers and summaries out for coordinators and admins alike', async () => {
    for (const token of [coord, admin]) {
      const res = await get({ action: 'hotline_call.update' }, token);
      expect(res.status).toBe(200);
      const [entry] = res.body.items;
      expect(entry.details.changed).toEqual(expect.arrayContaining(['callerName', 'callerPhone', 'summary']));
      expect(entry.withheld).toEqual(
        expect.arrayContaining(['before.callerName', 'before.callerPhone', 'before.summary', 'after.callerName', 'after.callerPhone', 'after.summary']),
      );
      expect(entry.details.before).not.toHaveProperty('callerPhone');
      const all = JSON.stringify((await get({ pageSize: 200 }, token)).body);
      for (const secret of [CALLER_PHONE, '13900001111', CALLER_NAME, '张*', '139****1111', '拖欠三个月']) expect(all).not.toContain(secret);
    }
  });

  it('withholds a person’s key and masks numbers in old entries’ free text', async () => {
    await entryAt('2026-11-20T09:00:00+08:00', 'personal_data.erase', 'x', {
      subject: 'a'.repeat(64),
      reason: `本人申请，电话 ${CALLER_PHONE}`,
      counts: { appointments: 1 },
    });
    const res = await get({ action: 'personal_data.erase' });
    expect(res.body.items[0]).toMatchObject({
      userId: null,
      actorName: null,
      details: { reason: '本人申请，电话 138****5678', counts: { appointments: 1 } },
      withheld: ['subject'],
    });
    expect(res.body.items[0].details).not.toHaveProperty('subject');
  });

  it('lists newest first, ties by the order written, and pages', async () => {
    for (let i = 0; i < 5; i++) await entryAt('2026-11-25T09:00:00+08:00', 'roster.publish', `2027-0${i + 1}`, { stationIds: [district] });
    const all = await get({ entity: 'roster', pageSize: 200 });
    expect(all.body.total).toBe(5);
    expect(all.body.items.map((e: { entityId: string }) => e.entityId)).toEqual(['2027-05', '2027-04', '2027-03', '2027-02', '2027-01']);
    const second = await get({ entity: 'roster', pageSize: 2, page: 2 });
    expect(second.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.body.items.map((e: { entityId: string }) => e.entityId)).toEqual(['2027-03', '2027-02']);
    expect((await get({ entity: 'roster', pageSize: 2, page: 9 })).body.items).toEqual([]);

    const everything = (await get({ pageSize: 200 })).body.items as { at: string; id: number }[];
    for (let i = 1; i < everything.length; i++) {
      const [a, b] = [everything[i - 1]!, everything[i]!];
      expect(Date.parse(a.at) > Date.parse(b.at) || (a.at === b.at && a.id > b.id), `${a.id} before ${b.id}`).toBe(true);
    }
  });

  it('filters by local dates in the network’s time zone, action, entity, username and views', async () => {
    await entryAt('2026-11-30T23:30:00+08:00', 'station.update', '901', { changed: ['name'] });
    await entryAt('2026-12-01T00:10:00+08:00', 'station.update', '902', { changed: ['name'] });
    const day = await get({ from: '2026-12-01', to: '2026-12-01', action: 'station.update' });
    expect(day.body.items.map((e: { entityId: string }) => e.entityId)).toEqual(['902']);
    const before = await get({ to: '2026-11-30', action: 'station.update' });
    expect(before.body.items.map((e: { entityId: string }) => e.entityId)).toEqual(['901']);

    const byUser = await get({ username: 'coord.audit' });
    expect(byUser.body.total).toBe(1);
    expect(byUser.body.items[0].action).toBe('shift.reassign');
    expect((await get({ username: 'nobody-here' })).body).toMatchObject({ items: [], total: 0 });

    const views = await get({ action: 'personal_data.view' });
    expect(views.body.total).toBeGreaterThan(0);
    const withViews = (await get({ pageSize: 200 })).body.total;
    const withoutViews = await get({ pageSize: 200, views: 'exclude' });
    expect(withoutViews.body.total).toBe(withViews - views.body.total);
    expect(withoutViews.body.items.some((e: { action: string }) => e.action === 'personal_data.view')).toBe(false);

    const calls = await get({ entity: 'hotline_call' });
    expect(new Set(calls.body.items.map((e: { entity: string }) => e.entity))).toEqual(new Set(['hotline_call']));
  });

  it('refuses bad input with 400 in the contract’s shape and writes nothing', async () => {
    const before = await count();
    const bad: [Record<string, string | number>, string][] = [
      [{ pageSize: 100000 }, 'pageSize'],
      [{ pageSize: 0 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ page: 'x' }, 'page'],
      [{ from: '2026-13-01' }, 'from'],
      [{ from: '2026-12-05', to: '2026-12-01' }, 'to'],
      [{ from: '2020-01-01', to: '2026-12-01' }, 'to'],
      [{ entity: 'bogus' }, 'entity'],
      [{ action: 'shift.explode' }, 'action'],
      [{ entityId: '42' }, 'entity'],
      [{ entity: 'shift', entityId: "1' OR '1'='1" }, 'entityId'],
      [{ username: 'a b' }, 'username'],
      [{ views: 'maybe' }, 'views'],
      [{ sort: 'asc' }, ''],
    ];
    for (const [query, path] of bad) {
      const res = await get(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.some((d: { path: string }) => d.path.includes(path)), JSON.stringify(res.body)).toBe(true);
    }
    const zh = await get({ entityId: '42' }).set('Accept-Language', 'zh-CN');
    expect(zh.body.error.details[0].message).toBe('请同时指明这个编号属于哪类记录');
    expect(await count()).toBe(before);
  });

  // A plan check on SQLite only: its EXPLAIN QUERY PLAN names the index and any sort step plainly.
  if (kind === 'sqlite') it('reads each filter newest first from an index, without sorting (SQLite’s plan)', async () => {
    const plan = async (where: string) =>
      ((await t.db.ds.query(`EXPLAIN QUERY PLAN SELECT * FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT 50`)) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    const cases: [string, string][] = [
      ['', 'ix_audit_at'],
      ["WHERE at >= '2026-12-01' AND at < '2026-12-02'", 'ix_audit_at'],
      ["WHERE entity = 'shift' AND entity_id = '3'", 'ix_audit_entity'],
      ["WHERE action = 'shift.reassign'", 'ix_audit_action'],
      ['WHERE user_id = 3', 'ix_audit_user'],
    ];
    for (const [where, index] of cases) {
      const p = await plan(where);
      expect(p, where).toContain(index);
      expect(p, where).not.toContain('TEMP B-TREE');
    }
  });

  it('is listed in the served OpenAPI document with its roles', async () => {
    const doc = (await t.http.get('/api/openapi.json')).body;
    const op = doc.paths['/api/audit']?.get;
    expect(op).toBeDefined();
    expect(op['x-access']).toEqual(['admin', 'coordinator']);
    expect(doc.components.schemas.AuditPage).toBeDefined();
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'entity', 'entityId', 'action', 'username', 'page', 'pageSize']),
    );
  });
});
