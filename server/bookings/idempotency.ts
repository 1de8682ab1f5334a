/**
 * Idempotency-Key support: a retried request with the same key and the same body gets
 * the first answer again; the same key with another body is a 409. The key row is
 * written first in the booking's transaction, so concurrent retries wait on its unique
 * index and then see the committed booking instead of making a second one.
 */
import crypto from 'node:crypto';
import type { Manager } from '../db/db.js';
import { conflict } from '../http/errors.js';
import { IdempotencyKeyEntity } from './appointments.entity.js';
import { insertUnlessTaken } from './bookings.repository.js';

/** Another request with the same key is in flight or just committed: run again to replay it. */
export class IdempotencyRace extends Error {}

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

export function requestHash(body: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

/** The appointment an earlier request with this key made, or null when the key is new. */
export async function priorRequest(m: Manager, scope: string, key: string, hash: string): Promise<number | null> {
  const row = await m.findOneBy(IdempotencyKeyEntity, { scope, idemKey: key });
  if (!row) return null;
  if (row.requestHash !== hash) {
    throw conflict('This Idempotency-Key was already used for a different request; use a new key for a new booking');
  }
  if (row.appointmentId === null) throw new IdempotencyRace();
  return row.appointmentId;
}

export async function reserveKey(m: Manager, scope: string, key: string, hash: string, now: Date): Promise<void> {
  const id = await insertUnlessTaken(m, IdempotencyKeyEntity, { scope, idemKey: key, requestHash: hash, appointmentId: null, createdAt: now });
  if (id === null) throw new IdempotencyRace();
}

export async function settleKey(m: Manager, scope: string, key: string, appointmentId: number): Promise<void> {
  await m.update(IdempotencyKeyEntity, { scope, idemKey: key }, { appointmentId });
}
