import { z } from 'zod';
import { optionalPersonName, pageOf, pageQuery, positiveId, requiredText } from '../http/schemas.js';
import { REFERRAL_RESULTS, REFERRAL_STAGES, REFERRAL_STATUSES } from './hotline.entity.js';
import { callerPhoneField, categoryField } from './hotline.schema.js';

export const referralStage = z.enum(REFERRAL_STAGES).meta({
  description:
    'The chain: village outpost → town_mediation → district_mediation → district_arbitration → court; legal_aid is a side door from any point (and leads on only to arbitration or court).',
});
export const referralStatus = z.enum(REFERRAL_STATUSES);
export const referralResult = z.enum(REFERRAL_RESULTS);

export const createReferralBody = z
  .strictObject({
    fromStationId: positiveId,
    toStationId: positiveId.meta({ description: 'The sending station itself (its next stage) or a station above it, handling `stage`' }),
    stage: referralStage,
    hotlineCallId: positiveId.optional(),
    appointmentId: positiveId.optional(),
    workerName: optionalPersonName(50).nullable().optional().meta({ description: 'Defaults to the call’s or appointment’s' }),
    workerPhone: callerPhoneField.nullable().optional().meta({ description: 'Defaults to the call’s or appointment’s' }),
    category: categoryField,
    summary: requiredText(2000),
  })
  .refine((v) => v.hotlineCallId === undefined || v.appointmentId === undefined, {
    message: 'a referral starts from a call or from a consultation, not both',
    path: ['appointmentId'],
  })
  .meta({ id: 'CreateReferral' });
export type CreateReferralInput = z.infer<typeof createReferralBody>;

export const closeReferralBody = z
  .strictObject({
    result: referralResult,
    amountSettled: z.number().min(0).max(1e11).optional().meta({ description: 'Yuan (rounded to fen); only with result settled' }),
    note: requiredText(1000),
    referTo: z
      .strictObject({
        toStationId: positiveId,
        stage: referralStage,
        summary: requiredText(2000).optional().meta({ description: 'Defaults to this referral’s summary' }),
      })
      .optional()
      .meta({ description: 'Required with result referred_on: the next step, created as a child referral' }),
  })
  .superRefine((v, ctx) => {
    if (v.amountSettled !== undefined && v.result !== 'settled') {
      ctx.addIssue({ code: 'custom', path: ['amountSettled'], message: 'only a settled dispute has an amount settled' });
    }
    if ((v.result === 'referred_on') !== (v.referTo !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['referTo'], message: 'referTo is required with referred_on, and only then' });
    }
  })
  .meta({ id: 'CloseReferral' });
export type CloseReferralInput = z.infer<typeof closeReferralBody>;

export const referralSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    childId: z.number().int().nullable().meta({ description: 'The next step when this one was referred on' }),
    fromStationId: z.number().int(),
    fromStationName: z.string(),
    toStationId: z.number().int(),
    toStationName: z.string(),
    stage: referralStage,
    hotlineCallId: z.number().int().nullable(),
    appointmentId: z.number().int().nullable(),
    workerName: z.string().nullable(),
    workerPhone: z.string().nullable().meta({ description: 'In full for coordinators and for staff who work for the sending or the receiving station; masked for everyone else' }),
    masked: z.boolean(),
    category: categoryField,
    summary: z.string(),
    status: referralStatus.meta({ description: 'pending → accepted → closed (a pending referral can be closed only as withdrawn)' }),
    result: referralResult.nullable(),
    amountSettled: z.number().nullable(),
    closeNote: z.string().nullable(),
    referredDate: z.string(),
    closedDate: z.string().nullable(),
    createdAt: z.string(),
    acceptedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Referral' });
export type Referral = z.infer<typeof referralSchema>;

export const referralListQuery = z.strictObject({
  stationId: positiveId.optional().meta({ description: 'Defaults to your own station when direction is given' }),
  direction: z.enum(['incoming', 'outgoing']).optional().meta({ description: 'incoming: sent to the station; outgoing: sent by it' }),
  status: referralStatus.optional(),
  ...pageQuery,
});
export type ReferralListQuery = z.infer<typeof referralListQuery>;
export const referralPage = pageOf(referralSchema).meta({ id: 'ReferralPage' });

export const PATH_STEP_KINDS = ['hotline_call', 'consultation', 'referred', 'accepted', 'closed'] as const;

export const pathStepSchema = z
  .object({
    kind: z.enum(PATH_STEP_KINDS),
    at: z.string(),
    stationId: z.number().int(),
    stationName: z.string(),
    referralId: z.number().int().nullable(),
    toStationId: z.number().int().nullable(),
    toStationName: z.string().nullable(),
    stage: referralStage.nullable(),
    detail: z.string().nullable().meta({ description: 'hotline_call: its outcome; consultation: its status; closed: the result' }),
    amountSettled: z.number().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'ReferralPathStep' });

export const referralPathSchema = z
  .object({
    referralIds: z.array(z.number().int()).meta({ description: 'First referral to last' }),
    steps: z.array(pathStepSchema).meta({ description: 'Every step in time order, from the first call or consultation to the last outcome' }),
    current: z.object({
      referralId: z.number().int(),
      stage: referralStage,
      status: referralStatus,
      result: referralResult.nullable(),
      amountSettled: z.number().nullable(),
    }),
  })
  .meta({ id: 'ReferralPath' });
export type ReferralPath = z.infer<typeof referralPathSchema>;
