/**
 * Mainland China mobile numbers and masking of personal data for display.
 * Pure: no I/O.
 */

const MOBILE_RE = /^1[3-9]\d{9}$/;
/** Separators people type: spaces, ASCII and Unicode dashes, dots, brackets around a prefix. */
const SEPARATORS_RE = /[\s\-.()\u2010-\u2015\u2212]/g;

/**
 * The 11-digit mobile number, or null when `s` is not a mainland mobile number.
 * Strips spaces, dashes, dots and brackets, and a `+86`, `0086` or `86` country prefix;
 * accepts full-width digits (NFKC).
 */
export function normalizePhone(s: string): string | null {
  if (typeof s !== 'string' || s.length > 40) return null;
  let digits = s.normalize('NFKC').replace(SEPARATORS_RE, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086') && digits.length === 15) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return MOBILE_RE.test(digits) ? digits : null;
}

/** A mainland mobile number: `1[3-9]` + 9 digits, after normalizePhone. */
export function isMainlandMobile(s: string): boolean {
  return normalizePhone(s) !== null;
}

/**
 * `13812341234` → `138****1234`. Input that is not a mobile number is masked without
 * revealing more than its first 3 and last 4 characters (and nothing when it is short).
 */
export function maskPhone(s: string): string {
  const phone = normalizePhone(s);
  if (phone) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const chars = Array.from((typeof s === 'string' ? s : '').replace(SEPARATORS_RE, ''));
  if (chars.length === 0) return '';
  if (chars.length < 11) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

/** Han characters (CJK unified ideographs, all planes). */
const HAN_RE = /\p{Script=Han}/u;

/**
 * Keep the first character: `张三丰` → `张**`, `欧阳娜娜` → `欧***` (one star per hidden character,
 * as on Chinese notices). A name in Latin letters keeps its first letter and gets a fixed
 * `***`, so its length is not revealed: `Ahmad Karimi` → `A***`. A one-character name → `*`.
 */
export function maskName(name: string): string {
  const trimmed = (typeof name === 'string' ? name : '').normalize('NFC').trim();
  const chars = Array.from(trimmed);
  const first = chars[0];
  if (first === undefined) return '';
  if (HAN_RE.test(first)) {
    const rest = chars.slice(1).filter((c) => !/\s/.test(c)).length;
    return rest === 0 ? '*' : `${first}${'*'.repeat(rest)}`;
  }
  return chars.length === 1 ? '*' : `${first}***`;
}
