import { defineRoute, type AnyRoute } from '../http/routes.js';
import { statsWorkbook } from './stats.export.js';
import { statsQuery, summarySchema, trendSchema } from './stats.schema.js';
import type { StatsService } from './stats.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SCOPE =
  'Period: from–to (local dates, at most three years). Scope: the whole network, or `stationId` alone, or with `includeChildren=1` the station and every station under it. Each figure’s definition is in the response schema.';

export function statsRoutes(stats: StatsService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/stats/summary',
      summary: 'The figures the network reports, in total and per station',
      description: SCOPE,
      tags: ['stats'],
      access: 'signedIn',
      query: statsQuery,
      response: summarySchema,
      handler: ({ query }) => stats.summary(query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/stats/trend',
      summary: 'The same figures per month',
      description: SCOPE,
      tags: ['stats'],
      access: 'signedIn',
      query: statsQuery,
      response: trendSchema,
      handler: ({ query }) => stats.trend(query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/stats/export.xlsx',
      summary: 'The figures as a workbook: summary (with definitions), by station, by month, categories',
      description: SCOPE,
      tags: ['stats'],
      access: 'signedIn',
      query: statsQuery,
      produces: XLSX,
      handler: async ({ query, res }) => {
        const { summary, trend } = await stats.report(query);
        const scopeName =
          summary.stationId === null
            ? '全部服务站'
            : `${summary.byStation.find((s) => s.stationId === summary.stationId)?.name ?? ''}${summary.includeChildren ? '（含下属站点）' : ''}`;
        res.setHeader('Content-Disposition', `attachment; filename="stats-${query.from}-${query.to}.xlsx"`);
        res.type(XLSX).send(await statsWorkbook(summary, trend, scopeName));
      },
    }),
  ];
}
