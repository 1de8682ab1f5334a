/**
 * One definition per route: the same object mounts the Express handler chain
 * (rate limit → auth → validate → handler), documents it in the OpenAPI
 * registry, and lists it in the route table the access-matrix test walks.
 */
import type { NextFunction, Request, Response } from 'express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { roleAllowed, type Access, type AuthUser } from '../auth/policy.js';
import { dispatcher, RouteTable } from './dispatch.js';
import { AppError, errorBodySchema, zodDetails, type ErrorDetail } from './errors.js';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { INVALID_REQUEST, localizeMessage, requestLang, zodErrorMap, type Lang } from './messages.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  user: AuthUser | null;
  req: Request;
  res: Response;
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express path, e.g. `/api/stations/:id`. */
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response?: z.ZodType;
  status?: 200 | 201 | 204;
  /** Non-JSON responses (CSV, XLSX, HTML, iCalendar). The handler writes `res` itself. */
  produces?: string;
  /** Extra middleware (e.g. a rate limiter) placed before auth. */
  before?: RequestHandler[];
  /** Also accepted from unauthenticated callers with a token in the query (calendar feeds). */
  description?: string;
  handler: (input: HandlerInput<P, Q, B>) => Promise<unknown> | unknown;
}

/** Helps TypeScript infer P, Q and B from the schemas. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  def: RouteDef<P, Q, B>,
): RouteDef<P, Q, B> {
  return def;
}

export type AnyRoute = RouteDef<any, any, any>;

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string, details: ErrorDetail[], lang: Lang): unknown {
  if (!schema) return value;
  const errorMap = zodErrorMap(lang);
  const r = errorMap ? schema.safeParse(value, { error: errorMap }) : schema.safeParse(value);
  if (r.success) return r.data;
  details.push(...zodDetails(r.error, part === 'body' ? undefined : part).map((d) => ({ ...d, message: localizeMessage(d.message, lang) })));
  return undefined;
}

export type Authenticate = (req: Request) => Promise<AuthUser | null>;

/** The Express handlers of one route: its `before` middleware, then auth → validate → handler → response. */
export function routeHandlers(def: AnyRoute, authenticate: Authenticate): RequestHandler[] {
  const chain: RequestHandler[] = [...(def.before ?? [])];
  chain.push(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const user = await authenticate(req);
      if (def.access !== 'public') {
        if (!user) throw new AppError(401, 'unauthorized', 'Sign in first (a valid bearer token is required)');
        if (!roleAllowed(def.access, user)) throw new AppError(403, 'forbidden', 'Your role may not do this');
      }
      const details: ErrorDetail[] = [];
      const lang = requestLang(req.get('accept-language'));
      const params = parsePart(def.params, req.params, 'params', details, lang);
      const query = parsePart(def.query, req.query, 'query', details, lang);
      const hasBodySchema = def.body !== undefined;
      let body: unknown = undefined;
      if (hasBodySchema) {
        if (req.body === undefined && !req.is('application/json')) {
          details.push({ path: '(body)', message: 'A JSON body with Content-Type: application/json is required' });
        } else {
          body = parsePart(def.body, req.body, 'body', details, lang);
        }
      }
      if (details.length) throw new AppError(400, 'validation_failed', INVALID_REQUEST[lang], details);
      const result = await def.handler({ params, query, body, user, req, res } as HandlerInput<any, any, any>);
      if (res.headersSent || def.produces) return;
      if (def.status === 204) res.status(204).end();
      else sendJson(res, def.status ?? 200, result);
    } catch (err) {
      next(err);
    }
  });
  return chain;
}

/**
 * A route's JSON answer, written directly: what `res.json` sends (same body, status and
 * headers) without Express's `send`, which parses and re-formats the Content-Type and
 * checks freshness for every response — a tenth of the main thread's time per booking.
 * (HEAD gets no body: Node's response drops it.)
 */
export function sendJson(res: Response, status: number, value: unknown): void {
  const body = JSON.stringify(value) ?? '';
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** One middleware serving the whole route table (dispatch.ts finds the route Express would). */
export function mountRoutes(routes: AnyRoute[], authenticate: Authenticate): RequestHandler {
  return dispatcher(new RouteTable(routes), (def) => routeHandlers(def, authenticate));
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

export function registerOpenApi(registry: OpenAPIRegistry, routes: AnyRoute[]): void {
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const def of routes) {
    const errors: Record<string, { description: string; content: Record<string, { schema: z.ZodType }> }> = {};
    const err = (d: string) => ({ description: d, content: { 'application/json': { schema: errorBodySchema } } });
    errors['400'] = err('Invalid request (validation_failed)');
    if (def.access !== 'public') {
      errors['401'] = err('Not signed in');
      errors['403'] = err('Role or ownership does not allow it');
    }
    errors['503'] = err('Database unavailable');
    const ok =
      def.status === 204
        ? { description: 'Done' }
        : def.produces
          ? { description: def.summary, content: { [def.produces]: { schema: z.string() } } }
          : {
              description: 'OK',
              content: { 'application/json': { schema: def.response ?? z.unknown() } },
            };
    registry.registerPath({
      method: def.method,
      path: openApiPath(def.path),
      summary: def.summary,
      description: def.description,
      tags: def.tags,
      security: def.access === 'public' ? [] : [{ bearer: [] }],
      'x-access': def.access === 'public' || def.access === 'signedIn' ? def.access : [...def.access],
      request: {
        params: def.params as never,
        query: def.query as never,
        body: def.body ? { content: { 'application/json': { schema: def.body } } } : undefined,
      },
      responses: { [String(def.status ?? 200)]: ok, ...errors },
    } as never);
  }
}
