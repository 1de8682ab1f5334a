import { z } from 'zod';
import type { RequestHandler } from 'express';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import { createUserBody, loginBody, loginResponse, updateMeBody, updateUserBody, meSchema, userAccountSchema } from './auth.schema.js';
import type { UsersService } from './users.service.js';

export function authRoutes(users: UsersService, loginLimiter: RequestHandler): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in with username and password; returns a bearer token',
      tags: ['auth'],
      access: 'public',
      before: [loginLimiter],
      body: loginBody,
      response: loginResponse,
      handler: ({ body }) => users.login(body.username, body.password),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'End this session (the token stops working)',
      tags: ['auth'],
      access: 'signedIn',
      status: 204,
      handler: async ({ req }) => {
        const token = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
        if (token) await users.logout(token);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me',
      summary: 'The signed-in user',
      tags: ['auth'],
      access: 'signedIn',
      response: meSchema,
      handler: ({ user }) => users.me(user!),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/me',
      summary: 'Change my own settings: the language of my notifications',
      description:
        'lang (zh or en): the e-mails and in-app messages written for me from now on are in it, and the bell shows ' +
        'every message it can in it. The client sends it when the signed-in user switches the UI language.',
      tags: ['auth'],
      access: 'signedIn',
      body: updateMeBody,
      response: meSchema,
      handler: ({ body, user, req }) => users.updateMe(user!, body, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      summary: 'Create a user account',
      tags: ['auth'],
      access: ['admin'],
      body: createUserBody,
      response: userAccountSchema,
      status: 201,
      handler: ({ body, user, req }) => users.createUser(body, user, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/users',
      summary: 'List user accounts',
      tags: ['auth'],
      access: ['admin'],
      response: z.array(userAccountSchema),
      handler: () => users.listUsers(),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/users/:id',
      summary: 'Change a user account; {"active": false} deactivates it and ends its sessions at once',
      description:
        'Any of active, role, displayName, lawyerId, stationId, email, password. A lawyer account needs a lawyerId and ' +
        'no other role may have one. Deactivating the account or setting a password ends its sessions. ' +
        '409 when an admin deactivates their own account, when the last active admin would be deactivated or ' +
        'given another role, or when the lawyer already has another active account; 404 for an unknown id.',
      tags: ['auth'],
      access: ['admin'],
      params: idParams,
      body: updateUserBody,
      response: userAccountSchema,
      handler: ({ params, body, user, req }) => users.updateUser(params.id, body, user!, String(req.id)),
    }),
  ];
}
