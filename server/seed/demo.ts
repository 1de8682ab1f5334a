/**
 * The demo network, loaded on an empty database when SEED_DEMO=1: the real
 * district's station and its 10 towns/streets (official division codes), a
 * dozen fictional village outposts, 14 fictional lawyers from four fictional
 * firms, and the demo users. Features add their own demo steps below.
 */
import type { AppContext } from '../context.js';
import { hashPassword } from '../auth/password.js';
import { UserEntity, type Role } from '../auth/users.entity.js';
import type { AuthUser } from '../auth/policy.js';
import type { Lang } from '../http/messages.js';
import { presentUser } from '../auth/users.service.js';
import { LawyerEntity, LawyerStationEntity, UnavailabilityEntity } from '../lawyers/lawyers.entity.js';
import { StationEntity, type OpenHours, type StationRow } from '../stations/stations.entity.js';
import { addDays } from '../lib/dates.js';
import { zonedInstant, zonedParts } from '../lib/dates.js';
import divisions from './data/guanshanhu-divisions.json' with { type: 'json' };

export interface DemoLogin {
  username: string;
  role: Role;
  note: string;
}

/**
 * The demo's "just now" for things people do at work (asking for swaps and what they send):
 * now during office hours, else the last office hour before it, so a demo started at night
 * does not show swaps asked at 02:37. Never later than now.
 */
export function officeHoursNow(now: Date, timeZone: string): Date {
  const { date, time } = zonedParts(now, timeZone);
  if (time >= '09:00' && time < '17:30') return now;
  const day = time >= '17:30' ? date : addDays(date, -1);
  return zonedInstant(day, '16:40', timeZone);
}

/**
 * The demo's coordinator, as whom the demo's rosters, closures and duty changes are made, so
 * the activity log (/audit) reads as it would after a coordinator's month of work.
 */
export async function demoCoordinator(ctx: AppContext): Promise<AuthUser | null> {
  const row = await ctx.db.read((m) => m.findOneBy(UserEntity, { username: 'coordinator' }));
  return row ? presentUser(row) : null;
}

/** A feature's demo data, run after the network exists. Each step opens its own transactions. */
export interface DemoStep {
  name: string;
  run(ctx: AppContext, network: DemoNetwork): Promise<void>;
}

export interface DemoNetwork {
  district: StationRow;
  towns: StationRow[];
  villages: StationRow[];
  lawyerIds: number[];
  today: string;
}

const weekdays = (days: number[], ranges: [string, string][]): OpenHours[] =>
  days.flatMap((weekday) => ranges.map(([start, end]) => ({ weekday, start, end })));

const DISTRICT_HOURS = weekdays([1, 2, 3, 4, 5], [
  ['09:00', '12:00'],
  ['14:00', '17:30'],
]);
const TOWN_HOURS = weekdays([1, 2, 3, 4, 5], [
  ['09:00', '12:00'],
  ['14:30', '17:00'],
]);
const VILLAGE_HOURS = weekdays([2, 4], [['09:00', '11:30']]);

/** Fictional village outposts under some towns (the real 142 are not listed in the reference data). */
const VILLAGES: [townCode: string, name: string][] = [
  ['520115100', '金华镇和平村工会工作委员会'],
  ['520115100', '金华镇新民村工会工作委员会'],
  ['520115100', '金华镇龙井村工会工作委员会'],
  ['520115101', '朱昌镇红星村工会工作委员会'],
  ['520115101', '朱昌镇石林村工会工作委员会'],
  ['520115101', '朱昌镇青山村工会工作委员会'],
  ['520115102', '百花湖镇湖畔村工会工作委员会'],
  ['520115102', '百花湖镇松林村工会工作委员会'],
  ['520115102', '百花湖镇清泉村工会工作委员会'],
  ['520115004', '长岭街道阳光社区居委会工会'],
  ['520115007', '金阳街道北辰社区居委会工会'],
  ['520115003', '金华园街道华园社区居委会工会'],
];

const FIRMS = ['黔山律师事务所', '筑城公益律师事务所', '观澜律师事务所', '林城法律援助律师事务所'];
const LAWYERS: [name: string, specialties: string[]][] = [
  ['王建国', ['wage_arrears', 'labor_contract']],
  ['李秀英', ['work_injury', 'social_insurance']],
  ['张伟', ['dismissal', 'labor_contract']],
  ['刘芳', ['new_employment_forms', 'labor_dispatch']],
  ['陈明', ['wage_arrears', 'working_hours']],
  ['杨丽', ['social_insurance', 'work_injury']],
  ['赵磊', ['dismissal', 'other']],
  ['黄敏', ['labor_dispatch', 'labor_contract']],
  ['周强', ['wage_arrears', 'work_injury']],
  ['吴静', ['working_hours', 'new_employment_forms']],
  ['徐涛', ['labor_contract', 'dismissal']],
  ['孙娟', ['social_insurance', 'wage_arrears']],
  ['马超', ['work_injury', 'other']],
  ['朱红梅', ['new_employment_forms', 'wage_arrears']],
];

export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  return ctx.db.read(async (m) => (await m.count(StationEntity)) === 0);
}

/** Load the demo network if the database holds no stations yet. Returns the demo logins, or null. */
export async function seedDemo(ctx: AppContext): Promise<DemoLogin[] | null> {
  if (!(await isDatabaseEmpty(ctx))) return null;
  const passwordHash = await hashPassword(ctx.config.demoPassword);
  const now = ctx.clock.now();
  const today = zonedParts(now, ctx.config.timeZone).date;
  const logins: DemoLogin[] = [];

  const network = await ctx.db.tx(async (m) => {
    const station = (s: Partial<StationRow>) =>
      m.save(StationEntity, {
        address: '',
        phone: '',
        divisionCode: null,
        slotMinutes: 30,
        seatsPerSlot: 1,
        swapAutoApprove: false,
        active: true,
        createdAt: now,
        updatedAt: now,
        ...s,
      } as StationRow);

    const district = await station({
      code: 'GSH',
      name: `${divisions.district.name}职工维权服务站`,
      level: 'district',
      parentId: null,
      divisionCode: divisions.district.code,
      address: `${divisions.district.province}${divisions.district.city}${divisions.district.name}劳动人事争议仲裁院一楼`,
      phone: '0851-12351',
      openHours: DISTRICT_HOURS,
      seatsPerSlot: 2,
    });
    const towns: StationRow[] = [];
    for (const [i, t] of divisions.towns.entries()) {
      towns.push(
        await station({
          code: `GSH-${t.code.slice(-3)}`,
          name: `${t.name}职工维权服务分站`,
          level: 'town',
          parentId: district.id,
          divisionCode: t.code,
          address: `${divisions.district.city}${divisions.district.name}${t.name}${t.kind === 'town' ? '人民政府' : '办事处'}便民服务中心`,
          phone: `0851-8${String(4100000 + i * 1111).slice(0, 7)}`,
          openHours: TOWN_HOURS,
          swapAutoApprove: i % 3 === 0,
        }),
      );
    }
    const villages: StationRow[] = [];
    for (const [i, [townCode, name]] of VILLAGES.entries()) {
      const town = towns.find((t) => t.divisionCode === townCode)!;
      villages.push(
        await station({
          code: `GSH-${townCode.slice(-3)}-${String(i + 1).padStart(2, '0')}`,
          name,
          level: 'village',
          parentId: town.id,
          address: `${town.name.replace('职工维权服务分站', '')}${name.replace(/^.+?(镇|街道)/, '').replace(/工会.*$/, '')}村（居）委会`,
          phone: town.phone,
          openHours: VILLAGE_HOURS,
          slotMinutes: 30,
        }),
      );
    }

    // Lawyers: each serves the district station and two or three towns; a few also the villages.
    const lawyerIds: number[] = [];
    for (const [i, [name, specialties]] of LAWYERS.entries()) {
      const lawyer = await m.save(LawyerEntity, {
        name,
        phone: `139${String(8510000 + i * 7919).padStart(8, '0')}`,
        firm: FIRMS[i % FIRMS.length]!,
        specialties,
        maxShiftsPerMonth: i % 5 === 4 ? 6 : null,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      lawyerIds.push(lawyer.id);
      const served = new Set<number>([district.id]);
      for (let k = 0; k < 3; k++) served.add(towns[(i + k * 4) % towns.length]!.id);
      if (i % 3 === 0) for (const v of villages.filter((_, j) => j % 3 === i % 3)) served.add(v.id);
      await m.insert(
        LawyerStationEntity,
        [...served].map((stationId) => ({ lawyerId: lawyer.id, stationId })),
      );
    }
    // Some leave and a court date, so the roster has something to work around.
    await m.insert(UnavailabilityEntity, [
      { lawyerId: lawyerIds[1]!, fromDate: addDays(today, 8), toDate: addDays(today, 12), reason: '年假', createdBy: null, createdAt: now },
      { lawyerId: lawyerIds[4]!, fromDate: addDays(today, 3), toDate: addDays(today, 3), reason: '出庭', createdBy: null, createdAt: now },
    ]);

    const user = async (username: string, role: Role, displayName: string, extra: { lawyerId?: number; stationId?: number; email?: string; lang?: Lang } = {}) => {
      await m.save(UserEntity, {
        username,
        passwordHash,
        role,
        displayName,
        lawyerId: extra.lawyerId ?? null,
        stationId: extra.stationId ?? null,
        calendarToken: null,
        email: extra.email ?? null,
        lang: extra.lang ?? 'zh',
        active: true,
        createdAt: now,
      });
    };
    await user('admin', 'admin', '系统管理员');
    logins.push({ username: 'admin', role: 'admin', note: '系统管理员 · users and settings' });
    await user('coordinator', 'coordinator', '区总工会排班员', { email: 'coordinator@example.org' });
    logins.push({ username: 'coordinator', role: 'coordinator', note: '排班协调员 · rosters, swaps, stations, lawyers' });
    await user('staff', 'staff', '区站接待员', { stationId: district.id });
    logins.push({ username: 'staff', role: 'staff', note: '区站工作人员 · desk and hotline at the district station' });
    await user('staff2', 'staff', '金华镇分站接待员', { stationId: towns.find((t) => t.divisionCode === '520115100')!.id });
    logins.push({ username: 'staff2', role: 'staff', note: '金华镇分站工作人员 · desk at a town sub-station' });
    for (const [i, id] of lawyerIds.entries()) {
      // lawyer2 reads English: their e-mails and messages are written in it, and signing in shows the pages in it.
      const own = i === 0 ? { email: 'lawyer1@example.org' } : i === 1 ? { email: 'lawyer2@example.org', lang: 'en' as const } : {};
      await user(`lawyer${i + 1}`, 'lawyer', LAWYERS[i]![0], { lawyerId: id, ...own });
    }
    logins.push({ username: `lawyer1 … lawyer${lawyerIds.length}`, role: 'lawyer', note: `律师 · ${LAWYERS[0]![0]} … ${LAWYERS[LAWYERS.length - 1]![0]}` });
    logins.push({ username: 'lawyer2', role: 'lawyer', note: `${LAWYERS[1]![0]} · notifications and pages in English` });

    return { district, towns, villages, lawyerIds, today };
  });

  const { demoSteps } = await import('./steps.js');
  for (const step of demoSteps) await step.run(ctx, network);
  return logins;
}
