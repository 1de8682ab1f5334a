import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from './errors.js';
import { defineRoute, type AnyRoute } from './routes.js';

export function healthRoutes(ctx: AppContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      summary: 'Liveness and database reachability (503 when the database is down)',
      tags: ['operations'],
      access: 'public',
      response: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'mysql']) }).meta({ id: 'Health' }),
      handler: async ({ res }) => {
        res.setHeader('Cache-Control', 'no-store');
        if (!(await ctx.db.ping())) {
          throw new AppError(503, 'unavailable', 'The database cannot be reached');
        }
        return { status: 'ok' as const, db: ctx.db.kind };
      },
    }),
  ];
}
