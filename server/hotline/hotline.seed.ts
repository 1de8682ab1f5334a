/**
 * Demo hotline data: about forty calls over the last three months across the
 * district station, the towns and some villages; call-backs due today, overdue and
 * upcoming; a few callers booked into real free slots; and referrals at each stage —
 * one settled with an amount, one referred on to arbitration — so /hotline and the
 * dashboard have something to show after `npm start`. Dates are spread by running
 * the services on a clock set to the day each thing happened.
 */
import type { AppContext, Clock } from '../context.js';
import type { AuthUser } from '../auth/policy.js';
import { UserEntity } from '../auth/users.entity.js';
import { slotsOfDay } from '../bookings/ledger.js';
import type { DisputeCategory } from '../domain/categories.js';
import { addDays, zonedInstant } from '../lib/dates.js';
import type { DemoNetwork, DemoStep } from '../seed/demo.js';
import type { HotlineOutcome } from './hotline.entity.js';
import { HotlineService } from './hotline.service.js';
import { ReferralsService } from './referrals.service.js';

const CALLERS = ['罗小兵', '田春燕', '龙海', '吴桂芬', '杨光明', '石玉兰', '潘建华', '韦丽', '蒙志强', '岑秀梅', '雷鸣', '宋春花', '欧阳娜', '黎明'];

const SUMMARIES: Record<DisputeCategory, string[]> = {
  wage_arrears: ['工地包工头拖欠两个月工资，约 1.2 万元', '餐馆停业后老板未结清工资', '年底工资未发，公司称资金困难'],
  labor_contract: ['入职半年未签书面劳动合同，询问二倍工资', '公司要求签订空白合同'],
  dismissal: ['怀孕后被公司以调岗为由辞退', '公司口头通知解除劳动关系，未给补偿'],
  work_injury: ['车间操作时手指受伤，公司不申报工伤', '上班途中交通事故，询问工伤认定'],
  social_insurance: ['公司未缴纳社保，询问补缴途径', '离职后社保关系转移问题'],
  working_hours: ['每天工作 12 小时无加班费', '春节值班未安排调休也无加班费'],
  labor_dispatch: ['劳务派遣工被退回后无工资', '派遣单位与用工单位互相推诿'],
  new_employment_forms: ['外卖骑手被平台封号，押金不退', '网约车司机与平台合作协议纠纷'],
  other: ['咨询维权服务站地址和开放时间', '询问法律援助申请条件'],
};

const CATEGORIES = Object.keys(SUMMARIES) as DisputeCategory[];
const OUTCOMES: HotlineOutcome[] = ['answered', 'answered', 'answered', 'referred_mediation', 'referred_legal_aid', 'referred_arbitration', 'answered'];

/** A fixed pseudo-random sequence, so every demo database looks the same. */
function sequence(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const at = (ctx: AppContext, instant: Date): AppContext => {
  const clock: Clock = { now: () => new Date(instant) };
  return { ...ctx, clock };
};

async function demoStaff(ctx: AppContext): Promise<AuthUser | null> {
  const u = await ctx.db.read((m) => m.findOneBy(UserEntity, { username: 'staff' }));
  return u ? { id: u.id, username: u.username, role: u.role, displayName: u.displayName, lawyerId: u.lawyerId, stationId: u.stationId } : null;
}

export const hotlineDemoStep: DemoStep = {
  name: 'hotline',
  async run(ctx, net: DemoNetwork) {
    const staff = await demoStaff(ctx);
    if (!staff) return;
    const tz = ctx.config.timeZone;
    const rnd = sequence(20_251_129);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const stations = [net.district, net.district, net.district, ...net.towns, ...net.villages.slice(0, 4)];
    const callIds: number[] = [];

    // ~40 calls over the last 90 days; the latest few owe call-backs.
    for (let i = 0; i < 40; i++) {
      const daysAgo = Math.floor(((40 - i) / 40) * 90);
      const date = addDays(net.today, -daysAgo);
      const time = `${String(9 + Math.floor(rnd() * 8)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}`;
      const receivedAt = zonedInstant(date, time, tz);
      if (receivedAt.getTime() > ctx.clock.now().getTime()) continue;
      const category = pick(CATEGORIES);
      const anonymous = i % 9 === 4;
      const callbackDue = i >= 33 && i < 38 ? addDays(net.today, i - 36) : null; // three overdue, one due today, one upcoming
      const followUpDate = callbackDue && callbackDue >= date ? callbackDue : null;
      const outcome: HotlineOutcome = followUpDate ? 'callback_needed' : pick(OUTCOMES);
      const call = await new HotlineService(at(ctx, receivedAt)).create(
        {
          stationId: pick(stations).id,
          receivedAt: receivedAt.toISOString(),
          callerName: anonymous ? null : CALLERS[i % CALLERS.length]!,
          callerPhone: anonymous ? null : `135${String(8510000 + i * 7331).padStart(8, '0')}`,
          callerConsent: !anonymous,
          category,
          summary: pick(SUMMARIES[category]),
          durationSeconds: 60 + Math.floor(rnd() * 900),
          outcome,
          followUpDate,
        },
        staff,
      );
      callIds.push(call.id);
    }

    // Two of today's callers booked straight into free slots at the district station.
    const service = new HotlineService(ctx);
    const free = await ctx.db.read(async (m) => {
      const out: string[] = [];
      for (let d = 1; d <= 7 && out.length < 2; d++) {
        for (const s of await slotsOfDay(m, ctx, net.district, addDays(net.today, d))) if (s.remaining > 0 && out.length < 2) out.push(s.start);
      }
      return out;
    });
    for (const [k, start] of free.entries()) {
      const call = await service.create(
        {
          stationId: net.district.id,
          callerName: CALLERS[(k + 5) % CALLERS.length]!,
          callerPhone: `135${String(8519000 + k * 17).padStart(8, '0')}`,
          category: k === 0 ? 'wage_arrears' : 'work_injury',
          summary: k === 0 ? '工资被拖欠，想当面咨询如何申请仲裁' : '工伤认定材料准备，需要律师当面指导',
          durationSeconds: 420,
          outcome: 'answered',
        },
        staff,
      );
      try {
        await service.bookFromCall(call.id, { start }, staff);
      } catch (err) {
        ctx.logger.debug({ err: (err as Error).message }, 'demo hotline booking skipped');
      }
    }

    // Referrals at different stages.
    const village = net.villages[0];
    const town = village ? net.towns.find((t) => t.id === village.parentId) : undefined;
    if (!village || !town) return;
    const coordinator = await ctx.db.read((m) => m.findOneBy(UserEntity, { username: 'coordinator' }));
    const actor: AuthUser = coordinator
      ? { id: coordinator.id, username: coordinator.username, role: coordinator.role, displayName: coordinator.displayName, lawyerId: null, stationId: null }
      : staff;
    const on = (daysAgo: number) => new ReferralsService(at(ctx, zonedInstant(addDays(net.today, -daysAgo), '10:00', tz)));
    const base = { category: 'wage_arrears' as const, workerName: '罗小兵', workerPhone: '13585100000' };

    // Settled at the town with an amount.
    const settled = await on(60).create({ ...base, fromStationId: village.id, toStationId: town.id, stage: 'town_mediation', hotlineCallId: callIds[3], summary: '村内建筑工地 8 名工人欠薪' }, actor);
    await on(58).accept(settled.id, actor);
    await on(45).close(settled.id, { result: 'settled', amountSettled: 86_400, note: '镇调委会调解成功，老板分两期支付' }, actor);

    // Not settled in town mediation, referred on to the district and then to arbitration.
    const first = await on(40).create({ ...base, workerName: '田春燕', workerPhone: '13585107331', category: 'dismissal', fromStationId: town.id, toStationId: net.district.id, stage: 'district_mediation', summary: '违法解除劳动合同赔偿金争议' }, actor);
    await on(39).accept(first.id, actor);
    await on(30).close(first.id, { result: 'referred_on', note: '用人单位拒绝调解', referTo: { toStationId: net.district.id, stage: 'district_arbitration' } }, actor);
    const arbitration = (await on(30).get(first.id, actor)).childId;
    if (arbitration) await on(28).accept(arbitration, actor);

    // Waiting at the town, and a legal-aid referral from the district.
    await on(2).create({ ...base, workerName: '龙海', workerPhone: '13585114662', category: 'work_injury', fromStationId: village.id, toStationId: town.id, stage: 'town_mediation', summary: '工伤后停工留薪期工资争议' }, actor);
    await on(5).create({ ...base, workerName: '吴桂芬', workerPhone: '13585121993', category: 'work_injury', fromStationId: net.district.id, toStationId: net.district.id, stage: 'legal_aid', summary: '工伤赔偿，经济困难，申请法律援助' }, actor);
  },
};
