/**
 * Demo local days, so the closures page has something to show after `npm start`: a town
 * sub-station closed for its move, a village outpost closed for a power cut, and a Saturday
 * the district station opens. It runs before the roster step, so no duty and no booking is
 * put on a closed day.
 */
import type { DemoStep } from '../seed/demo.js';
import { addDays, isoWeekday } from '../lib/dates.js';
import { CalendarDayEntity } from './calendar.entity.js';

export const calendarDemoStep: DemoStep = {
  name: 'calendar',
  async run(ctx, net) {
    const now = ctx.clock.now();
    const town = net.towns[2] ?? net.district;
    const village = net.villages[0] ?? net.district;
    const saturday = addDays(net.today, 7 + ((6 - isoWeekday(net.today) + 7) % 7));
    const days = [
      { date: addDays(net.today, 10), kind: 'holiday' as const, name: '搬迁新址', stationId: town.id },
      { date: addDays(net.today, 4), kind: 'holiday' as const, name: '停电检修', stationId: village.id },
      { date: saturday, kind: 'workday' as const, name: '周六加开讨薪咨询', stationId: net.district.id },
    ];
    await ctx.db.tx((m) => m.insert(CalendarDayEntity, days.map((d) => ({ ...d, scope: d.stationId, createdAt: now }))));
  },
};
