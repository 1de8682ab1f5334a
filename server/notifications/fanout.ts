/**
 * One message to one user, on every channel they have: always in-app (the bell), and
 * e-mail too when the user has an address. Written in the user's language (`users.lang`)
 * from the message's data (staffText.ts), to the outbox inside the caller's transaction,
 * like every other message; the e-mail row is delivered by the job. Every staff
 * notification is written here.
 */
import type { Clock } from '../context.js';
import type { Manager } from '../db/db.js';
import type { UserRow } from '../auth/users.entity.js';
import type { Lang } from '../http/messages.js';
import { enqueueNotification } from './outbox.js';
import type { MessageText } from './messageText.js';
import { staffText } from './staffText.js';

export interface UserMessage {
  kind: string;
  /** What the message says, as a key and parameters: its title and body are written from it, and it is stored as `payload.text` (the bell renders it in its reader's language). */
  text: MessageText;
  /** Ids to link to (the swap, the shift, the month …). */
  payload?: Record<string, unknown>;
  /** Makes the call idempotent; the e-mail row gets `<key>:email`. */
  dedupeKey?: string;
  /** Only the bell, even for a user with an address (the morning call-back list is for the desk's day). */
  inAppOnly?: boolean;
}

export type Recipient = Pick<UserRow, 'id'> & { email?: string | null; lang?: Lang };

/** In-app (and e-mail where the user has an address). Returns whether the in-app message was added (false: a duplicate). */
export async function notifyUser(m: Manager, clock: Clock, user: Recipient, msg: UserMessage): Promise<boolean> {
  const lang = user.lang ?? 'zh';
  const { title, body } = staffText(msg.text, lang);
  // `lang`: the language title and body are in, so a reader in another language gets the message rendered again from `text`.
  const payload = { ...msg.payload, text: msg.text, lang };
  const added = await enqueueNotification(m, clock, {
    channel: 'in_app',
    kind: msg.kind,
    recipientUserId: user.id,
    title,
    body,
    payload,
    dedupeKey: msg.dedupeKey,
  });
  const email = user.email?.trim();
  if (email && !msg.inAppOnly) {
    await enqueueNotification(m, clock, {
      channel: 'email',
      kind: msg.kind,
      recipientUserId: user.id,
      recipientEmail: email,
      title,
      body,
      payload,
      dedupeKey: msg.dedupeKey ? `${msg.dedupeKey}:email` : undefined,
    });
  }
  return added;
}
