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
  })
  .meta({ id: 'CreateCalendarDay' });
export type CreateCalendarDayInput = z.infer<typeof createCalendarDayBody>;

export const calendarCoverageSchema = z
  .object({
    firstYear: z.number().int(),
    lastYear: z.number().int(),
    source: z.string(),
  })
  .meta({ id: 'CalendarCoverage' });
