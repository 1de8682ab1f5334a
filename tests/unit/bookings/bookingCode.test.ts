import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOOKING_CODE_ALPHABET,
  BOOKING_CODE_BITS,
  BOOKING_CODE_LENGTH,
  compactBookingCode,
  formatBookingCode,
  generateBookingCode,
  normalizeBookingCode,
} from '../../../server/bookings/bookingCode.js';

const cryptoSource = (n: number) => new Uint8Array(randomBytes(n));
const CODE_RE = new RegExp(`^[${BOOKING_CODE_ALPHABET}]{5}-[${BOOKING_CODE_ALPHABET}]{5}$`);

/** A random source that hands out the given bytes in order, then repeats the last one. */
function scripted(bytes: number[]): (n: number) => Uint8Array {
  let i = 0;
  return (n) => Uint8Array.from({ length: n }, () => bytes[Math.min(i++, bytes.length - 1)]!);
}

describe('booking code alphabet and strength', () => {
  it('has no look-alike characters and no duplicates', () => {
    expect(BOOKING_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(BOOKING_CODE_ALPHABET).size).toBe(31);
    for (const c of '01OIL') expect(BOOKING_CODE_ALPHABET).not.toContain(c);
    expect(BOOKING_CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });

  it('is at least 40 bits strong', () => {
    expect(BOOKING_CODE_BITS).toBeGreaterThanOrEqual(40);
    expect(BOOKING_CODE_BITS).toBeCloseTo(BOOKING_CODE_LENGTH * Math.log2(31), 10);
    expect(Math.log2(BOOKING_CODE_ALPHABET.length ** BOOKING_CODE_LENGTH)).toBeCloseTo(BOOKING_CODE_BITS, 6);
  });
});

describe('generateBookingCode', () => {
  it('gives XXXXX-XXXXX from the alphabet', () => {
    for (let i = 0; i < 200; i++) expect(generateBookingCode(cryptoSource)).toMatch(CODE_RE);
  });

  it('every character is in the alphabet, whatever the random bytes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 247 }), { minLength: 1, maxLength: 40 }), fc.uint8Array({ maxLength: 64 }), (good, noise) => {
        // noise may contain rejected bytes; the good bytes after it guarantee progress
        const code = generateBookingCode(scripted([...noise, ...good]));
        expect(code).toMatch(CODE_RE);
      }),
    );
  });

  it('maps each accepted byte value to one character, and every character from exactly 8 byte values (unbiased)', () => {
    const counts = new Map<string, number>();
    for (let b = 0; b < 248; b++) {
      const code = generateBookingCode(scripted([b]));
      const c = BOOKING_CODE_ALPHABET[b % 31]!;
      expect(code).toBe(`${c.repeat(5)}-${c.repeat(5)}`);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(31);
    for (const n of counts.values()) expect(n).toBe(8);
  });

  it('rejects bytes 248–255 instead of folding them onto the first characters', () => {
    for (let b = 248; b < 256; b++) {
      expect(generateBookingCode(scripted([b, b, b, 30]))).toBe('ZZZZZ-ZZZZZ');
      expect(() => generateBookingCode(scripted([b]))).toThrow(/random source/);
    }
  });

  it('copes with a source that returns fewer bytes than asked', () => {
    let k = 0;
    const stingy = () => Uint8Array.of(k++ % 31);
    expect(generateBookingCode(stingy)).toBe('23456-789AB');
  });

  it('10,000 codes are unique', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 10_000; i++) codes.add(generateBookingCode(cryptoSource));
    expect(codes.size).toBe(10_000);
  });

  it('character frequencies over many codes are roughly uniform', () => {
    const counts = new Map<string, number>();
    const n = 5_000;
    for (let i = 0; i < n; i++) {
      for (const c of generateBookingCode(cryptoSource).replace('-', '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const expected = (n * BOOKING_CODE_LENGTH) / 31; // ≈ 1613
    // chi-square with 30 degrees of freedom: P(chi2 > 80) ≈ 2e-6
    let chi2 = 0;
    for (const c of BOOKING_CODE_ALPHABET) chi2 += ((counts.get(c) ?? 0) - expected) ** 2 / expected;
    expect(chi2).toBeLessThan(80);
  });
});

describe('normalizeBookingCode', () => {
  it.each([
    ['K7P2M-9QXDH', 'K7P2M-9QXDH'],
    ['k7p2m-9qxdh', 'K7P2M-9QXDH'],
    ['K7P2M9QXDH', 'K7P2M-9QXDH'],
    ['  k7p2m 9qxdh ', 'K7P2M-9QXDH'],
    ['K7P-2M9-QXDH', 'K7P2M-9QXDH'],
    ['K7P2M—9QXDH', 'K7P2M-9QXDH'], // em dash
    ['Ｋ７Ｐ２Ｍ－９ＱＸＤＨ', 'K7P2M-9QXDH'], // full-width, from a Chinese IME
    ['K7P2M_9QXDH', 'K7P2M-9QXDH'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeBookingCode(input)).toBe(expected);
  });

  it.each([
    '',
    'K7P2M-9QXD', // too short
    'K7P2M-9QXDHH', // too long
    'K7P2-9QXD', // the old 8-character shape
    'K7P2M-9QXD0', // zero is never in a code
    'K7P2M-9QXDO', // neither is O
    'K7P2M-9QXD1',
    'K7P2M-9QXDI',
    'K7P2M-9QXDL',
    'K7P2M/9QXDH',
    'K7P2M-9QXDÉ',
    'x'.repeat(100),
  ])('%j → null', (input) => {
    expect(normalizeBookingCode(input)).toBeNull();
  });

  it('is idempotent and agrees with generation (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }).filter((a) => a.every((b) => b < 248)), (bytes) => {
        const code = generateBookingCode(() => bytes);
        expect(normalizeBookingCode(code)).toBe(code);
        expect(normalizeBookingCode(code.toLowerCase().replace('-', ' '))).toBe(code);
        expect(compactBookingCode(code)).toBe(code.replace('-', ''));
        expect(formatBookingCode(compactBookingCode(code)!)).toBe(code);
      }),
    );
  });

  it('formatBookingCode throws on an invalid code', () => {
    expect(formatBookingCode('k7p2m9qxdh')).toBe('K7P2M-9QXDH');
    expect(() => formatBookingCode('K7P2M-9QXD0')).toThrow(RangeError);
  });
});
