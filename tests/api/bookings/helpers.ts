/** Shared bits of the booking tests: request bodies, unique phones, a listening server for real concurrency. */
import type { Server } from 'node:http';
import request from 'supertest';
import type { TestApp } from '../../helpers/app.js';

let counter = 0;
/** A fresh mainland mobile number per call (per-phone limits never get in the way by accident). */
export const freshPhone = () => `139${String(process.pid % 1000).padStart(3, '0')}${String(++counter).padStart(5, '0')}`;

export function bookingFor(stationId: number, start: string, over: Record<string, unknown> = {}) {
  return { stationId, start, name: '张三', phone: freshPhone(), category: 'wage_arrears', consent: true, ...over };
}

/** One listening server, so a burst of requests really runs side by side. */
export async function listen(t: TestApp): Promise<{ http: ReturnType<typeof request>; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    http: request(server),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const rows: Record<string, unknown>[] = await t.db.ds.query(sql, params);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}
