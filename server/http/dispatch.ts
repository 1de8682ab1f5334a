/**
 * Finding a request's route in the route table, in one lookup rather than a walk.
 *
 * Express's router tries its layers one after the other, running each path's regular
 * expression until one matches; with the ~120 API routes on one router that walk, and
 * the `next()` closures it makes, was a visible share of every API request. Here the
 * table is compiled once: routes without parameters go into a map, routes with them
 * into buckets by method and number of segments, tried in table order.
 *
 * The result is the one Express would pick: the first route in table order whose method
 * and path match (HEAD is answered by GET routes), with the same path rules — case
 * insensitive, an optional trailing slash, `:name` matching one non-empty segment (or
 * the part of it before a literal suffix, as in `:id.ics`), values URI-decoded (a
 * malformed escape is a 400). OPTIONS is answered with the path's methods in `Allow`,
 * as Express's router does.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface Dispatchable {
  method: string;
  path: string;
}

interface Compiled<R> {
  index: number;
  route: R;
  /** null for a path without parameters. */
  regex: RegExp | null;
  names: string[];
}

export interface RouteMatch<R> {
  route: R;
  params: Record<string, string>;
}

const PARAM = /:([A-Za-z_$][A-Za-z0-9_$]*)/g;
const HAS_PARAM = /:[A-Za-z_$]/;

function normalise(path: string): string {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
}

function segments(path: string): number {
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++;
  return n;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class RouteTable<R extends Dispatchable> {
  /** "GET /api/stations" → the first route with that method and path. */
  private readonly statics = new Map<string, Compiled<R>>();
  /** "GET 3" → routes with parameters of that method and segment count, in table order. */
  private readonly dynamic = new Map<string, Compiled<R>[]>();
  private readonly all: Compiled<R>[] = [];

  constructor(routes: readonly R[]) {
    routes.forEach((route, index) => {
      const method = route.method.toUpperCase();
      const names: string[] = [];
      let regex: RegExp | null = null;
      if (HAS_PARAM.test(route.path)) {
        let source = '';
        let last = 0;
        for (const m of route.path.matchAll(PARAM)) {
          source += escapeRegex(route.path.slice(last, m.index)) + '([^/]+?)';
          names.push(m[1]!);
          last = m.index! + m[0].length;
        }
        source += escapeRegex(route.path.slice(last));
        regex = new RegExp(`^${source}/?$`, 'i');
      }
      const compiled: Compiled<R> = { index, route, regex, names };
      this.all.push(compiled);
      if (!regex) {
        const key = `${method} ${normalise(route.path)}`;
        if (!this.statics.has(key)) this.statics.set(key, compiled);
      } else {
        const key = `${method} ${segments(route.path)}`;
        const bucket = this.dynamic.get(key) ?? [];
        bucket.push(compiled);
        this.dynamic.set(key, bucket);
      }
    });
  }

  /** The route Express would run for `method` and `path` (no query string), or null. Throws URIError on a malformed escape. */
  match(method: string, path: string): RouteMatch<R> | null {
    return this.lookup(method === 'HEAD' ? 'GET' : method, path);
  }

  /** The methods some route answers at `path` (for OPTIONS), HEAD included where GET is. */
  methodsAt(path: string): string[] {
    const out = new Set<string>();
    for (const c of this.all) {
      if (c.regex ? c.regex.test(path) : normalise(c.route.path) === normalise(path)) {
        const method = c.route.method.toUpperCase();
        out.add(method);
        if (method === 'GET') out.add('HEAD');
      }
    }
    return [...out].sort();
  }

  private lookup(method: string, path: string): RouteMatch<R> | null {
    const fixed = this.statics.get(`${method} ${normalise(path)}`);
    const bucket = this.dynamic.get(`${method} ${segments(path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path)}`);
    if (bucket) {
      for (const c of bucket) {
        // A route defined before the fixed one wins, as in Express; after it, none can.
        if (fixed && c.index > fixed.index) break;
        const m = c.regex!.exec(path);
        if (!m) continue;
        const params: Record<string, string> = {};
        for (let i = 0; i < c.names.length; i++) params[c.names[i]!] = decodeURIComponent(m[i + 1]!);
        return { route: c.route, params };
      }
    }
    return fixed ? { route: fixed.route, params: {} } : null;
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The route table path that matched this request (e.g. `/api/stations/:id`), for metrics. */
    routePath?: string;
  }
}

/** Run `chain` in order the way Express runs a route's handlers; `done` gets an error or, at the end, nothing. */
function runChain(chain: readonly RequestHandler[], req: Request, res: Response, done: NextFunction): void {
  let i = 0;
  const step = (err?: unknown): void => {
    if (err === 'route' || err === 'router') return done();
    if (err) return done(err);
    const handler = chain[i++];
    if (!handler) return done();
    try {
      const r = handler(req, res, step) as unknown;
      if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, (e: unknown) => done(e ?? new Error('rejected')));
    } catch (e) {
      done(e);
    }
  };
  step();
}

/** Express middleware running the matched route's handler chain; anything unmatched goes on to `next`. */
export function dispatcher<R extends Dispatchable>(table: RouteTable<R>, chainOf: (route: R) => readonly RequestHandler[]): RequestHandler {
  const chains = new Map<R, readonly RequestHandler[]>();
  const chain = (route: R) => {
    let c = chains.get(route);
    if (!c) chains.set(route, (c = chainOf(route)));
    return c;
  };
  return (req, res, next) => {
    const path = req.path;
    let found: RouteMatch<R> | null;
    try {
      found = table.match(req.method, path);
    } catch (err) {
      return next(err); // a malformed %-escape: URIError, answered 400
    }
    if (!found) {
      if (req.method === 'OPTIONS') {
        const methods = table.methodsAt(path);
        if (methods.length) {
          const allow = methods.join(', ');
          res.setHeader('Allow', allow);
          res.setHeader('Content-Type', 'text/plain');
          res.end(allow);
          return;
        }
      }
      return next();
    }
    req.params = found.params;
    req.routePath = found.route.path;
    runChain(chain(found.route), req, res, next);
  };
}
