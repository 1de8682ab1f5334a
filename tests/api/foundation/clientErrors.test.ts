/** Requests Node's parser refuses (huge headers, garbage) still get the contract's error shape. */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { answerClientErrors } from '../../../server/http/clientErrors.js';

function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    let out = '';
    socket.on('data', (d) => (out += String(d)));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

describeEachDb('requests the HTTP parser refuses', (kind) => {
  let t: TestApp;
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    t = await setupTestApp(kind);
    server = http.createServer(t.app);
    answerClientErrors(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const parse = (response: string) => {
    const [head, body] = response.split('\r\n\r\n');
    return { status: Number(head!.split(' ')[1]), head: head!, body: JSON.parse(body!) };
  };

  it('answers headers over the limit with 431 and a JSON error body', async () => {
    const res = parse(await raw(port, `GET /api/stations HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`));
    expect(res.status).toBe(431);
    expect(res.head).toMatch(/content-type: application\/json/i);
    expect(res.body).toEqual({ error: { code: 'validation_failed', message: 'The request headers are too large' } });
  });

  it('answers a request that is not HTTP with 400 and a JSON error body', async () => {
    const res = parse(await raw(port, 'HELLO THERE\r\n\r\n'));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
