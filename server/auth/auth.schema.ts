import { z } from 'zod';
import { positiveId } from '../http/schemas.js';
import { ROLES, type Role } from './users.entity.js';
import { lawyerLinkIssue, PASSWORD_MIN_LENGTH } from './accountRules.js';

export const roleSchema = z.enum(ROLES);

/** The language a user's notifications are written in: their e-mails and the bell. */
export const langSchema = z.enum(['zh', 'en']).meta({
  id: 'Language',
  description: 'the language of the notifications this user gets (e-mail and in-app): zh (Chinese, the default) or en (English)',
});

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: roleSchema,
    displayName: z.string(),
    lawyerId: z.number().int().nullable(),
    stationId: z.number().int().nullable(),
    email: z.string().nullable().meta({ description: 'where e-mail notifications go; null: in-app only' }),
    lang: langSchema,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const loginBody = z
  .strictObject({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'LoginRequest' });

/** The signed-in user, as `GET /api/me` and sign-in give it: with what the menus need to know. */
export const meSchema = userSchema
  .extend({
    actsForWholeNetwork: z.boolean().meta({
      description:
        'true for coordinators, admins, and staff with no station or posted at the district station: they may use the network-wide desks (the privacy desk)',
    }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

/** What signed-in users change about themselves: their language (the client saves it when they switch the UI's). */
export const updateMeBody = z
  .strictObject({
    lang: langSchema,
  })
  .meta({ id: 'UpdateMe' });
export type UpdateMeInput = z.infer<typeof updateMeBody>;

export const loginResponse = z.object({ token: z.string(), user: meSchema }).meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof loginResponse>;

/** A user account as admins manage it: the user, and whether the account may sign in. */
export const userAccountSchema = userSchema
  .extend({
    active: z.boolean().meta({ description: 'false: the account cannot sign in and its sessions have ended' }),
  })
  .meta({ id: 'UserAccount' });
export type UserAccount = z.infer<typeof userAccountSchema>;

// The fields an admin sets on an account, shared by creating and changing one.
const passwordField = z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(200);
const displayNameField = z.string().max(50);
const emailField = z
  .email('must be an e-mail address')
  .max(200)
  .meta({ description: 'e-mail notifications go here (when SMTP is configured)' });

/**
 * The lawyer-link rule (accountRules.ts) as a validation issue. A change that names only one
 * of role and lawyerId is checked by the service against the stored account.
 */
function checkLawyerLink(u: { role?: Role; lawyerId?: number | null }, ctx: z.RefinementCtx) {
  if (u.role === undefined || !('lawyerId' in u)) return;
  const issue = lawyerLinkIssue(u.role, u.lawyerId);
  if (issue) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
}

export const createUserBody = z
  .strictObject({
    username: z
      .string()
      .min(3)
      .max(64)
      .regex(/^[A-Za-z0-9_.-]+$/, 'may hold letters, digits, dot, dash and underscore'),
    password: passwordField,
    role: roleSchema,
    displayName: displayNameField.optional(),
    lawyerId: positiveId.optional().meta({ description: 'required for role lawyer, refused for every other role' }),
    stationId: positiveId.optional(),
    email: emailField.optional(),
    lang: langSchema.optional(),
  })
  .superRefine((u, ctx) => checkLawyerLink({ role: u.role, lawyerId: u.lawyerId ?? null }, ctx))
  .meta({ id: 'CreateUser' });
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .strictObject({
    active: z.boolean().optional().meta({ description: 'false ends the account\'s sessions at once and refuses sign-in' }),
    role: roleSchema.optional(),
    displayName: displayNameField.min(1).optional(),
    lawyerId: positiveId.nullable().optional().meta({ description: 'required for role lawyer, null for every other role' }),
    stationId: positiveId.nullable().optional(),
    email: emailField.nullable().optional(),
    lang: langSchema.optional(),
    password: passwordField.optional().meta({ description: 'a new password; the account\'s sessions end' }),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'name at least one field to change' })
  .superRefine(checkLawyerLink)
  .meta({ id: 'UpdateUser' });
export type UpdateUserInput = z.infer<typeof updateUserBody>;
