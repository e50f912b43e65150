/**
 * Fields whose content the runtime never reads, whatever a config asks: passwords, hidden
 * inputs, payment and credential fields. Checked on every element read (value, text and
 * attribute), so a config cannot reach a password through `attribute: value` either.
 */

/** Form fields: the only elements a `value` property reads. */
export const FIELDS = /^(input|select|textarea)$/;
const SENSITIVE_AUTOCOMPLETE = /\b(cc-|current-password|new-password|one-time-code)/i;
const SENSITIVE_NAME = /card|cc-?(num|exp)|cvc|cvv|csc|iban|security.?code|passw|pwd|secret|ssn|pin.?code|otp/i;

/** True for a form field whose content must never leave the page. */
export function isSensitiveField(el: Element): boolean {
  if (!FIELDS.test(el.localName)) return false;
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (type === 'password' || type === 'hidden') return true;
  if (SENSITIVE_AUTOCOMPLETE.test(el.getAttribute('autocomplete') || '')) return true;
  return SENSITIVE_NAME.test(`${el.getAttribute('name') || ''} ${el.id} ${el.getAttribute('data-testid') || ''}`);
}

