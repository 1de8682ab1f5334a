/** Masking of personal data inside free text (log lines, URLs, error messages). */
import { maskName } from './phone.js';

export { maskName, maskPhone } from './phone.js';

/** Mask every mainland mobile number inside free text. */
export function maskPhonesInText(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, '$1****$3');
}

/**
 * Free text about a person, for a viewer who sees them masked: every mobile number
 * masked, and the person's own name (when known, two characters or more) as maskName shows it.
 */
export function maskPersonInText(text: string, name: string | null | undefined): string {
  const masked = maskPhonesInText(text);
  const n = (name ?? '').trim();
  return Array.from(n).length >= 2 ? masked.split(n).join(maskName(n)) : masked;
}
