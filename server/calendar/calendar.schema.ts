import { z } from 'zod';
import { boundedRange, dateString, positiveId, requiredText } from '../http/schemas.js';

export const calendarDaySchema = z
  .object({
    id: z.number().int().optional().meta({ description: 'present on local days (the id to delete)' }),
    date: z.string(),
    kind: z.enum(['holiday', 'workday']),
    name: z.string(),
    stationId: z.number().int().nullable(),
    source: z.enum(['national', 'local']),
    cancelledBookings: z
      .number()
      .int()
      .optional()
      .meta({ description: 'on the answer to a closure: the live bookings it cancelled (their workers were told by SMS)' }),
  })
  .meta({ id: 'CalendarDay' });
export type CalendarDayDto = z.infer<typeof calendarDaySchema>;

export const calendarDaysQuery = boundedRange({ stationId: positiveId.optional() }, 400);

export const createCalendarDayBody = z
  .strictObject({
    date: dateString,
    kind: z.enum(['holiday', 'workday']).meta({ description: 'holiday closes the station(s); workday opens them' }),
    name: requiredText(100),
    stationId: positiveId.nullable().optional(),
    cancelBookings: z.boolean().optional().meta({
      description:
        'A closure (holiday) on a day with live bookings at the stations it closes is 409 unless this is true: then those bookings are cancelled with it and each worker is told by SMS',
    }),
  })
  .meta({ id: 'CreateCalendarDay' });
export type CreateCalendarDayInput = z.infer<typeof createCalendarDayBody>;

export const removeCalendarDayQuery = z.strictObject({
  cancelBookings: z
    .enum(['0', '1', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional()
    .meta({
      description:
        'Removing an extra working day that has live bookings (the day closes again) is 409 unless this is true: then those bookings are cancelled and each worker is told by SMS',
    }),
});

export const calendarCoverageSchema = z
  .object({
    firstYear: z.number().int(),
    lastYear: z.number().int(),
    source: z.string(),
  })
  .meta({ id: 'CalendarCoverage' });
