import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupDemoApp, type TestApp } from '../../helpers/app.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';

describeEachDb('swap demo data', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await setupDemoApp(kind, { now: '2026-12-01T09:00:00+08:00' });
  }, 120_000);
  afterAll(() => t.close());

  const login = async (username: string) => {
    const res = await t.http.post('/api/auth/login').send({ username, password: t.ctx.config.demoPassword });
    return `Bearer ${res.body.token}`;
  };

  it('gives lawyer1 an open offer, a named offer and an exchange, and the coordinator one to approve and one applied', async () => {
    const mine = await t.http.get('/api/swaps').set('Authorization', await login('lawyer1'));
    expect(mine.status).toBe(200);
    const items = mine.body.items as { type: string; status: string; open: boolean; fromLawyerId: number; toLawyerId: number | null; canAccept: boolean }[];
    const l1 = (await t.http.get('/api/me').set('Authorization', await login('lawyer1'))).body.lawyerId as number;
    expect(items.some((s) => s.open && s.fromLawyerId === l1)).toBe(true);
    expect(items.some((s) => s.type === 'giveaway' && s.toLawyerId === l1 && s.status === 'pending' && s.canAccept)).toBe(true);
    expect(items.some((s) => s.type === 'exchange' && s.fromLawyerId === l1 && s.status === 'pending')).toBe(true);

    const all = await t.http.get('/api/swaps').set('Authorization', await login('coordinator'));
    const statuses = (all.body.items as { status: string }[]).map((s) => s.status);
    expect(statuses).toContain('accepted');
    expect(statuses).toContain('applied');
    const inbox = await t.http.get('/api/notifications/unread-count').set('Authorization', await login('coordinator'));
    expect(inbox.body.count).toBeGreaterThan(0);
  });

  it('has a lawyer who reads English: lawyer2’s messages and e-mails are in English', async () => {
    const token = await login('lawyer2');
    const me = await t.http.get('/api/me').set('Authorization', token);
    expect(me.body).toMatchObject({ username: 'lawyer2', lang: 'en', email: 'lawyer2@example.org' });
    const bell = await t.http.get('/api/notifications').set('Authorization', token);
    const items = bell.body.items as { kind: string; title: string; payload: { lang: string } }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m) => m.payload.lang === 'en')).toBe(true);
    const published = items.filter((m) => m.kind === 'roster_published');
    expect(published.length).toBeGreaterThan(0);
    for (const m of published) expect(m.title).toMatch(/^Roster for \d{4}-\d{2} published$/);
    const mails = await t.db.read((m) => m.findBy(NotificationEntity, { recipientEmail: 'lawyer2@example.org', kind: 'roster_published' }));
    expect(mails.length).toBe(published.length);
    for (const mail of mails) expect(mail.body).toMatch(/^You have \d+ duty days? in \d{4}-\d{2}; see “My duty”\.$/);
    // …and lawyer1 still reads Chinese.
    const l1 = await t.http.get('/api/notifications').set('Authorization', await login('lawyer1'));
    expect((l1.body.items as { kind: string; title: string }[]).filter((m) => m.kind === 'roster_published').every((m) => m.title.endsWith('值班表已发布'))).toBe(true);
  });
});
