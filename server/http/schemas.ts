/** Zod building blocks shared by every feature's schemas. */
import { z } from 'zod';
import { isValidDate, isValidMonth } from '../lib/dates.js';

export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isValidDate, 'is not a real calendar date')
  .meta({ example: '2026-12-03' });

export const monthString = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'must be a month YYYY-MM')
  .refine(isValidMonth, 'is not a real month')
  .meta({ example: '2026-12' });

export const timeString = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:mm')
  .meta({ example: '09:00' });

export const instantString = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant with offset, e.g. 2026-12-03T09:00:00+08:00' })
  .meta({ example: '2026-12-03T09:00:00+08:00' });

export const positiveId = z.coerce
  .number({ message: 'must be a positive whole number' })
  .int('must be a positive whole number')
  .min(1, 'must be a positive whole number')
  .max(2_147_483_647, 'is too large');

export const idParams = z.strictObject({ id: positiveId });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** Plain text users type: trimmed, no control characters (NUL and friends). */
export const plainText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'contains control characters')
    .transform((s) => s.trim());

export const requiredText = (max: number) =>
  plainText(max).refine((s) => s.length > 0, 'must not be empty');

const span = (v: unknown) => v as { from: string; to: string };

/** A range query `from`/`to` whose span is bounded, so nobody can ask for a century. */
export function boundedRange<T extends z.ZodRawShape>(shape: T, maxDays: number) {
  return z
    .strictObject({ from: dateString, to: dateString, ...shape })
    .refine((v) => span(v).from <= span(v).to, { message: '`from` must not be after `to`', path: ['to'] })
    .refine(
      (v) => (Date.parse(`${span(v).to}T00:00:00Z`) - Date.parse(`${span(v).from}T00:00:00Z`)) / 86_400_000 <= maxDays,
      { message: `the range may span at most ${maxDays} days`, path: ['to'] },
    );
}
