/**
 * How BookingGroups forms groups (pure: the runner is a recorder, no database): one turn's
 * arrivals travel together, no more than maxGroup in one and maxInFlight at once, a lone
 * booking goes alone, and each caller gets its own answer.
 */
import { describe, expect, it } from 'vitest';
import { BookingGroups, type GroupRunner } from '../../../server/bookings/bookingGroups.js';

function recorder(opts: { failGroups?: boolean; keyOf?: (n: number) => string } = {}) {
  const keyOf = opts.keyOf ?? ((n: number) => String(n));
  const groups: number[][] = [];
  const alone: number[] = [];
  let running = 0;
  let most = 0;
  const gates: (() => void)[] = [];
  const runner: GroupRunner<number, string> = {
    keysOf: (n) => [keyOf(n)],
    async group(inputs) {
      groups.push(inputs);
      most = Math.max(most, ++running);
      await new Promise<void>((r) => gates.push(r));
      running--;
      if (opts.failGroups) throw new Error('lost');
      return inputs.map((n) => (n < 0 ? { refused: new Error(`refused ${n}`) } : { value: `g${n}` }));
    },
    async one(n) {
      alone.push(n);
      if (n < 0) throw new Error(`refused ${n}`);
      return `a${n}`;
    },
  };
  /** Let every group that has started finish, and the groups they make room for, for a few turns. */
  const openAll = async () => {
    for (let turn = 0; turn < 20; turn++) {
      gates.splice(0).forEach((open) => open());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { runner, groups, alone, most: () => most, openAll };
}

describe('BookingGroups', () => {
  it('places a lone booking alone', async () => {
    const r = recorder();
    const groups = new BookingGroups(r.runner, { maxInFlight: 2, maxGroup: 10 });
    expect(await groups.place(7)).toBe('a7');
    expect(r.alone).toEqual([7]);
    expect(r.groups).toEqual([]);
  });

  it('groups one turn\'s arrivals, at most maxGroup in a group and maxInFlight groups at once, and answers each caller', async () => {
    const r = recorder();
    const groups = new BookingGroups(r.runner, { maxInFlight: 2, maxGroup: 3 });
    const answers = Promise.allSettled([1, 2, -3, 4, 5, 6, 7, 8].map((n) => groups.place(n)));
    await new Promise((res) => setImmediate(res));
    // Two groups of three started; the other two wait for a free place.
    expect(r.groups).toEqual([
      [1, 2, -3],
      [4, 5, 6],
    ]);
    await r.openAll();
    const settled = await answers;
    expect(r.groups.slice(2)).toEqual([[7, 8]]);
    expect(r.most()).toBe(2);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual(['g1', 'g2', 'refused -3', 'g4', 'g5', 'g6', 'g7', 'g8']);
  });

  it('keeps a slot that a group in flight holds out of the next group until that group is done', async () => {
    const r = recorder({ keyOf: (n) => (n === 9 ? 'other slot' : 'one slot') });
    const groups = new BookingGroups(r.runner, { maxInFlight: 2, maxGroup: 2 });
    const answers = Promise.all([1, 2, 3, 4, 9].map((n) => groups.place(n)));
    await new Promise((res) => setImmediate(res));
    // 3 and 4 wait; 9, for another slot, goes on at once (alone).
    expect(r.groups).toEqual([[1, 2]]);
    expect(r.alone).toEqual([9]);
    await r.openAll();
    expect(await answers).toEqual(['g1', 'g2', 'g3', 'g4', 'a9']);
    expect(r.groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('places each booking of a group that failed as a whole on its own', async () => {
    const r = recorder({ failGroups: true });
    const failures: [string, number][] = [];
    const groups = new BookingGroups(r.runner, { maxInFlight: 1, maxGroup: 10, onGroupFailed: (err, size) => failures.push([(err as Error).message, size]) });
    const answers = Promise.allSettled([1, -2, 3].map((n) => groups.place(n)));
    await new Promise((res) => setImmediate(res));
    await r.openAll();
    const settled = await answers;
    expect(r.alone).toEqual([1, -2, 3]);
    expect(failures).toEqual([['lost', 3]]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual(['a1', 'refused -2', 'a3']);
  });
});
