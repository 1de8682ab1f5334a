import { DESK } from '../auth/policy.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import { callsCsv, callsXlsx } from './hotline.export.js';
import {
  bookedFromCallSchema,
  bookFromCallBody,
  callExportQuery,
  callListQuery,
  callPage,
  createCallBody,
  followUpBody,
  followUpQuery,
  hotlineCallDetailSchema,
  hotlineCallSchema,
  updateCallBody,
} from './hotline.schema.js';
import type { HotlineService } from './hotline.service.js';
import {
  closeReferralBody,
  createReferralBody,
  referralListQuery,
  referralPage,
  referralPathSchema,
  referralSchema,
} from './referrals.schema.js';
import type { ReferralsService } from './referrals.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MASKING = 'Callers’ names and numbers are in full for coordinators and for staff who work for the call’s station (their own or one under it); masked for lawyers and for staff of other stations.';

export function hotlineRoutes(hotline: HotlineService, referrals: ReferralsService): AnyRoute[] {
  return [
    // Exports first: `/api/hotline-calls/:id` would otherwise claim `export.csv`.
    defineRoute({
      method: 'get',
      path: '/api/hotline-calls/export.csv',
      summary: 'The call log as CSV (UTF-8 with BOM; same filters as the list; at most 10,000 rows)',
      description: MASKING,
      tags: ['hotline'],
      access: DESK,
      query: callExportQuery,
      produces: 'text/csv',
      handler: async ({ query, user, res, req }) => {
        const calls = await hotline.exportCalls(query, user!, undefined, String(req.id));
        res.setHeader('Content-Disposition', `attachment; filename="hotline-calls-${hotline.today()}.csv"`);
        res.type('text/csv; charset=utf-8').send(callsCsv(calls));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/hotline-calls/export.xlsx',
      summary: 'The call log as an Excel workbook (same filters as the list; at most 10,000 rows)',
      description: MASKING,
      tags: ['hotline'],
      access: DESK,
      query: callExportQuery,
      produces: XLSX,
      handler: async ({ query, user, res, req }) => {
        const calls = await hotline.exportCalls(query, user!, undefined, String(req.id));
        res.setHeader('Content-Disposition', `attachment; filename="hotline-calls-${hotline.today()}.xlsx"`);
        res.type(XLSX).send(await callsXlsx(calls));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/hotline-calls',
      summary: 'Log a hotline call',
      description: `callback_needed requires followUpDate. ${MASKING}`,
      tags: ['hotline'],
      access: DESK,
      body: createCallBody,
      response: hotlineCallSchema,
      status: 201,
      handler: ({ body, user, req }) => hotline.create(body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hotline-calls',
      summary: 'The call log, newest first (paged; q searches the summaries)',
      description: MASKING,
      tags: ['hotline'],
      access: DESK,
      query: callListQuery,
      response: callPage,
      handler: ({ query, user, req }) => hotline.list(query, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hotline-calls/:id',
      summary: 'One call with its call-back attempts',
      description: MASKING,
      tags: ['hotline'],
      access: DESK,
      params: idParams,
      response: hotlineCallDetailSchema,
      handler: ({ params, user, req }) => hotline.get(params.id, user!, String(req.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/hotline-calls/:id',
      summary: 'Correct a call (audited)',
      description: 'Send `version` to be told (409) when someone else changed the call meanwhile.',
      tags: ['hotline'],
      access: DESK,
      params: idParams,
      body: updateCallBody,
      response: hotlineCallSchema,
      handler: ({ params, body, user, req }) => hotline.update(params.id, body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/hotline-calls/:id/book',
      summary: 'Book a consultation for the caller and link it to the call',
      description:
        'Name, number and category come from the call (override with name/phone). The booking follows every rule of POST /api/appointments (409 slot_full, 400 for a time that is not a slot); the call becomes appointment_booked and an open call-back is closed.',
      tags: ['hotline'],
      access: DESK,
      params: idParams,
      body: bookFromCallBody,
      response: bookedFromCallSchema,
      status: 201,
      handler: ({ params, body, user, req }) => hotline.bookFromCall(params.id, body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/hotline-calls/:id/follow-up',
      summary: 'Record a call-back: done closes it, otherwise it moves to nextDate (audited)',
      tags: ['hotline'],
      access: DESK,
      params: idParams,
      body: followUpBody,
      response: hotlineCallDetailSchema,
      handler: ({ params, body, user, req }) => hotline.recordFollowUp(params.id, body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/follow-ups',
      summary: 'The call-back queue: calls still owed a call-back, oldest due first (paged)',
      description: MASKING,
      tags: ['hotline'],
      access: DESK,
      query: followUpQuery,
      response: callPage,
      handler: ({ query, user, req }) => hotline.followUps(query, user!, String(req.id)),
    }),

    defineRoute({
      method: 'post',
      path: '/api/referrals',
      summary: 'Refer a dispute up the chain',
      description:
        'The receiving station must be the sender itself (the chain’s next stage there) or a station above it, and must handle the stage: town_mediation at a town; district_mediation, district_arbitration and court at the district; legal_aid at a town or the district. A stage at or below where the dispute stands is 400.',
      tags: ['referrals'],
      access: DESK,
      body: createReferralBody,
      response: referralSchema,
      status: 201,
      handler: ({ body, user, req }) => referrals.create(body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/referrals',
      summary: 'Referrals sent to (incoming) or by (outgoing) a station, newest first (paged)',
      tags: ['referrals'],
      access: DESK,
      query: referralListQuery,
      response: referralPage,
      handler: ({ query, user, req }) => referrals.list(query, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/referrals/:id',
      summary: 'One referral',
      tags: ['referrals'],
      access: DESK,
      params: idParams,
      response: referralSchema,
      handler: ({ params, user, req }) => referrals.get(params.id, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/referrals/:id/accept',
      summary: 'The receiving station takes the referral on (audited)',
      tags: ['referrals'],
      access: DESK,
      params: idParams,
      response: referralSchema,
      handler: ({ params, user, req }) => referrals.accept(params.id, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/referrals/:id/close',
      summary: 'Record the result (audited); referred_on creates the next step as a child referral',
      tags: ['referrals'],
      access: DESK,
      params: idParams,
      body: closeReferralBody,
      response: referralSchema,
      handler: ({ params, body, user, req }) => referrals.close(params.id, body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/referrals/:id/path',
      summary: 'The dispute’s whole path: first call or consultation, every referral, accept and result',
      tags: ['referrals'],
      access: DESK,
      params: idParams,
      response: referralPathSchema,
      handler: ({ params }) => referrals.path(params.id),
    }),
  ];
}

