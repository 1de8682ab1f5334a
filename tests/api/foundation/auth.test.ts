import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { UserEntity } from '../../../server/auth/users.entity.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';

describeEachDb('auth', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp(kind);
  });
  afterAll(() => t.close());

  it('signs in with the right password and answers /api/me', async () => {
    const u = await t.make.user({ role: 'staff' });
    const login = await t.http.post('/api/auth/login').send({ username: u.username, password: u.password });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ id: u.id, username: u.username, role: 'staff', lawyerId: null });
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${login.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(u.username);
  });

  it('refuses a wrong password or unknown user with 401 and the same message', async () => {
    const u = await t.make.user({ role: 'staff' });
    const wrong = await t.http.post('/api/auth/login').send({ username: u.username, password: 'nope-nope-nope' });
    const unknown = await t.http.post('/api/auth/login').send({ username: 'ghost', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('stores passwords as argon2id hashes', async () => {
    const u = await t.make.user({ role: 'admin' });
    const row = await t.db.read((m) => m.findOneByOrFail(UserEntity, { id: u.id }));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('ends a session on logout', async () => {
    const token = await t.tokenFor('lawyer');
    expect((await t.http.post('/api/auth/logout').set('Authorization', token)).status).toBe(204);
    const me = await t.http.get('/api/me').set('Authorization', token);
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthorized');
  });

  it('expires sessions after SESSION_TTL_HOURS', async () => {
    const token = await t.tokenFor('staff');
    t.clock.advanceMinutes(13 * 60);
    expect((await t.http.get('/api/me').set('Authorization', token)).status).toBe(401);
    t.clock.advanceMinutes(-13 * 60);
  });

  it('lets an admin create users, audited, and nobody else', async () => {
    const admin = await t.tokenFor('admin');
    const res = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: 'new.staff', password: 'a-long-password', role: 'staff' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(Number), username: 'new.staff', role: 'staff' });
    expect(res.body.passwordHash).toBeUndefined();
    const audit = await t.db.read((m) => m.findOneBy(AuditEntity, { action: 'user.create', entityId: String(res.body.id) }));
    expect(audit?.details).toMatchObject({ username: 'new.staff' });

    const dup = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: 'new.staff', password: 'a-long-password', role: 'staff' });
    expect(dup.status).toBe(409);

    const weak = await t.http.post('/api/users').set('Authorization', admin).send({ username: 'weak', password: 'short', role: 'staff' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toBe('password');

    const lawyerWithout = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: 'law.x', password: 'a-long-password', role: 'lawyer' });
    expect(lawyerWithout.status).toBe(400);

    const coord = await t.tokenFor('coordinator');
    const denied = await t.http
      .post('/api/users')
      .set('Authorization', coord)
      .send({ username: 'sneaky', password: 'a-long-password', role: 'admin' });
    expect(denied.status).toBe(403);
  });

  it('takes the Bearer scheme in any case (RFC 7235), and the token as it is', async () => {
    const token = (await t.tokenFor('staff')).slice('Bearer '.length);
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      expect((await t.http.get('/api/me').set('Authorization', `${scheme} ${token}`)).status, scheme).toBe(200);
    }
    // The token's characters keep their rules: a changed case is another token.
    expect((await t.http.get('/api/me').set('Authorization', `bearer ${token.toLowerCase()}`)).status).toBe(401);
    expect((await t.http.get('/api/me').set('Authorization', `bearer ${token}=`)).status).toBe(401);
    expect((await t.http.get('/api/me').set('Authorization', `bearers ${token}`)).status).toBe(401);
  });

  it('refuses garbage tokens with 401', async () => {
    for (const h of ['Bearer ', 'Bearer abc', 'Basic Zm9vOmJhcg==', `Bearer ${'x'.repeat(5000)}`]) {
      const res = await t.http.get('/api/me').set('Authorization', h);
      expect(res.status).toBe(401);
    }
  });
});
