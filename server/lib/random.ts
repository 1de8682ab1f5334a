/**
 * Cryptographically secure random bytes, drawn from a pool filled 4 KiB at a time.
 * A `crypto.randomBytes(12)` per booking code cost a call into OpenSSL and a new
 * Buffer each time; each byte of the pool is handed out once, then the pool is refilled.
 */
import crypto from 'node:crypto';

const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/** `n` fresh random bytes (a copy: the caller may keep them). */
export function secureRandomBytes(n: number): Uint8Array {
  if (n > POOL_SIZE) return crypto.randomBytes(n);
  if (offset + n > POOL_SIZE) {
    crypto.randomFillSync(pool);
    offset = 0;
  }
  const out = Uint8Array.prototype.slice.call(pool, offset, offset + n);
  pool.fill(0, offset, offset + n); // handed out: never handed out again
  offset += n;
  return out;
}
