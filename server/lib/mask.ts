/** Masking of personal data inside free text (log lines, URLs, error messages). */
export { maskName, maskPhone } from './phone.js';

/** Mask every mainland mobile number inside free text. */
export function maskPhonesInText(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, '$1****$3');
}
