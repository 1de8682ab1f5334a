/**
 * Known records in, every figure checked exactly: appointments in each status with
 * known outcomes and amounts, calls per category and outcome, referrals made and
 * settled, and published shifts against what the rotations require.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AppointmentEntity, type AppointmentRow } from '../../../server/bookings/appointments.entity.js';
import { RotationEntity } from '../../../server/rosters/rosters.entity.js';
import { zonedInstant } from '../../../server/lib/dates.js';

const P1 = '13800000001';
const P2 = '13800000002';
const P3 = '13800000003';
const P4 = '13800000004';
const P5 = '13800000005';
const P6 = '13800000006';
const P7 = '13800000007';
const P8 = '13800000008';
const P9 = '13800000009';

const zeroCategories = {
  wage_arrears: 0,
  labor_contract: 0,
  dismissal: 0,
  work_injury: 0,
  social_insurance: 0,
  working_hours: 0,
  labor_dispatch: 0,
  new_employment_forms: 0,
  other: 0,
};
const zeroOutcomes = { answered: 0, appointment_booked: 0, referred_mediation: 0, referred_legal_aid: 0, referred_arbitration: 0, callback_needed: 0 };
const zeroStages = { town_mediation: 0, district_mediation: 0, district_arbitration: 0, court: 0, legal_aid: 0 };

interface Expect {
  people: number;
  consultations: number;
  drafted: number;
  mediation: number;
  amount: number;
  appts: [booked: number, completed: number, noShow: number, cancelled: number, walkIns: number];
  byCategory: Record<string, number>;
  calls: number;
  callCategories: Record<string, number>;
  callOutcomes: Record<string, number>;
  coverage: [number, number];
  stages: Record<string, number>;
  settled: Record<string, number>;
  amountSettled: number;
}

/** The whole figures object, exactly. */
const figures = (e: Expect) => ({
  peopleServed: e.people,
  consultations: e.consultations,
  applicationsDrafted: e.drafted,
  mediationReferrals: e.mediation,
  amountInvolved: e.amount,
  appointments: { booked: e.appts[0], completed: e.appts[1], noShow: e.appts[2], cancelled: e.appts[3], walkIns: e.appts[4] },
  consultationsByCategory: { ...zeroCategories, ...e.byCategory },
  hotlineCalls: { total: e.calls, byCategory: { ...zeroCategories, ...e.callCategories }, byOutcome: { ...zeroOutcomes, ...e.callOutcomes } },
  coverage: { requiredDays: e.coverage[0], coveredDays: e.coverage[1] },
  referrals: { byStage: { ...zeroStages, ...e.stages }, settledByStage: { ...zeroStages, ...e.settled }, amountSettled: e.amountSettled },
});

const NOTHING: Expect = {
  people: 0,
  consultations: 0,
  drafted: 0,
  mediation: 0,
  amount: 0,
  appts: [0, 0, 0, 0, 0],
  byCategory: {},
  calls: 0,
  callCategories: {},
  callOutcomes: {},
  coverage: [0, 0],
  stages: {},
  settled: {},
  amountSettled: 0,
};

const DISTRICT: Expect = {
  people: 5, // P1 (two consultations and a call), P2, P8, and two callers without a number
  consultations: 3,
  drafted: 2,
  mediation: 4, // two outcomes + two calls referred to mediation
  amount: 15000.75,
  appts: [5, 3, 1, 1, 1],
  byCategory: { wage_arrears: 2, dismissal: 1 },
  calls: 4,
  callCategories: { wage_arrears: 1, dismissal: 1, work_injury: 1, other: 1 },
  callOutcomes: { answered: 1, referred_mediation: 2, callback_needed: 1 },
  coverage: [9, 2], // Mondays and Wednesdays of November; two held by a published shift
  stages: { district_mediation: 1, district_arbitration: 1 },
  settled: {},
  amountSettled: 0,
};
const TOWN: Expect = {
  ...NOTHING,
  people: 1,
  consultations: 1,
  appts: [1, 1, 0, 0, 1],
  byCategory: { social_insurance: 1 },
  coverage: [4, 1], // Fridays of November, two lawyers a day; only one day fully held
  stages: { town_mediation: 1 },
  settled: { town_mediation: 2 },
  amountSettled: 5100,
};
const VILLAGE: Expect = {
  ...NOTHING,
  people: 1,
  calls: 2,
  callCategories: { new_employment_forms: 1, wage_arrears: 1 },
  callOutcomes: { answered: 1, appointment_booked: 1 },
};
const TOTAL: Expect = {
  people: 6, // P1 counted once across the district and the town
  consultations: 4,
  drafted: 2,
  mediation: 4,
  amount: 15000.75,
  appts: [6, 4, 1, 1, 2],
  byCategory: { wage_arrears: 2, dismissal: 1, social_insurance: 1 },
  calls: 6,
  callCategories: { wage_arrears: 2, dismissal: 1, work_injury: 1, other: 1, new_employment_forms: 1 },
  callOutcomes: { answered: 2, referred_mediation: 2, callback_needed: 1, appointment_booked: 1 },
  coverage: [13, 3],
  stages: { town_mediation: 1, district_mediation: 1, district_arbitration: 1 },
  settled: { town_mediation: 2 },
  amountSettled: 5100,
};

describeEachDb('statistics: every figure from known records', (kind) => {
  let t: TestApp;
  let D: number;
  let T: number;
  let V: number;
  let X: number;
  let coord: string;

  const at = async (iso: string) => {
    t.clock.set(iso);
    coord = await t.tokenFor('coordinator');
  };

  async function appointment(stationId: number, date: string, status: AppointmentRow['status'], source: AppointmentRow['source'], phone: string, category: string, services: string[] | null = null, amount: number | null = null) {
    const startAt = zonedInstant(date, '10:00', 'Asia/Shanghai');
    const now = t.clock.now();
    await t.db.tx((m) =>
      m.insert(AppointmentEntity, {
        code: crypto.randomBytes(5).toString('hex').toUpperCase().slice(0, 10),
        stationId,
        date,
        slotTime: '10:00',
        startAt,
        endAt: new Date(startAt.getTime() + 30 * 60_000),
        status,
        source,
        name: '工人',
        phone,
        category,
        note: null,
        consentAt: now,
        outcomeServices: services as never,
        amountInvolved: amount,
        outcomeNote: null,
        checkedInAt: null,
        completedAt: status === 'completed' ? startAt : null,
        cancelledAt: status === 'cancelled' ? now : null,
        createdBy: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  const call = async (stationId: number, receivedAt: string, category: string, outcome: string, phone: string | null, extra: Record<string, unknown> = {}) => {
    const res = await t.http
      .post('/api/hotline-calls')
      .set('Authorization', coord)
      .send({ stationId, receivedAt, callerPhone: phone, callerConsent: phone !== null, category, summary: '来电', durationSeconds: 60, outcome, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const post = async (path: string, body: unknown = {}) => {
    const res = await t.http.post(path).set('Authorization', coord).send(body as object);
    expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body as { id: number; childId: number | null };
  };
  const refer = (from: number, to: number, stage: string) => post('/api/referrals', { fromStationId: from, toStationId: to, stage, category: 'wage_arrears', summary: '转介' });

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-09-28T10:00:00+08:00' });
    D = (await t.make.station({ name: '区站', code: 'A-D', level: 'district' })).id;
    T = (await t.make.station({ name: '镇站', code: 'B-T', level: 'town', parentId: D })).id;
    X = (await t.make.station({ name: '静镇', code: 'B-X', level: 'town', parentId: D })).id;
    V = (await t.make.station({ name: '村站', code: 'C-V', level: 'village', parentId: T })).id;

    // Referrals, each step on its own day.
    await at('2026-09-28T10:00:00+08:00');
    const r5 = await refer(V, T, 'town_mediation'); // made before the period …
    await post(`/api/referrals/${r5.id}/accept`);
    await at('2026-10-03T10:00:00+08:00');
    await post(`/api/referrals/${r5.id}/close`, { result: 'settled', amountSettled: 100, note: '和解' }); // … settled in it
    await at('2026-10-10T10:00:00+08:00');
    const r1 = await refer(V, T, 'town_mediation');
    await post(`/api/referrals/${r1.id}/accept`);
    await at('2026-10-25T10:00:00+08:00');
    await post(`/api/referrals/${r1.id}/close`, { result: 'settled', amountSettled: 5000, note: '调解成功' });
    await at('2026-11-05T10:00:00+08:00');
    const r2 = await refer(T, D, 'district_mediation');
    await post(`/api/referrals/${r2.id}/accept`);
    await post(`/api/referrals/${r2.id}/close`, { result: 'referred_on', note: '未果', referTo: { toStationId: D, stage: 'district_arbitration' } });
    await at('2026-12-02T10:00:00+08:00');
    await refer(D, D, 'legal_aid'); // after the period

    await at('2026-12-15T10:00:00+08:00');
    // Appointments at the district station …
    await appointment(D, '2026-10-12', 'completed', 'online', P1, 'wage_arrears', ['advice', 'application_drafted'], 12000.5);
    await appointment(D, '2026-10-20', 'completed', 'walk_in', P2, 'dismissal', ['mediation_referral'], 3000);
    await appointment(D, '2026-11-03', 'completed', 'online', P1, 'wage_arrears', ['application_drafted', 'mediation_referral'], 0.25);
    await appointment(D, '2026-11-05', 'no_show', 'online', P3, 'work_injury');
    await appointment(D, '2026-11-06', 'cancelled', 'waitlist', P4, 'other');
    await appointment(D, '2026-11-28', 'booked', 'online', P5, 'other');
    await appointment(D, '2026-09-30', 'completed', 'online', P6, 'other', ['application_drafted'], 999); // before
    await appointment(D, '2026-12-01', 'completed', 'online', P6, 'other', ['application_drafted'], 999); // after
    // … and at the town.
    await appointment(T, '2026-10-15', 'completed', 'online', P1, 'social_insurance', ['advice'], null);
    await appointment(T, '2026-11-10', 'checked_in', 'walk_in', P7, 'labor_contract');

    // Calls (by the local day they came in).
    await call(D, '2026-10-02T09:00:00+08:00', 'wage_arrears', 'answered', P1);
    await call(D, '2026-10-31T23:30:00+08:00', 'dismissal', 'referred_mediation', P8);
    await call(D, '2026-10-31T16:10:00Z', 'work_injury', 'callback_needed', null, { followUpDate: '2026-11-02' }); // 11-01 00:10 local
    await call(D, '2026-11-15T09:00:00+08:00', 'other', 'referred_mediation', null);
    await call(D, '2026-09-30T23:59:00+08:00', 'other', 'answered', P6); // before
    await call(V, '2026-11-20T09:00:00+08:00', 'new_employment_forms', 'answered', P9);
    await call(V, '2026-11-21T09:00:00+08:00', 'wage_arrears', 'appointment_booked', P9);

    // Duty: the district on Mondays and Wednesdays of November, the town on Fridays with two lawyers.
    const now = t.clock.now();
    const rotation = (stationId: number, rrule: string, lawyersPerDay: number) =>
      t.db.tx((m) =>
        m.save(RotationEntity, { stationId, name: '轮值', rrule, startDate: '2026-11-01', lawyerIds: [], shiftStart: '09:00', shiftEnd: '17:00', lawyersPerDay, active: true, createdAt: now, updatedAt: now }),
      );
    await rotation(D, 'FREQ=WEEKLY;BYDAY=MO,WE', 1);
    await rotation(T, 'FREQ=WEEKLY;BYDAY=FR', 2);
    await t.make.shift({ stationId: D, date: '2026-11-02' });
    await t.make.shift({ stationId: D, date: '2026-11-04' });
    await t.make.shift({ stationId: D, date: '2026-11-09', status: 'draft' }); // a draft holds nothing
    await t.make.shift({ stationId: D, date: '2026-11-07' }); // a Saturday nobody requires
    await t.make.shift({ stationId: T, date: '2026-11-06', seat: 1 });
    await t.make.shift({ stationId: T, date: '2026-11-06', seat: 2 });
    await t.make.shift({ stationId: T, date: '2026-11-13', seat: 1 }); // one of two: not covered
  });
  afterAll(() => t.close());

  const get = async (path: string, token = coord) => {
    const res = await t.http.get(path).set('Authorization', token);
    expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  const station = (body: { byStation: { stationId: number }[] }, id: number) => {
    const s = body.byStation.find((x) => x.stationId === id);
    expect(s, `station ${id}`).toBeDefined();
    const { stationId: _i, name: _n, code: _c, level: _l, parentId: _p, ...rest } = s as Record<string, unknown>;
    return rest;
  };
  const totals = (body: Record<string, unknown>) => {
    const { from: _f, to: _t, stationId: _s, includeChildren: _i, byStation: _b, ...rest } = body;
    return rest;
  };

  it('reports the network total and every station’s own figures', async () => {
    const body = await get('/api/stats/summary?from=2026-10-01&to=2026-11-30');
    expect(body).toMatchObject({ from: '2026-10-01', to: '2026-11-30', stationId: null, includeChildren: false });
    expect(totals(body)).toEqual(figures(TOTAL));
    expect(body.byStation.map((s: { stationId: number }) => s.stationId)).toEqual([D, T, X, V]);
    expect(station(body, D)).toEqual(figures(DISTRICT));
    expect(station(body, T)).toEqual(figures(TOWN));
    expect(station(body, V)).toEqual(figures(VILLAGE));
    expect(station(body, X)).toEqual(figures(NOTHING));
  });

  it('takes one station alone, or with the stations under it', async () => {
    const alone = await get(`/api/stats/summary?from=2026-10-01&to=2026-11-30&stationId=${T}`);
    expect(totals(alone)).toEqual(figures(TOWN));
    expect(alone.byStation.map((s: { stationId: number }) => s.stationId)).toEqual([T]);

    const withVillage = await get(`/api/stats/summary?from=2026-10-01&to=2026-11-30&stationId=${T}&includeChildren=1`);
    expect(withVillage).toMatchObject({ stationId: T, includeChildren: true });
    expect(withVillage.byStation.map((s: { stationId: number }) => s.stationId)).toEqual([T, V]);
    expect(totals(withVillage)).toEqual(
      figures({
        ...TOWN,
        people: 2,
        calls: 2,
        callCategories: VILLAGE.callCategories,
        callOutcomes: VILLAGE.callOutcomes,
      }),
    );
    const everything = await get(`/api/stats/summary?from=2026-10-01&to=2026-11-30&stationId=${D}&includeChildren=1`);
    expect(totals(everything)).toEqual(figures(TOTAL));
  });

  it('splits the same figures by month', async () => {
    const lawyer = await t.tokenFor('lawyer'); // any signed-in user may read the figures
    const body = await get('/api/stats/trend?from=2026-10-01&to=2026-11-30', lawyer);
    expect(body.months.map((m: { month: string; from: string; to: string }) => [m.month, m.from, m.to])).toEqual([
      ['2026-10', '2026-10-01', '2026-10-31'],
      ['2026-11', '2026-11-01', '2026-11-30'],
    ]);
    const { month: _m1, from: _f1, to: _t1, ...october } = body.months[0];
    const { month: _m2, from: _f2, to: _t2, ...november } = body.months[1];
    expect(october).toEqual(
      figures({
        people: 3, // P1, P2, P8
        consultations: 3,
        drafted: 1,
        mediation: 2,
        amount: 15000.5,
        appts: [2, 3, 0, 0, 1],
        byCategory: { wage_arrears: 1, dismissal: 1, social_insurance: 1 },
        calls: 2,
        callCategories: { wage_arrears: 1, dismissal: 1 },
        callOutcomes: { answered: 1, referred_mediation: 1 },
        coverage: [0, 0],
        stages: { town_mediation: 1 },
        settled: { town_mediation: 2 },
        amountSettled: 5100,
      }),
    );
    expect(november).toEqual(
      figures({
        people: 4, // P1, P9 and two callers without a number
        consultations: 1,
        drafted: 1,
        mediation: 2,
        amount: 0.25,
        appts: [4, 1, 1, 1, 1],
        byCategory: { wage_arrears: 1 },
        calls: 4,
        callCategories: { work_injury: 1, other: 1, new_employment_forms: 1, wage_arrears: 1 },
        callOutcomes: { callback_needed: 1, referred_mediation: 1, answered: 1, appointment_booked: 1 },
        coverage: [13, 3],
        stages: { district_mediation: 1, district_arbitration: 1 },
        settled: {},
        amountSettled: 0,
      }),
    );
  });

  it('bounds the period to three years and knows its stations', async () => {
    const q = (s: string) => t.http.get(`/api/stats/summary?${s}`).set('Authorization', coord);
    expect((await q('from=2023-12-15&to=2026-12-15')).status).toBe(200);
    expect((await q('from=2023-12-14&to=2026-12-15')).status).toBe(400);
    expect((await q('from=2026-11-30&to=2026-10-01')).status).toBe(400);
    expect((await q('from=2026-10-01')).status).toBe(400);
    expect((await q('from=2026-10-01&to=2026-11-30&stationId=999999')).status).toBe(400);
    expect((await t.http.get('/api/stats/summary?from=2026-10-01&to=2026-11-30')).status).toBe(401);
  });

  it('exports the figures as a workbook: summary with definitions, by station, by month, categories', async () => {
    const res = await t.http
      .get('/api/stats/export.xlsx?from=2026-10-01&to=2026-11-30')
      .set('Authorization', coord)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('stats-2026-10-01-2026-11-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分站', '分月', '分类']);
    const summary = wb.getWorksheet('汇总')!;
    const rows = new Map<string, unknown[]>();
    summary.eachRow((r) => rows.set(String(r.getCell(4).value ?? ''), [r.getCell(1).value, r.getCell(2).value, r.getCell(3).value]));
    expect(rows.get('peopleServed')?.slice(0, 2)).toEqual(['服务人数', 6]);
    expect(String(rows.get('peopleServed')?.[2])).toMatch(/Distinct workers/);
    expect(rows.get('amountInvolved')?.[1]).toBe(15000.75);
    expect(rows.get('coverage.requiredDays')?.[1]).toBe(13);
    expect(rows.get('referrals.amountSettled')?.[1]).toBe(5100);
    const byStation = wb.getWorksheet('分站')!;
    expect(byStation.rowCount).toBe(1 + 4 + 1);
    expect(byStation.getRow(2).getCell(1).value).toBe('区站');
    expect(byStation.getRow(2).getCell(3).value).toBe(5);
    const byMonth = wb.getWorksheet('分月')!;
    expect([byMonth.getRow(2).getCell(1).value, byMonth.getRow(3).getCell(1).value]).toEqual(['2026-10', '2026-11']);
    expect(byMonth.getRow(3).getCell(2).value).toBe(4);
    const categories = wb.getWorksheet('分类')!;
    expect(categories.getRow(2).values).toEqual([undefined, '欠薪', 2, 2]);
  });
});
