import express from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../server/http/securityHeaders.js';

/** The headers a response carries, minus those that differ per response anyway. */
async function headersOf(use: express.RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.use(use);
  app.get('/x', (_req, res) => res.json({ ok: true }));
  const res = await request(app).get('/x');
  const { date: _date, etag: _etag, ...rest } = res.headers as Record<string, string>;
  return rest;
}

const OPTIONS: HelmetOptions[] = [
  {},
  {
    contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'frame-ancestors': ["'none'"] } },
    crossOriginEmbedderPolicy: false,
  },
  { crossOriginEmbedderPolicy: true, hsts: { maxAge: 600 }, frameguard: { action: 'deny' } },
];

describe('securityHeaders sends what helmet sends', () => {
  it.each(OPTIONS)('with options %j', async (options) => {
    const ours = await headersOf(securityHeaders(options));
    const theirs = await headersOf(helmet(options));
    expect(ours).toEqual(theirs);
    expect(ours['content-security-policy']).toMatch(/default-src/);
    expect(ours['x-powered-by']).toBeUndefined();
  });

  it('refuses a policy computed per request (a nonce) rather than freeze it', () => {
    const perRequest = { contentSecurityPolicy: { directives: { 'script-src': ["'self'", () => "'nonce-abc'"] } } } as HelmetOptions;
    expect(() => securityHeaders(perRequest)).toThrow(/per request/);
  });
});
