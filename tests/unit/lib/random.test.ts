import { describe, expect, it } from 'vitest';
import { secureRandomBytes } from '../../../server/lib/random.js';

describe('secureRandomBytes', () => {
  it('gives the length asked for, across pool refills and beyond the pool', () => {
    for (const n of [0, 1, 12, 4095, 4096, 5000]) expect(secureRandomBytes(n)).toHaveLength(n);
  });

  it('never hands out the same bytes twice, and keeps what it gave when the pool refills', () => {
    const seen = new Set<string>();
    const first = secureRandomBytes(16);
    const copy = Buffer.from(first).toString('hex');
    for (let i = 0; i < 2000; i++) {
      const hex = Buffer.from(secureRandomBytes(12)).toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
    }
    // 24 000 bytes later the pool has been refilled several times: the first draw is unchanged.
    expect(Buffer.from(first).toString('hex')).toBe(copy);
  });

  it('looks uniform: every byte value turns up about equally often', () => {
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 400; i++) for (const b of secureRandomBytes(640)) counts[b]++;
    // 256 000 bytes: 1 000 expected per value; 6 standard deviations (~190) either side.
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(190);
  });
});
