import { z } from 'zod';
import { DISPUTE_CATEGORIES } from '../domain/categories.js';
import { daysBetween } from '../lib/dates.js';
import { normalizePhone } from '../lib/phone.js';
import { dateString, instantString, optionalPersonName, pageOf, pageQuery, personName, plainText, positiveId, requiredText } from '../http/schemas.js';
import { HOTLINE_OUTCOMES } from './hotline.entity.js';

export const hotlineOutcome = z.enum(HOTLINE_OUTCOMES);
export const categoryField = z.enum(DISPUTE_CATEGORIES);

/** Longest span a call list or export may cover (three years, as the statistics). */
export const MAX_CALL_RANGE_DAYS = 3 * 366;

/**
 * A caller's number: a mainland mobile (normalised to 11 digits) or a landline with
 * its area code (digits only, e.g. 085112345678). Empty means "not given".
 */
export const callerPhoneField = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    if (s.trim() === '') return null;
    const mobile = normalizePhone(s);
    if (mobile) return mobile;
    const digits = s.normalize('NFKC').replace(/[\s\-.()\u2010-\u2015\u2212]/g, '');
    if (/^0\d{9,11}$/.test(digits)) return digits;
    ctx.addIssue({ code: 'custom', message: 'must be a mobile number (1[3-9] + 9 digits) or a landline with its area code' });
    return z.NEVER;
  })
  .meta({ example: '13812345678' });

const CALLBACK_RULE = 'a call-back needs a followUpDate (and only a call-back has one)';

export const CONSENT_REFUSED = 'the caller did not consent to their name and number being recorded (callerConsent is false); leave it empty';

const callerConsentField = z.boolean().meta({
  description:
    'Whether the caller agreed (after the consent text was read to them) to their name and number being recorded. ' +
    'Required when callerName or callerPhone is given; when false, both must be empty.',
});

export const createCallBody = z
  .strictObject({
    stationId: positiveId,
    receivedAt: instantString.optional().meta({ description: 'When the call came in; defaults to now' }),
    callerName: optionalPersonName(50).nullable().optional(),
    callerPhone: callerPhoneField.nullable().optional(),
    category: categoryField,
    summary: requiredText(2000),
    durationSeconds: z.number().int().min(0).max(86_400),
    outcome: hotlineOutcome,
    followUpDate: dateString.nullable().optional().meta({ description: 'Required when outcome is callback_needed; the day the call-back is due' }),
    callerConsent: callerConsentField.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.outcome === 'callback_needed') !== (v.followUpDate != null)) {
      ctx.addIssue({ code: 'custom', path: ['followUpDate'], message: CALLBACK_RULE });
    }
    const given = (['callerName', 'callerPhone'] as const).filter((field) => v[field] != null);
    if (v.callerConsent === false) for (const field of given) ctx.addIssue({ code: 'custom', path: [field], message: CONSENT_REFUSED });
    if (v.callerConsent === undefined && given.length) {
      ctx.addIssue({ code: 'custom', path: ['callerConsent'], message: 'is required when callerName or callerPhone is given (did the caller agree to them being recorded?)' });
    }
  })
  .meta({ id: 'CreateHotlineCall' });
export type CreateCallInput = z.infer<typeof createCallBody>;

export const updateCallBody = z
  .strictObject({
    stationId: positiveId,
    receivedAt: instantString,
    callerName: optionalPersonName(50).nullable(),
    callerPhone: callerPhoneField.nullable(),
    category: categoryField,
    summary: requiredText(2000),
    durationSeconds: z.number().int().min(0).max(86_400),
    outcome: hotlineOutcome,
    followUpDate: dateString.nullable(),
    callerConsent: callerConsentField,
    version: z.number().int().min(1).meta({ description: 'The version you edited; a newer one on the server answers 409' }),
  })
  .partial()
  .meta({ id: 'UpdateHotlineCall' });
export type UpdateCallInput = z.infer<typeof updateCallBody>;

export const FOLLOW_UP_STATES = ['none', 'upcoming', 'due', 'overdue', 'done'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

export const followUpEntrySchema = z
  .object({
    id: z.number().int(),
    note: z.string(),
    done: z.boolean(),
    nextDate: z.string().nullable(),
    createdBy: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'FollowUpEntry' });

export const hotlineCallSchema = z
  .object({
    id: z.number().int(),
    stationId: z.number().int(),
    stationName: z.string(),
    receivedAt: z.string(),
    receivedDate: z.string().meta({ description: 'The network’s local date of receivedAt' }),
    callerName: z.string().nullable(),
    callerPhone: z.string().nullable().meta({ description: 'In full for coordinators and for staff who work for the call’s station; masked (138****5678) for everyone else' }),
    callerConsent: z.boolean().meta({ description: 'The caller agreed to their name and number being recorded' }),
    masked: z.boolean(),
    category: categoryField,
    summary: z.string().meta({ description: 'Phone numbers in it are masked for viewers who see callers masked' }),
    durationSeconds: z.number().int(),
    outcome: hotlineOutcome,
    followUpDate: z.string().nullable(),
    followUpDoneAt: z.string().nullable(),
    followUpState: z.enum(FOLLOW_UP_STATES).meta({
      description: 'none (no call-back owed), upcoming (due later), due (today), overdue (before today), done',
    }),
    appointmentId: z.number().int().nullable(),
    createdBy: z.number().int().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'HotlineCall' });
export type HotlineCall = z.infer<typeof hotlineCallSchema>;

export const hotlineCallDetailSchema = hotlineCallSchema
  .extend({ followUps: z.array(followUpEntrySchema) })
  .meta({ id: 'HotlineCallDetail' });
export type HotlineCallDetail = z.infer<typeof hotlineCallDetailSchema>;

const filterFields = {
  from: dateString.optional().meta({ description: 'Received on or after this local date' }),
  to: dateString.optional().meta({ description: 'Received on or before this local date' }),
  stationId: positiveId.optional(),
  category: categoryField.optional(),
  outcome: hotlineOutcome.optional(),
  q: plainText(100)
    .optional()
    .meta({ description: 'Words that must all appear in the summary (plain substring match, case-insensitive; % and _ are literal)' }),
};

const rangeRule = <T extends { from?: string; to?: string }>(s: z.ZodType<T>) =>
  s
    .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '`from` must not be after `to`', path: ['to'] })
    .refine((v) => !v.from || !v.to || daysBetween(v.from, v.to) <= MAX_CALL_RANGE_DAYS, {
      message: `the range may span at most ${MAX_CALL_RANGE_DAYS} days`,
      path: ['to'],
    });

export const callListQuery = rangeRule(z.strictObject({ ...filterFields, ...pageQuery }));
export type CallListQuery = z.infer<typeof callListQuery>;
export const callExportQuery = rangeRule(z.strictObject(filterFields));
export type CallFilter = z.infer<typeof callExportQuery>;
export const callPage = pageOf(hotlineCallSchema).meta({ id: 'HotlineCallPage' });

export const followUpBody = z
  .strictObject({
    note: requiredText(1000),
    done: z.boolean().meta({ description: 'true closes the call-back; false records an attempt and moves it to nextDate' }),
    nextDate: dateString.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.done && !v.nextDate) ctx.addIssue({ code: 'custom', path: ['nextDate'], message: 'say when to try again' });
    if (v.done && v.nextDate) ctx.addIssue({ code: 'custom', path: ['nextDate'], message: 'a closed call-back has no next date' });
  })
  .meta({ id: 'FollowUpRequest' });
export type FollowUpInput = z.infer<typeof followUpBody>;

export const followUpQuery = z.strictObject({
  stationId: positiveId.optional(),
  due: z
    .enum(['today', 'overdue', 'all'])
    .default('all')
    .meta({ description: 'today: due today; overdue: due before today; all: every open call-back, later ones included' }),
  ...pageQuery,
});
export type FollowUpQuery = z.infer<typeof followUpQuery>;

/** A mainland mobile, as bookings need one. */
const mobileField = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const p = normalizePhone(s);
    if (!p) {
      ctx.addIssue({ code: 'custom', message: 'must be a mainland mobile number (1[3-9] + 9 digits)' });
      return z.NEVER;
    }
    return p;
  });

export const bookFromCallBody = z
  .strictObject({
    start: instantString.meta({ description: 'A slot start (see GET /api/stations/:id/slots)' }),
    stationId: positiveId.optional().meta({ description: 'Defaults to the call’s station' }),
    name: personName(50).optional().meta({ description: 'Defaults to the caller’s name on the call' }),
    phone: mobileField.optional().meta({ description: 'Defaults to the caller’s number on the call (must be a mobile)' }),
    note: plainText(500).optional(),
  })
  .meta({ id: 'BookFromCall' });
export type BookFromCallInput = z.infer<typeof bookFromCallBody>;

export const bookedFromCallSchema = z
  .object({
    call: hotlineCallSchema,
    appointment: z.object({
      id: z.number().int(),
      code: z.string(),
      stationId: z.number().int(),
      start: z.string(),
      end: z.string(),
      status: z.string(),
      lawyerName: z.string().nullable(),
    }),
  })
  .meta({ id: 'BookedFromCall' });
export type BookedFromCall = z.infer<typeof bookedFromCallSchema>;
