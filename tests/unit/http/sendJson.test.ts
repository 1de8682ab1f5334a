import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sendJson } from '../../../server/http/routes.js';

const VALUES: unknown[] = [{ a: 1, name: '张三', note: 'line\nbreak "quoted" </script>' }, [1, 2, 3], 'text', 0, null, true, { nested: { deep: [{}] } }];

function appWith(send: (res: express.Response, value: unknown) => void) {
  const app = express();
  app.set('etag', false);
  app.all('/v/:i', (req, res) => send(res, VALUES[Number(req.params.i)]));
  app.all('/undefined', (_req, res) => send(res, undefined));
  return request(app);
}

describe('sendJson answers what res.json answers', () => {
  const ours = appWith((res, v) => sendJson(res, 201, v));
  const express_ = appWith((res, v) => void res.status(201).json(v));

  it.each(VALUES.map((_, i) => i))('value %i: same status, body, Content-Type and Content-Length', async (i) => {
    const [a, b] = await Promise.all([ours.get(`/v/${i}`), express_.get(`/v/${i}`)]);
    expect(a.status).toBe(201);
    expect(a.status).toBe(b.status);
    expect(a.text).toBe(b.text);
    expect(a.headers['content-type']).toBe(b.headers['content-type']);
    expect(a.headers['content-length']).toBe(b.headers['content-length']);
  });

  it('sends no body to HEAD, with the length the body would have', async () => {
    const [a, b] = await Promise.all([ours.head('/v/0'), express_.head('/v/0')]);
    expect(a.text ?? '').toBe('');
    expect(a.headers['content-length']).toBe(b.headers['content-length']);
  });

  it('answers undefined with an empty body, as Express does', async () => {
    const [a, b] = await Promise.all([ours.get('/undefined'), express_.get('/undefined')]);
    expect(a.text).toBe(b.text);
    expect(a.text).toBe('');
  });
});
