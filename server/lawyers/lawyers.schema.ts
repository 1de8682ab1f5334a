import { z } from 'zod';
import { DISPUTE_CATEGORIES } from '../domain/categories.js';
import { dateString, plainText, positiveId, requiredText } from '../http/schemas.js';

export const categorySchema = z.enum(DISPUTE_CATEGORIES).meta({ id: 'DisputeCategory' });

export const lawyerSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    phone: z.string().meta({ description: 'full to coordinators and admins, masked for everyone else' }),
    firm: z.string(),
    specialties: z.array(categorySchema),
    stationIds: z.array(z.number().int()),
    maxShiftsPerMonth: z.number().int().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Lawyer' });
export type Lawyer = z.infer<typeof lawyerSchema>;

const mobile = z.string().regex(/^1[3-9]\d{9}$/, 'must be a mainland mobile number (11 digits starting 13–19)');

const lawyerFields = {
  name: requiredText(50),
  phone: mobile.or(z.literal('')),
  firm: requiredText(100),
  specialties: z.array(categorySchema).max(9),
  stationIds: z
    .array(positiveId)
    .max(500)
    .refine((l) => new Set(l).size === l.length, 'must not repeat a station'),
  maxShiftsPerMonth: z.number().int().min(1).max(31).nullable(),
  active: z.boolean(),
};

export const createLawyerBody = z
  .strictObject({
    ...lawyerFields,
    phone: lawyerFields.phone.default(''),
    specialties: lawyerFields.specialties.default([]),
    stationIds: lawyerFields.stationIds.default([]),
    maxShiftsPerMonth: lawyerFields.maxShiftsPerMonth.default(null),
    active: lawyerFields.active.default(true),
  })
  .meta({ id: 'CreateLawyer' });
export type CreateLawyerInput = z.infer<typeof createLawyerBody>;

export const updateLawyerBody = z.strictObject(lawyerFields).partial().meta({ id: 'UpdateLawyer' });
export type UpdateLawyerInput = z.infer<typeof updateLawyerBody>;

export const lawyerListQuery = z.strictObject({
  stationId: positiveId.optional(),
  includeInactive: z.enum(['0', '1', 'true', 'false']).optional(),
});

export const unavailabilitySchema = z
  .object({
    id: z.number().int(),
    lawyerId: z.number().int(),
    from: z.string(),
    to: z.string(),
    reason: z.string(),
  })
  .meta({ id: 'Unavailability' });
export type Unavailability = z.infer<typeof unavailabilitySchema>;

export const createUnavailabilityBody = z
  .strictObject({ from: dateString, to: dateString, reason: plainText(200).default('') })
  .refine((u) => u.from <= u.to, { message: '`from` must not be after `to`', path: ['to'] })
  .refine((u) => (Date.parse(u.to) - Date.parse(u.from)) / 86_400_000 <= 366, {
    message: 'a single absence may last at most a year',
    path: ['to'],
  })
  .meta({ id: 'CreateUnavailability' });
export type CreateUnavailabilityInput = z.infer<typeof createUnavailabilityBody>;

export const lawyerIdParams = z.strictObject({ id: positiveId });
export const unavailabilityParams = z.strictObject({ id: positiveId, uid: positiveId });
