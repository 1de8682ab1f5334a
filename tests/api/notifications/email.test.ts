/**
 * Users' e-mail addresses (API, presenter, CLI) and the fan-out: wherever a user gets an
 * in-app message (swaps, roster published, shift changed, draft with gaps), a user with an
 * address also gets an e-mail row in the outbox — in the same transaction, deduplicated alike.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { ROOT } from '../../helpers/process.js';
import { Db } from '../../../server/db/db.js';
import { UserEntity } from '../../../server/auth/users.entity.js';
import { notifyUser } from '../../../server/notifications/fanout.js';
import { RosterEntity, RotationEntity } from '../../../server/rosters/rosters.entity.js';
import { runDraftNextMonth } from '../../../server/rosters/rosters.jobs.js';
import { crew } from '../swaps/helpers.js';
import { rowsOf, setEmail, userWithEmail } from './helpers.js';

describeEachDb('users’ e-mail and the e-mail fan-out', (kind) => {
  let t: TestApp;
  let admin: string;
  let coord: string;
  let coordId: number;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00' });
    admin = await t.tokenFor('admin');
    const c = await t.make.user({ role: 'coordinator' });
    coordId = c.id;
    await setEmail(t, c.id, 'paiban@example.org');
    coord = `Bearer ${(await t.http.post('/api/auth/login').send({ username: c.username, password: c.password })).body.token}`;
  });
  afterAll(() => t.close());

  it('POST /api/users takes an optional email; login, /api/me and the user list show it', async () => {
    const made = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: 'mail.staff', password: 'a-long-password', role: 'staff', email: 'jiedai@example.org' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ username: 'mail.staff', email: 'jiedai@example.org' });
    const row = await t.db.read((m) => m.findOneByOrFail(UserEntity, { username: 'mail.staff' }));
    expect(row.email).toBe('jiedai@example.org');

    const login = await t.http.post('/api/auth/login').send({ username: 'mail.staff', password: 'a-long-password' });
    expect(login.body.user.email).toBe('jiedai@example.org');
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${login.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'mail.staff', email: 'jiedai@example.org' });

    const plain = await t.http.post('/api/users').set('Authorization', admin).send({ username: 'no.mail', password: 'a-long-password', role: 'staff' });
    expect(plain.status).toBe(201);
    expect(plain.body.email).toBeNull();
    const list = await t.http.get('/api/users').set('Authorization', admin);
    expect(list.body.find((u: { username: string }) => u.username === 'no.mail').email).toBeNull();
    expect(list.body.find((u: { username: string }) => u.username === 'mail.staff').email).toBe('jiedai@example.org');

    for (const email of ['not-an-address', 'a@', '', `${'x'.repeat(195)}@example.org`]) {
      const bad = await t.http.post('/api/users').set('Authorization', admin).send({ username: 'bad.mail', password: 'a-long-password', role: 'staff', email });
      expect(bad.status, email).toBe(400);
      expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('email');
    }
  });

  it('notifyUser writes in-app always and e-mail only for users with an address; a dedupe key covers both', async () => {
    const withMail = await userWithEmail(t, '  lawyer.mail@example.org ');
    const without = await t.make.user({ role: 'lawyer' });
    const msg = { kind: 'test_message', text: { key: 'shift_lost', params: { date: '2027-01-04', station: '测试站' } } as const, payload: { swapId: 7 } };
    for (let i = 0; i < 2; i++) {
      await t.db.tx(async (m) => {
        await notifyUser(m, t.clock, withMail, { ...msg, dedupeKey: `test:${withMail.id}` });
        await notifyUser(m, t.clock, without, { ...msg, dedupeKey: `test:${without.id}` });
      });
    }
    const mine = await rowsOf(t, withMail.id);
    expect(mine.map((r) => [r.channel, r.status])).toEqual([
      ['in_app', 'sent'],
      ['email', 'pending'],
    ]);
    expect(mine[1]).toMatchObject({ recipientEmail: 'lawyer.mail@example.org', title: '值班已调整：2027-01-04', body: '测试站 2027-01-04 的值班已改由其他律师承担。', payload: msg.payload, kind: 'test_message', attempts: 0 });
    expect((await rowsOf(t, without.id)).map((r) => r.channel)).toEqual(['in_app']);
    // The bell shows in-app messages only.
    const login = await t.http.post('/api/auth/login').send({ username: withMail.username, password: withMail.password });
    const count = await t.http.get('/api/notifications/unread-count').set('Authorization', `Bearer ${login.body.token}`);
    expect(count.body.count).toBe(1);
  });

  it('a swap e-mails each party who has an address: requested, accepted, awaiting approval, applied', async () => {
    const { station, members } = await crew(t, 3);
    const [a, b, c] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    await setEmail(t, a.userId, 'a@example.org');
    await setEmail(t, b.userId, 'b@example.org');
    const shift = await t.make.shift({ date: '2026-12-10', stationId: station.id, lawyerId: a.lawyer.id });
    const asked = await t.http.post('/api/swaps').set('Authorization', a.token).send({ shiftId: shift.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    expect(asked.status).toBe(201);
    expect((await t.http.post(`/api/swaps/${asked.body.id}/accept`).set('Authorization', b.token).send({})).status).toBe(200);
    expect((await t.http.post(`/api/swaps/${asked.body.id}/approve`).set('Authorization', coord).send({})).status).toBe(200);

    const kinds = async (userId: number, channel: 'in_app' | 'email') => (await rowsOf(t, userId, channel)).filter((r) => r.payload?.swapId === asked.body.id).map((r) => r.kind);
    expect(await kinds(b.userId, 'email')).toEqual(['swap_requested', 'swap_applied']);
    expect(await kinds(b.userId, 'email')).toEqual(await kinds(b.userId, 'in_app'));
    expect(await kinds(a.userId, 'email')).toEqual(['swap_accepted', 'swap_applied']);
    expect(await kinds(coordId, 'email')).toEqual(['swap_awaiting_approval']);
    expect(await kinds(c.userId, 'email')).toEqual([]); // no address, not involved
    const requested = (await rowsOf(t, b.userId, 'email')).find((r) => r.kind === 'swap_requested')!;
    expect(requested).toMatchObject({ recipientEmail: 'b@example.org', status: 'pending', dedupeKey: `swap:${asked.body.id}:requested:${b.userId}:email` });
    expect(requested.title).toBe(`换班请求：2026-12-10 ${station.name}`);

    // An open offer goes to every eligible colleague; only the one with an address gets e-mail.
    const open = await t.make.shift({ date: '2026-12-11', stationId: station.id, lawyerId: c.lawyer.id });
    const offered = await t.http.post('/api/swaps').set('Authorization', c.token).send({ shiftId: open.id, type: 'giveaway' });
    expect(offered.status).toBe(201);
    const offerMails = async (userId: number) => (await rowsOf(t, userId, 'email')).filter((r) => r.payload?.swapId === offered.body.id).map((r) => r.kind);
    expect(await offerMails(a.userId)).toEqual(['swap_offer']);
    expect(await offerMails(b.userId)).toEqual(['swap_offer']);

    // Rejected: both parties hear it.
    const again = await t.make.shift({ date: '2026-12-14', stationId: station.id, lawyerId: a.lawyer.id });
    const r = await t.http.post('/api/swaps').set('Authorization', a.token).send({ shiftId: again.id, type: 'giveaway', toLawyerId: b.lawyer.id });
    await t.http.post(`/api/swaps/${r.body.id}/accept`).set('Authorization', b.token).send({});
    expect((await t.http.post(`/api/swaps/${r.body.id}/reject`).set('Authorization', coord).send({ note: '人手不足' })).status).toBe(200);
    const rejected = (await rowsOf(t, a.userId, 'email')).filter((x) => x.payload?.swapId === r.body.id && x.kind === 'swap_rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.body).toContain('人手不足');
  });

  it('publishing a roster and reassigning a published shift e-mail the lawyers who have an address', async () => {
    const { station, members } = await crew(t, 2);
    const [a, b] = members as [(typeof members)[0], (typeof members)[0]];
    await setEmail(t, a.userId, 'publish.a@example.org');
    await t.db.tx((m) => m.save(RosterEntity, { month: '2027-02', stationId: station.id, status: 'draft', generatedAt: new Date(), publishedAt: null, publishedBy: null, version: 1 }));
    const shift = await t.make.shift({ date: '2027-02-03', stationId: station.id, lawyerId: a.lawyer.id, status: 'draft' });
    await t.make.shift({ date: '2027-02-04', stationId: station.id, lawyerId: b.lawyer.id, status: 'draft' });
    const pub = await t.http.post('/api/rosters/2027-02/publish').set('Authorization', coord).send({ stationIds: [station.id] });
    expect(pub.status).toBe(200);
    const published = (await rowsOf(t, a.userId, 'email')).filter((r) => r.kind === 'roster_published');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ title: '2027-02 值班表已发布', recipientEmail: 'publish.a@example.org' });
    expect(published[0]!.body).toContain('1 个值班日');
    expect((await rowsOf(t, b.userId, 'email')).filter((r) => r.kind === 'roster_published')).toEqual([]);
    expect((await rowsOf(t, b.userId, 'in_app')).filter((r) => r.kind === 'roster_published')).toHaveLength(1);

    const moved = await t.http.patch(`/api/shifts/${shift.id}`).set('Authorization', coord).send({ lawyerId: b.lawyer.id, reason: '出庭' });
    expect(moved.status).toBe(200);
    const changed = (await rowsOf(t, a.userId, 'email')).filter((r) => r.kind === 'shift_changed');
    expect(changed.map((r) => r.title)).toEqual(['值班已调整：2027-02-03']);
  });

  it('the draft job e-mails coordinators who have an address about the gaps', async () => {
    const station = await t.make.station();
    const lawyer = await t.make.lawyer({ stationIds: [station.id] });
    await t.db.tx((m) =>
      m.save(RotationEntity, {
        stationId: station.id,
        name: '坐班',
        rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
        startDate: '2026-12-01',
        lawyerIds: [lawyer.id],
        shiftStart: '09:00',
        shiftEnd: '17:30',
        lawyersPerDay: 2, // one lawyer for two seats: gaps every day
        active: true,
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
    );
    t.clock.set('2027-02-20T02:00:00+08:00');
    try {
      const run = await runDraftNextMonth(t.ctx);
      expect(run.ran).toBe(true);
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
    const mails = (await rowsOf(t, coordId, 'email')).filter((r) => r.kind === 'roster_drafted');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipientEmail: 'paiban@example.org', dedupeKey: `roster_drafted:2027-03:${coordId}:email` });
    expect(mails[0]!.title).toContain('空缺');
  });
});

describe('CLI create-user --email --lang', () => {
  it('stores the address and the language (and refuses a malformed one)', async () => {
    const target = await createTestDatabase('sqlite');
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli.ts'), 'create-user', ...args], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: target.url, SEED_DEMO: '0', LOG_LEVEL: 'silent' },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d) => (out += String(d)));
        child.stderr.on('data', (d) => (out += String(d)));
        child.on('exit', (code) => resolve({ code, out }));
        child.stdin.end('a-long-password\n');
      });
    try {
      const ok = await cli(['--username', 'zhang.coord', '--role', 'coordinator', '--email', 'zhang@example.org', '--lang', 'en']);
      expect(ok.code, ok.out).toBe(0);
      const wrongLang = await cli(['--username', 'wang.coord', '--role', 'coordinator', '--lang', 'fr']);
      expect(wrongLang.code).toBe(2);
      expect(wrongLang.out).toContain('lang');
      const bad = await cli(['--username', 'li.coord', '--role', 'coordinator', '--email', 'nope']);
      expect(bad.code).toBe(2);
      expect(bad.out).toContain('email');
      const db = await Db.connect({ url: target.url });
      try {
        const rows = await db.read((m) => m.find(UserEntity, { order: { id: 'ASC' } }));
        expect(rows.map((r) => [r.username, r.email, r.lang])).toEqual([['zhang.coord', 'zhang@example.org', 'en']]);
      } finally {
        await db.close();
      }
    } finally {
      await target.drop();
    }
  }, 60_000);
});
