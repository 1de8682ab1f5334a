/**
 * The notifications outbox. Every message (roster published, swap requested,
 * booking reminders …) is a row written in the same transaction as the change
 * that caused it; a job delivers due rows exactly once, retrying failures with
 * backoff, so nothing is lost when a sender is down.
 */
import type { Clock } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { NotificationEntity, type Channel, type NotificationRow } from './notifications.entity.js';

export interface NewNotification {
  channel: Channel;
  kind: string;
  recipientUserId?: number | null;
  recipientPhone?: string | null;
  recipientEmail?: string | null;
  title: string;
  body: string;
  payload?: Record<string, unknown>;
  /** When to send (default: now). */
  sendAt?: Date;
  /** A key that makes enqueueing idempotent, e.g. `reminder24h:appointment:42`. */
  dedupeKey?: string;
}

/** The outbox row a message becomes (pure). */
export function outboxRow(n: NewNotification, now: Date): Omit<NotificationRow, 'id'> {
  return {
    channel: n.channel,
    kind: n.kind,
    recipientUserId: n.recipientUserId ?? null,
    recipientPhone: n.recipientPhone ?? null,
    recipientEmail: n.recipientEmail ?? null,
    title: n.title.slice(0, 200),
    body: n.body,
    payload: n.payload ?? null,
    // In-app messages are delivered by being stored.
    status: n.channel === 'in_app' ? ('sent' as const) : ('pending' as const),
    attempts: 0,
    nextAttemptAt: n.sendAt ?? now,
    claimedBy: null,
    claimedUntil: null,
    sentAt: n.channel === 'in_app' ? now : null,
    readAt: null,
    lastError: null,
    dedupeKey: n.dedupeKey ?? null,
    createdAt: now,
  };
}

/**
 * Add a message to the outbox inside the caller's transaction. With a dedupe key
 * a second call for the same key adds nothing (returns false).
 */
export async function enqueueNotification(m: Manager, clock: Clock, n: NewNotification): Promise<boolean> {
  const row = outboxRow(n, clock.now());
  if (!n.dedupeKey) {
    await m.insert(NotificationEntity, row as never);
    return true;
  }
  // A duplicate key must not abort the caller's transaction (MySQL would keep it
  // alive, PostgreSQL would not): check first; the unique index still guards races.
  if (await m.existsBy(NotificationEntity, { dedupeKey: n.dedupeKey })) return false;
  try {
    await m.insert(NotificationEntity, row as never);
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
