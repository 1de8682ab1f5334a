/** Managing accounts: deactivating them, lawyer links, and lawyers set inactive by a coordinator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { isUniqueViolation } from '../../../server/db/errors.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { SessionEntity, UserEntity } from '../../../server/auth/users.entity.js';

describeEachDb('user accounts', (kind) => {
  let t: TestApp;
  let admin: string;
  let adminId: number;
  beforeAll(async () => {
    t = await setupTestApp(kind);
    const a = await t.make.user({ role: 'admin' });
    adminId = a.id;
    admin = await signIn(a.username, a.password).then((r) => `Bearer ${r.body.token}`);
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string) => t.http.post('/api/auth/login').send({ username, password });
  const patch = (id: number, body: object, token = admin) => t.http.patch(`/api/users/${id}`).set('Authorization', token).send(body);
  const me = (token: string) => t.http.get('/api/me').set('Authorization', token);
  const create = (body: object) => t.http.post('/api/users').set('Authorization', admin).send(body);

  /** A user of that role with a live session. */
  async function signedIn(role: 'admin' | 'coordinator' | 'staff' | 'lawyer', extra: { lawyerId?: number } = {}) {
    const u = await t.make.user({ role, ...extra });
    const res = await signIn(u.username, u.password);
    expect(res.status).toBe(200);
    return { ...u, token: `Bearer ${res.body.token}` };
  }

  describe('PATCH /api/users/:id', () => {
    it('deactivates an account: its tokens answer 401 at once, sign-in is refused, and it is audited', async () => {
      const u = await signedIn('staff');
      expect((await me(u.token)).status).toBe(200);

      const res = await patch(u.id, { active: false });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: u.id, username: u.username, active: false });
      expect(res.body.passwordHash).toBeUndefined();

      expect((await me(u.token)).status).toBe(401);
      expect((await signIn(u.username, u.password)).status).toBe(401);
      expect(await t.db.read((m) => m.countBy(SessionEntity, { userId: u.id }))).toBe(0);
      const audit = await t.db.read((m) => m.findOneBy(AuditEntity, { action: 'user.deactivate', entityId: String(u.id) }));
      expect(audit).toMatchObject({ userId: adminId, entity: 'user' });

      const listed = await t.http.get('/api/users').set('Authorization', admin);
      expect(listed.body.find((x: { id: number }) => x.id === u.id)).toMatchObject({ active: false });

      // Reactivated: the password works again; the old token stays dead.
      expect((await patch(u.id, { active: true })).body.active).toBe(true);
      expect((await signIn(u.username, u.password)).status).toBe(200);
      expect((await me(u.token)).status).toBe(401);
      expect(await t.db.read((m) => m.existsBy(AuditEntity, { action: 'user.activate', entityId: String(u.id) }))).toBe(true);
    });

    it('changes role, display name, station and password (a new password ends the sessions)', async () => {
      const u = await signedIn('staff');
      const station = await t.make.station();
      const res = await patch(u.id, { role: 'coordinator', displayName: '王协调', stationId: station.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role: 'coordinator', displayName: '王协调', stationId: station.id, active: true });
      expect((await me(u.token)).body.role).toBe('coordinator');

      expect((await patch(u.id, { stationId: null })).body.stationId).toBeNull();
      expect((await patch(u.id, { password: 'a-brand-new-password' })).status).toBe(200);
      expect((await me(u.token)).status).toBe(401);
      expect((await signIn(u.username, u.password)).status).toBe(401);
      expect((await signIn(u.username, 'a-brand-new-password')).status).toBe(200);
    });

    it('refuses an admin deactivating themself, and removing the last active admin (409)', async () => {
      const self = await patch(adminId, { active: false });
      expect(self.status).toBe(409);
      expect(self.body.error.code).toBe('conflict');

      // Another admin may not remove the last one either, and a lone admin may not demote themself.
      const other = await signedIn('admin');
      await t.db.tx((m) => m.update(UserEntity, { role: 'admin' }, { active: false }));
      await t.db.tx((m) => m.update(UserEntity, { id: other.id }, { active: true }));
      try {
        const demote = await patch(other.id, { role: 'staff' }, other.token);
        expect(demote.status).toBe(409);
        const ownDeactivation = await patch(other.id, { active: false }, other.token);
        expect(ownDeactivation.status).toBe(409);
        expect(await t.db.read((m) => m.findOneByOrFail(UserEntity, { id: other.id }))).toMatchObject({ role: 'admin', active: true });
      } finally {
        await t.db.tx((m) => m.update(UserEntity, { id: adminId }, { active: true }));
      }
      // With two active admins, one may deactivate the other.
      expect((await patch(other.id, { active: false })).status).toBe(200);
      expect((await me(other.token)).status).toBe(401);
    });

    it('validates the body strictly (400 with details) and answers 404 for an unknown account', async () => {
      const u = await t.make.user({ role: 'staff' });
      for (const body of [{}, { active: 'no' }, { username: 'renamed' }, { password: 'short' }, { role: 'root' }, { stationId: 0 }, { displayName: '' }]) {
        const res = await patch(u.id, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.details.length).toBeGreaterThan(0);
      }
      expect((await patch(999_999, { active: false })).status).toBe(404);
      const staff = await signedIn('staff');
      expect((await patch(u.id, { active: false }, staff.token)).status).toBe(403);
    });

    it('keeps the lawyer link rule on the account as changed', async () => {
      const lawyer = await t.make.lawyer();
      const u = await t.make.user({ role: 'lawyer', lawyerId: lawyer.id });
      const toStaff = await patch(u.id, { role: 'staff' });
      expect(toStaff.status).toBe(400);
      expect(toStaff.body.error.details[0].path).toBe('lawyerId');
      expect((await patch(u.id, { role: 'staff', lawyerId: null })).body).toMatchObject({ role: 'staff', lawyerId: null });

      const s = await t.make.user({ role: 'staff' });
      expect((await patch(s.id, { lawyerId: lawyer.id })).status).toBe(400);
      expect((await patch(s.id, { role: 'lawyer' })).status).toBe(400);
      expect((await patch(s.id, { role: 'lawyer', lawyerId: 999_999 })).status).toBe(400);
    });
  });

  describe('lawyer links on POST /api/users', () => {
    it('refuses a lawyerId on other roles and requires one on lawyer accounts (400 with details)', async () => {
      const lawyer = await t.make.lawyer();
      for (const role of ['staff', 'coordinator', 'admin']) {
        const res = await create({ username: `linked.${role}`, password: 'a-long-password', role, lawyerId: lawyer.id });
        expect(res.status, role).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'lawyerId' }] });
      }
      const without = await create({ username: 'law.none', password: 'a-long-password', role: 'lawyer' });
      expect(without.status).toBe(400);
      expect(without.body.error.details[0].path).toBe('lawyerId');
    });

    it('refuses a second active account for the same lawyer (409); a deactivated one can be replaced', async () => {
      const lawyer = await t.make.lawyer();
      const first = await create({ username: 'law.first', password: 'a-long-password', role: 'lawyer', lawyerId: lawyer.id });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ lawyerId: lawyer.id, active: true });
      const second = await create({ username: 'law.second', password: 'a-long-password', role: 'lawyer', lawyerId: lawyer.id });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('conflict');

      expect((await patch(first.body.id, { active: false })).status).toBe(200);
      const replacement = await create({ username: 'law.second', password: 'a-long-password', role: 'lawyer', lawyerId: lawyer.id });
      expect(replacement.status).toBe(201);
      // ...and the old one cannot come back beside it, nor can another account be linked to the lawyer.
      expect((await patch(first.body.id, { active: true })).status).toBe(409);
      const other = await t.make.user({ role: 'staff' });
      expect((await patch(other.id, { role: 'lawyer', lawyerId: lawyer.id })).status).toBe(409);
    });
  });

  describe('usernames without case, held by the database', () => {
    it('refuses a username that differs from another only in case (409), and signs in whatever the case', async () => {
      const first = await create({ username: 'xstaff', password: 'a-long-password', role: 'staff' });
      expect(first.status).toBe(201);
      const twin = await create({ username: 'XSTAFF', password: 'another-long-password', role: 'staff' });
      expect(twin.status).toBe(409);
      expect(twin.body.error).toEqual({ code: 'conflict', message: 'The username "XSTAFF" is taken' });
      for (const typed of ['xstaff', 'XSTAFF', 'xStAfF']) {
        const res = await signIn(typed, 'a-long-password');
        expect(res.status, typed).toBe(200);
        expect(res.body.user).toMatchObject({ id: first.body.id, username: 'xstaff' });
      }
      expect((await signIn('XSTAFF', 'another-long-password')).status).toBe(401);
    });

    it('refuses a case twin written past the service', async () => {
      const account = (username: string) => ({
        username,
        passwordHash: 'x',
        role: 'staff' as const,
        displayName: username,
        lawyerId: null,
        stationId: null,
        calendarToken: null,
        email: null,
        active: false,
        createdAt: new Date(),
      });
      const refusal = (p: Promise<unknown>) => p.then(() => 'written', (err: unknown) => (isUniqueViolation(err) ? 'unique violation' : String(err)));
      await t.db.tx((m) => m.insert(UserEntity, account('Case.Twin')));
      expect(await refusal(t.db.tx((m) => m.insert(UserEntity, account('case.twin'))))).toBe('unique violation');
      const other = await t.make.user({ role: 'staff' });
      expect(await refusal(t.db.tx((m) => m.update(UserEntity, { id: other.id }, { username: 'CASE.TWIN' })))).toBe('unique violation');
      expect(await refusal(t.db.tx((m) => m.insert(UserEntity, account('case.twin.2'))))).toBe('written');
    });
  });

  describe('one active account per lawyer, held by the database', () => {
    const row = (username: string, lawyerId: number, active: boolean) => ({
      username,
      passwordHash: 'x',
      role: 'lawyer' as const,
      displayName: username,
      lawyerId,
      stationId: null,
      calendarToken: null,
      email: null,
      active,
      createdAt: new Date(),
    });
    const refusal = (p: Promise<unknown>) => p.then(() => 'written', (err: unknown) => (isUniqueViolation(err) ? 'unique violation' : String(err)));

    it('refuses a second active account written past the service; inactive accounts do not count', async () => {
      const lawyer = await t.make.lawyer();
      await t.db.tx((m) => m.insert(UserEntity, [row('uq.old1', lawyer.id, false), row('uq.old2', lawyer.id, false), row('uq.live', lawyer.id, true)]));
      expect(await refusal(t.db.tx((m) => m.insert(UserEntity, row('uq.second', lawyer.id, true))))).toBe('unique violation');
      const old = await t.db.read((m) => m.findOneByOrFail(UserEntity, { username: 'uq.old1' }));
      expect(await refusal(t.db.tx((m) => m.update(UserEntity, { id: old.id }, { active: true })))).toBe('unique violation');
      // Another lawyer's account is not affected, and the live one can hand over to an old one.
      const another = await t.make.lawyer();
      expect(await refusal(t.db.tx((m) => m.insert(UserEntity, row('uq.other', another.id, true))))).toBe('written');
      await t.db.tx(async (m) => {
        await m.update(UserEntity, { username: 'uq.live' }, { active: false });
        await m.update(UserEntity, { id: old.id }, { active: true });
      });
      const live = await t.db.read((m) => m.findBy(UserEntity, { lawyerId: lawyer.id, active: true }));
      expect(live.map((u) => u.username)).toEqual(['uq.old1']);
    });

    it('lets exactly one of 12 concurrent requests link a lawyer; the others get 409 conflict', async () => {
      const lawyer = await t.make.lawyer();
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => create({ username: `race.law${i}`, password: 'a-long-password', role: 'lawyer', lawyerId: lawyer.id })),
      );
      expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
      const refused = answers.filter((r) => r.status !== 201);
      expect(refused.map((r) => r.status)).toEqual(Array(11).fill(409));
      for (const r of refused) expect(r.body.error.details).toEqual([{ path: 'lawyerId', message: 'this lawyer already has an active account' }]);
      expect(await t.db.read((m) => m.countBy(UserEntity, { lawyerId: lawyer.id, active: true }))).toBe(1);
    });
  });

  describe('a lawyer set inactive by a coordinator', () => {
    it('cannot sign in and their sessions stop working; reactivating the lawyer restores access', async () => {
      const lawyer = await t.make.lawyer();
      const u = await signedIn('lawyer', { lawyerId: lawyer.id });
      const coord = await signedIn('coordinator');
      const setActive = (active: boolean) =>
        t.http.patch(`/api/lawyers/${lawyer.id}`).set('Authorization', coord.token).send({ active });

      expect((await setActive(false)).status).toBe(200);
      expect((await me(u.token)).status).toBe(401);
      expect((await t.http.get('/api/appointments').set('Authorization', u.token)).status).toBe(401);
      const refused = await signIn(u.username, u.password);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthorized');
      // Other accounts are untouched.
      expect((await me(coord.token)).status).toBe(200);

      expect((await setActive(true)).status).toBe(200);
      expect((await me(u.token)).status).toBe(200);
      expect((await signIn(u.username, u.password)).status).toBe(200);
    });
  });

  it('documents PATCH /api/users/:id in the served OpenAPI document', async () => {
    const doc = (await t.http.get('/api/openapi.json')).body;
    const op = doc.paths['/api/users/{id}']?.patch;
    expect(op).toBeDefined();
    expect(op['x-access']).toEqual(['admin']);
    const body = op.requestBody.content['application/json'].schema;
    const ref = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
    expect(Object.keys(ref.properties ?? ref.allOf?.[0]?.properties ?? {})).toEqual(
      expect.arrayContaining(['active', 'role', 'displayName', 'lawyerId', 'stationId', 'password']),
    );
    expect(doc.components.schemas.UserAccount.properties.active).toBeDefined();
  });
});
