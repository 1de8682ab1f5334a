/**
 * What pseudonymisation does to a worker's record, as pure rules: which fields are
 * blanked, and how free text written about them (a call's summary, a follow-up note)
 * loses the phone numbers and names in it while keeping the rest.
 */

export const REMOVED_NUMBER = '[号码已删除]';
export const REMOVED_NAME = '某某';
/** The title an outbox message keeps once its recipient and text are removed. */
export const REMOVED_MESSAGE_TITLE = '[已删除]';

/** Mainland mobiles (with spaces or dashes typed in them) and landlines with an area code. */
const PHONE_IN_TEXT = /(?<!\d)(?:(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}|0\d{2,3}[\s-]?\d{7,8})(?!\d)/g;

export interface Scrub {
  /** Names to remove wherever they appear (one-character names are left: they would eat ordinary words). */
  names?: readonly (string | null | undefined)[];
  /** Exact numbers to remove besides anything shaped like a phone number (e.g. a short extension). */
  phones?: readonly (string | null | undefined)[];
}

/** `text` without phone numbers and without the given names. */
export function scrubText(text: string, s: Scrub = {}): string {
  let out = text.replace(PHONE_IN_TEXT, REMOVED_NUMBER);
  for (const phone of s.phones ?? []) {
    if (phone && phone.length >= 5) out = out.split(phone).join(REMOVED_NUMBER);
  }
  const names = [...new Set((s.names ?? []).map((n) => (n ?? '').trim()).filter((n) => Array.from(n).length >= 2))];
  // Longest first, so 欧阳娜娜 goes before 欧阳.
  names.sort((a, b) => b.length - a.length);
  for (const name of names) out = out.split(name).join(REMOVED_NAME);
  return out;
}

/** `text` with one number removed (someone else's record that mentions it). */
export function removeNumber(text: string, phone: string): string {
  const target = phone.replace(/\D/g, '');
  if (target.length < 5) return text;
  return text
    .replace(PHONE_IN_TEXT, (m) => {
      const digits = m.replace(/\D/g, '');
      return digits === target || digits === `86${target}` ? REMOVED_NUMBER : m;
    })
    .split(target)
    .join(REMOVED_NUMBER);
}

/** `months` calendar months before `now` (the retention cut-off): a contact before it is past retention. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
