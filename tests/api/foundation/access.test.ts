/**
 * The access matrix, generated from the route table: every route that is not
 * public answers 401 without a token and 403 to every role it does not allow.
 * A new route without a policy shows up here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { ROLES, type Role } from '../../../server/auth/users.entity.js';

const samplePath = (p: string) =>
  p.replace(/:month/g, '2026-12').replace(/:code/g, 'XX-1').replace(/:([A-Za-z_]\w*)/g, '1');

describe('access matrix', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await setupTestApp('sqlite');
    for (const r of ROLES) tokens[r] = await t.tokenFor(r);
  });
  afterAll(() => t.close());

  it('declares an access rule for every route', () => {
    for (const r of t.built.routes) {
      expect(r.access === 'public' || r.access === 'signedIn' || Array.isArray(r.access), `${r.method} ${r.path}`).toBe(true);
    }
  });

  it('answers 401 without a token on every non-public route', async () => {
    for (const r of t.built.routes.filter((x) => x.access !== 'public')) {
      const res = await t.http[r.method](samplePath(r.path)).send({});
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('answers 403 to every role a route does not allow', async () => {
    let checked = 0;
    for (const r of t.built.routes) {
      if (!Array.isArray(r.access)) continue;
      for (const role of ROLES.filter((x) => !(r.access as readonly Role[]).includes(x))) {
        const res = await t.http[r.method](samplePath(r.path)).set('Authorization', tokens[role]).send({});
        expect(res.status, `${role} → ${r.method} ${r.path}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});
