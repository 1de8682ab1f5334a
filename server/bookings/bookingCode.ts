/**
 * Booking codes: what a worker (no account) uses, with the phone number, to look up,
 * cancel or move a booking. Short enough to read out on the phone, unguessable, and
 * free of look-alike characters (no 0/O, 1/I/L).
 *
 * Format: `XXXXX-XXXXX`, 10 characters from a 31-character alphabet
 * → 10 × log2(31) ≈ 49.5 bits. Characters are drawn with rejection sampling, so every
 * character is exactly uniform. Pure: the random source is passed in
 * (in production: `(n) => crypto.randomBytes(n)`).
 */

export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const BOOKING_CODE_LENGTH = 10;
/** Characters before the dash in the display form. */
export const BOOKING_CODE_GROUP = 5;
/** Entropy of a code in bits (≈ 49.5). */
export const BOOKING_CODE_BITS = BOOKING_CODE_LENGTH * Math.log2(BOOKING_CODE_ALPHABET.length);

const ALPHABET_SIZE = BOOKING_CODE_ALPHABET.length; // 31
/** Bytes at or above this are rejected: 248 = 8 × 31, so `byte % 31` is uniform below it. */
const REJECT_FROM = 256 - (256 % ALPHABET_SIZE);
const MAX_ROUNDS = 1000;

const COMPACT_RE = new RegExp(`^[${BOOKING_CODE_ALPHABET}]{${BOOKING_CODE_LENGTH}}$`);
/** Separators people type or paste: spaces, ASCII and Unicode dashes, underscores, dots. */
const SEPARATORS_RE = /[\s\-_.\u2010-\u2015\u2212\u30fc\u00b7]/g;

/** A new booking code in display form, e.g. `K7P2M-9QXDH`. */
export function generateBookingCode(randomBytes: (n: number) => Uint8Array): string {
  let chars = '';
  for (let round = 0; round < MAX_ROUNDS && chars.length < BOOKING_CODE_LENGTH; round++) {
    // Ask for a little more than needed: 3% of bytes are rejected.
    const bytes = randomBytes(BOOKING_CODE_LENGTH + 2);
    for (const b of bytes) {
      if (b >= REJECT_FROM) continue;
      chars += BOOKING_CODE_ALPHABET[b % ALPHABET_SIZE];
      if (chars.length === BOOKING_CODE_LENGTH) break;
    }
  }
  if (chars.length < BOOKING_CODE_LENGTH) throw new Error('random source keeps returning rejected bytes');
  return formatBookingCode(chars);
}

/**
 * Display form `XXXXX-XXXXX` of a code given in any accepted spelling
 * (see normalizeBookingCode). Throws on an invalid code.
 */
export function formatBookingCode(code: string): string {
  const compact = compactBookingCode(code);
  if (compact === null) throw new RangeError('not a booking code');
  return `${compact.slice(0, BOOKING_CODE_GROUP)}-${compact.slice(BOOKING_CODE_GROUP)}`;
}

/**
 * The 10 code characters without separators, or null when the input cannot be a code.
 * Accepts lower case, full-width characters (from a Chinese IME), spaces and dashes.
 * Look-alikes (0/O, 1/I/L) are never in a code, so they are not guessed at: the input is invalid.
 */
export function compactBookingCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = input.normalize('NFKC').replace(SEPARATORS_RE, '').toUpperCase();
  return COMPACT_RE.test(compact) ? compact : null;
}

/**
 * The canonical form to store and to look up by: the display form `XXXXX-XXXXX`
 * (what generateBookingCode returns), or null when the input is not a valid code.
 */
export function normalizeBookingCode(input: string): string | null {
  const compact = compactBookingCode(input);
  return compact === null ? null : formatBookingCode(compact);
}
