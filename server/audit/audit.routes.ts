import { MANAGERS } from '../auth/policy.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { auditListQuery, auditPage } from './audit.schema.js';
import type { AuditService } from './audit.service.js';

export function auditRoutes(audit: AuditService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit',
      summary: 'The activity log: who changed what, when and why, newest first (paged)',
      description:
        'Every change the system records (duties edited, rosters published, swaps, stations, accounts, closures, bookings cancelled by staff, privacy erasures…) and the access log of workers’ details shown in full. Workers’ personal data is left out of the details for every reader (see `withheld`).',
      tags: ['audit'],
      access: MANAGERS,
      query: auditListQuery,
      response: auditPage,
      handler: ({ query }) => audit.list(query),
    }),
  ];
}
