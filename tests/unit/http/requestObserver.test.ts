import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { requestObserver } from '../../../server/http/requestObserver.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('the request observer', () => {
  it('gives each request an id (kept from a well-formed X-Request-Id) and a logger bound to it, built only when used', async () => {
    const { logger, lines } = capture();
    const observed: { status: number; seconds: number }[] = [];
    const app = express();
    app.use(requestObserver({ logger, observe: (_req, res, seconds) => observed.push({ status: res.statusCode, seconds }) }));
    app.get('/log', (req, res) => {
      req.log.info('from the handler');
      req.log.info('again');
      res.json({ id: req.id, same: req.log === req.log });
    });
    app.get('/quiet', (req, res) => res.json({ id: req.id }));
    const http = request(app);

    const a = await http.get('/log').set('X-Request-Id', 'abc-123');
    expect(a.headers['x-request-id']).toBe('abc-123');
    expect(a.body).toEqual({ id: 'abc-123', same: true });
    const b = await http.get('/log').set('X-Request-Id', 'not valid!');
    expect(b.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).toBe(b.body.id);
    const c = await http.get('/quiet');
    expect(c.body.id).not.toBe(b.body.id);

    await new Promise((r) => setImmediate(r));
    const fromHandler = lines.filter((l) => l.msg === 'from the handler' || l.msg === 'again');
    // Each request's lines carry its own id; requests that never log get no child logger lines.
    expect(fromHandler.map((l) => l.reqId)).toEqual(['abc-123', 'abc-123', b.body.id, b.body.id]);
    const done = lines.filter((l) => l.msg === 'request completed');
    expect(done.map((l) => (l.req as { id: string }).id)).toEqual(['abc-123', b.body.id, c.body.id]);
    expect(observed).toHaveLength(3);
    expect(observed.every((o) => o.status === 200 && o.seconds >= 0)).toBe(true);
  });

  it('keeps the loggers of two apps apart', async () => {
    const one = capture();
    const two = capture();
    const make = (logger: pino.Logger, name: string) => {
      const app = express();
      app.use(requestObserver({ logger }));
      app.get('/', (req, res) => {
        req.log.info(name);
        res.end();
      });
      return request(app);
    };
    await make(one.logger, 'one').get('/');
    await make(two.logger, 'two').get('/');
    expect(one.lines.map((l) => l.msg)).toContain('one');
    expect(one.lines.map((l) => l.msg)).not.toContain('two');
    expect(two.lines.map((l) => l.msg)).toContain('two');
  });
});
