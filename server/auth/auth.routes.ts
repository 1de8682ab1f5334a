import { z } from 'zod';
import type { RequestHandler } from 'express';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { createUserBody, loginBody, loginResponse, userSchema } from './auth.schema.js';
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
      response: userSchema,
      handler: ({ user }) => user,
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      summary: 'Create a user account',
      tags: ['auth'],
      access: ['admin'],
      body: createUserBody,
      response: userSchema,
      status: 201,
      handler: ({ body, user, req }) => users.createUser(body, user, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/users',
      summary: 'List user accounts',
      tags: ['auth'],
      access: ['admin'],
      response: z.array(userSchema),
      handler: () => users.listUsers(),
    }),
  ];
}
