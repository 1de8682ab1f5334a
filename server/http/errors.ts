/**
 * The contract's one error shape, and the middleware that produces it for
 * everything: domain errors, validation, malformed JSON, oversized bodies,
 * unknown routes, an unreachable database and anything unexpected.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../db/errors.js';
import { safeError } from '../logger.js';
import { maskPhonesInText } from '../lib/mask.js';
import { localizeMessage, requestLang } from './messages.js';

export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'slot_full'
  | 'lawyer_busy'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) =>
  new AppError(400, 'validation_failed', message, details);
export const notFound = (what = 'Not found') => new AppError(404, 'not_found', what);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(403, 'forbidden', message);
export const conflict = (message: string, code: 'conflict' | 'slot_full' | 'lawyer_busy' = 'conflict', details?: ErrorDetail[]) =>
  new AppError(409, code, message, details);

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export function errorBody(code: string, message: string, details?: ErrorDetail[]) {
  return { error: details && details.length ? { code, message, details } : { code, message } };
}

export function zodDetails(err: z.ZodError, prefix?: string): ErrorDetail[] {
  return err.issues.slice(0, 50).map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: i.message,
  }));
}

export const unknownApiRoute: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `No such endpoint: ${req.method} ${req.originalUrl.split("?")[0]}`));
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) {
    req.log?.error({ err: safeError(err) }, 'error after headers were sent');
    res.end();
    return;
  }
  if (err instanceof AppError) {
    const lang = requestLang(req.get('accept-language'));
    const details = err.details?.map((d) => ({ path: d.path, message: localizeMessage(d.message, lang) }));
    res.status(err.status).json(errorBody(err.code, localizeMessage(err.message, lang), details));
    return;
  }
  if (err instanceof z.ZodError) {
    res.status(400).json(errorBody('validation_failed', 'The request is not valid', zodDetails(err)));
    return;
  }
  // body-parser errors carry a `type` and a status
  const type = (err as { type?: string })?.type;
  if (type === 'entity.too.large') {
    res.status(413).json(errorBody('payload_too_large', 'The request body is too large'));
    return;
  }
  if (type === 'entity.parse.failed') {
    res.status(400).json(errorBody('validation_failed', 'The request body is not valid JSON'));
    return;
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported' || type === 'request.aborted' || type === 'request.size.invalid') {
    res.status(400).json(errorBody('validation_failed', 'The request body could not be read'));
    return;
  }
  const status = (err as { status?: number })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(400).json(errorBody('validation_failed', 'The request could not be read'));
    return;
  }
  if (err instanceof URIError) {
    res.status(400).json(errorBody('validation_failed', 'The address is not valid'));
    return;
  }
  if (isDatabaseUnavailable(err)) {
    req.log?.warn({ err: { message: maskPhonesInText(String((err as Error).message)) } }, 'database unavailable');
    res.setHeader('Retry-After', '5');
    res.status(503).json(errorBody('unavailable', 'The database cannot be reached; please retry shortly'));
    return;
  }
  // Only what safeError keeps: a failed statement's parameters hold names and phone numbers.
  req.log?.error({ err: safeError(err) }, 'unhandled error');
  res.status(500).json(errorBody('internal', `Something went wrong (request ${String(req.id ?? '')})`));
};
