/**
 * A closure of the whole network of a city (bench/city.ts: 15 districts, 2,295 stations) on a
 * day with thousands of live bookings (BENCH_CLOSURE_PER_STATION a station, default 2: 4,590)
 * and a waitlist place at every district and town station: the coordinator's POST
 * /api/calendar-days with cancelBookings, called on CalendarService directly. Timed: the
 * closure from start to its answer, how many transactions it ran, the first of them (the
 * closure itself, which holds every station's row on MySQL: every booking in the city waits
 * behind it) and the longest; then checked: every booking
 * cancelled, one closure SMS each in its language, one audit entry each.
 *   npx tsx bench/closure.bench.ts
 *   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306/test npx tsx bench/closure.bench.ts
 *   BENCH_DBS=mysql BENCH_MYSQL_URL=… npx tsx bench/closure.bench.ts
 */
import 'reflect-metadata';
import pino from 'pino';
import { loadConfig } from '../server/config.js';
import type { AppContext } from '../server/context.js';
import type { Db } from '../server/db/db.js';
import { AppointmentEntity, AppointmentSeatEntity, WaitlistEntryEntity, newAppointmentRow } from '../server/bookings/appointments.entity.js';
import { newCode } from '../server/bookings/bookings.repository.js';
import { bookedMessages, notifyEnv } from '../server/bookings/bookings.notify.js';
import { NotificationEntity } from '../server/notifications/notifications.entity.js';
import { outboxRow } from '../server/notifications/outbox.js';
import { CalendarService } from '../server/calendar/calendar.service.js';
import { UserEntity } from '../server/auth/users.entity.js';
import type { AuthUser } from '../server/auth/policy.js';
import { zonedInstant } from '../server/lib/dates.js';
import { cityNetwork, seedCity, type City } from './city.js';
import { report, withBenchDb } from './util.js';

const DISTRICTS = Number(process.env.BENCH_DISTRICTS ?? 15);
const PER_STATION = Number(process.env.BENCH_CLOSURE_PER_STATION ?? 2);
/** The bench's clock, and the Tuesday a week on that the city closes. */
const NOW = new Date('2026-12-01T09:00:00+08:00');
const DAY = '2026-12-08';
const TIMES = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30'];

/** Live bookings on DAY (seats, confirmations and pending reminders as a booking leaves them) and waitlist places. */
async function liveBookings(db: Db, ctx: AppContext, city: City): Promise<{ bookings: number; waitlist: number }> {
  const rows = city.stations.flatMap((s) =>
    Array.from({ length: PER_STATION }, (_, i) => {
      const time = TIMES[i % TIMES.length]!;
      const startAt = zonedInstant(DAY, time, 'Asia/Shanghai');
      const n = s.id * PER_STATION + i;
      return {
        ...newAppointmentRow(
          {
            stationId: s.id,
            date: DAY,
            slotTime: time,
            startAt,
            endAt: new Date(startAt.getTime() + 30 * 60_000),
            status: 'booked',
            source: 'online',
            name: `工友${n}`,
            phone: `139${String(n).padStart(8, '0')}`,
            category: 'wage_arrears',
            note: null,
            consentAt: NOW,
            lang: n % 5 === 0 ? 'en' : 'zh',
          },
          NOW,
        ),
        code: newCode(),
      };
    }),
  );
  const waiting = city.stations
    .filter((s) => s.level !== 'village')
    .map((s) => ({
      code: newCode(),
      stationId: s.id,
      date: DAY,
      name: `候补${s.id}`,
      phone: `137${String(s.id).padStart(8, '0')}`,
      category: 'dismissal',
      status: 'waiting' as const,
      activeKey: `${s.id}:${DAY}:137${String(s.id).padStart(8, '0')}`,
      consentAt: NOW,
      offeredAt: null,
      appointmentId: null,
      lang: 'zh' as const,
      createdAt: NOW,
      updatedAt: NOW,
    }));
  await db.tx(async (m) => {
    for (let i = 0; i < rows.length; i += 500) await m.insert(AppointmentEntity, rows.slice(i, i + 500) as never);
    for (let i = 0; i < waiting.length; i += 500) await m.insert(WaitlistEntryEntity, waiting.slice(i, i + 500) as never);
    const ids = new Map(((await m.query('SELECT id, code FROM appointments WHERE date = ?', [DAY])) as { id: number; code: string }[]).map((r) => [r.code, Number(r.id)]));
    const names = new Map(city.stations.map((s) => [s.id, `站${s.id}`]));
    const seats: Record<string, unknown>[] = [];
    const sms: Record<string, unknown>[] = [];
    const seatNo = new Map<string, number>();
    for (const r of rows) {
      const a = { ...r, id: ids.get(r.code)! };
      const slot = `${a.stationId}|${a.slotTime}`;
      seatNo.set(slot, (seatNo.get(slot) ?? 0) + 1);
      seats.push({ stationId: a.stationId, date: DAY, slotTime: a.slotTime, seatNo: seatNo.get(slot), kind: 'booking', appointmentId: a.id, waitlistEntryId: null, holdUntil: null, createdAt: NOW });
      for (const n of bookedMessages(notifyEnv(ctx), a, names.get(a.stationId)!)) sms.push(outboxRow(n, NOW));
    }
    for (let i = 0; i < seats.length; i += 500) await m.insert(AppointmentSeatEntity, seats.slice(i, i + 500) as never);
    for (let i = 0; i < sms.length; i += 300) await m.insert(NotificationEntity, sms.slice(i, i + 300) as never);
  });
  return { bookings: rows.length, waitlist: waiting.length };
}

/** Every transaction `db` runs from now on, timed (ms). */
function timeTransactions(db: Db): number[] {
  const times: number[] = [];
  const wrap = <F extends (fn: never) => Promise<unknown>>(orig: F): F =>
    (async (fn: never) => {
      const t = performance.now();
      try {
        return await orig(fn);
      } finally {
        times.push(performance.now() - t);
      }
    }) as F;
  db.tx = wrap(db.tx.bind(db));
  db.sqlTx = wrap(db.sqlTx.bind(db));
  return times;
}

export async function closureBench(opts: { mysqlUrl?: string } = {}) {
  let targets: { name: string; url: string }[] = [{ name: 'sqlite', url: 'sqlite::temp:' }];
  if (opts.mysqlUrl) targets.push({ name: 'mysql', url: opts.mysqlUrl });
  if (process.env.BENCH_DBS) targets = targets.filter((t) => process.env.BENCH_DBS!.split(',').includes(t.name));
  const city = cityNetwork(DISTRICTS, 2026);
  const rows: Record<string, string | number>[] = [];
  for (const target of targets) {
    await withBenchDb(target.url, async (db) => {
      const ctx: AppContext = {
        config: loadConfig({ DATABASE_URL: target.url === 'sqlite::temp:' ? 'sqlite::memory:' : target.url, SEED_DEMO: '0', LOG_LEVEL: 'silent' }),
        db,
        logger: pino({ level: 'silent' }),
        clock: { now: () => NOW },
      };
      await seedCity(db, city);
      const live = await liveBookings(db, ctx, city);
      const user = await db.tx((m) =>
        m.save(UserEntity, { username: 'bench', passwordHash: 'x', role: 'coordinator', displayName: 'bench', lawyerId: null, stationId: null, calendarToken: null, active: true, createdAt: NOW }),
      );
      const actor: AuthUser = { id: user.id, username: 'bench', role: 'coordinator', displayName: 'bench', lawyerId: null, stationId: null };
      const calendar = new CalendarService(ctx);

      const tx = timeTransactions(db);
      const t0 = performance.now();
      const closed = await calendar.create({ date: DAY, kind: 'holiday', name: '全市停业', stationId: null, cancelBookings: true }, actor, 'bench');
      const ms = performance.now() - t0;

      const one = async (sql: string, params: unknown[] = []) => Number(Object.values(((await db.ds.query(sql, params)) as Record<string, unknown>[])[0]!)[0]);
      const left = await one("SELECT COUNT(*) FROM appointments WHERE date = ? AND status IN ('booked', 'checked_in')", [DAY]);
      const sms = await one("SELECT COUNT(*) FROM notifications WHERE kind = 'booking.cancelled_closure'");
      const smsEn = await one("SELECT COUNT(*) FROM notifications WHERE kind = 'booking.cancelled_closure' AND body LIKE '%is closed on%'");
      const lapsed = await one("SELECT COUNT(*) FROM notifications WHERE kind = 'waitlist.closed'");
      const audit = await one("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.cancel'");
      if (closed.cancelledBookings !== live.bookings || left !== 0 || sms !== live.bookings || audit !== live.bookings || lapsed !== live.waitlist) {
        throw new Error(`closure incomplete: answered ${closed.cancelledBookings}, ${left} left live, ${sms} SMS, ${audit} audit entries, ${lapsed} of ${live.waitlist} waitlist places told`);
      }
      rows.push({
        database: target.name,
        stations: city.stations.length,
        bookings: live.bookings,
        'waitlist places': live.waitlist,
        'closure (ms)': Math.round(ms),
        transactions: tx.length,
        "the closure's own (ms)": Math.round(tx[0]!),
        'longest (ms)': Math.round(Math.max(...tx)),
        'SMS (en)': `${sms} (${smsEn})`,
      });
    });
  }
  report(`A closure of a whole city's network (${DISTRICTS} districts) on a day with live bookings`, rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await closureBench({ mysqlUrl: process.env.BENCH_MYSQL_URL });
}
