/**
 * Roster generation for a year (153 stations, 80 lawyers) against plain rrule.js
 * expansion of the same rules, and writing the year's shifts to SQLite and MySQL.
 *   npx tsx bench/roster.bench.ts            (SQLite only)
 *   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306/bench npx tsx bench/roster.bench.ts
 */
import 'reflect-metadata';
import * as rr from 'rrule';
import { WorkingCalendar } from '../server/calendar/workingCalendar.js';
import { generateMonthlyRoster, type RotationState } from '../server/rosters/generateRoster.js';
import { monthRange } from '../server/lib/dates.js';
import { benchNetwork } from './network.js';
import { median, report, timeIt, withBenchDb } from './util.js';

const RRuleCtor = ((rr as unknown as { RRule?: unknown }).RRule ?? (rr as unknown as { default: { RRule: unknown } }).default.RRule) as typeof rr.RRule;

export async function rosterBench(opts: { mysqlUrl?: string; runs?: number } = {}) {
  const year = 2026;
  const net = benchNetwork(80, year);
  const runs = opts.runs ?? 5;
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const calendar = new WorkingCalendar([]);

  const plain = () => {
    let n = 0;
    for (const r of net.rotations) {
      const rule = new RRuleCtor({ ...RRuleCtor.parseString(r.rrule), dtstart: new Date(`${r.startDate}T00:00:00Z`) });
      for (const m of months) {
        const { from, to } = monthRange(m);
        n += rule.between(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`), true).length;
      }
    }
    return n;
  };
  let shiftsOfYear: ReturnType<typeof generateMonthlyRoster>['shifts'] = [];
  const generate = () => {
    let states: RotationState[] = [];
    const all: typeof shiftsOfYear = [];
    let gaps = 0;
    for (const month of months) {
      const res = generateMonthlyRoster({
        month,
        stationIds: net.stations.map((s) => s.id),
        rotations: net.rotations,
        lawyers: net.lawyers,
        calendar,
        existingShifts: [],
        rotationStates: states,
        fairnessCarry: [],
      });
      states = res.rotationStates;
      all.push(...res.shifts);
      gaps += res.gaps.length;
    }
    shiftsOfYear = all;
    return { shifts: all.length, gaps };
  };

  const plainTimes = await timeIt(runs, plain);
  const genTimes = await timeIt(runs, generate);
  const rows: Record<string, string | number>[] = [
    { what: 'plain rrule.js expansion of the same rules, 12 months', median_ms: median(plainTimes), runs },
    { what: 'generateMonthlyRoster × 12 (153 stations, 80 lawyers)', median_ms: median(genTimes), runs, shifts: shiftsOfYear.length },
    { what: 'ratio generator / plain expansion', median_ms: +(median(genTimes) / median(plainTimes)).toFixed(2) },
  ];

  const targets: { name: string; url: string }[] = [{ name: 'sqlite', url: 'sqlite::temp:' }];
  if (opts.mysqlUrl) targets.push({ name: 'mysql', url: opts.mysqlUrl });
  for (const target of targets) {
    await withBenchDb(target.url, async (db) => {
      const { seedBenchNetwork, writeShifts } = await import('./dbload.js');
      await seedBenchNetwork(db, net);
      const times = await timeIt(3, async () => {
        await db.tx((m) => m.query('DELETE FROM shifts'));
        return writeShifts(db, shiftsOfYear);
      });
      rows.push({ what: `write the year's ${shiftsOfYear.length} shifts (${target.name})`, median_ms: median(times), runs: 3 });
    });
  }
  report('Roster generation (issue 3)', rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await rosterBench({ mysqlUrl: process.env.BENCH_MYSQL_URL });
}
