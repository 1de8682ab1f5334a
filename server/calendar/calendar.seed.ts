/**
 * Demo local days, so the closures page has something to show after `npm start`: a town
 * sub-station closed for its move, a village outpost closed for a power cut, and a Saturday
 * the district station opens. It runs before the roster step, so no duty and no booking is
 * put on a closed day.
 */
import { demoCoordinator, type DemoStep } from '../seed/demo.js';
import { addDays, isoWeekday } from '../lib/dates.js';
import { CalendarDayEntity } from './calendar.entity.js';
import { CalendarService } from './calendar.service.js';

/** The first date from `from` on that falls on one of `weekdays` (ISO, 1 = Monday). */
function firstOn(from: string, weekdays: number[]): string {
  let date = from;
  while (!weekdays.includes(isoWeekday(date))) date = addDays(date, 1);
  return date;
}

export const calendarDemoStep: DemoStep = {
  name: 'calendar',
  async run(ctx, net) {
    const now = ctx.clock.now();
    const town = net.towns[2] ?? net.district;
    const village = net.villages[0] ?? net.district;
    // Days each station would otherwise be open (towns on weekdays, villages on Tuesdays and Thursdays).
    const days = [
      { date: firstOn(addDays(net.today, 10), [1, 2, 3, 4, 5]), kind: 'holiday' as const, name: '搬迁新址', stationId: town.id },
      { date: firstOn(addDays(net.today, 3), [2, 4]), kind: 'holiday' as const, name: '停电检修', stationId: village.id },
      { date: firstOn(addDays(net.today, 7), [6]), kind: 'workday' as const, name: '周六加开讨薪咨询', stationId: net.district.id },
    ];
    // Entered by the coordinator, as on /stations/closures, so the activity log shows who closed what and why.
    const coordinator = await demoCoordinator(ctx);
    if (coordinator) {
      const calendar = new CalendarService(ctx);
      for (const d of days) await calendar.create(d, coordinator, 'demo');
    } else {
      await ctx.db.tx((m) => m.insert(CalendarDayEntity, days.map((d) => ({ ...d, scope: d.stationId, createdAt: now }))));
    }
  },
};
