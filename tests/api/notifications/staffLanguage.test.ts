/**
 * Staff notifications in the staff member's own language: users store `lang` (zh by default),
 * set it themselves with PATCH /api/me (or an admin does), and every e-mail and in-app message
 * is written in it — a swap request, a published roster, the morning call-back list; the bell
 * shows a message in its reader's language, also one written before they changed it, and
 * messages stored before languages existed read as they always did.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { AuditEntity } from '../../../server/audit/audit.entity.js';
import { meSchema } from '../../../server/auth/auth.schema.js';
import { UserEntity } from '../../../server/auth/users.entity.js';
import { runFollowUpReminders } from '../../../server/hotline/followUps.job.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import { enqueueNotification } from '../../../server/notifications/outbox.js';
import { RosterEntity } from '../../../server/rosters/rosters.entity.js';
import { crew, type Member } from '../swaps/helpers.js';
import { rowsOf, setEmail } from './helpers.js';

const HAN = /\p{Script=Han}/u;

describeEachDb('staff notifications in the staff member’s language', (kind) => {
  let t: TestApp;
  let admin: string;
  let coord: string;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00' });
    admin = await t.tokenFor('admin');
    coord = await t.tokenFor('coordinator');
  });
  afterAll(() => t.close());

  const langOf = async (userId: number) => (await t.db.read((m) => m.findOneByOrFail(UserEntity, { id: userId }))).lang;
  const setLang = (token: string, body: unknown) => t.http.patch('/api/me').set('Authorization', token).send(body as object);
  const bell = async (token: string) => {
    const res = await t.http.get('/api/notifications').set('Authorization', token);
    expect(res.status).toBe(200);
    return res.body.items as { id: number; kind: string; title: string; body: string; payload: Record<string, unknown> }[];
  };

  it('PATCH /api/me sets the signed-in user’s language: Chinese by default, English on request, recorded once', async () => {
    const u = await t.make.user({ role: 'staff' });
    const token = `Bearer ${(await t.http.post('/api/auth/login').send({ username: u.username, password: u.password })).body.token}`;
    const before = await t.http.get('/api/me').set('Authorization', token);
    expect(before.body.lang).toBe('zh');

    const res = await setLang(token, { lang: 'en' });
    expect(res.status).toBe(200);
    // The answer is the Me shape the OpenAPI document gives, no more and no less.
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(meSchema.shape).sort());
    expect(meSchema.parse(res.body)).toEqual(res.body);
    expect(res.body).toMatchObject({ id: u.id, username: u.username, role: 'staff', lang: 'en' });
    expect((await t.http.get('/api/me').set('Authorization', token)).body.lang).toBe('en');
    expect(await langOf(u.id)).toBe('en');
    // The same language again changes nothing and records nothing.
    expect((await setLang(token, { lang: 'en' })).body.lang).toBe('en');
    const audit = await t.db.read((m) => m.findBy(AuditEntity, { entity: 'user', entityId: String(u.id), action: 'user.update' }));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.userId).toBe(u.id);
    expect(audit[0]!.details).toEqual({ username: u.username, changed: ['lang'], before: { lang: 'zh' }, after: { lang: 'en' } });

    const login = await t.http.post('/api/auth/login').send({ username: u.username, password: u.password });
    expect(login.body.user.lang).toBe('en');
    expect((await setLang(token, { lang: 'zh' })).body.lang).toBe('zh');
    expect(await langOf(u.id)).toBe('zh');
  });

  it('PATCH /api/me refuses anything but {lang: "zh" | "en"} with a 400 in the contract’s shape and changes nothing; anonymous is 401', async () => {
    const u = await t.make.user({ role: 'lawyer', lawyerId: (await t.make.lawyer()).id });
    const token = `Bearer ${(await t.http.post('/api/auth/login').send({ username: u.username, password: u.password })).body.token}`;
    const bodies: [unknown, string][] = [
      [{ lang: 'fr' }, 'lang'],
      [{ lang: 'EN' }, 'lang'],
      [{ lang: 'zh-CN' }, 'lang'],
      [{ lang: '' }, 'lang'],
      [{ lang: 1 }, 'lang'],
      [{ lang: null }, 'lang'],
      [{ lang: ['en'] }, 'lang'],
      [{ lang: { en: true } }, 'lang'],
      [{}, 'lang'],
      [{ lang: 'en', role: 'admin' }, ''],
      [{ lang: 'en', email: 'me@example.org' }, ''],
      [[{ lang: 'en' }], ''],
    ];
    for (const [body, path] of bodies) {
      const res = await setLang(token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
      expect(Array.isArray(res.body.error.details), JSON.stringify(body)).toBe(true);
      if (path) expect(res.body.error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path);
    }
    // A body that is not JSON at all.
    const text = await t.http.patch('/api/me').set('Authorization', token).set('Content-Type', 'application/json').send('{"lang": "en"');
    expect(text.status).toBe(400);
    expect(text.body.error.code).toEqual(expect.any(String));
    const row = await t.db.read((m) => m.findOneByOrFail(UserEntity, { id: u.id }));
    expect(row).toMatchObject({ lang: 'zh', role: 'lawyer', email: null });

    for (const auth of [undefined, 'Bearer not-a-token']) {
      const req = t.http.patch('/api/me').send({ lang: 'en' });
      const res = await (auth ? req.set('Authorization', auth) : req);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    expect(await langOf(u.id)).toBe('zh');
  });

  it('admins set a new account’s language and change it; a bad one is 400', async () => {
    const made = await t.http.post('/api/users').set('Authorization', admin).send({ username: 'english.desk', password: 'a-long-password', role: 'staff', lang: 'en' });
    expect(made.status).toBe(201);
    expect(made.body.lang).toBe('en');
    const plain = await t.http.post('/api/users').set('Authorization', admin).send({ username: 'chinese.desk', password: 'a-long-password', role: 'staff' });
    expect(plain.body.lang).toBe('zh');
    const bad = await t.http.post('/api/users').set('Authorization', admin).send({ username: 'german.desk', password: 'a-long-password', role: 'staff', lang: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('lang');
    expect(await t.db.read((m) => m.existsBy(UserEntity, { username: 'german.desk' }))).toBe(false);

    const changed = await t.http.patch(`/api/users/${plain.body.id}`).set('Authorization', admin).send({ lang: 'en' });
    expect(changed.status).toBe(200);
    expect(changed.body.lang).toBe('en');
    expect((await t.http.patch(`/api/users/${plain.body.id}`).set('Authorization', admin).send({ lang: 'english' })).status).toBe(400);
    expect(await langOf(plain.body.id)).toBe('en');
    const list = await t.http.get('/api/users').set('Authorization', admin);
    expect(list.body.find((a: { username: string }) => a.username === 'english.desk').lang).toBe('en');
  });

  it('the OpenAPI document describes PATCH /api/me and the language on users', async () => {
    const doc = (await t.http.get('/api/openapi.json')).body;
    const patch = doc.paths['/api/me'].patch;
    expect(patch).toBeDefined();
    expect(JSON.stringify(patch.requestBody)).toContain('UpdateMe');
    expect(JSON.stringify(patch.responses['200'])).toContain('#/components/schemas/Me');
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['400', '401']));
    expect(doc.components.schemas.Language.enum).toEqual(['zh', 'en']);
    for (const schema of ['Me', 'UserAccount', 'UpdateMe']) expect(doc.components.schemas[schema].required, schema).toContain('lang');
    for (const schema of ['CreateUser', 'UpdateUser']) expect(doc.components.schemas[schema].properties.lang, schema).toBeDefined();
  });

  it('a swap request reaches an English-reading lawyer in English and a Chinese-reading one in Chinese, by e-mail and in the bell', async () => {
    const { station, members } = await crew(t, 3);
    const [from, en, zh] = members as [Member, Member, Member];
    expect((await setLang(en.token, { lang: 'en' })).status).toBe(200);
    await setEmail(t, en.userId, 'en.lawyer@example.org');
    await setEmail(t, zh.userId, 'zh.lawyer@example.org');
    const toEn = await t.make.shift({ date: '2026-12-10', stationId: station.id, lawyerId: from.lawyer.id });
    const toZh = await t.make.shift({ date: '2026-12-11', stationId: station.id, lawyerId: from.lawyer.id });
    for (const [shift, to] of [[toEn, en], [toZh, zh]] as const) {
      const res = await t.http.post('/api/swaps').set('Authorization', from.token).send({ shiftId: shift.id, type: 'giveaway', toLawyerId: to.lawyer.id, note: '出庭' });
      expect(res.status).toBe(201);
    }

    const [enApp, enMail] = await rowsOf(t, en.userId);
    expect(enMail).toMatchObject({ channel: 'email', kind: 'swap_requested', recipientEmail: 'en.lawyer@example.org' });
    expect(enMail!.title).toBe(`Swap request: 2026-12-10 ${station.name}`);
    expect(enMail!.body).toBe(`${from.lawyer.name} would like to hand the duty on 2026-12-10 at ${station.name} over to you (出庭). Accept it under “My duty”.`);
    expect(enMail!.payload).toMatchObject({ lang: 'en', text: { key: 'swap_requested' } });
    expect(enApp).toMatchObject({ channel: 'in_app', title: enMail!.title, body: enMail!.body });

    const [zhApp, zhMail] = await rowsOf(t, zh.userId);
    expect(zhMail).toMatchObject({ channel: 'email', kind: 'swap_requested', recipientEmail: 'zh.lawyer@example.org' });
    expect(zhMail!.title).toBe(`换班请求：2026-12-11 ${station.name}`);
    expect(zhMail!.body).toBe(`${from.lawyer.name} 希望将 2026-12-11 ${station.name} 的值班转给您（出庭）。请在“我的值班”中接受。`);
    expect(zhMail!.payload).toMatchObject({ lang: 'zh' });
    expect(zhApp).toMatchObject({ title: zhMail!.title, body: zhMail!.body });

    // The bell: each in their language; after switching, the same message in the new one.
    const [enShown] = await bell(en.token);
    expect(enShown).toMatchObject({ kind: 'swap_requested', title: enMail!.title, body: enMail!.body, payload: { lang: 'en' } });
    expect((await bell(zh.token))[0]).toMatchObject({ title: zhMail!.title, payload: { lang: 'zh' } });
    expect((await setLang(en.token, { lang: 'zh' })).status).toBe(200);
    const again = (await bell(en.token))[0]!;
    expect(again).toMatchObject({ id: enShown!.id, title: `换班请求：2026-12-10 ${station.name}`, payload: { lang: 'zh', swapId: enShown!.payload.swapId } });
    expect(again.body).toContain('希望将 2026-12-10');
    // …and what is stored stays as it was written.
    expect((await rowsOf(t, en.userId, 'in_app'))[0]!.title).toBe(enMail!.title);
    await setLang(en.token, { lang: 'en' });
  });

  it('publishing a roster tells each lawyer in their language', async () => {
    const { station, members } = await crew(t, 2);
    const [en, zh] = members as [Member, Member];
    await setLang(en.token, { lang: 'en' });
    await setEmail(t, en.userId, 'roster.en@example.org');
    await setEmail(t, zh.userId, 'roster.zh@example.org');
    await t.db.tx((m) => m.save(RosterEntity, { month: '2027-02', stationId: station.id, status: 'draft', generatedAt: new Date(), publishedAt: null, publishedBy: null, version: 1 }));
    await t.make.shift({ date: '2027-02-03', stationId: station.id, lawyerId: en.lawyer.id, status: 'draft' });
    await t.make.shift({ date: '2027-02-04', stationId: station.id, lawyerId: en.lawyer.id, status: 'draft' });
    await t.make.shift({ date: '2027-02-05', stationId: station.id, lawyerId: zh.lawyer.id, status: 'draft' });
    const pub = await t.http.post('/api/rosters/2027-02/publish').set('Authorization', coord).send({ stationIds: [station.id] });
    expect(pub.status).toBe(200);

    const enRows = await rowsOf(t, en.userId);
    expect(enRows.map((r) => [r.channel, r.kind, r.title, r.body])).toEqual([
      ['in_app', 'roster_published', 'Roster for 2027-02 published', 'You have 2 duty days in 2027-02; see “My duty”.'],
      ['email', 'roster_published', 'Roster for 2027-02 published', 'You have 2 duty days in 2027-02; see “My duty”.'],
    ]);
    const zhRows = await rowsOf(t, zh.userId);
    expect(zhRows.map((r) => [r.channel, r.kind, r.title, r.body])).toEqual([
      ['in_app', 'roster_published', '2027-02 值班表已发布', '您在 2027-02 有 1 个值班日，请在“我的值班”中查看。'],
      ['email', 'roster_published', '2027-02 值班表已发布', '您在 2027-02 有 1 个值班日，请在“我的值班”中查看。'],
    ]);
    for (const r of enRows) expect(`${r.title}${r.body}`).not.toMatch(HAN);
  });

  it('the morning call-back list reaches English-reading desk staff in English', async () => {
    const station = await t.make.station({ name: '甲站' });
    const enDesk = await t.make.user({ role: 'staff', stationId: station.id });
    const zhDesk = await t.make.user({ role: 'staff', stationId: station.id });
    await t.db.tx((m) => m.update(UserEntity, { id: enDesk.id }, { lang: 'en' }));
    const staff = await t.tokenFor('staff');
    const logged = await t.http
      .post('/api/hotline-calls')
      .set('Authorization', staff)
      .send({ stationId: station.id, receivedAt: '2026-11-28T10:00:00+08:00', callerName: '赵六', callerPhone: '13611112222', callerConsent: true, category: 'wage_arrears', summary: '欠薪，请回电', durationSeconds: 60, outcome: 'callback_needed', followUpDate: '2026-11-30' });
    expect(logged.status).toBe(201);
    t.clock.set('2026-12-01T08:30:00+08:00');
    try {
      expect(await runFollowUpReminders(t.ctx)).toMatchObject({ ran: true, result: { reminders: 2 } });
    } finally {
      t.clock.set('2026-12-01T09:00:00+08:00');
    }
    const [en] = await rowsOf(t, enDesk.id);
    expect(en!.title).toBe('Call-backs today: 1 due (1 overdue)');
    expect(en!.body.split('\n')).toEqual(['甲站 has 1 call to call back today:', '· 2026-11-30 (overdue) 赵* 136****2222 [Unpaid wages] 欠薪，请回电', 'See the call-back list on the “Hotline” page.']);
    const [zh] = await rowsOf(t, zhDesk.id);
    expect(zh!.title).toBe('今日回访提醒：1 个待回访（其中逾期 1 个）');
    expect(zh!.body).toContain('· 2026-11-30（逾期） 赵* 136****2222 [欠薪] 欠薪，请回电');
    // In-app only, as before, whatever the language.
    expect((await rowsOf(t, enDesk.id)).map((r) => r.channel)).toEqual(['in_app']);
  });

  it('messages stored before users had a language read as they always did in Chinese, and in English where their data allows', async () => {
    const u = await t.make.user({ role: 'coordinator' });
    const token = `Bearer ${(await t.http.post('/api/auth/login').send({ username: u.username, password: u.password })).body.token}`;
    // As the server wrote them before: Chinese title and body, the data beside (or not, older still).
    await t.db.tx(async (m) => {
      await enqueueNotification(m, t.clock, {
        channel: 'in_app',
        kind: 'roster_drafted',
        recipientUserId: u.id,
        title: '2027-01 排班草稿已生成，有 2 个空缺',
        body: '旧的正文（按当时的写法）',
        payload: { month: '2027-01', text: { key: 'roster_drafted', params: { month: '2027-01', stations: 3, gaps: 2 } } },
      });
      await enqueueNotification(m, t.clock, { channel: 'in_app', kind: 'roster_published', recipientUserId: u.id, title: '2026-12 值班表已发布', body: '更早的消息，没有数据', payload: { month: '2026-12' } });
    });
    const [older, old] = await bell(token);
    expect(old).toMatchObject({ title: '2027-01 排班草稿已生成，有 2 个空缺', body: '旧的正文（按当时的写法）', payload: { lang: 'zh' } });
    expect(older).toMatchObject({ title: '2026-12 值班表已发布', body: '更早的消息，没有数据', payload: { lang: 'zh' } });

    await setLang(token, { lang: 'en' });
    const [olderEn, oldEn] = await bell(token);
    expect(oldEn).toMatchObject({ title: 'Draft roster for 2027-01 is ready, with 2 gaps', payload: { lang: 'en', month: '2027-01' } });
    expect(oldEn!.body).toContain('3 stations');
    expect(olderEn).toMatchObject({ title: '2026-12 值班表已发布', body: '更早的消息，没有数据', payload: { lang: 'zh' } });
    // Marking one read answers it in the reader's language too.
    const read = await t.http.post(`/api/notifications/${oldEn!.id}/read`).set('Authorization', token);
    expect(read.status).toBe(200);
    expect(read.body.title).toBe('Draft roster for 2027-01 is ready, with 2 gaps');
    const stored = await t.db.read((m) => m.findOneByOrFail(NotificationEntity, { id: oldEn!.id }));
    expect(stored.title).toBe('2027-01 排班草稿已生成，有 2 个空缺');
  });
});
