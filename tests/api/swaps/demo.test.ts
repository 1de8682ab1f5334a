import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, type TestApp } from '../../helpers/app.js';
import { seedDemo } from '../../../server/seed/demo.js';

describeEachDb('swap demo data', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: '2026-12-01T09:00:00+08:00' });
    expect(await seedDemo(t.ctx)).not.toBeNull();
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
});
