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

/** Instants are taken between these (the same years as dates: isValidDate). */
const FIRST_INSTANT = Date.UTC(1900, 0, 1);
const END_OF_INSTANTS = Date.UTC(2201, 0, 1);

export const instantString = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant with offset, e.g. 2026-12-03T09:00:00+08:00' })
  .refine((s) => {
    const t = Date.parse(s);
    return t >= FIRST_INSTANT && t < END_OF_INSTANTS;
  }, 'must fall in the years 1900 to 2200')
  .meta({ example: '2026-12-03T09:00:00+08:00' });

const ID_MESSAGE = 'must be a positive whole number';

/**
 * An id: a JSON number, or (in a path or a query string) its decimal digits. Nothing else
 * is read as an id: not `true`, `[3]`, `"0x2"`, `" 4 "`, `"1e0"` or `"01"`, which a plain
 * number coercion would turn into 1, 3, 2, 4, 1 and 1.
 */
export const positiveId = z
  .union([z.number().int(ID_MESSAGE), z.string().regex(/^[1-9]\d{0,9}$/, ID_MESSAGE)], { error: ID_MESSAGE })
  .transform(Number)
  .pipe(z.number().int().min(1, ID_MESSAGE).max(2_147_483_647, 'is too large'));

export const idParams = z.strictObject({ id: positiveId });

/** With `stationId`: "1" for the station and every station under it (a town with its villages, a district station with its towns and villages). */
export const includeChildren = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .meta({ description: '1: the station and every station under it (a town with its villages, the district with everything)' });
export const isOn = (flag: string | undefined): boolean => flag === '1' || flag === 'true';

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

/**
 * What shows nothing on its own: white space, control and format characters (the zero-width
 * space U+200B, the bidi override U+202E…), the other default-ignorables (the Hangul filler
 * U+3164…), the blank braille pattern U+2800, and combining marks with no letter to sit on.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Cs}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Whether a reader would see anything of `s`. */
export const hasVisibleCharacter = (s: string): boolean => s.replace(INVISIBLE, '') !== '';

const NOTHING_VISIBLE = 'must contain a visible character';
// An empty name is answered by requiredText's own message, not by this one as well.
const visibleOrEmpty = (s: string) => s === '' || hasVisibleCharacter(s);

/**
 * A person's name as typed (a worker booking or waiting, a caller): required, and not made of
 * invisible characters only, which would show staff and the SMS an empty name.
 */
export const personName = (max: number) => requiredText(max).refine(visibleOrEmpty, NOTHING_VISIBLE);

/** A person's name that may be left empty (null); when given, with something to see. */
export const optionalPersonName = (max: number) =>
  plainText(max)
    .refine(visibleOrEmpty, NOTHING_VISIBLE)
    .transform((s) => (s === '' ? null : s));

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
