import { z } from 'zod';

/** Calendar apps may append their own parameters: unknown ones are ignored, not refused. */
export const stationFeedQuery = z.object({});
export const lawyerFeedQuery = z.object({ token: z.string().max(200).optional() });

export const calendarTokenSchema = z
  .object({
    token: z.string().meta({ description: 'secret: anyone with it can read the feed; rotate to revoke' }),
    lawyerId: z.number().int(),
    url: z.string().meta({ description: 'the feed address to paste into a calendar app (webcal works too)' }),
  })
  .meta({ id: 'CalendarToken' });
export type CalendarToken = z.infer<typeof calendarTokenSchema>;
