import { z } from 'zod';
import { positiveId } from '../http/schemas.js';
import { ROLES } from './users.entity.js';

export const roleSchema = z.enum(ROLES);

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: roleSchema,
    displayName: z.string(),
    lawyerId: z.number().int().nullable(),
    stationId: z.number().int().nullable(),
    email: z.string().nullable().meta({ description: 'where e-mail notifications go; null: in-app only' }),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const loginBody = z
  .strictObject({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'LoginRequest' });

export const loginResponse = z.object({ token: z.string(), user: userSchema }).meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof loginResponse>;

export const createUserBody = z
  .strictObject({
    username: z
      .string()
      .min(3)
      .max(64)
      .regex(/^[A-Za-z0-9_.-]+$/, 'may hold letters, digits, dot, dash and underscore'),
    password: z.string().min(10, 'must be at least 10 characters').max(200),
    role: roleSchema,
    displayName: z.string().max(50).optional(),
    lawyerId: positiveId.optional(),
    stationId: positiveId.optional(),
    email: z
      .email('must be an e-mail address')
      .max(200)
      .optional()
      .meta({ description: 'e-mail notifications go here (when SMTP is configured)' }),
  })
  .refine((u) => u.role !== 'lawyer' || u.lawyerId !== undefined, {
    message: 'a lawyer account must name its lawyerId',
    path: ['lawyerId'],
  })
  .meta({ id: 'CreateUser' });
export type CreateUserInput = z.infer<typeof createUserBody>;
