/**
 * A real app on a real, migrated database, driven through supertest, with a
 * settable clock and factories that create what a test needs.
 */
import request from 'supertest';
import type { Express } from 'express';
import pino from 'pino';
import { loadConfig, type Config } from '../../server/config.js';
import type { AppContext, Clock } from '../../server/context.js';
import type { Db } from '../../server/db/db.js';
import { createApp, type App } from '../../server/app.js';
import { UserEntity, type Role } from '../../server/auth/users.entity.js';
import { createMigratedDb, type DbKind } from './db.js';
import { Factories, PASSWORD } from './factories.js';
import { seedDemo } from '../../server/seed/demo.js';

export class TestClock implements Clock {
  private current: Date;
  constructor(iso = '2026-12-01T09:00:00+08:00') {
    this.current = new Date(iso);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
  advanceMinutes(n: number): void {
    this.current = new Date(this.current.getTime() + n * 60_000);
  }
}

export interface TestApp {
  kind: DbKind;
  ctx: AppContext;
  db: Db;
  app: Express;
  built: App;
  clock: TestClock;
  http: ReturnType<typeof request>;
  make: Factories;
  /** Sign in as a fresh user of that role (optionally linked to a lawyer / station); returns the bearer header value. */
  tokenFor(role: Role, extra?: { lawyerId?: number; stationId?: number }): Promise<string>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    SEED_DEMO: '0',
    LOG_LEVEL: 'silent',
    PUBLIC_RATE_LIMIT: '0',
    JOBS_ENABLED: '0',
    ...overrides,
  });
}

/** A test app holding the demo network, as `npm start` loads it (fails when the demo does not load). */
export async function setupDemoApp(kind: DbKind, opts: Parameters<typeof setupTestApp>[1] = {}): Promise<TestApp> {
  const t = await setupTestApp(kind, opts);
  if ((await seedDemo(t.ctx)) === null) {
    await t.close();
    throw new Error('the demo network did not load');
  }
  return t;
}

export async function setupTestApp(
  kind: DbKind,
  opts: { env?: Record<string, string>; now?: string; poolSize?: number } = {},
): Promise<TestApp> {
  const { db, drop } = await createMigratedDb(kind, opts.poolSize);
  const clock = new TestClock(opts.now);
  const ctx: AppContext = {
    config: testConfig(opts.env),
    db,
    logger: pino({ level: 'silent' }),
    clock,
  };
  const built = createApp(ctx, { clientDir: '/nonexistent' });
  const make = new Factories(ctx);
  const http = request(built.app);
  return {
    kind,
    ctx,
    db,
    app: built.app,
    built,
    clock,
    http,
    make,
    async tokenFor(role, extra = {}) {
      // A lawyer has at most one active account (a unique index): a second token for the lawyer signs in to it again.
      const held = extra.lawyerId === undefined ? null : await db.read((m) => m.findOneBy(UserEntity, { lawyerId: extra.lawyerId, active: true }));
      const u = held ? { username: held.username, password: PASSWORD } : await make.user({ role, ...extra });
      const res = await http.post('/api/auth/login').send({ username: u.username, password: u.password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return `Bearer ${res.body.token}`;
    },
    close: drop,
  };
}
