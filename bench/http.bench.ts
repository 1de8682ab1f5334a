/**
 * Booking throughput and latency (autocannon, 50 connections) on SQLite and MySQL
 * against an Express hello-world route in the same run; slot and coverage query latency.
 *   npx tsx bench/http.bench.ts
 *   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306/test npx tsx bench/http.bench.ts
 * Every booking carries an Idempotency-Key of its own, as the booking page sends
 * (BENCH_IDEMPOTENCY_KEY=0 leaves it out, as the benchmarks before the sixth session did).
 * BENCH_DBS=sqlite|mysql runs one database; BENCH_BOOKING_ONLY=1 stops after the booking
 * runs (BENCH_BOOKING_ONLY=book: after the bookings themselves); BENCH_SECONDS sets each run's length;
 * BENCH_CONNECTIONS changes the 50 connections (to see whether a figure is bound by latency or by CPU).
 */
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { WorkingCalendar } from '../server/calendar/workingCalendar.js';
import { addDays, isoWeekday, zonedParts } from '../server/lib/dates.js';
import { ShiftEntity } from '../server/rosters/rosters.entity.js';
import { seedBenchNetwork } from './dbload.js';
import { benchNetwork } from './network.js';
import { startProcess } from '../tests/helpers/process.js';
import { report, withBenchDb } from './util.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

/** CPU seconds a local process has used (Linux /proc; null elsewhere). */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds per thread of a local process, by thread id (Linux /proc; empty elsewhere). */
function threadCpuSeconds(pid: number | undefined): Map<string, { name: string; cpu: number }> {
  const out = new Map<string, { name: string; cpu: number }>();
  if (!pid) return out;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      out.set(tid, { name, cpu: (Number(fields[11]) + Number(fields[12])) / 100 });
    }
  } catch {
    /* not Linux, or gone */
  }
  return out;
}

/** The busiest threads between two readings, as "name share-of-a-core" (e.g. "node 98 %, bookings 61 %"). */
function busiestThreads(before: Map<string, { name: string; cpu: number }>, after: Map<string, { name: string; cpu: number }>, seconds: number): string {
  return [...after]
    .map(([tid, t]) => ({ name: t.name, share: (t.cpu - (before.get(tid)?.cpu ?? 0)) / seconds }))
    .filter((t) => t.share >= 0.05)
    .sort((a, b) => b.share - a.share)
    .map((t) => `${t.name} ${Math.round(t.share * 100)} %`)
    .join(', ');
}

/** The local MariaDB/MySQL server's pid, when it runs on this machine. */
function databaseServerPid(): number | undefined {
  try {
    const out = execSync('pgrep -o mariadbd || pgrep -o mysqld', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return out ? Number(out) : undefined;
  } catch {
    return undefined;
  }
}
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Seats per slot and lawyers in the booking run: enough seats that every booking of a 10 s run finds one (a 409 is cheaper than a booking). */
const SEATS = 4;
const LAWYERS = 160;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
}

function summarise(r: autocannon.Result): Run {
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

/** Seconds of load before each measured run, not measured: JIT compilation, the booking thread's start, first connections. */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

function fire(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/** A measured run after a warm-up with the same requests; `beforeMeasure` runs between the two. */
async function cannon(opts: autocannon.Options, beforeMeasure?: () => void): Promise<autocannon.Result> {
  if (WARMUP > 0) await fire({ ...opts, duration: WARMUP });
  beforeMeasure?.();
  return fire(opts);
}

/** Every bookable (station, start) over the horizon, SEATS times each, in an order that spreads load. */
function bookableStarts(stationIds: number[], today: string): { stationId: number; start: string }[] {
  const cal = new WorkingCalendar([]);
  const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00'];
  const out: { stationId: number; start: string }[] = [];
  for (let d = 1; d <= 13; d++) {
    const date = addDays(today, d);
    if (!cal.isWorkingDay(date) || isoWeekday(date) > 5) continue;
    for (const time of times) for (const stationId of stationIds) for (let seat = 0; seat < SEATS; seat++) out.push({ stationId, start: `${date}T${time}:00+08:00` });
  }
  return out;
}

export async function httpBench(opts: { mysqlUrl?: string } = {}) {
  const rows: Record<string, string | number>[] = [];
  // The baseline is run before and after everything else, and shares are of the mean of the
  // two: on a shared virtual machine the same hello-world run drifts by a fifth within minutes.
  const helloRun = async () => {
    const hello = await startProcess('bench/hello.ts', {}, '/hello');
    try {
      return summarise(await cannon({ url: `${hello.url}/hello` }));
    } finally {
      await hello.stop();
    }
  };
  const before = await helloRun();
  rows.push({ db: '—', what: 'Express hello-world GET (before)', rps: before.rps, p50_ms: before.p50, p99_ms: before.p99, non2xx: before.non2xx });
  /** Rows whose share of hello-world is filled in once the second baseline run is in. */
  const shares: { row: Record<string, string | number>; rps: number }[] = [];
  const share = (row: Record<string, string | number>, rps: number) => shares.push({ row, rps });

  let targets: { name: string; url: string }[] = [{ name: 'sqlite', url: 'sqlite::temp:' }];
  if (opts.mysqlUrl) targets.push({ name: 'mysql', url: opts.mysqlUrl });
  // BENCH_DBS=mysql (or sqlite) runs one database only.
  if (process.env.BENCH_DBS) targets = targets.filter((t) => process.env.BENCH_DBS!.split(',').includes(t.name));
  for (const target of targets) {
    await withBenchDb(target.url, async (db, url) => {
      const net = benchNetwork(LAWYERS);
      await seedBenchNetwork(db, net, { seatsPerSlot: SEATS });
      const today = zonedParts(new Date(), 'Asia/Shanghai').date;
      const now = new Date();
      // Published shifts for the booking horizon at every station (no lawyer twice a day).
      const shifts = [];
      for (let d = 0; d <= 14; d++) {
        const date = addDays(today, d);
        for (const s of net.stations) {
          shifts.push({ stationId: s.id, date, month: date.slice(0, 7), seat: 1, lawyerId: ((s.id + d) % LAWYERS) + 1, rotationId: null, start: '09:00', end: '17:30', status: 'published' as const, source: 'manual' as const, version: 1, createdAt: now, updatedAt: now });
        }
      }
      // One lawyer per day: keep the first shift per (lawyer, date).
      const seen = new Set<string>();
      const unique = shifts.filter((s) => (seen.has(`${s.lawyerId}|${s.date}`) ? false : (seen.add(`${s.lawyerId}|${s.date}`), true)));
      await db.tx(async (m) => {
        for (let i = 0; i < unique.length; i += 300) await m.insert(ShiftEntity, unique.slice(i, i + 300));
      });
      const staffed = [...new Set(unique.filter((s) => s.date === addDays(today, 1)).map((s) => s.stationId))];
      await db.close();

      // Logging at `error`: a booking logs nothing at `warn` either, but each 400 of the invalid-body
      // run below would write a warning down the pipe to this process, and that run is meant to
      // measure the HTTP stack, not the pipe.
      const app = await startProcess('server/main.ts', { DATABASE_URL: url, SEED_DEMO: '0', BOOKING_MAX_FUTURE_PER_PHONE: '2', LOG_LEVEL: 'error' });
      try {
        const starts = bookableStarts(staffed, today);
        let n = 0;
        const withKey = process.env.BENCH_IDEMPOTENCY_KEY !== '0';
        const runId = Date.now().toString(36);
        const dbPid = target.name === 'mysql' ? databaseServerPid() : undefined;
        const snapshot = () => ({ app: cpuSeconds(app.child.pid), db: cpuSeconds(dbPid), threads: threadCpuSeconds(app.child.pid), at: Date.now(), bench: process.cpuUsage() });
        // Taken again when the warm-up is over: the CPU figures are of the measured run only.
        let cpu0 = snapshot();
        const booking = summarise(
          await cannon({
            url: `${app.url}/api/appointments`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            requests: [
              {
                setupRequest: (req) => {
                  const i = n++;
                  const slot = starts[i % starts.length]!;
                  const phone = `139${String(10_000_000 + i).padStart(8, '0')}`;
                  const body = JSON.stringify({ stationId: slot.stationId, start: slot.start, name: '压测', phone, category: 'wage_arrears', consent: true });
                  // As the booking page does: every booking carries an Idempotency-Key of its own.
                  return withKey ? { ...req, body, headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${runId}-${i}` } } : { ...req, body };
                },
              },
            ],
          }, () => (cpu0 = snapshot())),
        );
        const bookRow = { db: target.name, what: 'POST /api/appointments (book)', rps: booking.rps, p50_ms: booking.p50, p99_ms: booking.p99, non2xx: booking.non2xx };
        rows.push(bookRow);
        share(bookRow, booking.rps);
        // Where the CPU went: the server process, and the database server when it is local.
        const perBooking = (before: number | null, after: number | null) =>
          before === null || after === null || booking.total === 0 ? '—' : `${Math.round(((after - before) * 1e6) / booking.total)} µs`;
        rows.push({
          db: target.name,
          what: `CPU per booking: server ${perBooking(cpu0.app, cpuSeconds(app.child.pid))}${target.name === 'mysql' ? `, database server ${perBooking(cpu0.db, cpuSeconds(dbPid))}` : ''}`,
        });
        const threads = busiestThreads(cpu0.threads, threadCpuSeconds(app.child.pid), (Date.now() - cpu0.at) / 1000);
        const elapsed = (Date.now() - cpu0.at) / 1000;
        const benchCpu = process.cpuUsage(cpu0.bench);
        const load = `${Math.round(((benchCpu.user + benchCpu.system) / 1e6 / elapsed) * 100)} %`;
        if (threads) rows.push({ db: target.name, what: `server threads busy during the bookings (share of one core): ${threads}; load generator (autocannon): ${load}` });

        if (process.env.BENCH_BOOKING_ONLY === 'book') return;
        // The HTTP stack's own ceiling for this route: the same POST with a body that fails
        // validation (parsed, validated, answered 400, no database work).
        const rejected = summarise(
          await cannon({
            url: `${app.url}/api/appointments`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ stationId: 1, start: 'not a time', name: '压测', phone: '13900000000', category: 'wage_arrears', consent: true }),
          }),
        );
        const rejectedRow = { db: target.name, what: 'POST /api/appointments, invalid body (400: the HTTP stack alone)', rps: rejected.rps, p50_ms: rejected.p50, p99_ms: rejected.p99, non2xx: rejected.non2xx };
        rows.push(rejectedRow);
        share(rejectedRow, rejected.rps);
        if (process.env.BENCH_BOOKING_ONLY === '1') return;
        const slotDate = addDays(today, 1);
        const slots = summarise(await cannon({ url: `${app.url}/api/stations/1/slots?date=${slotDate}` }));
        rows.push({ db: target.name, what: 'GET /api/stations/:id/slots', rps: slots.rps, p50_ms: slots.p50, p99_ms: slots.p99, non2xx: slots.non2xx });

        // Coverage needs a signed-in user: create one straight in the database.
        const { Db } = await import('../server/db/db.js');
        const { hashPassword } = await import('../server/auth/password.js');
        const { UserEntity } = await import('../server/auth/users.entity.js');
        const db2 = await Db.connect({ url });
        const hash = await hashPassword('bench-password-1');
        await db2.tx((m) => m.insert(UserEntity, { username: 'bench', passwordHash: hash, role: 'coordinator', displayName: 'bench', lawyerId: null, stationId: null, calendarToken: null, active: true, createdAt: new Date() }));
        const tok = (await (await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }) })).json()) as { token: string };
        const month = today.slice(0, 7);
        const coverage = summarise(
          await cannon({ url: `${app.url}/api/coverage?from=${month}-01&to=${addDays(`${month}-01`, 30)}`, headers: { authorization: `Bearer ${tok.token}` }, connections: 10 }),
        );
        rows.push({ db: target.name, what: 'GET /api/coverage (a month × 153 stations, 10 conn.)', rps: coverage.rps, p50_ms: coverage.p50, p99_ms: coverage.p99, non2xx: coverage.non2xx });

        const doubles = await db2.read((m) =>
          m.query('SELECT COUNT(*) AS n FROM (SELECT station_id, date, slot_time, seat_no FROM appointment_seats GROUP BY station_id, date, slot_time, seat_no HAVING COUNT(*) > 1) x'),
        );
        const perSlot = await db2.read((m) =>
          m.query(
            `SELECT COUNT(*) AS n FROM (SELECT a.station_id, a.start_at, COUNT(*) AS c FROM appointments a WHERE a.status = 'booked' GROUP BY a.station_id, a.start_at HAVING COUNT(*) > ${SEATS}) x`,
          ),
        );
        const booked = await db2.read((m) => m.query("SELECT COUNT(*) AS n FROM appointments WHERE status = 'booked'"));
        const keyless = await db2.read((m) =>
          m.query('SELECT COUNT(*) AS n FROM appointments a LEFT JOIN idempotency_keys k ON k.appointment_id = a.id WHERE k.id IS NULL'),
        );
        rows.push({
          db: target.name,
          what:
            `bookings made: ${Number(booked[0].n)}; seats claimed twice: ${Number(doubles[0].n)}; slots over capacity: ${Number(perSlot[0].n)}` +
            (withKey ? `; bookings without their Idempotency-Key: ${Number(keyless[0].n)}` : ''),
        });
        await db2.close();
      } finally {
        await app.stop();
      }
    });
  }
  const after = await helloRun();
  rows.splice(1, 0, { db: '—', what: 'Express hello-world GET (after)', rps: after.rps, p50_ms: after.p50, p99_ms: after.p99, non2xx: after.non2xx });
  const base = (before.rps + after.rps) / 2;
  for (const { row, rps } of shares) row.vs_hello = `${Math.round((rps / base) * 100)} %`;
  report(`HTTP (autocannon, ${CONNECTIONS} connections, ${DURATION} s each; vs_hello: share of the mean of the two hello-world runs, ${Math.round(base)} req/s)`, rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await httpBench({ mysqlUrl: process.env.BENCH_MYSQL_URL });
}
