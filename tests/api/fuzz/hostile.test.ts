/**
 * Hostile input against every route in the route table: malformed JSON, wrong
 * types, absurd numbers and dates, huge arrays, prototype-pollution keys,
 * SQL-looking strings, NUL bytes, RRULE bombs, bad ids in paths. Whatever comes
 * in, the answer is never a 5xx, every error has the contract's shape, and a
 * request answered with 4xx changes nothing in the database.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEachDb } from '../../helpers/db.js';
import { setupDemoApp, type TestApp } from '../../helpers/app.js';
import type { AnyRoute } from '../../../server/http/routes.js';
import type { Role } from '../../../server/auth/users.entity.js';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);

// Routes whose success would sign the fuzzer out.
const SKIP = new Set(['post /api/auth/logout', 'post /api/me/calendar-token/rotate']);

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    "' OR 1=1 --",
    '"; DROP TABLE shifts; --',
    '<script>alert(1)</script>',
    '=cmd|/c calc',
    '../../etc/passwd',
    '%00',
    '2026-02-30',
    '2026-13-01',
    '9999-12-31',
    '0000-00-00',
    '2026-12-03T25:00:00+08:00',
    '0001-01-01T00:00:00+08:00',
    '9999-12-31T23:59:59-23:59',
    '1e309',
    'NaN',
    '-1',
    '0',
    '13800138000',
    '99999999999999999999999',
    'FREQ=SECONDLY',
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=YEARLY;INTERVAL=1;BYSETPOS=-400;BYDAY=MO',
    'FREQ=DAILY;COUNT=999999999',
    '😀'.repeat(50),
    'x'.repeat(5000),
    '__proto__',
    'constructor',
  ),
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, -0, 1e308),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const FIELD_NAMES = [
  'id', 'stationId', 'lawyerId', 'lawyerIds', 'stationIds', 'date', 'from', 'to', 'month', 'start', 'end', 'name', 'phone',
  'code', 'category', 'status', 'rrule', 'startDate', 'shiftId', 'toLawyerId', 'toShiftId', 'type', 'force', 'username',
  'password', 'role', 'level', 'parentId', 'openHours', 'slotMinutes', 'seatsPerSlot', 'kind', 'note', 'outcome', 'summary',
  'receivedAt', 'durationSeconds', 'consent', 'page', 'pageSize', 'q', '__proto__', 'constructor', 'prototype',
];

/** Bodies that look almost right: the real field names with hostile values, plus junk. */
const hostileBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), hostileValue, { maxKeys: 8 }),
  hostileValue,
  fc.array(fc.integer(), { minLength: 5000, maxLength: 5000 }),
);

const hostileQuery = fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.oneof(hostileString, hostileNumber.map(String)), { maxKeys: 6 });

const hostileId = fc.oneof(
  fc.constantFrom('0', '-1', '1', '2', '3', '0x1', '01', '%201', 'abc', '1.5', '1e3', '99999999999999999999', '%2e%2e', '%00', '%E4%B8%AD', '2026-12', '2026-99', 'x'.repeat(300)),
  fc.nat().map(String),
);

function fillPath(path: string, pick: () => string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, () => pick());
}

function mutating(r: AnyRoute) {
  return r.method !== 'get';
}

/**
 * What the data tables hold, roughly. Left out: bookkeeping written whatever the answer, or
 * by a timer while a request runs (sessions, the audit and access log, failed look-ups, and
 * the rate limiters' counts, exchanged with the database every second).
 */
async function fingerprint(t: TestApp): Promise<string> {
  const tables: { name: string }[] =
    t.kind === 'sqlite'
      ? await t.db.ds.query("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('migrations','sessions','audit_log','lookup_failures','rate_limit_hits')")
      : (await t.db.ds.query('SHOW TABLES')).map((r: Record<string, string>) => ({ name: Object.values(r)[0]! })).filter(
          (r: { name: string }) => !['migrations', 'sessions', 'audit_log', 'lookup_failures', 'rate_limit_hits'].includes(r.name),
        );
  const parts: string[] = [];
  for (const { name } of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    const cols: string[] =
      t.kind === 'sqlite'
        ? (await t.db.ds.query(`PRAGMA table_info(${name})`)).map((c: { name: string }) => c.name)
        : (await t.db.ds.query(`SHOW COLUMNS FROM \`${name}\``)).map((c: { Field: string }) => c.Field);
    const extras = ['version', 'status', 'lawyer_id', 'updated_at'].filter((c) => cols.includes(c));
    const select = ['COUNT(*) AS n', cols.includes('id') ? 'MAX(id) AS mx' : '0 AS mx', ...extras.map((c) => `COUNT(DISTINCT ${c}) AS d_${c}`)];
    if (cols.includes('version')) select.push('SUM(version) AS sv');
    if (cols.includes('lawyer_id')) select.push('SUM(lawyer_id) AS sl');
    const [row] = await t.db.read((m) => m.query(`SELECT ${select.join(', ')} FROM ${t.kind === 'mysql' ? `\`${name}\`` : name}`));
    parts.push(`${name}:${JSON.stringify(row)}`);
  }
  return parts.join('|');
}

describeEachDb('hostile input on every route', (kind) => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await setupDemoApp(kind, { now: '2026-11-29T10:00:00+08:00', env: { DEMO_PASSWORD: 'demo-password-1' } });
    for (const role of ['admin', 'coordinator', 'staff', 'lawyer'] as Role[]) {
      const username = role === 'lawyer' ? 'lawyer1' : role;
      const res = await t.http.post('/api/auth/login').send({ username, password: 'demo-password-1' });
      tokens[role] = `Bearer ${res.body.token}`;
    }
  }, 120_000);
  afterAll(() => t.close());

  it('answers every hostile request with a 4xx in the contract shape (or a success), never 5xx, and 4xx changes nothing', async () => {
    let sent = 0;
    const failures: string[] = [];
    for (const route of t.built.routes) {
      if (SKIP.has(`${route.method} ${route.path}`)) continue;
      const role: Role | null =
        route.access === 'public' ? null : route.access === 'signedIn' ? 'coordinator' : (route.access as readonly Role[])[0]!;
      await fc.assert(
        fc.asyncProperty(hostileBody, hostileQuery, fc.array(hostileId, { minLength: 3, maxLength: 3 }), fc.boolean(), async (body, query, ids, rawJson) => {
          let i = 0;
          const path = fillPath(route.path, () => ids[i++ % ids.length]!);
          const before = mutating(route) ? await fingerprint(t) : '';
          let req = t.http[route.method](path).query(query as Record<string, string>);
          if (role) req = req.set('Authorization', tokens[role]);
          if (mutating(route)) {
            const json = JSON.stringify(body) ?? 'null';
            req = req.set('Content-Type', 'application/json').send(rawJson ? json.slice(0, -1 - (sent % 3)) : json);
          }
          const res = await req;
          sent++;
          if (res.status >= 500) failures.push(`${route.method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          if (res.status >= 400) {
            const ok = typeof res.body?.error?.code === 'string' && typeof res.body?.error?.message === 'string';
            if (!ok) failures.push(`${route.method.toUpperCase()} ${path} → ${res.status} without the error shape`);
            if (/\bat .+\.(ts|js):\d+/.test(res.text)) failures.push(`${route.method.toUpperCase()} ${path} leaked a stack`);
            if (mutating(route)) {
              const after = await fingerprint(t);
              if (after !== before) failures.push(`${route.method.toUpperCase()} ${path} → ${res.status} but the database changed`);
            }
          }
          return true;
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 20261129 },
      );
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThan(t.built.routes.length * RUNS_PER_ROUTE * 0.9);
  }, 600_000);
});
