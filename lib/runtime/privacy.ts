/**
 * Fields whose content the runtime never reads, whatever a config asks: passwords, hidden
 * inputs, payment and credential fields. Checked on every element read (value, text and
 * attribute), so a config cannot reach a password through `attribute: value` either.
 */

const SENSITIVE_AUTOCOMPLETE = /\b(cc-|current-password|new-password|one-time-code)/i;
const SENSITIVE_NAME = /card|cvc|cvv|csc|iban|ccnum|cc-?num|cc-?exp|security.?code|passw|passwd|pwd|secret|ssn|pin-?code|otp/i;

/** True for a form field whose content must never leave the page. */
export function isSensitiveField(el: Element): boolean {
  const name = el.localName;
  if (name !== 'input' && name !== 'textarea' && name !== 'select') return false;
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (type === 'password' || type === 'hidden') return true;
  if (SENSITIVE_AUTOCOMPLETE.test(el.getAttribute('autocomplete') || '')) return true;
  return SENSITIVE_NAME.test(`${el.getAttribute('name') || ''} ${el.id} ${el.getAttribute('data-testid') || ''}`);
}

