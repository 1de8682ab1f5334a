/**
 * A city on one deployment (domain.md, "Scale to design for"): BENCH_DISTRICTS copies of the
 * bench district (default 15: 2,295 stations, 1,200 lawyers), a year of published rosters
 * behind it with its consultations (8 a duty day at a district station, 3 at a town, 1 at a
 * village) and hotline calls (2,000 a district), and the staff views that grow with the
 * network, timed one request at a time
 * against the real server process — the month's roster for every station generated and
 * published, the roster and coverage views, the wall-table exports, the public station list.
 *   npx tsx bench/scale.bench.ts
 *   BENCH_DISTRICTS=30 BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306/test BENCH_DBS=mysql npx tsx bench/scale.bench.ts
 */
import 'reflect-metadata';
import { WorkingCalendar } from '../server/calendar/workingCalendar.js';
import { addDays, addMonths, monthRange, zonedParts } from '../server/lib/dates.js';
import { generateMonthlyRoster, type FairnessEntry, type RotationState } from '../server/rosters/generateRoster.js';
import { RosterEntity, RotationStateEntity } from '../server/rosters/rosters.entity.js';
import { AppointmentEntity } from '../server/bookings/appointments.entity.js';
import { newCode } from '../server/bookings/bookings.repository.js';
import { DISPUTE_CATEGORIES, OUTCOME_SERVICES } from '../server/domain/categories.js';
import { HotlineCallEntity, HOTLINE_OUTCOMES } from '../server/hotline/hotline.entity.js';
import { zonedInstant } from '../server/lib/dates.js';
import { startProcess } from '../tests/helpers/process.js';
import { cityNetwork, seedCity, type City } from './city.js';
import { writeShifts } from './dbload.js';
import { median, report, withBenchDb } from './util.js';

const DISTRICTS = Number(process.env.BENCH_DISTRICTS ?? 15);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** The twelve months before `month`, generated month after month as the service would, and written as published. */
async function pastYear(db: Parameters<typeof seedCity>[0], city: City, month: string): Promise<{ shifts: number }> {
  const calendar = new WorkingCalendar([]);
  let states: RotationState[] = [];
  let carry: FairnessEntry[] = [];
  let total = 0;
  for (let i = 12; i >= 1; i--) {
    const m = addMonths(month, -i);
    const res = generateMonthlyRoster({
      month: m,
      stationIds: city.stations.map((s) => s.id),
      rotations: city.rotations,
      lawyers: city.lawyers,
      calendar,
      existingShifts: [],
      rotationStates: states,
      fairnessCarry: carry,
    });
    states = res.rotationStates;
    carry = res.fairness.cumulative;
    total += await writeShifts(db, res.shifts);
    const now = new Date();
    await db.tx(async (tx) => {
      const rosters = city.stations.map((s) => ({ month: m, stationId: s.id, status: 'published' as const, generatedAt: now, publishedAt: now, publishedBy: null, version: 1 }));
      for (let j = 0; j < rosters.length; j += 300) await tx.insert(RosterEntity, rosters.slice(j, j + 300));
      if (i === 1) {
        const rows = states.map((s) => ({ rotationId: s.rotationId, month: m, nextIndex: s.nextIndex, owed: s.owed as never }));
        for (let j = 0; j < rows.length; j += 300) await tx.insert(RotationStateEntity, rows.slice(j, j + 300));
      }
    });
  }
  return { shifts: total };
}

/**
 * A year of consultations on the past year's duties and of hotline calls, written straight
 * into the tables: most completed with an outcome, some no-shows and cancellations.
 */
async function pastConsultations(db: Parameters<typeof seedCity>[0], city: City, from: string, to: string): Promise<{ appointments: number; calls: number; busiestDay: { stationId: number; date: string } }> {
  const perDay = { district: 8, town: 3, village: 1 } as const;
  const level = new Map(city.stations.map((s) => [s.id, s.level]));
  const shifts = (await db.read((m) => m.query('SELECT station_id AS stationId, date FROM shifts WHERE date >= ? AND date <= ?', [from, to]))) as { stationId: number; date: string }[];
  let n = 0;
  const rows: Record<string, unknown>[] = [];
  const now = new Date();
  let busiestDay = { stationId: 1, date: from };
  for (const shift of shifts) {
    const count = perDay[level.get(Number(shift.stationId)) ?? 'village'];
    if (level.get(Number(shift.stationId)) === 'district' && shift.date > busiestDay.date) busiestDay = { stationId: Number(shift.stationId), date: shift.date };
    for (let i = 0; i < count; i++, n++) {
      const time = `${String(9 + (i % 3)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
      const startAt = zonedInstant(shift.date, time, 'Asia/Shanghai');
      const status = n % 10 === 7 ? 'no_show' : n % 10 === 9 ? 'cancelled' : 'completed';
      const done = status === 'completed';
      rows.push({
        code: newCode(),
        stationId: Number(shift.stationId),
        date: shift.date,
        slotTime: time,
        startAt,
        endAt: new Date(startAt.getTime() + 30 * 60_000),
        status,
        source: n % 4 === 0 ? 'walk_in' : 'online',
        name: `工友${n}`,
        phone: `139${String(n).padStart(8, '0')}`,
        category: DISPUTE_CATEGORIES[n % DISPUTE_CATEGORIES.length]!,
        note: null,
        consentAt: startAt,
        outcomeServices: done ? ([OUTCOME_SERVICES[0], ...(n % 3 === 0 ? [OUTCOME_SERVICES[1 + (n % (OUTCOME_SERVICES.length - 1))]] : [])] as never) : null,
        amountInvolved: done && n % 3 === 0 ? 1000 + (n % 50) * 700 : null,
        outcomeNote: done ? '已解答' : null,
        checkedInAt: done ? startAt : null,
        completedAt: done ? new Date(startAt.getTime() + 25 * 60_000) : null,
        cancelledAt: status === 'cancelled' ? new Date(startAt.getTime() - 86_400_000) : null,
        createdBy: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  const districts = city.stations.filter((s) => s.level !== 'village');
  const calls: Record<string, unknown>[] = [];
  const days = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  for (let i = 0; i < city.districts * 2000; i++) {
    const date = addDays(from, i % days);
    const receivedAt = zonedInstant(date, `${String(9 + (i % 8)).padStart(2, '0')}:15`, 'Asia/Shanghai');
    calls.push({
      stationId: districts[i % districts.length]!.id,
      receivedAt,
      receivedDate: date,
      callerName: i % 3 ? `来电人${i}` : null,
      callerPhone: i % 3 ? `138${String(i).padStart(8, '0')}` : null,
      callerConsent: i % 3 !== 0,
      category: DISPUTE_CATEGORIES[i % DISPUTE_CATEGORIES.length]!,
      summary: i % 5 === 0 ? '公司拖欠工资三个月，询问如何申请仲裁' : '咨询劳动合同解除的经济补偿',
      durationSeconds: 120 + (i % 600),
      outcome: HOTLINE_OUTCOMES[i % HOTLINE_OUTCOMES.length]!,
      followUpDate: null,
      followUpDoneAt: null,
      appointmentId: null,
      createdBy: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }
  await db.tx(async (m) => {
    for (let i = 0; i < rows.length; i += 500) await m.insert(AppointmentEntity, rows.slice(i, i + 500) as never);
    for (let i = 0; i < calls.length; i += 500) await m.insert(HotlineCallEntity, calls.slice(i, i + 500) as never);
  });
  return { appointments: rows.length, calls: calls.length, busiestDay };
}

interface Timed {
  ms: number[];
  bytes: number;
  status: number;
}

export async function scaleBench(opts: { mysqlUrl?: string } = {}) {
  const rows: Record<string, string | number>[] = [];
  let targets: { name: string; url: string }[] = [{ name: 'sqlite', url: 'sqlite::temp:' }];
  if (opts.mysqlUrl) targets.push({ name: 'mysql', url: opts.mysqlUrl });
  if (process.env.BENCH_DBS) targets = targets.filter((t) => process.env.BENCH_DBS!.split(',').includes(t.name));

  const today = zonedParts(new Date(), 'Asia/Shanghai').date;
  const thisMonth = today.slice(0, 7);
  const nextMonth = addMonths(thisMonth, 1);
  const city = cityNetwork(DISTRICTS, Number(thisMonth.slice(0, 4)));

  for (const target of targets) {
    await withBenchDb(target.url, async (db, url) => {
      const t0 = Date.now();
      await seedCity(db, city);
      const past = await pastYear(db, city, thisMonth);
      const history = await pastConsultations(db, city, `${addMonths(thisMonth, -12)}-01`, addDays(today, -1));
      const { hashPassword } = await import('../server/auth/password.js');
      const { UserEntity } = await import('../server/auth/users.entity.js');
      const hash = await hashPassword('bench-password-1');
      await db.tx((m) => m.insert(UserEntity, { username: 'bench', passwordHash: hash, role: 'coordinator', displayName: 'bench', lawyerId: null, stationId: null, calendarToken: null, active: true, createdAt: new Date() }));
      await db.close();
      const loadSeconds = (Date.now() - t0) / 1000;

      const app = await startProcess('server/main.ts', { DATABASE_URL: url, SEED_DEMO: '0', LOG_LEVEL: 'error' });
      try {
        const login = (await (await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }) })).json()) as { token: string };
        const auth = { authorization: `Bearer ${login.token}` };
        const call = async (method: string, path: string, body?: unknown): Promise<{ ms: number; bytes: number; status: number; json: unknown }> => {
          const start = process.hrtime.bigint();
          const res = await fetch(app.url + path, {
            method,
            headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          const buf = Buffer.from(await res.arrayBuffer());
          const ms = Number(process.hrtime.bigint() - start) / 1e6;
          const json = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(buf.toString('utf8')) : null;
          return { ms, bytes: buf.length, status: res.status, json };
        };
        const time = async (method: string, path: string, body?: unknown, runs = RUNS): Promise<Timed> => {
          const ms: number[] = [];
          let last = { bytes: 0, status: 0 };
          for (let i = 0; i < runs; i++) {
            const r = await call(method, path, body);
            ms.push(r.ms);
            last = r;
          }
          return { ms, bytes: last.bytes, status: last.status };
        };
        const row = (what: string, t: Timed) =>
          rows.push({
            db: target.name,
            what,
            status: t.status,
            median_ms: median(t.ms),
            max_ms: Math.round(Math.max(...t.ms)),
            runs: t.ms.length,
            size: t.bytes >= 1024 * 1024 ? `${(t.bytes / 1024 / 1024).toFixed(1)} MB` : t.bytes >= 10 * 1024 ? `${Math.round(t.bytes / 1024)} KB` : `${(t.bytes / 1024).toFixed(1)} KB`,
          });

        rows.push({ db: target.name, what: `loaded: ${city.stations.length} stations, ${city.lawyers.length} lawyers, ${city.rotations.length} rotations, ${past.shifts} published shifts of the past 12 months, ${history.appointments} consultations and ${history.calls} hotline calls (${loadSeconds.toFixed(0)} s)` });

        // The first generation of next month writes it; the others regenerate the draft.
        const first = await call('POST', '/api/rosters/generate', { month: nextMonth });
        const gen = await time('POST', '/api/rosters/generate', { month: nextMonth }, 3);
        gen.ms.unshift(first.ms);
        const generated = first.json as { shifts: unknown[]; gaps: unknown[] };
        row(`POST /api/rosters/generate ${nextMonth}, every station (${generated.shifts?.length ?? '?'} shifts, ${generated.gaps?.length ?? '?'} gaps)`, gen);
        row(`POST /api/rosters/${nextMonth}/publish`, await time('POST', `/api/rosters/${nextMonth}/publish`, {}, 1));
        row(`GET /api/rosters/${nextMonth}, every station`, await time('GET', `/api/rosters/${nextMonth}`));
        row(`GET /api/rosters/${nextMonth}, one district (stationId + includeChildren)`, await time('GET', `/api/rosters/${nextMonth}?stationId=1&includeChildren=1`));
        const { from, to } = monthRange(nextMonth);
        row(`GET /api/coverage, the month × every station`, await time('GET', `/api/coverage?from=${from}&to=${to}`));
        row(`GET /api/coverage, the month × one district`, await time('GET', `/api/coverage?from=${from}&to=${to}&stationId=1&includeChildren=1`));
        row(`GET /api/coverage, the month × one station`, await time('GET', `/api/coverage?from=${from}&to=${to}&stationId=1`));
        row(`GET /api/shifts, the month`, await time('GET', `/api/shifts?from=${from}&to=${to}`));
        row(`GET /api/shifts, one lawyer's month`, await time('GET', `/api/shifts?from=${from}&to=${to}&lawyerId=1`));
        row(`GET /api/rosters/${nextMonth}/export.csv, every station`, await time('GET', `/api/rosters/${nextMonth}/export.csv`, undefined, 3));
        row(`GET /api/rosters/${nextMonth}/export.xlsx, every station`, await time('GET', `/api/rosters/${nextMonth}/export.xlsx`, undefined, 3));
        row(`GET /api/rosters/${nextMonth}/export.xlsx, one district`, await time('GET', `/api/rosters/${nextMonth}/export.xlsx?stationId=1&includeChildren=1`, undefined, 3));
        row(`GET /api/rosters/${nextMonth}/print, one district`, await time('GET', `/api/rosters/${nextMonth}/print?stationId=1&includeChildren=1`, undefined, 3));
        row('GET /api/stations (public), every station', await time('GET', '/api/stations'));
        row('GET /api/stations (public), the district stations (the booking page’s first list)', await time('GET', '/api/stations?level=district'));
        row('GET /api/stations (public), one district (its second list)', await time('GET', '/api/stations?stationId=1&includeChildren=1'));
        const yearFrom = `${addMonths(thisMonth, -12)}-01`;
        row(`GET /api/stats/summary, the past year, every station`, await time('GET', `/api/stats/summary?from=${yearFrom}&to=${today}`));
        row(`GET /api/stats/summary, the past year, one station`, await time('GET', `/api/stats/summary?from=${yearFrom}&to=${today}&stationId=1`));
        row(`GET /api/stats/trend, the past year`, await time('GET', `/api/stats/trend?from=${yearFrom}&to=${today}`));
        const { busiestDay } = history;
        row(`GET /api/appointments, a district station's day`, await time('GET', `/api/appointments?stationId=${busiestDay.stationId}&date=${busiestDay.date}`));
        row(`GET /api/hotline-calls, a search over the year (first page)`, await time('GET', `/api/hotline-calls?from=${yearFrom}&to=${today}&q=${encodeURIComponent('拖欠工资')}`));
        row(`GET /api/hotline-calls, the year (first page)`, await time('GET', `/api/hotline-calls?from=${yearFrom}&to=${today}`));
      } finally {
        await app.stop();
      }
    });
  }
  report(`A city on one deployment (${DISTRICTS} districts; one request at a time)`, rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await scaleBench({ mysqlUrl: process.env.BENCH_MYSQL_URL });
}
