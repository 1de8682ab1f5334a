import { describe, expect, it } from 'vitest';
import { RateCounts, bucketOf } from '../../../server/http/sharedRateStore.js';

const MIN = 60_000;
const t0 = 1_800_000_000_000 - (1_800_000_000_000 % MIN); // the start of a window

describe('RateCounts (the shared rate limit, without the database)', () => {
  it('counts hits per client and window, and starts again in the next window', () => {
    const c = new RateCounts(MIN);
    expect(c.hit('a', t0).totalHits).toBe(1);
    expect(c.hit('a', t0 + 10).totalHits).toBe(2);
    expect(c.hit('b', t0 + 20).totalHits).toBe(1);
    expect(c.hit('a', t0).resetTime).toEqual(new Date(t0 + MIN));
    expect(c.hit('a', t0 + MIN).totalHits).toBe(1);
  });

  it('adds the totals of every instance once a sync settles, and keeps counting hits made during it', () => {
    const c = new RateCounts(MIN);
    c.hit('a', t0);
    c.hit('a', t0);
    const batch = c.take(t0)!;
    expect([...batch.deltas]).toEqual([['a', 2]]);
    // Hits while the batch is being written still count.
    expect(c.hit('a', t0).totalHits).toBe(3);
    // The database now holds this instance's 2 and another instance's 5.
    c.settle(batch, new Map([['a', 7]]));
    expect(c.total('a')).toBe(8);
    // The next sync carries only the hit made meanwhile, and reads back the known key.
    const next = c.take(t0)!;
    expect([...next.deltas]).toEqual([['a', 1]]);
    expect(next.keys).toEqual(['a']);
  });

  it('gives failed hits back to the next sync, uncounted nowhere twice', () => {
    const c = new RateCounts(MIN);
    c.hit('a', t0);
    const batch = c.take(t0)!;
    c.hit('a', t0);
    c.fail(batch);
    expect(c.total('a')).toBe(2);
    expect([...c.take(t0)!.deltas]).toEqual([['a', 2]]);
  });

  it('drops a batch of an earlier window when it settles late', () => {
    const c = new RateCounts(MIN);
    c.hit('a', t0);
    const batch = c.take(t0)!;
    c.hit('a', t0 + MIN);
    c.settle(batch, new Map([['a', 50]]));
    expect(c.total('a')).toBe(1);
  });

  it('takes a request back (a successful sign-in) and never goes below zero', () => {
    const c = new RateCounts(MIN);
    c.hit('a', t0);
    c.undo('a', t0);
    c.undo('a', t0);
    expect(c.total('a')).toBe(0);
  });

  it('has nothing to sync when nothing was counted', () => {
    expect(new RateCounts(MIN).take(t0)).toBeNull();
  });

  it('stores a keyed hash of the client, different per limiter and per installation', () => {
    const b = bucketOf('secret-a', 'public', '203.0.113.9');
    expect(b).toMatch(/^[0-9a-f]{32}$/);
    expect(b).not.toContain('203');
    expect(bucketOf('secret-a', 'login', '203.0.113.9')).not.toBe(b);
    expect(bucketOf('secret-b', 'public', '203.0.113.9')).not.toBe(b);
  });
});
