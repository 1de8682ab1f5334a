import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { createMigratedDb } from '../../helpers/db.js';
import { TestClock, testConfig } from '../../helpers/app.js';
import { createApp } from '../../../server/app.js';

describe('the client is served with security headers and history fallback', () => {
  let dir: string;
  let http: ReturnType<typeof request>;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyroster-client-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const made = await createMigratedDb('sqlite');
    drop = made.drop;
    const ctx = { config: testConfig(), db: made.db, logger: pino({ level: 'silent' }), clock: new TestClock() };
    http = request(createApp(ctx, { clientDir: dir }).app);
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/', '/book', '/book/GSH-001', '/booking', '/login', '/coverage', '/desk'])('serves %s as the app with a strict CSP', async (p) => {
    const res = await http.get(p);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
    const csp = res.headers['content-security-policy'] as string;
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('caches hashed assets for a year and keeps /api paths JSON', async () => {
    const asset = await http.get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const api = await http.get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
  });
});
