/**
 * One middleware for what every request gets on its way out: a request id (kept from
 * a well-formed `X-Request-Id`, else a new UUID, and echoed back), a log line and a
 * latency observation. One `finish` listener does both, and `req.log` (a child logger
 * bound to the request id) is only built when something logs through it — most
 * requests never do — so the cost per request stays small (see docs/performance.md).
 *
 * The log line has the fields pino-http wrote: `req` {id, method, url}, `res`
 * {statusCode}, `responseTime` (ms). The URL is logged without its query string (it
 * can hold a phone number) and with phone numbers masked; headers are never logged.
 */
import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { maskPhonesInText } from '../lib/mask.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id (X-Request-Id). */
    id: string;
    /** A logger bound to this request's id. */
    log: Logger;
  }
}

export interface RequestObserverOptions {
  logger: Logger;
  /** Called once per finished request with its latency in seconds (metrics). */
  observe?: (req: Request, res: Response, seconds: number) => void;
  /** Requests not worth a log line (health probes, metric scrapes). */
  quiet?: (req: Request) => boolean;
}

const REQUEST_ID = /^[\w-]{1,64}$/;
const CHILD = Symbol('request logger');
const PATCHED = Symbol('lazy req.log defined');

/**
 * `req.log` as a lazy getter on the app's request prototype, defined once per prototype:
 * defining a property on every request object cost more than all the rest of this
 * middleware (and turned each request into a slower, dictionary-mode object).
 */
function defineLazyLog(proto: object, logger: Logger): void {
  if (Object.prototype.hasOwnProperty.call(proto, PATCHED)) return;
  Object.defineProperty(proto, PATCHED, { value: true });
  Object.defineProperty(proto, 'log', {
    configurable: true,
    enumerable: false,
    get(this: Request & { [CHILD]?: Logger }) {
      if (!Object.prototype.hasOwnProperty.call(this, CHILD)) {
        Object.defineProperty(this, CHILD, { value: logger.child({ reqId: this.id }), enumerable: false });
      }
      return this[CHILD]!;
    },
  });
}

export function requestObserver(opts: RequestObserverOptions): RequestHandler {
  const { logger, observe, quiet } = opts;
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    defineLazyLog(Object.getPrototypeOf(req) as object, logger);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      observe?.(req, res, seconds);
      if (quiet?.(req)) return;
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: maskPhonesInText(String(req.originalUrl ?? req.url).split('?')[0] ?? '') },
          res: { statusCode: status },
          responseTime: Math.round(seconds * 1000),
        },
        status >= 500 ? 'request errored' : 'request completed',
      );
    });
    next();
  };
}
