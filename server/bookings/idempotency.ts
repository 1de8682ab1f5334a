/**
 * Idempotency-Key support: a retried request with the same key and the same body gets
 * the first answer again; the same key with another body is a 409. The key row is
 * written in the booking's own transaction under a unique (scope, key) index, so two
 * requests with one key can never make two bookings (see placement.ts).
 */
import crypto from 'node:crypto';

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** The hash a key's first request is remembered by: the same body in any key order hashes the same. */
export function requestHash(body: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}
