/**
 * Helmet's security headers, worked out once.
 *
 * `helmet()` is a chain of a dozen small middlewares, and its Content-Security-Policy
 * middleware joins the directives into a string on every request. Our policy has no
 * per-request parts (no nonces, no functions), so helmet is run once at start-up against
 * a recording response, and each request then gets the recorded headers in one loop.
 * Helmet stays the source of truth for which headers and values are sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

export interface RecordedHeaders {
  set: [string, string][];
  removed: string[];
}

/** What `helmet(options)` does to a response. */
export function recordHelmet(options: HelmetOptions): RecordedHeaders {
  const csp = options.contentSecurityPolicy;
  const directives = csp && typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (directives.some((d) => typeof d === 'function' || (Array.isArray(d) && d.some((v) => typeof v === 'function')))) {
    throw new Error('a Content-Security-Policy directive computed per request (a nonce) cannot be sent from a recording: use helmet() itself');
  }
  const recorded: RecordedHeaders = { set: [], removed: [] };
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      if (typeof value !== 'string') throw new Error(`helmet set ${name} to a non-string value: precompute cannot record it`);
      recorded.set.push([name, value]);
      return this;
    },
    removeHeader(name: string) {
      recorded.removed.push(name);
    },
  } as unknown as ServerResponse;
  const req = { method: 'GET', url: '/', headers: {} } as IncomingMessage;
  let called = false;
  helmet(options)(req, res, (err?: unknown) => {
    if (err) throw err;
    called = true;
  });
  // Every helmet middleware is synchronous; a future asynchronous one must not be skipped silently.
  if (!called) throw new Error('helmet did not finish synchronously');
  return recorded;
}

export function securityHeaders(options: HelmetOptions): RequestHandler {
  const { set, removed } = recordHelmet(options);
  return (_req, res, next) => {
    for (let i = 0; i < set.length; i++) res.setHeader(set[i]![0], set[i]![1]);
    for (let i = 0; i < removed.length; i++) res.removeHeader(removed[i]!);
    next();
  };
}
