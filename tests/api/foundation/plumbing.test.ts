import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';

describeEachDb('HTTP plumbing', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp(kind);
  });
  afterAll(() => t.close());

  it('reports health with the database kind', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: kind });
  });

  it('answers unknown /api paths with a JSON 404 in the error shape', async () => {
    const res = await t.http.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.body.error.message).toContain('/api/no-such-thing');
  });

  it('rejects malformed JSON with 400 validation_failed and no stack', async () => {
    const token = await t.tokenFor('coordinator');
    const res = await t.http
      .post('/api/stations')
      .set('Authorization', token)
      .set('Content-Type', 'application/json')
      .send('{"code": "X1", ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('rejects an oversized body with 413 payload_too_large', async () => {
    const token = await t.tokenFor('coordinator');
    const res = await t.http
      .post('/api/stations')
      .set('Authorization', token)
      .send({ code: 'BIG', name: 'x'.repeat(200_000), level: 'district' });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('rejects wrong types and unknown fields with details naming the field', async () => {
    const token = await t.tokenFor('coordinator');
    const wrong = await t.http
      .post('/api/stations')
      .set('Authorization', token)
      .send({ code: 'OK-1', name: '站', level: 'district', slotMinutes: 'thirty' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.map((d: { path: string }) => d.path)).toContain('slotMinutes');
    const unknown = await t.http
      .post('/api/stations')
      .set('Authorization', token)
      .send({ code: 'OK-2', name: '站', level: 'district', isAdmin: true });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details)).toContain('isAdmin');
    const list = await t.http.get('/api/stations');
    expect(list.body.map((s: { code: string }) => s.code)).not.toContain('OK-1');
  });

  it('rejects prototype-pollution keys without changing anything', async () => {
    const token = await t.tokenFor('coordinator');
    const res = await t.http
      .post('/api/stations')
      .set('Authorization', token)
      .set('Content-Type', 'application/json')
      .send('{"code":"PP-1","name":"站","level":"district","__proto__":{"admin":true}}');
    expect(res.status).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('rejects a body without a JSON content type', async () => {
    const token = await t.tokenFor('coordinator');
    const res = await t.http.post('/api/stations').set('Authorization', token).set('Content-Type', 'text/plain').send('hello');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('gives every response a request id and no x-powered-by', async () => {
    const res = await t.http.get('/api/stations');
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves an OpenAPI 3.1 document listing every route in the route table, and human docs', async () => {
    const res = await t.http.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const r of t.built.routes) {
      const p = r.path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
      expect(res.body.paths[p]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
    }
    expect(res.body.components.schemas.Station).toBeDefined();
    const docs = await t.http.get('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('/api/stations');
  });

  it('exposes Prometheus metrics', async () => {
    await t.http.get('/api/stations');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('route="/api/stations"');
  });
});

describeEachDb('health when the database is gone', (kind) => {
  it('answers 503 unavailable from health and from data routes', async () => {
    const t = await setupTestApp(kind);
    try {
      await t.db.ds.destroy();
      const health = await t.http.get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body.error.code).toBe('unavailable');
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});

describe('rate limits on public routes', () => {
  it('answers 429 rate_limited past PUBLIC_RATE_LIMIT per minute', async () => {
    const t = await setupTestApp('sqlite', { env: { PUBLIC_RATE_LIMIT: '5' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await t.http.get('/api/stations')).status);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(codes[6]).toBe(429);
      const res = await t.http.get('/api/stations');
      expect(res.body.error.code).toBe('rate_limited');
      expect((await t.http.get('/api/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('validation messages in the caller’s language', () => {
  it('answers in Chinese for Accept-Language zh-CN and in English otherwise, with the same paths', async () => {
    const t = await setupTestApp('sqlite');
    try {
      const bad = { from: '2026-02-30', to: 'x' };
      const zh = await t.http.get('/api/calendar-days').query(bad).set('Authorization', await t.tokenFor('staff')).set('Accept-Language', 'zh-CN,zh;q=0.9');
      const en = await t.http.get('/api/calendar-days').query(bad).set('Authorization', await t.tokenFor('staff')).set('Accept-Language', 'en-US');
      expect(zh.status).toBe(400);
      expect(zh.body.error.message).toBe('请求内容不正确');
      expect(en.body.error.message).toBe('The request is not valid');
      const zhMessages = zh.body.error.details.map((d: { path: string; message: string }) => `${d.path}: ${d.message}`);
      expect(zhMessages).toContain('query.from: 没有这一天');
      expect(zhMessages).toContain('query.to: 日期格式应为 YYYY-MM-DD');
      const paths = (r: typeof zh) => r.body.error.details.map((d: { path: string }) => d.path).sort();
      expect(paths(en)).toEqual(paths(zh));
      const wrongType = await t.http
        .post('/api/stations')
        .set('Authorization', await t.tokenFor('coordinator'))
        .set('Accept-Language', 'zh-CN')
        .send({ code: 'Z-1', name: '站', level: 'district', slotMinutes: 'thirty' });
      expect(wrongType.body.error.details[0].message).toMatch(/无效输入/);
    } finally {
      await t.close();
    }
  });
});

describe('the services’ error messages in the caller’s language', () => {
  it('answers a 409 and a 400 with its details in Chinese for Accept-Language zh-CN, in English otherwise', async () => {
    const t = await setupTestApp('sqlite');
    try {
      const admin = await t.tokenFor('admin');
      const account = { username: 'same.name', password: 'a-long-password', role: 'staff' };
      expect((await t.http.post('/api/users').set('Authorization', admin).send(account)).status).toBe(201);
      const taken = (lang: string) => t.http.post('/api/users').set('Authorization', admin).set('Accept-Language', lang).send(account);
      const zh = await taken('zh-CN,zh;q=0.9');
      expect(zh.status).toBe(409);
      expect(zh.body.error).toEqual({ code: 'conflict', message: '用户名“same.name”已被使用' });
      expect((await taken('en-US')).body.error).toEqual({ code: 'conflict', message: 'The username "same.name" is taken' });

      const booking = { stationId: 999999, start: '2026-12-03T09:00:00+08:00', name: '张三', phone: '13912345678', category: 'wage_arrears', consent: true };
      const noStation = (lang: string) => t.http.post('/api/appointments').set('Accept-Language', lang).send(booking);
      const zh400 = await noStation('zh-CN');
      expect(zh400.status).toBe(400);
      expect(zh400.body.error).toEqual({ code: 'validation_failed', message: '没有这个站点', details: [{ path: 'stationId', message: '没有这个编号的开放站点' }] });
      expect((await noStation('en')).body.error).toEqual({
        code: 'validation_failed',
        message: 'No such station',
        details: [{ path: 'stationId', message: 'no open station has this id' }],
      });
    } finally {
      await t.close();
    }
  });
});
