/**
 * Demo bookings at the district station and one town, on days with a published
 * shift (the roster step runs first): consultations done in the past with their
 * outcomes, a no-show and a cancellation, and bookings on the next working days,
 * so the desk and the dashboard have something to show after `npm start`. A couple of
 * the coming bookings were made on the English booking pages: their SMS are in English.
 * Without published shifts it adds nothing.
 */
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { addDays, zonedInstant } from '../lib/dates.js';
import type { OutcomeService } from '../domain/categories.js';
import type { DemoStep } from '../seed/demo.js';
import type { StationRow } from '../stations/stations.entity.js';
import { ShiftEntity } from '../rosters/rosters.entity.js';
import { AppointmentEntity, type AppointmentRow, type AppointmentStatus } from './appointments.entity.js';
import { claimSeat, insertWithCode, loadSchedule } from './bookings.repository.js';
import { computeSlots } from './slots.js';
import { SEAT_HOLDING } from './appointmentRules.js';

type Outcome = { services: OutcomeService[]; amount: number | null; note: string };

/** Demo workers: the dispute's category, the note left when booking, and how the consultation ended. */
const WORKERS: [name: string, category: string, note: string | null, outcome: Outcome][] = [
  ['罗小兵', 'wage_arrears', '公司拖欠三个月工资', { services: ['advice', 'application_drafted'], amount: 18600, note: '拖欠三个月工资，已代写仲裁申请书' }],
  ['田春燕', 'work_injury', '受伤后公司不给报工伤', { services: ['advice', 'legal_aid_referral'], amount: 96000, note: '工伤认定后赔偿争议，符合法律援助条件' }],
  ['龙海', 'dismissal', null, { services: ['advice', 'arbitration_representation'], amount: 27500, note: '违法解除赔偿金，代理仲裁' }],
  ['吴桂芬', 'social_insurance', '公司没有给交社保', { services: ['advice'], amount: null, note: '讲解社保补缴的途径和材料' }],
  ['杨光明', 'new_employment_forms', '外卖平台封号后不结算', { services: ['advice', 'mediation_referral'], amount: 6800, note: '平台结算争议，转镇调解委员会' }],
  ['石玉兰', 'labor_contract', null, { services: ['advice'], amount: null, note: '解答试用期解除问题' }],
  ['潘建华', 'working_hours', '长期加班没有加班费', { services: ['advice', 'application_drafted'], amount: 12400, note: '加班费争议，已代写仲裁申请书' }],
  ['韦丽', 'labor_dispatch', null, { services: ['advice'], amount: null, note: '讲解派遣单位和用工单位各自的责任' }],
  ['蒙志强', 'wage_arrears', '工地包工头欠薪', { services: ['advice', 'mediation_referral'], amount: 42000, note: '工地欠薪，转镇调解委员会' }],
  ['岑秀梅', 'new_employment_forms', '网约车平台扣款不合理', { services: ['advice'], amount: 3200, note: '解答平台扣款规则与维权途径' }],
  ['雷鸣', 'wage_arrears', null, { services: ['advice', 'application_drafted'], amount: 9300, note: '离职后工资未结清，已代写仲裁申请书' }],
  ['宋春花', 'dismissal', '怀孕后被辞退', { services: ['advice', 'arbitration_representation'], amount: 51000, note: '孕期违法解除，代理仲裁' }],
];

/** Workers who booked in English (their messages are in English): the 2nd and 4th coming booking of each station. */
const ENGLISH_WORKERS: [name: string, category: string, note: string | null][] = [
  ['Nguyen Thi Lan', 'wage_arrears', 'The factory has not paid me for two months'],
  ['Maria Santos', 'labor_contract', null],
];
const ENGLISH_AT = [1, 3];

async function seedStation(m: Manager, ctx: AppContext, station: StationRow, today: string, perDay: number, base: number): Promise<number> {
  const from = addDays(today, -14);
  const to = addDays(today, 7);
  const schedule = await loadSchedule(m, station.id, from, to);
  const days = [...new Set(schedule.shifts.map((s) => s.date))].sort();
  let n = 0;
  let coming = 0;
  for (const [d, date] of days.entries()) {
    // Every slot of the day as if seen the day before, so past days list theirs too.
    const slots = computeSlots({
      station,
      date,
      shifts: schedule.shifts,
      calendar: schedule.calendar,
      booked: new Map(),
      now: zonedInstant(addDays(date, -1), '00:00', ctx.config.timeZone),
      timeZone: ctx.config.timeZone,
      minNoticeMinutes: 0,
      horizonDays: 2,
    });
    const past = date < today;
    const count = Math.min(slots.length, past ? perDay : Math.max(1, perDay - 1));
    for (let k = 0; k < count; k++) {
      const slot = slots[(k * 3 + d) % slots.length]!;
      const i = base + n;
      const worker = WORKERS[i % WORKERS.length]!;
      const english = past ? -1 : ENGLISH_AT.indexOf(coming++);
      const [name, category, note] = english >= 0 ? ENGLISH_WORKERS[english]! : worker;
      let status: AppointmentStatus = 'booked';
      if (past) status = k === 1 && d % 3 === 0 ? 'no_show' : k === 2 && d % 2 === 0 ? 'cancelled' : 'completed';
      const outcome = status === 'completed' ? worker[3] : null;
      const startAt = new Date(slot.start);
      const createdAt = new Date(startAt.getTime() - (2 + (i % 4)) * 86_400_000);
      const row: Omit<AppointmentRow, 'id' | 'code'> = {
        stationId: station.id,
        date,
        slotTime: slot.time,
        startAt,
        endAt: new Date(slot.end),
        status,
        source: i % 7 === 3 && past ? 'walk_in' : 'online',
        name,
        phone: `137${String(85100000 + i * 37).padStart(8, '0')}`,
        category,
        note,
        consentAt: createdAt,
        outcomeServices: outcome?.services ?? null,
        amountInvolved: outcome?.amount ?? null,
        outcomeNote: outcome?.note ?? null,
        checkedInAt: status === 'completed' ? startAt : null,
        completedAt: status === 'completed' ? new Date(slot.end) : null,
        cancelledAt: status === 'cancelled' ? new Date(createdAt.getTime() + 3600_000) : null,
        createdBy: null,
        lang: english >= 0 ? 'en' : 'zh',
        version: 1,
        createdAt,
        updatedAt: createdAt,
      };
      const { id } = await insertWithCode(m, AppointmentEntity, row);
      if (SEAT_HOLDING.includes(status)) {
        await claimSeat(m, { stationId: station.id, date, slotTime: slot.time, capacity: slot.capacity }, id, createdAt);
      }
      n++;
    }
  }
  return n;
}

export const bookingDemoStep: DemoStep = {
  name: 'bookings',
  async run(ctx, net) {
    await ctx.db.tx(async (m) => {
      const from = addDays(net.today, -14);
      const to = addDays(net.today, 7);
      // The town with the most published duty days in the window, next to the district station.
      const counts = new Map<number, number>();
      for (const town of net.towns) {
        counts.set(
          town.id,
          await m
            .createQueryBuilder(ShiftEntity, 's')
            .where("s.station_id = :id AND s.status = 'published' AND s.date >= :from AND s.date <= :to", { id: town.id, from, to })
            .getCount(),
        );
      }
      const town = [...net.towns].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))[0];
      const made = await seedStation(m, ctx, net.district, net.today, 4, 0);
      const townMade = town && (counts.get(town.id) ?? 0) > 0 ? await seedStation(m, ctx, town, net.today, 2, made) : 0;
      ctx.logger.debug({ district: made, town: townMade }, 'demo bookings');
    });
  },
};
