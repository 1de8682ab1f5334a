import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import { calendarTokenSchema, lawyerFeedQuery, stationFeedQuery } from './ical.schema.js';
import type { CalendarFeeds } from './ical.service.js';

const ICS = 'text/calendar';

export function icalRoutes(feeds: CalendarFeeds): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/ical/stations/:id.ics',
      summary: 'A station’s published duty days as an iCalendar feed (last month to three months ahead)',
      tags: ['calendar feeds'],
      access: 'public',
      params: idParams,
      query: stationFeedQuery,
      produces: ICS,
      handler: async ({ params, res }) => {
        const body = await feeds.stationFeed(params.id);
        res.setHeader('Cache-Control', 'public, max-age=300');
        res.setHeader('Content-Disposition', `inline; filename="station-${params.id}.ics"`);
        res.type('text/calendar; charset=utf-8').send(body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/ical/lawyers/:id.ics',
      summary: 'A lawyer’s own published shifts as an iCalendar feed; the token comes from GET /api/me/calendar-token (wrong or missing: 404)',
      tags: ['calendar feeds'],
      access: 'public',
      params: idParams,
      query: lawyerFeedQuery,
      produces: ICS,
      handler: async ({ params, query, res }) => {
        const body = await feeds.lawyerFeed(params.id, query.token);
        res.setHeader('Cache-Control', 'private, no-store');
        res.setHeader('Content-Disposition', `inline; filename="duty-${params.id}.ics"`);
        res.type('text/calendar; charset=utf-8').send(body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/calendar-token',
      summary: 'My calendar feed token and address (made on first use)',
      tags: ['calendar feeds'],
      access: ['lawyer'],
      response: calendarTokenSchema,
      handler: ({ user, req }) => feeds.getToken(user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/calendar-token/rotate',
      summary: 'Replace my calendar feed token; the old address stops working',
      tags: ['calendar feeds'],
      access: ['lawyer'],
      response: calendarTokenSchema,
      handler: ({ user, req }) => feeds.rotateToken(user!, String(req.id)),
    }),
  ];
}
