import { z } from 'zod';
import { daysBetween } from '../lib/dates.js';
import { dateString, pageOf, pageQuery } from '../http/schemas.js';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from './auditCatalog.js';

/** Longest span one look at the log may cover when both ends are given (three years, as the call log and the figures). */
export const MAX_AUDIT_RANGE_DAYS = 3 * 366;

/** Letters, digits, dot, dash and underscore: every id, month and username the log holds. */
const NAME_CHARACTERS = /^[A-Za-z0-9_.-]+$/;
export const NAME_CHARACTERS_MESSAGE = 'may hold letters, digits, dot, dash and underscore';
export const ENTITY_ID_NEEDS_ENTITY = 'name the entity the id belongs to';

const auditFilterFields = {
  from: dateString.optional().meta({ description: 'Entries on or after this local date (the network’s time zone)' }),
  to: dateString.optional().meta({ description: 'Entries on or before this local date' }),
  entity: z.enum(AUDIT_ENTITIES).optional().meta({ description: 'What the entry is about' }),
  entityId: z
    .string()
    .min(1)
    .max(64)
    .regex(NAME_CHARACTERS, NAME_CHARACTERS_MESSAGE)
    .optional()
    .meta({ description: 'With `entity`: one thing’s history (a shift’s id, a swap’s id, a roster’s month `2026-12`)', example: '42' }),
  action: z.enum(AUDIT_ACTIONS).optional(),
  username: z
    .string()
    .min(1)
    .max(64)
    .regex(NAME_CHARACTERS, NAME_CHARACTERS_MESSAGE)
    .optional()
    .meta({ description: 'Who did it: the account’s entries (in any case of its name, also from before a rename), else entries written under that name' }),
  views: z
    .enum(['include', 'exclude'])
    .default('include')
    .meta({ description: '`exclude` leaves out the access log’s `personal_data.view` entries (one per list that showed workers’ details in full)' }),
};

export const auditListQuery = z
  .strictObject({ ...auditFilterFields, ...pageQuery })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '`from` must not be after `to`', path: ['to'] })
  .refine((v) => !v.from || !v.to || daysBetween(v.from, v.to) <= MAX_AUDIT_RANGE_DAYS, {
    message: `the range may span at most ${MAX_AUDIT_RANGE_DAYS} days`,
    path: ['to'],
  })
  .refine((v) => v.entityId === undefined || v.entity !== undefined, { message: ENTITY_ID_NEEDS_ENTITY, path: ['entity'] });
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().meta({ description: 'When, in the network’s time zone', example: '2026-12-03T09:00:00+08:00' }),
    userId: z.number().int().nullable().meta({ description: 'Who did it; null for the system (scheduled jobs, the demo, migrations) and for workers acting on their own booking' }),
    username: z.string().nullable().meta({ description: 'Their username when they did it' }),
    actorName: z.string().nullable().meta({ description: 'The account’s display name now' }),
    action: z.string().meta({ description: 'What was done, e.g. `shift.reassign`' }),
    entity: z.string(),
    entityId: z.string().nullable(),
    details: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({
        description:
          'What the change was, as recorded (ids, dates, before/after). Workers’ personal data is left out: callers’ names, numbers and call summaries, a person’s key; mobile numbers inside free text are masked (138****5678).',
      }),
    withheld: z.array(z.string()).meta({ description: 'Paths of details left out as personal data (`before.callerPhone`, `subject`)' }),
    names: z
      .object({
        lawyers: z.record(z.string(), z.string()),
        stations: z.record(z.string(), z.string()),
      })
      .meta({ description: 'The names of the lawyers and stations the details refer to by id' }),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditPage = pageOf(auditEntrySchema).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof auditPage>;
