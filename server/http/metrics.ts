import client from 'prom-client';
import type { Request, Response } from 'express';

export interface Metrics {
  registry: client.Registry;
  /** Record one finished request (called by the request observer). */
  observe(req: Request, res: Response, seconds: number): void;
}

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const observe = (req: Request, res: Response, seconds: number) => {
    // The matched route pattern, never the raw path (keeps label cardinality bounded, no personal data).
    const route = req.routePath ?? (req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : req.path.startsWith('/api') ? 'unmatched' : 'static');
    duration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
  };
  return { registry, observe };
}
