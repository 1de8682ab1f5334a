import { z } from 'zod';
import { includeChildren, plainText, positiveId, requiredText, timeString } from '../http/schemas.js';

export const STATION_LEVELS = ['district', 'town', 'village'] as const;
export const stationLevel = z.enum(STATION_LEVELS);

export const openHoursSchema = z
  .strictObject({
    weekday: z.number().int().min(1).max(7).meta({ description: '1 = Monday … 7 = Sunday' }),
    start: timeString,
    end: timeString,
  })
  .refine((h) => h.start < h.end, { message: 'start must be before end', path: ['end'] })
  .meta({ id: 'OpenHours' });

const openHoursList = z
  .array(openHoursSchema)
  .max(28)
  .refine(
    (list) => {
      const byDay = new Map<number, { start: string; end: string }[]>();
      for (const h of list) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), h]);
      for (const hs of byDay.values()) {
        hs.sort((a, b) => (a.start < b.start ? -1 : 1));
        for (let i = 1; i < hs.length; i++) if (hs[i]!.start < hs[i - 1]!.end) return false;
      }
      return true;
    },
    { message: 'open hours of one weekday must not overlap' },
  );

export const stationSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    level: stationLevel,
    parentId: z.number().int().nullable(),
    divisionCode: z.string().nullable(),
    address: z.string(),
    phone: z.string(),
    openHours: z.array(openHoursSchema),
    slotMinutes: z.number().int(),
    seatsPerSlot: z.number().int(),
    swapAutoApprove: z.boolean(),
    active: z.boolean(),
  })
  .meta({ id: 'Station' });
export type Station = z.infer<typeof stationSchema>;

const stationFields = {
  // Upper-cased: codes are printed on posters and typed back from them, and MySQL compares them case-blind anyway.
  code: z
    .string()
    .regex(/^[A-Za-z0-9-]{2,32}$/, 'use 2–32 letters, digits or dashes')
    .transform((c) => c.toUpperCase()),
  name: requiredText(100),
  level: stationLevel,
  parentId: positiveId.nullable(),
  divisionCode: z.string().regex(/^\d{6,12}$/, 'must be a division code of 6–12 digits').nullable(),
  address: plainText(200),
  phone: plainText(40),
  openHours: openHoursList,
  slotMinutes: z.number().int().min(10).max(240),
  seatsPerSlot: z.number().int().min(1).max(20),
  swapAutoApprove: z.boolean(),
  active: z.boolean(),
};

export const createStationBody = z
  .strictObject({
    ...stationFields,
    parentId: stationFields.parentId.default(null),
    divisionCode: stationFields.divisionCode.default(null),
    address: stationFields.address.default(''),
    phone: stationFields.phone.default(''),
    openHours: stationFields.openHours.default([]),
    slotMinutes: stationFields.slotMinutes.default(30),
    seatsPerSlot: stationFields.seatsPerSlot.default(1),
    swapAutoApprove: stationFields.swapAutoApprove.default(false),
    active: stationFields.active.default(true),
  })
  .meta({ id: 'CreateStation' });
export type CreateStationInput = z.infer<typeof createStationBody>;

export const updateStationBody = z.strictObject(stationFields).partial().meta({ id: 'UpdateStation' });
export type UpdateStationInput = z.infer<typeof updateStationBody>;

export const stationListQuery = z.strictObject({
  level: stationLevel.optional(),
  parentId: positiveId.optional(),
  /** That station; with includeChildren=1, it and every station under it (a district's towns and villages). */
  stationId: positiveId.optional(),
  includeChildren,
  includeInactive: z.enum(['0', '1', 'true', 'false']).optional(),
});
