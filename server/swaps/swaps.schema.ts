import { z } from 'zod';
import { pageOf, pageQuery, plainText, positiveId } from '../http/schemas.js';
import { SWAP_STATUSES, SWAP_TYPES, type SwapStatus } from './swapRules.js';

export const createSwapBody = z
  .strictObject({
    shiftId: positiveId,
    type: z.enum(SWAP_TYPES),
    toLawyerId: positiveId.nullish().meta({ description: 'giveaway: the colleague it is offered to (omit for an open offer); exchange: optional, must own toShiftId' }),
    toShiftId: positiveId.nullish().meta({ description: 'exchange: the colleague’s shift taken in return' }),
    note: plainText(500).optional(),
  })
  .refine((b) => b.type !== 'exchange' || b.toShiftId != null, { message: 'an exchange names the colleague’s shift', path: ['toShiftId'] })
  .refine((b) => b.type !== 'giveaway' || b.toShiftId == null, { message: 'a giveaway does not take a toShiftId', path: ['toShiftId'] })
  .meta({ id: 'CreateSwap' });
export type CreateSwapInput = z.infer<typeof createSwapBody>;

/** accept / decline / approve / reject / cancel: a JSON body, possibly empty, with an optional note (the why). */
export const swapTransitionBody = z.strictObject({ note: plainText(500).optional() }).meta({ id: 'SwapTransition' });

const statusList = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
    const bad = parts.filter((p) => !(SWAP_STATUSES as readonly string[]).includes(p));
    if (bad.length || parts.length === 0) {
      ctx.addIssue({ code: 'custom', message: `must be one or more of ${SWAP_STATUSES.join(', ')} (comma separated)` });
      return z.NEVER;
    }
    return parts as SwapStatus[];
  })
  .meta({ description: 'one status or several, comma separated', example: 'pending,accepted' });

export const swapListQuery = z.strictObject({
  status: statusList.optional(),
  lawyerId: positiveId.optional(),
  ...pageQuery,
});
export type SwapListQuery = z.infer<typeof swapListQuery>;

export const candidatesQuery = z.strictObject({ shiftId: positiveId });

export const swapShiftSchema = z
  .object({
    id: z.number().int(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    stationId: z.number().int(),
    stationName: z.string(),
    lawyerId: z.number().int(),
    lawyerName: z.string(),
    status: z.enum(['draft', 'published']),
    version: z.number().int(),
  })
  .meta({ id: 'SwapShift' });
export type SwapShiftDto = z.infer<typeof swapShiftSchema>;

export const swapConflictSchema = z
  .object({
    code: z.string().meta({ description: 'shift_changed, shift_not_published, shift_started, or why the taker cannot serve: inactive, ineligible, unavailable, busy, at_cap' }),
    message: z.string(),
    shiftId: z.number().int().nullable(),
    lawyerId: z.number().int().nullable(),
  })
  .meta({ id: 'SwapConflict' });

export const swapSchema = z
  .object({
    id: z.number().int(),
    type: z.enum(SWAP_TYPES),
    status: z.enum(SWAP_STATUSES),
    open: z.boolean().meta({ description: 'an open offer: a pending giveaway to any eligible colleague' }),
    shiftId: z.number().int(),
    toShiftId: z.number().int().nullable(),
    date: z.string(),
    stationId: z.number().int(),
    fromLawyerId: z.number().int(),
    fromLawyerName: z.string(),
    toLawyerId: z.number().int().nullable(),
    toLawyerName: z.string().nullable(),
    shift: swapShiftSchema,
    toShift: swapShiftSchema.nullable(),
    note: z.string().nullable(),
    decisionNote: z.string().nullable(),
    reason: z.string().nullable().meta({ description: 'why it ended without applying (superseded, expired)' }),
    needsApproval: z.boolean().meta({ description: 'a coordinator must approve once accepted (some station involved does not auto-approve)' }),
    canAccept: z.boolean().meta({ description: 'the viewer may accept it now' }),
    conflicts: z
      .array(swapConflictSchema)
      .optional()
      .meta({ description: 'coordinators: what would stop it applying now (checks re-run on every read)' }),
    createdAt: z.string(),
    acceptedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Swap' });
export type Swap = z.infer<typeof swapSchema>;

export const swapPageSchema = pageOf(swapSchema).meta({ id: 'SwapPage' });
export type SwapPage = z.infer<typeof swapPageSchema>;

export const swapCandidateSchema = z
  .object({
    lawyerId: z.number().int(),
    name: z.string(),
    firm: z.string(),
    dutiesThatMonth: z.number().int(),
  })
  .meta({ id: 'SwapCandidate' });
export type SwapCandidate = z.infer<typeof swapCandidateSchema>;
