/**
 * What a staff notification says, as data: a key and its parameters, stored in the
 * message's payload (`payload.text`) beside the Chinese title and body the server writes.
 * The bell renders the message in the reader's language from it (English:
 * client/src/features/notifications/englishText.ts); messages without it, and Chinese
 * readers, get the stored text. SMS and e-mail go out as stored, in Chinese.
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

export type SwapTextKey =
  | 'swap_requested'
  | 'swap_offer'
  | 'swap_offer_reminder'
  | 'swap_accepted'
  | 'swap_accepted_pending'
  | 'swap_awaiting_approval'
  | 'swap_applied'
  | 'swap_rejected'
  | 'swap_declined'
  | 'swap_cancelled'
  | 'swap_expired';

export type MessageText =
  | { key: SwapTextKey; params: SwapTextParams }
  | { key: 'roster_drafted'; params: { month: string; stations: number; gaps: number } }
  | { key: 'roster_published'; params: { month: string; duties: number } }
  | { key: 'shift_gained' | 'shift_lost'; params: { date: string; station: string } }
  | { key: 'follow_up_reminder'; params: { station: string; calls: number; overdue: number } };

export type MessageTextKey = MessageText['key'];
