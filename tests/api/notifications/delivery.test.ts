/**
 * The outbox's delivery guarantees, on every database: a sender that is down loses
 * nothing and is retried on the backoff schedule until the message is dead; concurrent
 * deliveries (two instances, two connection pools on MySQL) send each message once; a
 * claim left by a crashed instance is taken over, by exactly one instance.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pino from 'pino';
import { describeEachDb } from '../../helpers/db.js';
import { setupTestApp, TestClock, type TestApp } from '../../helpers/app.js';
import { Db } from '../../../server/db/db.js';
import type { AppContext } from '../../../server/context.js';
import { BACKOFF_MINUTES, MAX_ATTEMPTS, deliverDueNotifications } from '../../../server/notifications/deliver.js';
import { NotificationEntity } from '../../../server/notifications/notifications.entity.js';
import type { Sender } from '../../../server/notifications/senders.js';
import { emailRow, recordingSender, rowById, tally } from './helpers.js';

const START = '2026-12-01T09:00:00+08:00';
const plus = (iso: string | Date, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000);

describeEachDb('notification delivery guarantees', (kind) => {
  let t: TestApp;
  /** A second instance: on MySQL its own connection pool on the same database; on SQLite (one instance by design) the same handle. */
  let second: Db;
  let clockB: TestClock;
  let ctxB: AppContext;

  beforeAll(async () => {
    t = await setupTestApp(kind, { now: START });
    second = kind === 'mysql' ? await Db.connect({ url: (t.db.ds.options as { url?: string }).url! }) : t.db;
    clockB = new TestClock(START);
    ctxB = { ...t.ctx, db: second, clock: clockB, logger: pino({ level: 'silent' }) };
  });
  afterAll(async () => {
    if (second !== t.db) await second.close();
    await t.close();
  });

  /** Both instances' clocks at the same moment. */
  const setClocks = (at: string | Date) => {
    t.clock.set(at);
    clockB.set(at);
  };

  /** Nothing due is left behind by a test (so the next one's senders see only their own rows). */
  const nothingDue = async (at: Date) => {
    const due = await t.db.read((m) =>
      m
        .createQueryBuilder(NotificationEntity, 'n')
        .where("n.channel <> 'in_app' AND n.status NOT IN ('sent', 'dead') AND n.next_attempt_at <= :at", { at })
        .getCount(),
    );
    expect(due).toBe(0);
  };

  it('pins the backoff schedule: 1, 5, 15, 60, 240, 720 minutes, then dead after 7 attempts', () => {
    expect(BACKOFF_MINUTES).toEqual([1, 5, 15, 60, 240, 720]);
    expect(MAX_ATTEMPTS).toBe(7);
  });

  it('a sender that is down leaves the row failed with attempts=1 and the next try per the backoff; back up, it is sent exactly once', async () => {
    setClocks(START);
    const row = await emailRow(t, 'down-then-up@example.org');
    expect(row).toMatchObject({ status: 'pending', attempts: 0, recipientEmail: 'down-then-up@example.org' });
    const sender = recordingSender();
    sender.down = true;

    const first = await deliverDueNotifications(t.ctx, [sender]);
    expect(first).toMatchObject({ sent: 0, failed: 1, dead: 0 });
    let r = await rowById(t, row.id);
    expect(r).toMatchObject({ status: 'failed', attempts: 1, claimedUntil: null, sentAt: null });
    expect(r.nextAttemptAt.toISOString()).toBe(plus(START, 1).toISOString());
    expect(r.lastError).toContain('ECONNREFUSED');
    // Nothing lost: the message is still there, word for word.
    expect(r).toMatchObject({ title: row.title, body: row.body, recipientEmail: row.recipientEmail });

    // Not due before its time: no call at all.
    t.clock.set(plus(START, 0.5));
    await deliverDueNotifications(t.ctx, [sender]);
    expect(sender.calls).toEqual([row.id]);

    // Due again after a minute, still down: attempt 2, next in 5 minutes.
    t.clock.set(plus(START, 1));
    expect(await deliverDueNotifications(t.ctx, [sender])).toMatchObject({ failed: 1 });
    r = await rowById(t, row.id);
    expect(r).toMatchObject({ status: 'failed', attempts: 2 });
    expect(r.nextAttemptAt.toISOString()).toBe(plus(START, 6).toISOString());

    // The server comes back.
    sender.down = false;
    t.clock.set(plus(START, 6));
    expect(await deliverDueNotifications(t.ctx, [sender])).toMatchObject({ sent: 1, failed: 0 });
    r = await rowById(t, row.id);
    expect(r).toMatchObject({ status: 'sent', attempts: 3, lastError: null, claimedUntil: null });
    expect(r.sentAt?.toISOString()).toBe(plus(START, 6).toISOString());

    // Later runs never send it again.
    t.clock.set(plus(START, 60 * 24 * 7));
    await deliverDueNotifications(t.ctx, [sender]);
    expect(tally(sender.calls).get(row.id)).toBe(3); // two failures, one success
    expect(sender.calls.filter((id) => id !== row.id)).toEqual([]);
    await nothingDue(plus(START, 60 * 24 * 365));
  });

  it(`after ${MAX_ATTEMPTS} failed attempts the row is dead and never tried again`, async () => {
    setClocks(START);
    const row = await emailRow(t, 'always-down@example.org');
    const sender = recordingSender();
    sender.down = true;
    let now = new Date(START);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      t.clock.set(now);
      const report = await deliverDueNotifications(t.ctx, [sender]);
      const r = await rowById(t, row.id);
      expect(r.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(report).toMatchObject({ failed: 1, dead: 0 });
        expect(r.status).toBe('failed');
        const wait = BACKOFF_MINUTES[attempt - 1]!;
        expect(r.nextAttemptAt.toISOString()).toBe(plus(now, wait).toISOString());
        // One second early: not due.
        t.clock.set(plus(now, wait - 1 / 60));
        await deliverDueNotifications(t.ctx, [sender]);
        expect(sender.calls).toHaveLength(attempt);
        now = plus(now, wait);
      } else {
        expect(report).toMatchObject({ failed: 0, dead: 1 });
        expect(r.status).toBe('dead');
        expect(r.lastError).toContain('ECONNREFUSED');
      }
    }
    // Dead is final, even with the server back and much later.
    sender.down = false;
    t.clock.set(plus(now, 60 * 24 * 30));
    await deliverDueNotifications(t.ctx, [sender]);
    expect(sender.calls).toHaveLength(MAX_ATTEMPTS);
    expect(await rowById(t, row.id)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, sentAt: null });
    await nothingDue(plus(START, 60 * 24 * 365));
  });

  it('two deliveries running at once (two instances, on MySQL two connection pools) send each message exactly once', async () => {
    setClocks(plus(START, 60 * 24 * 400));
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await emailRow(t, `race${i}@example.org`)).id);
    // One recording sender per instance, slow enough that the two runs overlap.
    const a = recordingSender({ delayMs: 10 });
    const b = recordingSender({ delayMs: 10 });
    const [ra, rb] = await Promise.all([
      deliverDueNotifications(t.ctx, [a], { instance: 'api-1' }),
      deliverDueNotifications(ctxB, [b], { instance: 'api-2' }),
    ]);
    const calls = [...a.calls, ...b.calls];
    expect(calls.sort((x, y) => x - y)).toEqual(ids);
    expect([...tally(calls).values()].every((n) => n === 1)).toBe(true);
    expect(ra.sent + rb.sent).toBe(ids.length);
    for (const id of ids) expect(await rowById(t, id)).toMatchObject({ status: 'sent', attempts: 1 });

    // And again, with nothing left: neither sends.
    await Promise.all([deliverDueNotifications(t.ctx, [a]), deliverDueNotifications(ctxB, [b])]);
    expect(a.calls.length + b.calls.length).toBe(ids.length);
  });

  it('concurrent deliveries against a sender that fails now and then still end with every message sent exactly once', async () => {
    let now = plus(START, 60 * 24 * 500);
    setClocks(now);
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push((await emailRow(t, `flaky${i}@example.org`)).id);
    const delivered: number[] = [];
    let calls = 0;
    const flaky: Sender = {
      channel: 'email',
      async send(n) {
        await new Promise((r) => setTimeout(r, 5));
        if (++calls % 3 === 0) throw new Error('421 4.3.2 try again later');
        delivered.push(n.id);
      },
    };
    for (let round = 0; round < 6 && delivered.length < ids.length; round++) {
      setClocks(now);
      await Promise.all([deliverDueNotifications(t.ctx, [flaky], { instance: 'api-1' }), deliverDueNotifications(ctxB, [flaky], { instance: 'api-2' })]);
      now = plus(now, 60 * 24); // past any backoff used here
    }
    expect([...delivered].sort((x, y) => x - y)).toEqual(ids);
    for (const id of ids) expect((await rowById(t, id)).status).toBe('sent');
  });

  it('a claim left by a crashed instance is retried once it expires, by exactly one of two instances', async () => {
    const at = plus(START, 60 * 24 * 600);
    setClocks(at);
    const row = await emailRow(t, 'crash@example.org');
    // Instance "api-crashed" claims the row and dies while sending: its send never returns.
    const crashed: Sender = { channel: 'email', send: () => new Promise<void>(() => undefined) };
    void deliverDueNotifications(t.ctx, [crashed], { instance: 'api-crashed' });
    await expect.poll(async () => (await rowById(t, row.id)).status).toBe('sending');
    const claimed = await rowById(t, row.id);
    expect(claimed).toMatchObject({ claimedBy: 'api-crashed', attempts: 0 });
    expect(claimed.claimedUntil!.getTime()).toBeGreaterThan(at.getTime());

    // While the claim lasts, nobody else sends it.
    const a = recordingSender({ delayMs: 10 });
    const b = recordingSender({ delayMs: 10 });
    setClocks(plus(at, 1));
    await Promise.all([deliverDueNotifications(t.ctx, [a], { instance: 'api-1' }), deliverDueNotifications(ctxB, [b], { instance: 'api-2' })]);
    expect([...a.calls, ...b.calls]).toEqual([]);
    expect((await rowById(t, row.id)).status).toBe('sending');

    // The claim has expired (status 'sending', claimed_until in the past): both instances see it, one takes it over.
    setClocks(new Date(claimed.claimedUntil!.getTime() + 1000));
    const [ra, rb] = await Promise.all([
      deliverDueNotifications(t.ctx, [a], { instance: 'api-1' }),
      deliverDueNotifications(ctxB, [b], { instance: 'api-2' }),
    ]);
    expect([...a.calls, ...b.calls]).toEqual([row.id]);
    expect(ra.sent + rb.sent).toBe(1);
    const r = await rowById(t, row.id);
    expect(r).toMatchObject({ status: 'sent', attempts: 1, claimedUntil: null });
    expect(['api-1', 'api-2']).toContain(r.claimedBy);

    // Later runs leave it alone.
    setClocks(plus(at, 60 * 24));
    await Promise.all([deliverDueNotifications(t.ctx, [a]), deliverDueNotifications(ctxB, [b])]);
    expect(a.calls.length + b.calls.length).toBe(1);
  });
});
