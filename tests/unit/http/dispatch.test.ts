import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { RouteTable } from '../../../server/http/dispatch.js';
import type { AnyRoute } from '../../../server/http/routes.js';
import { TestClock, testConfig } from '../../helpers/app.js';
import { createMigratedDb } from '../../helpers/db.js';

/** Express's own router over the same table, answering with the index of the route it picked. */
function expressPicker(routes: AnyRoute[]) {
  const app = express();
  const router = express.Router();
  routes.forEach((r, i) => router[r.method](r.path, (req, res) => res.json({ i, params: { ...req.params } })));
  app.use(router);
  app.use((_req, res) => res.status(404).json({ i: -1 }));
  app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => res.status(400).json({ i: -2 }));
  return request(app);
}

/** Paths for a route: its parameters filled with plain, encoded and awkward values, with and without a trailing slash, in other letter cases. */
function samplePaths(path: string): string[] {
  const fills = ['12', 'abc', '%E5%BC%A0%E4%B8%89', 'a.b', '2026-12'];
  const out = new Set<string>();
  for (const v of fills) {
    const p = path.replace(/:([A-Za-z_$][A-Za-z0-9_$]*)/g, v);
    out.add(p);
    out.add(`${p}/`);
    out.add(p.toUpperCase().replace(/%[0-9A-F]{2}/gi, (m) => m));
  }
  return [...out];
}

describe('the route table picks the route Express would', () => {
  let routes: AnyRoute[];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const made = await createMigratedDb('sqlite');
    drop = made.drop;
    routes = createApp({ config: testConfig(), db: made.db, logger: pino({ level: 'silent' }), clock: new TestClock() }).routes;
  });
  afterAll(async () => drop());

  it('for every path of every route, every method, and paths no route has', async () => {
    const table = new RouteTable(routes);
    const express = expressPicker(routes);
    const paths = new Set<string>(['/api', '/api/', '/api/nothing', '/api/stations/1/nothing', '/API/STATIONS', '/api/stations//1', '/api/stations/%zz', '/other']);
    for (const r of routes) for (const p of samplePaths(r.path)) paths.add(p);
    let compared = 0;
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE']) {
        const res = await express[method.toLowerCase() as 'get'](path);
        let ours: { i: number; params?: Record<string, string> };
        try {
          const m = table.match(method, path);
          ours = m ? { i: routes.indexOf(m.route as AnyRoute), params: m.params } : { i: -1 };
        } catch {
          ours = { i: -2 };
        }
        const theirs = method === 'HEAD' ? { i: res.status === 200 ? -3 : res.status === 404 ? -1 : -2 } : res.body;
        if (method === 'HEAD') {
          // HEAD has no body to say which route answered: compare found / not found only.
          expect(ours.i >= 0 ? -3 : ours.i, `${method} ${path}`).toBe(theirs.i);
        } else if (theirs.i === -2) {
          // Express decodes the parameters of every route whose path matches, whatever its
          // method, so a malformed escape is its 400 even where no route has the method; ours
          // is then a 404. Either way no route runs.
          expect([-1, -2], `${method} ${path}`).toContain(ours.i);
        } else {
          expect(ours, `${method} ${path}`).toEqual(theirs.i >= 0 ? theirs : { i: theirs.i });
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('answers OPTIONS with the methods of the path', () => {
    const table = new RouteTable(routes);
    expect(table.methodsAt('/api/appointments')).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
    expect(table.methodsAt('/api/no-such-thing')).toEqual([]);
  });
});
