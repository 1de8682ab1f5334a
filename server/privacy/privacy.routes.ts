import type { Role } from '../auth/users.entity.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { subjectXlsx } from './privacy.export.js';
import { eraseBody, erasureSchema, subjectQuery, subjectRecordsSchema } from './privacy.schema.js';
import type { PrivacyService } from './privacy.service.js';

/**
 * Data-subject requests are handled by the people who act on workers' records across the
 * network: coordinators, and staff with no station or at the district station (a sub-station's
 * staff get 403: a person's records span every station; see assertActsForWholeNetwork).
 */
export const PRIVACY_DESK = ['staff', 'coordinator'] as const satisfies readonly Role[];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LOGGED = 'Every look-up is kept in the audit log (personal_data.view: who, when, which records — never the number).';

export function privacyRoutes(privacy: PrivacyService): AnyRoute[] {
  const today = () => privacy.today();
  return [
    defineRoute({
      method: 'get',
      path: '/api/privacy/subjects',
      summary: 'Every record that holds this phone number (a worker asking what is kept about them)',
      description: `Appointments, waitlist places, hotline calls with their call-backs, referrals and SMS, in full; and other records whose text mentions the number. ${LOGGED}`,
      tags: ['privacy'],
      access: PRIVACY_DESK,
      query: subjectQuery,
      response: subjectRecordsSchema,
      handler: ({ query, user, req }) => privacy.findSubject(query.phone, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/privacy/subjects/export.json',
      summary: 'The same, as a JSON file to hand to the worker',
      description: LOGGED,
      tags: ['privacy'],
      access: PRIVACY_DESK,
      query: subjectQuery,
      produces: 'application/json',
      handler: async ({ query, user, req, res }) => {
        const records = await privacy.findSubject(query.phone, user!, String(req.id), 'privacy.export_json');
        res.setHeader('Content-Disposition', `attachment; filename="personal-data-${today()}.json"`);
        res.setHeader('Cache-Control', 'no-store');
        res.type('application/json; charset=utf-8').send(JSON.stringify(records, null, 2));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/privacy/subjects/export.xlsx',
      summary: 'The same, as an Excel workbook (one sheet per kind of record)',
      description: LOGGED,
      tags: ['privacy'],
      access: PRIVACY_DESK,
      query: subjectQuery,
      produces: XLSX,
      handler: async ({ query, user, req, res }) => {
        const records = await privacy.findSubject(query.phone, user!, String(req.id), 'privacy.export_xlsx');
        res.setHeader('Content-Disposition', `attachment; filename="personal-data-${today()}.xlsx"`);
        res.setHeader('Cache-Control', 'no-store');
        res.type(XLSX).send(await subjectXlsx(records));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/privacy/subjects/erase',
      summary: 'Erase (pseudonymise) everything held about this number, in one transaction',
      description:
        'Names, numbers, notes and SMS go; person key, category, dates, outcomes and amounts stay, so every statistic is unchanged. ' +
        'The records are moved to a fresh person key, no longer linked to the number. ' +
        '409 while the person has an upcoming booking or a live waitlist place. ' +
        'The audit log (personal_data.erase) keeps the reason and the counts, never the number.',
      tags: ['privacy'],
      access: PRIVACY_DESK,
      body: eraseBody,
      response: erasureSchema,
      handler: ({ body, user, req }) => privacy.erase(body, user!, String(req.id)),
    }),
  ];
}

