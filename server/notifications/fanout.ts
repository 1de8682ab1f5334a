/**
 * One message to one user, on every channel they have: always in-app (the bell), and
 * e-mail too when the user has an address. Written to the outbox inside the caller's
 * transaction, like every other message; the e-mail row is delivered by the job.
 */
import type { Clock } from '../context.js';
import type { Manager } from '../db/db.js';
import type { UserRow } from '../auth/users.entity.js';
import { enqueueNotification } from './outbox.js';
import type { MessageText } from './messageText.js';

export interface UserMessage {
  kind: string;
  title: string;
  body: string;
  payload?: Record<string, unknown>;
  /** The message as a key and parameters, stored as `payload.text` (the bell renders it in the reader's language). */
  text?: MessageText;
  /** Makes the call idempotent; the e-mail row gets `<key>:email`. */
  dedupeKey?: string;
}

export type Recipient = Pick<UserRow, 'id'> & { email?: string | null };

/** In-app (and e-mail where the user has an address). Returns whether the in-app message was added (false: a duplicate). */
export async function notifyUser(m: Manager, clock: Clock, user: Recipient, msg: UserMessage): Promise<boolean> {
  const payload = msg.text ? { ...msg.payload, text: msg.text } : msg.payload;
  const added = await enqueueNotification(m, clock, {
    channel: 'in_app',
    kind: msg.kind,
    recipientUserId: user.id,
    title: msg.title,
    body: msg.body,
    payload,
    dedupeKey: msg.dedupeKey,
  });
  const email = user.email?.trim();
  if (email) {
    await enqueueNotification(m, clock, {
      channel: 'email',
      kind: msg.kind,
      recipientUserId: user.id,
      recipientEmail: email,
      title: msg.title,
      body: msg.body,
      payload,
      dedupeKey: msg.dedupeKey ? `${msg.dedupeKey}:email` : undefined,
    });
  }
  return added;
}
