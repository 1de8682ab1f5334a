/**
 * The statistics' shapes. Each figure's definition is in its description, so the
 * OpenAPI document says exactly what is counted (see aggregate.ts for the code).
 */
import { z } from 'zod';
import { boundedRange, includeChildren, positiveId } from '../http/schemas.js';

/** "At most three years" (a leap day included). */
export const MAX_STATS_DAYS = 3 * 365 + 1;

export const statsQuery = boundedRange(
  {
    stationId: positiveId.optional().meta({ description: 'That station only (omit for the whole network)' }),
    includeChildren,
  },
  MAX_STATS_DAYS,
);
export type StatsQuery = z.infer<typeof statsQuery>;

const count = (description: string) => z.number().int().meta({ description });
const counts = (description: string) => z.record(z.string(), z.number().int()).meta({ description });

export const figuresShape = {
  peopleServed: count(
    'Distinct workers with a completed consultation or a logged hotline call in the period, told apart by phone number — by its keyed hash, so the figure stays the same after names and numbers are removed (a call without a number counts as one person). Distinct within the scope: someone served at two stations counts once in the total and once at each station.',
  ),
  consultations: count('Completed appointments (booked and walk-in) dated in the period.'),
  applicationsDrafted: count('Completed appointments whose outcome includes application_drafted (代写仲裁申请书).'),
  mediationReferrals: count(
    'Completed appointments whose outcome includes mediation_referral, plus hotline calls with outcome referred_mediation.',
  ),
  amountInvolved: z.number().meta({ description: 'Sum of amountInvolved over completed appointments, in yuan (to the fen).' }),
  appointments: z
    .object({
      booked: count('Appointments made by booking (online, waitlist, or for a hotline caller; walk-ins excluded) dated in the period, whatever became of them.'),
      completed: count('Appointments completed (walk-ins included).'),
      noShow: count('Appointments marked no-show.'),
      cancelled: count('Appointments cancelled.'),
      walkIns: count('Walk-ins registered.'),
    })
    .meta({ description: 'Appointments by their consultation date (the station’s local date).' }),
  consultationsByCategory: counts('Completed appointments per dispute category (every category listed, zeros included).'),
  hotlineCalls: z.object({
    total: count('Hotline calls logged (by the local date they came in).'),
    byCategory: counts('Calls per dispute category (every category listed).'),
    byOutcome: counts('Calls per outcome (every outcome listed).'),
  }),
  coverage: z
    .object({
      requiredDays: count('Station-days on which the active rotations require duty (working calendar applied).'),
      coveredDays: count('Of those, days held by at least as many published shifts as required.'),
    })
    .meta({ description: 'Roster coverage: published shifts only (drafts do not count), active stations only.' }),
  referrals: z.object({
    byStage: counts('Referrals received per stage: made in the period, counted at the receiving station.'),
    settledByStage: counts('Referrals closed as settled in the period, per stage, at the receiving station.'),
    amountSettled: z.number().meta({ description: 'Sum of amountSettled over those settled referrals, in yuan.' }),
  }),
};

export const figuresSchema = z.object(figuresShape).meta({ id: 'StatsFigures' });

export const stationFiguresSchema = z
  .object({
    stationId: z.number().int(),
    name: z.string(),
    code: z.string(),
    level: z.enum(['district', 'town', 'village']),
    parentId: z.number().int().nullable(),
    ...figuresShape,
  })
  .meta({ id: 'StationFigures' });

export const summarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    stationId: z.number().int().nullable(),
    includeChildren: z.boolean(),
    ...figuresShape,
    byStation: z
      .array(stationFiguresSchema)
      .meta({ description: 'Every station in scope (active ones, and inactive ones with figures), district first; each with its own figures only.' }),
  })
  .meta({ id: 'StatsSummary' });
export type StatsSummary = z.infer<typeof summarySchema>;

export const trendSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    stationId: z.number().int().nullable(),
    includeChildren: z.boolean(),
    months: z.array(
      z.object({
        month: z.string(),
        from: z.string().meta({ description: 'The month clipped to the range' }),
        to: z.string(),
        ...figuresShape,
      }),
    ),
  })
  .meta({ id: 'StatsTrend' });
export type StatsTrend = z.infer<typeof trendSchema>;

/** The definitions as text (for the workbook's summary sheet): the same words as the API. */
export function figureDefinitions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(figuresShape)) {
    const d = (v as z.ZodType).meta()?.description;
    if (typeof d === 'string') out[k] = d;
  }
  return out;
}
