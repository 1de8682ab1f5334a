import { z } from 'zod';
import { COORDINATORS } from '../auth/policy.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import {
  calendarCoverageSchema,
  calendarDaySchema,
  calendarDaysQuery,
  createCalendarDayBody,
  removeCalendarDayQuery,
} from './calendar.schema.js';
import type { CalendarService } from './calendar.service.js';
import { nationalCoverage } from './workingCalendar.js';

export function calendarRoutes(calendar: CalendarService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/calendar-days',
      summary: 'National holidays, make-up working days and local days in a range',
      description:
        'When the range reaches a year the national data does not cover yet, the header `X-Calendar-Uncovered-Years` lists those years: rosters for them are provisional.',
      tags: ['calendar'],
      access: 'signedIn',
      query: calendarDaysQuery,
      response: z.array(calendarDaySchema),
      handler: async ({ query, res }) => {
        const { days, uncoveredYears } = await calendar.list(query.from, query.to, query.stationId);
        res.setHeader('Access-Control-Expose-Headers', 'X-Calendar-Uncovered-Years');
        if (uncoveredYears.length) res.setHeader('X-Calendar-Uncovered-Years', uncoveredYears.join(','));
        return days;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar-days/coverage',
      summary: 'The years the built-in national holiday data covers',
      tags: ['calendar'],
      access: 'signedIn',
      response: calendarCoverageSchema,
      handler: () => ({ ...nationalCoverage, source: 'chinese-days' }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar-days',
      summary: 'Add a local day (a closure or an extra opening) for one station or for all',
      description:
        'A closure (`kind: holiday`) on a day with live bookings (booked or checked in, not over) at the stations it closes answers 409 `conflict` and writes nothing; its details give `bookings` (how many, as digits) and `bookings.<stationId>` per station. Sent again with `cancelBookings: true`, the day is closed and those bookings are cancelled in the same transaction (seats freed, reminders withdrawn, each worker told by SMS; the waitlist of those days lapses, also told by SMS); the answer carries `cancelledBookings`. A date before today (network time) is 400.',
      tags: ['calendar'],
      access: COORDINATORS,
      body: createCalendarDayBody,
      response: calendarDaySchema,
      status: 201,
      handler: ({ body, user, req }) => calendar.create(body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/calendar-days/:id',
      summary: 'Remove a local day',
      description:
        'Removing an extra working day (`kind: workday`) that has live bookings closes the day again: 409 as for a new closure, unless `?cancelBookings=true`. A local day before today stays (409).',
      tags: ['calendar'],
      access: COORDINATORS,
      params: idParams,
      query: removeCalendarDayQuery,
      status: 204,
      handler: ({ params, query, user, req }) =>
        calendar.remove(params.id, user!, String(req.id), { cancelBookings: query.cancelBookings ?? false }),
    }),
  ];
}
