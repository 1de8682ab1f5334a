/**
 * Rate limits hold across instances: two apps, each with its own connection to one
 * database, stand for two instances behind a load balancer.
 */
import { expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../../server/app.js';
import type { AppContext } from '../../../server/context.js';
import { Db } from '../../../server/db/db.js';
import { LOGIN_FAILURE_LIMIT } from '../../../server/http/rateLimits.js';
import { createMigratedDb, describeEachDb, type DbKind } from '../../helpers/db.js';
import { TestClock, testConfig } from '../../helpers/app.js';
import { Factories } from '../../helpers/factories.js';

async function twoInstances(kind: DbKind, env: Record<string, string>, at = '2026-12-01T09:00:10+08:00') {
  const first = await createMigratedDb(kind);
  const second = await Db.connect({ url: first.url });
  const clock = new TestClock(at);
  const instance = (db: Db) => {
    const ctx: AppContext = { config: testConfig(env), db, logger: pino({ level: 'silent' }), clock };
    const built = createApp(ctx, { clientDir: '/nonexistent' });
    return { built, http: request(built.app), db, make: new Factories(ctx) };
  };
  const a = instance(first.db);
  const b = instance(second);
  return {
    a,
    b,
    clock,
    syncBoth: async () => {
      await a.built.rateLimits.sync();
      await b.built.rateLimits.sync();
      await a.built.rateLimits.sync();
    },
    close: async () => {
      await second.close();
      await first.drop();
    },
  };
}

const rows = (db: Db) => db.read((m) => m.query('SELECT limiter, bucket, window_no AS windowNo, hits FROM rate_limit_hits')) as Promise<{ limiter: string; bucket: string; windowNo: number; hits: number }[]>;

describeEachDb('rate limits across instances', (kind) => {
  it('holds PUBLIC_RATE_LIMIT for a client whose requests are spread over two instances', async () => {
    const t = await twoInstances(kind, { PUBLIC_RATE_LIMIT: '6' });
    try {
      for (let i = 0; i < 4; i++) expect((await t.a.http.get('/api/stations')).status).toBe(200);
      await t.syncBoth();
      // B meets the client (its fifth request), and learns of A's four at its next sync.
      expect((await t.b.http.get('/api/stations')).status).toBe(200);
      await t.syncBoth();
      expect((await t.b.http.get('/api/stations')).status).toBe(200);
      // Six in this minute across both: the seventh is refused on either instance.
      const refused = await t.b.http.get('/api/stations');
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      await t.syncBoth();
      expect((await t.a.http.get('/api/stations')).status).toBe(429);
      // The database holds one row for the client: a hash, never the address.
      const stored = await rows(t.a.db);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.limiter).toBe('public');
      expect(stored[0]!.bucket).toMatch(/^[0-9a-f]{32}$/);
      expect(Number(stored[0]!.hits)).toBeGreaterThanOrEqual(7);
      // The next minute starts afresh, and the rows of old windows are deleted.
      t.clock.advanceMinutes(2);
      expect((await t.a.http.get('/api/stations')).status).toBe(200);
      await t.syncBoth();
      const now = await rows(t.a.db);
      expect(now.map((r) => Number(r.hits))).toEqual([1]);
    } finally {
      await t.close();
    }
  });

  it('holds the sign-in failure limit across instances and does not count successful sign-ins', async () => {
    const t = await twoInstances(kind, {});
    try {
      const fail = (http: typeof t.a.http) => http.post('/api/auth/login').send({ username: 'nobody', password: 'wrong password' });
      const half = LOGIN_FAILURE_LIMIT / 2;
      // Successful sign-ins on both instances are not counted against the client.
      const u = await t.a.make.user({ role: 'staff' });
      for (const http of [t.a.http, t.b.http, t.a.http, t.b.http]) expect((await http.post('/api/auth/login').send({ username: u.username, password: u.password })).status).toBe(200);
      await t.syncBoth();
      for (let i = 0; i < half; i++) expect((await fail(t.a.http)).status).toBe(401);
      await t.syncBoth();
      for (let i = 0; i < half; i++) expect((await fail(t.b.http)).status).toBe(401);
      await t.syncBoth();
      expect((await fail(t.a.http)).status).toBe(429);
      expect((await fail(t.b.http)).status).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('does not count successful sign-ins on a clock far from the wall clock (DEMO_NOW, tests)', async () => {
    // express-rate-limit takes a success back only while the window it was told of is open on
    // its own clock (Date.now()): windows kept on a clock years behind looked over at once, and
    // after LOGIN_FAILURE_LIMIT good sign-ins the next was refused.
    for (const at of ['2020-03-02T10:00:00+08:00', '2031-03-03T10:00:00+08:00']) {
      const t = await twoInstances(kind, {}, at);
      try {
        const u = await t.a.make.user({ role: 'staff' });
        for (let i = 0; i < 3; i++) expect((await t.a.http.post('/api/auth/login').send({ username: u.username, password: u.password })).status).toBe(200);
        const failed = await t.a.http.post('/api/auth/login').send({ username: 'nobody', password: 'wrong password' });
        expect(failed.status).toBe(401);
        // Only the failure counts; the header tells the time left in the window, whatever the app's clock says.
        const header = String(failed.headers['ratelimit']);
        expect(header, at).toContain(`remaining=${LOGIN_FAILURE_LIMIT - 1}`);
        const reset = Number(/reset=(\d+)/.exec(header)?.[1]);
        expect(reset > 0 && reset <= 600, header).toBe(true);
      } finally {
        await t.close();
      }
    }
  });

  it('adds up hits that both instances write at the same moment', async () => {
    const t = await twoInstances(kind, { PUBLIC_RATE_LIMIT: '1000' });
    try {
      for (let round = 0; round < 3; round++) {
        await Promise.all([...Array(20)].flatMap(() => [t.a.http.get('/api/stations'), t.b.http.get('/api/stations')]));
        // Two SQLite connections in one process cannot race (a synchronous busy wait would hold
        // the thread the other needs to commit); on MySQL the two writes overlap for real.
        if (kind === 'mysql') await Promise.all([t.a.built.rateLimits.sync(), t.b.built.rateLimits.sync()]);
        else await t.syncBoth();
      }
      expect(Number((await rows(t.a.db))[0]!.hits)).toBe(120);
      // Once B has read the total (a concurrent sync may have read before A's write landed),
      // its next answer counts every hit: 121 of 1000, and the standard header says what is left.
      await t.syncBoth();
      const last = await t.b.http.get('/api/stations');
      expect(last.headers['ratelimit']).toMatch(/remaining=879\b/);
    } finally {
      await t.close();
    }
  });

  it('keeps limiting on its own while the database cannot take the counts, and shares them again after', async () => {
    const t = await twoInstances(kind, { PUBLIC_RATE_LIMIT: '3' });
    try {
      await t.a.db.tx((m) => m.query('DROP TABLE rate_limit_hits'));
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await t.a.http.get('/api/stations')).status);
      await t.a.built.rateLimits.sync(); // fails: the hits stay counted here
      codes.push((await t.a.http.get('/api/stations')).status);
      expect(codes).toEqual([200, 200, 200, 429]);
      await t.a.db.tx((m) =>
        m.query(
          t.a.db.kind === 'mysql'
            ? 'CREATE TABLE rate_limit_hits (limiter varchar(20) NOT NULL, bucket varchar(32) NOT NULL, window_no int NOT NULL, hits int NOT NULL, PRIMARY KEY (limiter, bucket, window_no))'
            : 'CREATE TABLE rate_limit_hits (limiter varchar(20) NOT NULL, bucket varchar(32) NOT NULL, window_no integer NOT NULL, hits integer NOT NULL, PRIMARY KEY (limiter, bucket, window_no))',
        ),
      );
      await t.syncBoth();
      // The four hits held back reach the database; the other instance meets the client
      // and, from its next sync on, refuses too.
      expect(Number((await rows(t.a.db))[0]!.hits)).toBe(4);
      await t.b.http.get('/api/stations');
      await t.syncBoth();
      expect(Number((await rows(t.a.db))[0]!.hits)).toBe(5);
      expect((await t.b.http.get('/api/stations')).status).toBe(429);
    } finally {
      await t.close();
    }
  });
});
