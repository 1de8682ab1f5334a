import { z } from 'zod';
import { MANAGERS } from '../auth/policy.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import {
  createLawyerBody,
  createUnavailabilityBody,
  lawyerIdParams,
  lawyerListQuery,
  lawyerSchema,
  unavailabilityParams,
  unavailabilitySchema,
  updateLawyerBody,
} from './lawyers.schema.js';
import type { LawyersService } from './lawyers.service.js';

const truthy = (v?: string) => v === '1' || v === 'true';

export function lawyerRoutes(lawyers: LawyersService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/lawyers',
      summary: 'List lawyers (phones shown to coordinators and admins only)',
      tags: ['lawyers'],
      access: 'signedIn',
      query: lawyerListQuery,
      response: z.array(lawyerSchema),
      handler: ({ query, user }) =>
        lawyers.list(user!, { stationId: query.stationId, includeInactive: truthy(query.includeInactive) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/lawyers/:id',
      summary: 'One lawyer',
      tags: ['lawyers'],
      access: 'signedIn',
      params: idParams,
      response: lawyerSchema,
      handler: ({ params, user }) => lawyers.get(params.id, user!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/lawyers',
      summary: 'Add a lawyer',
      tags: ['lawyers'],
      access: MANAGERS,
      body: createLawyerBody,
      response: lawyerSchema,
      status: 201,
      handler: ({ body, user, req }) => lawyers.create(body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/lawyers/:id',
      summary: 'Change a lawyer',
      tags: ['lawyers'],
      access: MANAGERS,
      params: idParams,
      body: updateLawyerBody,
      response: lawyerSchema,
      handler: ({ params, body, user, req }) => lawyers.update(params.id, body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/lawyers/:id/unavailability',
      summary: "A lawyer's absences (leave, court dates)",
      tags: ['lawyers'],
      access: 'signedIn',
      params: lawyerIdParams,
      response: z.array(unavailabilitySchema),
      handler: ({ params, user }) => lawyers.listUnavailability(params.id, user!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/lawyers/:id/unavailability',
      summary: 'Mark a lawyer unavailable (the lawyer themself, or a coordinator)',
      tags: ['lawyers'],
      access: ['lawyer', 'coordinator', 'admin'],
      params: lawyerIdParams,
      body: createUnavailabilityBody,
      response: unavailabilitySchema,
      status: 201,
      handler: ({ params, body, user, req }) => lawyers.addUnavailability(params.id, body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/lawyers/:id/unavailability/:uid',
      summary: 'Remove an absence',
      tags: ['lawyers'],
      access: ['lawyer', 'coordinator', 'admin'],
      params: unavailabilityParams,
      status: 204,
      handler: ({ params, user, req }) => lawyers.removeUnavailability(params.id, params.uid, user!, String(req.id)),
    }),
  ];
}
