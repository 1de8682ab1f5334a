/**
 * The Express application: plumbing first, then every feature's routes from
 * one route table, then the built client with history fallback.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request } from 'express';
import type { AppContext } from './context.js';
import { errorHandler, unknownApiRoute } from './http/errors.js';
import { createMetrics } from './http/metrics.js';
import { buildOpenApiDocument, renderDocsHtml } from './http/openapi.js';
import { createRateLimiters, type RateLimiters } from './http/rateLimits.js';
import { requestObserver } from './http/requestObserver.js';
import { securityHeaders } from './http/securityHeaders.js';
import { mountRoutes, type AnyRoute } from './http/routes.js';
import { buildServices, type Services } from './services.js';
import { authRoutes } from './auth/auth.routes.js';
import { stationRoutes } from './stations/stations.routes.js';
import { lawyerRoutes } from './lawyers/lawyers.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { healthRoutes } from './http/health.routes.js';
import { rosterRoutes } from './rosters/rosters.routes.js';
import { bookingRoutes } from './bookings/bookings.routes.js';
import { swapRoutes } from './swaps/swaps.routes.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { icalRoutes } from './ical/ical.routes.js';
import { hotlineRoutes } from './hotline/hotline.routes.js';
import { statsRoutes } from './stats/stats.routes.js';
import { privacyRoutes } from './privacy/privacy.routes.js';
import { posterRoutes } from './posters/posters.routes.js';
import { auditRoutes } from './audit/audit.routes.js';

export interface App {
  app: express.Express;
  routes: AnyRoute[];
  services: Services;
  rateLimits: RateLimiters;
}

export function buildRouteTable(ctx: AppContext, services: Services, limiters: RateLimiters): AnyRoute[] {
  const routes: AnyRoute[] = [
    ...healthRoutes(ctx),
    ...authRoutes(services.users, limiters.login),
    ...stationRoutes(services.stations),
    ...lawyerRoutes(services.lawyers),
    ...calendarRoutes(services.calendar),
    ...rosterRoutes(services.rosters, services.rosterExports),
    ...bookingRoutes(services.bookings, services.waitlist),
    ...swapRoutes(services.swaps),
    ...notificationRoutes(services.notifications),
    ...icalRoutes(services.calendarFeeds),
    ...hotlineRoutes(services.hotline, services.referrals),
    ...statsRoutes(services.stats),
    ...privacyRoutes(services.privacy),
    ...posterRoutes(services.posters),
    ...auditRoutes(services.audit),
  ];
  // Public routes are rate limited per client (health and docs excepted: probes poll them).
  for (const r of routes) {
    if (r.access === 'public' && !r.path.startsWith('/api/health') && !r.path.startsWith('/api/openapi')) {
      r.before = [limiters.public, ...(r.before ?? [])];
    }
  }
  return routes;
}

export function createApp(ctx: AppContext, opts: { clientDir?: string } = {}): App {
  const services = buildServices(ctx);
  const rateLimits = createRateLimiters(ctx);
  const routes = buildRouteTable(ctx, services, rateLimits);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy === 'false' ? false : ctx.config.trustProxy);
  app.set('query parser', 'simple');
  // API answers are computed per request (and some are personal): no ETag hashing of every body.
  app.set('etag', false);

  const metrics = createMetrics();
  app.use(
    requestObserver({
      logger: ctx.logger,
      observe: metrics.observe,
      quiet: (req) => req.url === '/api/health' || req.url === '/metrics',
    }),
  );
  app.use(
    securityHeaders({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'font-src': ["'self'", 'data:'],
          'frame-ancestors': ["'none'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.use('/api', express.json({ limit: ctx.config.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }));

  app.use(
    mountRoutes(routes, (req: Request) => {
      // The scheme is case-insensitive (RFC 7235 §2.1); `i` leaves the token's class as it was, which holds both cases already.
      const token = /^Bearer ([A-Za-z0-9_-]{10,200})$/i.exec(req.get('authorization') ?? '')?.[1];
      return token ? services.users.authenticate(token) : Promise.resolve(null);
    }),
  );

  let openApiDoc: ReturnType<typeof buildOpenApiDocument> | null = null;
  const openApi = () => (openApiDoc ??= buildOpenApiDocument(routes));
  app.get('/api/openapi.json', (_req, res) => res.json(openApi()));
  app.get('/api/docs', (_req, res) => res.type('html').send(renderDocsHtml(openApi())));
  app.get('/metrics', async (_req, res, next) => {
    try {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });

  app.use('/api', unknownApiRoute);

  const clientDir = opts.clientDir ?? path.resolve('dist/client');
  const indexHtml = path.join(clientDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h', setHeaders: cacheHeaders }));
    // History fallback: every client route answers with the app.
    app.get(/^\/(?!api\/|metrics$).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  } else {
    app.get('/', (_req, res) =>
      res
        .type('text')
        .send('The client is not built. Run `npm run build` (npm start does it for you), or `npm run dev` for development.'),
    );
  }

  app.use(errorHandler);
  return { app, routes, services, rateLimits };
}

function cacheHeaders(res: express.Response, file: string) {
  // Vite's hashed assets never change; everything else is revalidated.
  if (/[\\/]assets[\\/]/.test(file)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
