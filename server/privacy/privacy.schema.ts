import { z } from 'zod';
import { requiredText } from '../http/schemas.js';
import { normalizePhone } from '../lib/phone.js';

/** The number a worker gives when asking for their data: a mainland mobile, or a landline with its area code. */
export const subjectPhoneField = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const mobile = normalizePhone(s);
    if (mobile) return mobile;
    const digits = s.normalize('NFKC').replace(/[\s\-.()\u2010-\u2015\u2212]/g, '');
    if (/^0\d{9,11}$/.test(digits)) return digits;
    ctx.addIssue({ code: 'custom', message: 'must be a mobile number (1[3-9] + 9 digits) or a landline with its area code' });
    return z.NEVER;
  })
  .meta({ example: '13812345678' });

export const subjectQuery = z.strictObject({ phone: subjectPhoneField });
export type SubjectQuery = z.infer<typeof subjectQuery>;

export const eraseBody = z
  .strictObject({
    phone: subjectPhoneField,
    reason: requiredText(500).meta({
      description: 'Why (e.g. 本人书面申请删除, with the request’s date). Kept in the audit log; phone numbers in it are removed.',
    }),
  })
  .meta({ id: 'EraseSubjectRequest' });
export type EraseInput = z.infer<typeof eraseBody>;

const instant = z.string().nullable();

export const subjectRecordsSchema = z
  .object({
    phone: z.string().meta({ description: 'The number asked about (normalised)' }),
    generatedAt: z.string(),
    appointments: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        stationId: z.number().int(),
        stationName: z.string(),
        start: z.string(),
        status: z.string(),
        source: z.string(),
        category: z.string(),
        name: z.string(),
        phone: z.string(),
        note: z.string().nullable(),
        consentAt: instant,
        outcomeServices: z.array(z.string()).nullable(),
        amountInvolved: z.number().nullable(),
        outcomeNote: z.string().nullable(),
        createdAt: z.string(),
        pseudonymizedAt: instant,
      }),
    ),
    waitlist: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        stationId: z.number().int(),
        stationName: z.string(),
        date: z.string(),
        status: z.string(),
        category: z.string(),
        name: z.string(),
        phone: z.string(),
        consentAt: instant,
        createdAt: z.string(),
        pseudonymizedAt: instant,
      }),
    ),
    hotlineCalls: z.array(
      z.object({
        id: z.number().int(),
        stationId: z.number().int(),
        stationName: z.string(),
        receivedAt: z.string(),
        callerName: z.string().nullable(),
        callerPhone: z.string().nullable(),
        callerConsent: z.boolean(),
        category: z.string(),
        summary: z.string(),
        outcome: z.string(),
        followUps: z.array(z.object({ id: z.number().int(), note: z.string(), done: z.boolean(), createdAt: z.string() })),
        pseudonymizedAt: instant,
      }),
    ),
    referrals: z.array(
      z.object({
        id: z.number().int(),
        fromStationId: z.number().int(),
        toStationId: z.number().int(),
        stage: z.string(),
        workerName: z.string().nullable(),
        workerPhone: z.string().nullable(),
        category: z.string(),
        summary: z.string(),
        status: z.string(),
        result: z.string().nullable(),
        amountSettled: z.number().nullable(),
        closeNote: z.string().nullable(),
        referredDate: z.string(),
        closedDate: z.string().nullable(),
        pseudonymizedAt: instant,
      }),
    ),
    notifications: z.array(
      z.object({
        id: z.number().int(),
        channel: z.string(),
        kind: z.string(),
        status: z.string(),
        title: z.string(),
        body: z.string(),
        createdAt: z.string(),
        sentAt: instant,
      }),
    ),
    mentions: z
      .array(z.object({ entity: z.string(), id: z.number().int(), field: z.string() }))
      .meta({ description: 'Other people’s records whose free text contains this number (only the number is erased there)' }),
    counts: z.object({
      appointments: z.number().int(),
      waitlist: z.number().int(),
      hotlineCalls: z.number().int(),
      referrals: z.number().int(),
      notifications: z.number().int(),
      mentions: z.number().int(),
    }),
  })
  .meta({ id: 'SubjectRecords' });
export type SubjectRecords = z.infer<typeof subjectRecordsSchema>;

export const erasureSchema = z
  .object({
    erasedAt: z.string(),
    counts: z.object({
      appointments: z.number().int(),
      waitlist: z.number().int(),
      hotlineCalls: z.number().int(),
      followUps: z.number().int(),
      referrals: z.number().int(),
      notifications: z.number().int(),
      idempotencyKeys: z.number().int(),
      mentions: z.number().int(),
    }),
  })
  .meta({ id: 'Erasure' });
export type Erasure = z.infer<typeof erasureSchema>;
