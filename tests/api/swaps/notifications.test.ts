import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { enqueueNotification } from '../../../server/notifications/outbox.js';

describeEachDb('in-app notifications', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  async function signedIn() {
    const u = await t.make.user({ role: 'lawyer' });
    const login = await t.http.post('/api/auth/login').send({ username: u.username, password: u.password });
    return { id: u.id, token: `Bearer ${login.body.token}` };
  }

  const say = (userId: number, title: string, channel: 'in_app' | 'sms' = 'in_app') =>
    t.db.tx((m) =>
      enqueueNotification(m, t.clock, {
        channel,
        kind: 'swap_requested',
        recipientUserId: userId,
        recipientPhone: channel === 'sms' ? '13900000000' : null,
        title,
        body: `${title} 正文`,
        payload: { swapId: 1 },
      }),
    );

  it('lists my own in-app messages, newest first, paged; counts and marks them read', async () => {
    const me = await signedIn();
    const other = await signedIn();
    for (let i = 1; i <= 5; i++) {
      await say(me.id, `消息${i}`);
      t.clock.advanceMinutes(1);
    }
    await say(me.id, '短信', 'sms');
    await say(other.id, '别人的');

    const get = (q = '') => t.http.get(`/api/notifications${q}`).set('Authorization', me.token);
    const first = await get('?page=1&pageSize=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.body.items.map((n: { title: string }) => n.title)).toEqual(['消息5', '消息4']);
    expect(first.body.items[0]).toMatchObject({ kind: 'swap_requested', body: '消息5 正文', payload: { swapId: 1 }, readAt: null });
    expect(first.body.items[0].createdAt).toMatch(/^2026-12-01T09:04:00\+08:00$/);
    expect((await get('?page=3&pageSize=2')).body.items.map((n: { title: string }) => n.title)).toEqual(['消息1']);
    expect((await get('?pageSize=500')).status).toBe(400);

    const count = () => t.http.get('/api/notifications/unread-count').set('Authorization', me.token).then((r) => r.body.count);
    expect(await count()).toBe(5);
    const id = first.body.items[1].id as number;
    const read = await t.http.post(`/api/notifications/${id}/read`).set('Authorization', me.token).send({});
    expect(read.status).toBe(200);
    expect(read.body.readAt).toMatch(/\+08:00$/);
    const again = await t.http.post(`/api/notifications/${id}/read`).set('Authorization', me.token).send({});
    expect(again.body.readAt).toBe(read.body.readAt);
    expect(await count()).toBe(4);
    expect((await get('?unread=1')).body.items.map((n: { title: string }) => n.title)).toEqual(['消息5', '消息3', '消息2', '消息1']);

    // Someone else's message is not mine to see or mark.
    const theirs = (await t.http.get('/api/notifications').set('Authorization', other.token)).body.items[0].id as number;
    expect((await t.http.post(`/api/notifications/${theirs}/read`).set('Authorization', me.token).send({})).status).toBe(404);

    const all = await t.http.post('/api/notifications/read-all').set('Authorization', me.token).send({});
    expect(all.body).toEqual({ updated: 4 });
    expect(await count()).toBe(0);
    expect((await t.http.get('/api/notifications/unread-count').set('Authorization', other.token)).body.count).toBe(1);
    expect((await t.http.get('/api/notifications')).status).toBe(401);
  });
});
