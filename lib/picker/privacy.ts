/**
 * Privacy checks made when a tag is created (the runtime repeats an equivalent check at run
 * time, lib/runtime/privacy.ts). Two kinds: elements that must never be a property source
 * (password and payment fields: refused), and values that look personal (warned about).
 */

/** The facts about an element the source check needs (an Element satisfies it). */
export interface FieldLike {
  localName: string;
  id?: string;
  getAttribute(name: string): string | null;
  closest?(selector: string): unknown;
}

/** Why an element may not be a property source, or undefined when it may. */
export type SourceVerdict = { ok: true } | { ok: false; reason: string };

const PAYMENT_AUTOCOMPLETE = /\bcc-(?:number|csc|exp|exp-month|exp-year|name|given-name|family-name|type)\b|\btransaction-amount\b/i;
const CREDENTIAL_AUTOCOMPLETE = /\b(?:current-password|new-password|one-time-code)\b/i;
const PAYMENT_NAME = /card.?num|cardnumber|ccnum|cc-?num|cc-?exp|cvc|cvv|csc|security.?code|iban|expir/i;
const SECRET_NAME = /passw|passwd|pwd|secret|ssn|pin-?code|\botp\b/i;
const FIELD = /^(?:input|textarea|select)$/;

/**
 * Refuses password fields, payment-card fields (by type, autocomplete, name/id) and hidden
 * inputs as property sources, and elements inside a payment iframe-like container marked
 * with `autocomplete="cc-…"` descendants are left to the per-field check.
 */
export function checkPropertySource(el: FieldLike): SourceVerdict {
  if (!FIELD.test(el.localName)) return { ok: true };
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (type === 'password') return { ok: false, reason: 'password fields can never be a property source' };
  if (type === 'hidden') return { ok: false, reason: 'hidden inputs often hold tokens; they cannot be a property source' };
  const autocomplete = el.getAttribute('autocomplete') ?? '';
  if (CREDENTIAL_AUTOCOMPLETE.test(autocomplete)) return { ok: false, reason: 'credential fields can never be a property source' };
  if (PAYMENT_AUTOCOMPLETE.test(autocomplete)) return { ok: false, reason: 'payment fields can never be a property source' };
  const names = `${el.getAttribute('name') ?? ''} ${el.id ?? ''} ${el.getAttribute('data-testid') ?? ''}`;
  if (PAYMENT_NAME.test(names)) return { ok: false, reason: 'payment fields can never be a property source' };
  if (SECRET_NAME.test(names)) return { ok: false, reason: 'secret fields (passwords, PINs, one-time codes) can never be a property source' };
  return { ok: true };
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
// Runs of 13-19 digits, optionally grouped by spaces or dashes, that pass the Luhn check.
const CARD_CANDIDATE = /(?:\d[ -]?){12,18}\d/g;
// International or national phone numbers: at least 9 digits with usual separators.
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}/;

/** True when `digits` passes the Luhn checksum (payment-card numbers do). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Kinds of personal data a value may look like. */
export type PersonalDataKind = 'email' | 'phone' | 'card';

/** What personal data `value` looks like it holds (empty when none). Card numbers need Luhn. */
export function detectPersonalData(value: string): PersonalDataKind[] {
  const kinds: PersonalDataKind[] = [];
  if (EMAIL.test(value)) kinds.push('email');
  let card = false;
  for (const match of value.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) card = true;
  }
  if (card) kinds.push('card');
  const phone = PHONE.exec(value);
  if (!card && phone && phone[0].replace(/\D/g, '').length >= 9 && phone[0].replace(/\D/g, '').length <= 15) kinds.push('phone');
  return kinds;
}

const WARNINGS: Record<PersonalDataKind, string> = {
  email: 'looks like an email address: sending it to analytics may break privacy rules',
  phone: 'looks like a phone number: sending it to analytics may break privacy rules',
  card: 'looks like a payment card number: do not send it to analytics',
};

/** Human warnings for a value that looks personal (empty when none). */
export function privacyWarnings(value: unknown): string[] {
  if (typeof value !== 'string' || value === '') return [];
  return detectPersonalData(value).map((kind) => WARNINGS[kind]);
}
