import { z } from 'zod';
import type { Role } from '../auth/users.entity.js';
import { COORDINATORS } from '../auth/policy.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import {
  candidatesQuery,
  createSwapBody,
  swapCandidateSchema,
  swapListQuery,
  swapPageSchema,
  swapSchema,
  swapTransitionBody,
} from './swaps.schema.js';
import type { SwapsService } from './swaps.service.js';

/** Lawyers act on their own swaps (ownership is checked by the service); coordinators on anyone's. */
const SWAP_PARTIES = ['lawyer', 'coordinator'] as const satisfies readonly Role[];

export function swapRoutes(swaps: SwapsService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/swaps',
      summary: 'Swaps: a lawyer’s own and the open offers they can take; every swap (with current conflicts) for coordinators',
      tags: ['swaps'],
      access: SWAP_PARTIES,
      query: swapListQuery,
      response: swapPageSchema,
      handler: ({ query, user }) => swaps.list(query, user!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/swaps',
      summary: 'Offer a shift (to a named colleague, or open to every eligible one) or ask to exchange it for a colleague’s',
      tags: ['swaps'],
      access: SWAP_PARTIES,
      body: createSwapBody,
      response: swapSchema,
      status: 201,
      handler: ({ body, user, req }) => swaps.create(body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/swaps/candidates',
      summary: 'Colleagues who could take this shift now (for the “offer to a colleague” picker, before asking)',
      tags: ['swaps'],
      access: SWAP_PARTIES,
      query: candidatesQuery,
      response: z.array(swapCandidateSchema),
      handler: ({ query, user }) => swaps.candidatesForShift(query.shiftId, user!),
    }),
    defineRoute({
      method: 'get',
      path: '/api/swaps/:id',
      summary: 'One swap',
      tags: ['swaps'],
      access: SWAP_PARTIES,
      params: idParams,
      response: swapSchema,
      handler: ({ params, user }) => swaps.get(params.id, user!),
    }),
    defineRoute({
      method: 'get',
      path: '/api/swaps/:id/candidates',
      summary: 'Colleagues who could take the swap’s shift now',
      tags: ['swaps'],
      access: SWAP_PARTIES,
      params: idParams,
      response: z.array(swapCandidateSchema),
      handler: ({ params, user }) => swaps.candidatesForSwap(params.id, user!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/swaps/:id/accept',
      summary: 'Accept (the named colleague, the owner of the shift asked for, or any eligible lawyer for an open offer); applies at once where the station auto-approves',
      tags: ['swaps'],
      access: ['lawyer'],
      params: idParams,
      body: swapTransitionBody,
      response: swapSchema,
      handler: ({ params, body, user, req }) => swaps.accept(params.id, body.note, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/swaps/:id/decline',
      summary: 'Decline a swap offered to you by name (the named colleague, or the owner of the shift asked for), before accepting; an open offer cannot be declined',
      tags: ['swaps'],
      access: ['lawyer'],
      params: idParams,
      body: swapTransitionBody,
      response: swapSchema,
      handler: ({ params, body, user, req }) => swaps.decline(params.id, body.note, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/swaps/:id/approve',
      summary: 'Approve an accepted swap: re-checks everything and changes both sides at once, or 409 and nothing changes',
      tags: ['swaps'],
      access: COORDINATORS,
      params: idParams,
      body: swapTransitionBody,
      response: swapSchema,
      handler: ({ params, body, user, req }) => swaps.approve(params.id, body.note, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/swaps/:id/reject',
      summary: 'Reject a pending or accepted swap',
      tags: ['swaps'],
      access: COORDINATORS,
      params: idParams,
      body: swapTransitionBody,
      response: swapSchema,
      handler: ({ params, body, user, req }) => swaps.reject(params.id, body.note, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/swaps/:id/cancel',
      summary: 'Withdraw a pending or accepted swap (the requester, or a coordinator)',
      tags: ['swaps'],
      access: SWAP_PARTIES,
      params: idParams,
      body: swapTransitionBody,
      response: swapSchema,
      handler: ({ params, body, user, req }) => swaps.cancel(params.id, body.note, user!, String(req.id)),
    }),
  ];
}
