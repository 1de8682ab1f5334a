/**
 * What a staff notification says, as data: a key and its parameters, stored in the
 * message's payload (`payload.text`) beside the title and body the server wrote in the
 * recipient's language (`payload.lang`). staffText.ts holds each key's Chinese and English
 * words: e-mails are written from it in the recipient's language, and the bell renders a
 * message from it when its reader's language is another. (Workers' SMS are another matter:
 * written in the language of their booking, server/bookings/workerSms.ts.)
 */

/** A swap's story: its day and station, who asks and who answers, and the notes given. */
export interface SwapTextParams {
  date: string;
  station: string;
  from: string;
  to: string | null;
  /** Exchange: the colleague's day and station. */
  otherDate: string | null;
  otherStation: string | null;
  note: string | null;
  decisionNote: string | null;
  reason: string | null;
}

export const SWAP_TEXT_KEYS = [
  'swap_requested',
  'swap_offer',
  'swap_offer_reminder',
  'swap_accepted',
  'swap_accepted_pending',
  'swap_awaiting_approval',
  'swap_applied',
  'swap_rejected',
  'swap_declined',
  'swap_cancelled',
  'swap_expired',
] as const;
export type SwapTextKey = (typeof SWAP_TEXT_KEYS)[number];

export type MessageText =
  | { key: SwapTextKey; params: SwapTextParams }
  | { key: 'roster_drafted'; params: { month: string; stations: number; gaps: number } }
  | { key: 'roster_published'; params: { month: string; duties: number } }
  | { key: 'shift_gained' | 'shift_lost'; params: { date: string; station: string } }
  | { key: 'follow_up_reminder'; params: FollowUpReminderParams };

/** One call to ring back, as a reminder lists it: the caller already masked (null: anonymous), the category as its code. */
export interface FollowUpItem {
  due: string;
  overdue: boolean;
  caller: string | null;
  category: string;
  summary: string;
}

/** `items`: the first calls, listed (reminders written before they were data have none; `calls` counts them all). */
export interface FollowUpReminderParams {
  station: string;
  calls: number;
  overdue: number;
  items?: FollowUpItem[];
}

export type MessageTextKey = MessageText['key'];

/** Every key, for a reader to tell a message it knows from one written by a newer server. */
export const MESSAGE_TEXT_KEYS = [...SWAP_TEXT_KEYS, 'roster_drafted', 'roster_published', 'shift_gained', 'shift_lost', 'follow_up_reminder'] as const;
// The list and the union name the same keys (a key missing from either side fails to compile).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const KEYS_LISTED: Same<(typeof MESSAGE_TEXT_KEYS)[number], MessageTextKey> = true;
