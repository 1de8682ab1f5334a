import { rateLimit, type Options } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { errorBody } from './errors.js';
import { SharedRateStore } from './sharedRateStore.js';

const noop: RequestHandler = (_req, _res, next) => next();

export interface RateLimiters {
  /** Public routes: PUBLIC_RATE_LIMIT requests per minute per client. */
  public: RequestHandler;
  /** Sign-in: failed attempts per client per 10 minutes. */
  login: RequestHandler;
  /** Exchange counts with the other instances now (a timer does it every second). */
  sync(): Promise<void>;
}

/** How often each instance exchanges its counts with the others through the database. */
const SYNC_MS = 1000;

/** Failed sign-ins a client may make in 10 minutes, across every instance. */
export const LOGIN_FAILURE_LIMIT = 20;

/**
 * The limiters, counting across every instance through the database (sharedRateStore.ts).
 * Their stores stop and write what they still hold when the database handle closes.
 */
export function createRateLimiters(ctx: AppContext): RateLimiters {
  const stores: SharedRateStore[] = [];
  const limiter = (name: string, limit: number, windowMs: number, extra: Partial<Options> = {}): RequestHandler => {
    if (limit <= 0) return noop;
    const store = new SharedRateStore({ db: ctx.db, clock: ctx.clock, logger: ctx.logger, limiter: name, syncMs: SYNC_MS });
    stores.push(store);
    return rateLimit({
      windowMs,
      limit,
      store,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json(errorBody('rate_limited', 'Too many requests; please wait a minute and try again'));
      },
      ...extra,
    });
  };
  const limiters: RateLimiters = {
    public: limiter('public', ctx.config.publicRateLimit, 60_000),
    login: limiter('login', LOGIN_FAILURE_LIMIT, 10 * 60_000, { skipSuccessfulRequests: true }),
    sync: async () => {
      await Promise.all(stores.map((s) => s.sync()));
    },
  };
  ctx.db.onClose(async () => {
    await Promise.all(stores.map((s) => s.shutdown()));
  });
  return limiters;
}
