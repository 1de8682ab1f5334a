import { rateLimit, type Options } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { errorBody } from './errors.js';

const noop: RequestHandler = (_req, _res, next) => next();

function limiter(limit: number, windowMs: number, extra: Partial<Options> = {}): RequestHandler {
  if (limit <= 0) return noop;
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json(errorBody('rate_limited', 'Too many requests; please wait a minute and try again'));
    },
    ...extra,
  });
}

export interface RateLimiters {
  /** Public routes: PUBLIC_RATE_LIMIT requests per minute per client. */
  public: RequestHandler;
  /** Sign-in: failed attempts per client per 10 minutes. */
  login: RequestHandler;
}

export function createRateLimiters(publicPerMinute: number): RateLimiters {
  return {
    public: limiter(publicPerMinute, 60_000),
    login: limiter(20, 10 * 60_000, { skipSuccessfulRequests: true }),
  };
}
