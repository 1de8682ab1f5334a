import { z } from 'zod';
import { boundedRange, dateString, includeChildren, monthString, plainText, positiveId, requiredText, timeString } from '../http/schemas.js';

export const rotationSchema = z
  .object({
    id: z.number().int(),
    stationId: z.number().int(),
    name: z.string(),
    rrule: z.string().meta({ description: 'RFC 5545 RRULE value without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' }),
    startDate: z.string(),
    lawyerIds: z.array(z.number().int()).meta({ description: 'turn order' }),
    shiftStart: z.string(),
    shiftEnd: z.string(),
    lawyersPerDay: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'Rotation' });
export type Rotation = z.infer<typeof rotationSchema>;

const lawyerIdList = z
  .array(positiveId)
  .min(1, 'name at least one lawyer')
  .max(200)
  .refine((ids) => new Set(ids).size === ids.length, 'a lawyer may appear only once in a rotation');

const rotationFields = {
  stationId: positiveId,
  name: requiredText(100),
  rrule: z.string().min(1).max(500),
  startDate: dateString,
  lawyerIds: lawyerIdList,
  shiftStart: timeString,
  shiftEnd: timeString,
  lawyersPerDay: z.number().int().min(1).max(5),
  active: z.boolean(),
};

const startBeforeEnd = (r: { shiftStart?: string; shiftEnd?: string }) =>
  r.shiftStart === undefined || r.shiftEnd === undefined || r.shiftStart < r.shiftEnd;

export const createRotationBody = z
  .strictObject({
    ...rotationFields,
    shiftStart: timeString.default('09:00'),
    shiftEnd: timeString.default('17:30'),
    lawyersPerDay: rotationFields.lawyersPerDay.default(1),
    active: rotationFields.active.default(true),
  })
  .refine(startBeforeEnd, { message: 'shiftStart must be before shiftEnd', path: ['shiftEnd'] })
  .meta({ id: 'CreateRotation' });
export type CreateRotationInput = z.infer<typeof createRotationBody>;

export const updateRotationBody = z
  .strictObject(rotationFields)
  .partial()
  .refine(startBeforeEnd, { message: 'shiftStart must be before shiftEnd', path: ['shiftEnd'] })
  .meta({ id: 'UpdateRotation' });
export type UpdateRotationInput = z.infer<typeof updateRotationBody>;

export const rotationListQuery = z.strictObject({ stationId: positiveId.optional() });

export const shiftSchema = z
  .object({
    id: z.number().int(),
    date: z.string(),
    stationId: z.number().int(),
    lawyerId: z.number().int(),
    lawyerName: z.string(),
    firm: z.string(),
    start: z.string(),
    end: z.string(),
    status: z.enum(['draft', 'published']),
    source: z.enum(['rotation', 'manual', 'swap']),
    rotationId: z.number().int().nullable(),
    seat: z.number().int(),
  })
  .meta({ id: 'Shift' });
export type Shift = z.infer<typeof shiftSchema>;

export const gapSchema = z
  .object({
    date: z.string(),
    stationId: z.number().int(),
    rotationId: z.number().int().nullable(),
    reason: z.string(),
    message: z.string(),
    candidates: z.array(z.number().int()).meta({ description: 'lawyers who could fill it if freed' }),
  })
  .meta({ id: 'Gap' });
export type GapDto = z.infer<typeof gapSchema>;

export const fairnessEntrySchema = z
  .object({
    lawyerId: z.number().int(),
    lawyerName: z.string(),
    shifts: z.number().int(),
    weekendShifts: z.number().int(),
    holidayAdjacentShifts: z.number().int(),
  })
  .meta({ id: 'FairnessEntry' });

export const rosterSchema = z
  .object({
    month: z.string(),
    status: z.enum(['empty', 'draft', 'published']).meta({
      description: 'published when every station in the roster is published; draft when any is still a draft',
    }),
    stations: z.array(
      z.object({ stationId: z.number().int(), status: z.enum(['draft', 'published']), publishedAt: z.string().nullable() }),
    ),
    shifts: z.array(shiftSchema),
    gaps: z.array(gapSchema),
    fairness: z.object({
      perLawyer: z.array(fairnessEntrySchema),
      cumulative: z.array(fairnessEntrySchema),
      maxMinusMin: z.number().int(),
    }),
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  })
  .meta({ id: 'Roster' });
export type Roster = z.infer<typeof rosterSchema>;

export const generateBody = z
  .strictObject({
    month: monthString,
    stationIds: z.array(positiveId).min(1).max(5000).optional(),
    force: z.boolean().default(false),
  })
  .meta({ id: 'GenerateRoster' });

export const monthParams = z.strictObject({ month: monthString });
export const rosterQuery = z.strictObject({ stationId: positiveId.optional(), includeChildren });

export const publishBody = z
  .strictObject({ stationIds: z.array(positiveId).min(1).max(5000).optional() })
  .meta({ id: 'PublishRoster' });

export const shiftListQuery = boundedRange(
  {
    stationId: positiveId.optional(),
    lawyerId: positiveId.optional(),
    status: z.enum(['draft', 'published']).optional(),
  },
  92,
);

export const updateShiftBody = z
  .strictObject({ lawyerId: positiveId, reason: plainText(200).optional() })
  .meta({ id: 'UpdateShift' });

export const createShiftBody = z
  .strictObject({
    stationId: positiveId,
    date: dateString,
    lawyerId: positiveId,
    start: timeString.optional(),
    end: timeString.optional(),
    reason: plainText(200).optional(),
  })
  .meta({ id: 'CreateShift' });

export const coverageQuery = boundedRange(
  { stationId: positiveId.optional(), level: z.enum(['district', 'town', 'village']).optional(), includeChildren },
  92,
);

export const coverageDaySchema = z.object({
  date: z.string(),
  required: z.number().int(),
  assigned: z.number().int(),
  lawyerIds: z.array(z.number().int()),
  shiftIds: z.array(z.number().int()),
  lawyerNames: z.array(z.string()),
  published: z.boolean(),
  status: z.enum(['covered', 'partial', 'gap', 'closed']),
  dayKind: z.string().meta({ description: 'weekday, weekend, holiday, makeup, local_closed, local_open' }),
  dayName: z.string().nullable(),
});

export const coverageSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    stations: z.array(
      z.object({
        stationId: z.number().int(),
        name: z.string(),
        code: z.string(),
        level: z.enum(['district', 'town', 'village']),
        parentId: z.number().int().nullable(),
        days: z.array(coverageDaySchema),
      }),
    ),
    summary: z.object({ requiredDays: z.number().int(), coveredDays: z.number().int(), gapDays: z.number().int() }),
  })
  .meta({ id: 'Coverage' });
export type Coverage = z.infer<typeof coverageSchema>;

export const exportQuery = z.strictObject({
  stationId: positiveId.optional(),
  includeChildren,
  layout: z.enum(['grid', 'list']).optional(),
});
