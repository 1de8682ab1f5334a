/**
 * Demo rotations and rosters: the district station every working day with all
 * lawyers in turn, each town twice a week, some villages once a month; this
 * month and next are generated and published.
 */
import type { AppContext } from '../context.js';
import { LawyerStationEntity } from '../lawyers/lawyers.entity.js';
import { addMonths, zonedInstant } from '../lib/dates.js';
import type { AuthUser } from '../auth/policy.js';
import { AppError } from '../http/errors.js';
import { addDays } from '../lib/dates.js';
import { demoCoordinator, type DemoNetwork, type DemoStep } from '../seed/demo.js';
import { shiftsBetween } from './rosters.repository.js';
import { RotationEntity } from './rosters.entity.js';
import { RostersService } from './rosters.service.js';

const TOWN_DAYS = ['MO,WE', 'TU,TH', 'WE,FR', 'MO,TH', 'TU,FR'];

async function seedRotations(ctx: AppContext, net: DemoNetwork) {
  const links = await ctx.db.read((m) => m.find(LawyerStationEntity));
  const servesOf = (stationId: number) => links.filter((l) => l.stationId === stationId).map((l) => l.lawyerId).sort((a, b) => a - b);
  const now = ctx.clock.now();
  const startDate = `${net.today.slice(0, 7)}-01`;
  const rotation = (stationId: number, name: string, rrule: string, lawyerIds: number[], shift: [string, string]) =>
    ctx.db.tx((m) => m.save(RotationEntity, {
      stationId,
      name,
      rrule,
      startDate,
      lawyerIds,
      shiftStart: shift[0],
      shiftEnd: shift[1],
      lawyersPerDay: 1,
      active: true,
      createdAt: now,
      updatedAt: now,
    }));
  await rotation(net.district.id, '区站每日坐班', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', servesOf(net.district.id), ['09:00', '17:30']);
  for (const [i, town] of net.towns.entries()) {
    const lawyers = servesOf(town.id);
    if (lawyers.length) await rotation(town.id, '分站轮值', `FREQ=WEEKLY;BYDAY=${TOWN_DAYS[i % TOWN_DAYS.length]}`, lawyers, ['09:00', '17:00']);
  }
  for (const [i, village] of net.villages.slice(0, 6).entries()) {
    const lawyers = servesOf(village.id);
    if (lawyers.length) await rotation(village.id, '村居流动服务', `FREQ=MONTHLY;BYDAY=${(i % 4) + 1}TU`, lawyers, ['09:00', '11:30']);
  }
}

/**
 * One of next week's duties at the district station given to a colleague, with the reason, as a
 * coordinator does when a lawyer has a court date: what the activity log is asked about.
 */
async function reassignOneDuty(ctx: AppContext, net: DemoNetwork, service: RostersService, coordinator: AuthUser) {
  const shifts = await ctx.db.read((m) =>
    shiftsBetween(m, addDays(net.today, 2), addDays(net.today, 9), { stationIds: [net.district.id], status: 'published' }),
  );
  const servers = (await ctx.db.read((m) => m.findBy(LawyerStationEntity, { stationId: net.district.id }))).map((l) => l.lawyerId);
  // Not lawyer1's: the swaps step builds lawyer1's demo swaps on their duties.
  for (const shift of shifts.filter((s) => s.lawyerId !== net.lawyerIds[0])) {
    for (const to of servers.filter((id) => id !== shift.lawyerId && id !== net.lawyerIds[0])) {
      try {
        await service.updateShift(shift.id, to, '原值班律师当天开庭，改由同事值班', coordinator, 'demo');
        return;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
  }
}

/** Rotations from last month on, and this month's and next month's rosters generated and published (by the demo's coordinator). */
export const rosterDemoStep: DemoStep = {
  name: 'rosters',
  async run(ctx, net) {
    await seedRotations(ctx, net);
    const coordinator = await demoCoordinator(ctx);
    const service = new RostersService(ctx);
    // This month's roster as the coordinator made it on time, before the month began: a roster
    // generated today leaves the days already past alone (RostersService.generate).
    const onTime = new RostersService({ ...ctx, clock: { now: () => zonedInstant(`${net.today.slice(0, 7)}-01`, '00:00', ctx.config.timeZone) } });
    for (const [month, by] of [
      [net.today.slice(0, 7), onTime],
      [addMonths(net.today.slice(0, 7), 1), service],
    ] as const) {
      await by.generate({ month }, coordinator, 'demo');
      await by.publish(month, undefined, coordinator, 'demo');
    }
    if (coordinator) await reassignOneDuty(ctx, net, service, coordinator);
  },
};
