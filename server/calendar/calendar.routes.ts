import { z } from 'zod';
import { COORDINATORS } from '../auth/policy.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import {
  calendarCoverageSchema,
  calendarDaySchema,
  calendarDaysQuery,
  createCalendarDayBody,
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
      tags: ['calendar'],
      access: COORDINATORS,
      params: idParams,
      status: 204,
      handler: ({ params, user, req }) => calendar.remove(params.id, user!, String(req.id)),
    }),
  ];
}
