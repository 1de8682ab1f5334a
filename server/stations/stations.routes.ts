import { z } from 'zod';
import { MANAGERS } from '../auth/policy.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams, isOn } from '../http/schemas.js';
import {
  createStationBody,
  stationListQuery,
  stationSchema,
  updateStationBody,
} from './stations.schema.js';
import type { StationsService } from './stations.service.js';

export function stationRoutes(stations: StationsService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/stations',
      summary: 'List stations (district first, then towns, then villages)',
      tags: ['stations'],
      access: 'public',
      query: stationListQuery,
      response: z.array(stationSchema),
      handler: ({ query, user }) =>
        stations.list({
          level: query.level,
          parentId: query.parentId,
          stationId: query.stationId,
          includeChildren: isOn(query.includeChildren),
          includeInactive: !!user && (query.includeInactive === '1' || query.includeInactive === 'true'),
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/stations/by-code/:code',
      summary: 'One station by its code (for /book/:stationCode)',
      tags: ['stations'],
      access: 'public',
      params: z.strictObject({ code: z.string().regex(/^[A-Za-z0-9-]{2,32}$/).transform((c) => c.toUpperCase()) }),
      response: stationSchema,
      handler: ({ params }) => stations.getByCode(params.code),
    }),
    defineRoute({
      method: 'get',
      path: '/api/stations/:id',
      summary: 'One station',
      tags: ['stations'],
      access: 'public',
      params: idParams,
      response: stationSchema,
      handler: ({ params }) => stations.get(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/stations',
      summary: 'Create a station',
      tags: ['stations'],
      access: MANAGERS,
      body: createStationBody,
      response: stationSchema,
      status: 201,
      handler: ({ body, user, req }) => stations.create(body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/stations/:id',
      summary: 'Change a station',
      tags: ['stations'],
      access: MANAGERS,
      params: idParams,
      body: updateStationBody,
      response: stationSchema,
      handler: ({ params, body, user, req }) => stations.update(params.id, body, user!, String(req.id)),
    }),
  ];
}
