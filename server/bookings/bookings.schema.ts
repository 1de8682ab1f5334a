import { z } from 'zod';
import { DISPUTE_CATEGORIES, OUTCOME_SERVICES } from '../domain/categories.js';
import { normalizePhone } from '../lib/phone.js';
import {
  boundedRange,
  dateString,
  instantString,
  pageOf,
  pageQuery,
  personName,
  plainText,
  positiveId,
} from '../http/schemas.js';
import { APPOINTMENT_SOURCES, APPOINTMENT_STATUSES, WAITLIST_STATUSES } from './appointments.entity.js';

/** A mainland mobile number in any usual spelling, normalised to 11 digits. */
export const phoneField = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const phone = normalizePhone(s);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: 'must be a mainland mobile number (1[3-9] + 9 digits)' });
      return z.NEVER;
    }
    return phone;
  })
  .meta({ example: '13812345678' });

/** A booking or waitlist code as typed; an invalid one is answered like a wrong one (404). */
const codeField = z.string().min(1).max(64).meta({ example: 'K7P2M-9QXDH' });

const consentField = z.literal(true, { message: 'consent to storing your name and phone number is required' });

export const categoryField = z.enum(DISPUTE_CATEGORIES);

export const bookingBody = z
  .strictObject({
    stationId: positiveId,
    start: instantString,
    name: personName(50),
    phone: phoneField,
    category: categoryField,
    note: plainText(500).optional(),
    consent: consentField,
  })
  .meta({ id: 'BookingRequest' });
export type BookingInput = z.infer<typeof bookingBody>;

export const walkInBody = bookingBody
  .extend({ start: instantString.optional().meta({ description: "Defaults to now; must fall on today's date in the network's time zone (else 400)" }) })
  .meta({ id: 'WalkInRequest' });
export type WalkInInput = z.infer<typeof walkInBody>;

export const codePhoneBody = z.strictObject({ code: codeField, phone: phoneField }).meta({ id: 'CodeAndPhone' });
export type CodePhoneInput = z.infer<typeof codePhoneBody>;

export const lookupQuery = z.strictObject({ code: codeField, phone: phoneField });

export const rescheduleBody = z
  .strictObject({ code: codeField, phone: phoneField, start: instantString })
  .meta({ id: 'RescheduleRequest' });
export type RescheduleInput = z.infer<typeof rescheduleBody>;

export const idempotencyKeyHeader = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'must be 8–128 letters, digits or _ . : -');

export const slotSchema = z
  .object({
    start: z.string(),
    end: z.string(),
    capacity: z.number().int(),
    remaining: z.number().int(),
    lawyerName: z.string(),
  })
  .meta({ id: 'Slot' });

export const slotsQuery = z.strictObject({ date: dateString });
export const availabilityQuery = boundedRange({}, 31);
export const dayAvailabilitySchema = z
  .object({ date: z.string(), open: z.boolean(), remaining: z.number().int() })
  .meta({ id: 'DayAvailability' });

export const appointmentStatus = z.enum(APPOINTMENT_STATUSES);

/** What a worker sees of their own booking (by code + phone). */
export const bookingSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    stationId: z.number().int(),
    stationName: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    status: appointmentStatus,
    lawyerName: z.string().nullable().meta({ description: 'From the published shift at read time; null when nobody is on duty' }),
    category: categoryField,
    name: z.string(),
    phone: z.string().meta({ description: 'Masked, e.g. 138****5678' }),
  })
  .meta({ id: 'Booking' });
export type Booking = z.infer<typeof bookingSchema>;

export const outcomeSchema = z
  .strictObject({
    services: z
      .array(z.enum(OUTCOME_SERVICES))
      .min(1, 'name at least one service')
      .max(OUTCOME_SERVICES.length)
      .refine((l) => new Set(l).size === l.length, 'must not repeat a service'),
    amountInvolved: z.number().min(0).max(1e11).optional().meta({ description: 'Yuan (rounded to fen)' }),
    note: plainText(1000).optional(),
  })
  .meta({ id: 'ConsultationOutcome' });
export type OutcomeInput = z.infer<typeof outcomeSchema>;

/** The staff view of an appointment. Name and phone are masked for viewers not entitled to them. */
export const appointmentSchema = bookingSchema
  .extend({
    code: z.string().meta({ description: 'Hidden (*****-*****) when the row is masked' }),
    phone: z.string(),
    source: z.enum(APPOINTMENT_SOURCES),
    note: z.string().nullable(),
    outcome: z
      .object({ services: z.array(z.enum(OUTCOME_SERVICES)), amountInvolved: z.number().nullable(), note: z.string().nullable() })
      .nullable(),
    masked: z.boolean(),
    checkedInAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentListQuery = z.strictObject({
  stationId: positiveId.optional(),
  date: dateString.optional(),
  status: appointmentStatus.optional(),
  ...pageQuery,
});
export type AppointmentListQuery = z.infer<typeof appointmentListQuery>;
export const appointmentPage = pageOf(appointmentSchema).meta({ id: 'AppointmentPage' });

export const updateAppointmentBody = z
  .strictObject({
    status: z.enum(['checked_in', 'completed', 'no_show']),
    outcome: outcomeSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'completed' && !v.outcome) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'completing a consultation requires its outcome' });
    }
    if (v.status !== 'completed' && v.outcome) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'an outcome is recorded only on completion' });
    }
  })
  .meta({ id: 'UpdateAppointment' });
export type UpdateAppointmentInput = z.infer<typeof updateAppointmentBody>;

export const waitlistBody = z
  .strictObject({
    stationId: positiveId,
    date: dateString,
    name: personName(50),
    phone: phoneField,
    category: categoryField,
    consent: consentField,
  })
  .meta({ id: 'WaitlistRequest' });
export type WaitlistInput = z.infer<typeof waitlistBody>;

export const waitlistEntrySchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    stationId: z.number().int(),
    stationName: z.string(),
    date: z.string(),
    status: z.enum(WAITLIST_STATUSES),
    position: z.number().int().nullable().meta({ description: 'Place in line while waiting' }),
  })
  .meta({ id: 'WaitlistEntry' });
export type WaitlistEntryDto = z.infer<typeof waitlistEntrySchema>;
