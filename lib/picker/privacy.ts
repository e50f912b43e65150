import { sensitiveMark } from '../core/sensitive';

/**
 * Privacy checks made when a tag is created. Two kinds: elements that must never be a
 * property source (refused), decided by the runtime's own rule (lib/core/sensitive.ts) so
 * the editor refuses exactly what the runtime would refuse to read; and values that look
 * personal (warned about), which only the editor checks.
 */

/** Why an element may not be a property source, or ok when it may. */
export type SourceVerdict = { ok: true } | { ok: false; reason: string };

// Wording only: which of the runtime's marks (type, autocomplete token, name fragment) hit.
const REASONS: [RegExp, string][] = [
  [/^password$/, 'password fields can never be a property source'],
  [/^hidden$/, 'hidden inputs often hold tokens; they cannot be a property source'],
  [/^file$/, "file inputs hold the names of a visitor's files; they cannot be a property source"],
  [/-password|one-time-code/, 'credential fields can never be a property source'],
  [/passw|pwd|secret|ssn|pin|otp/, 'secret fields (passwords, PINs, one-time codes) can never be a property source'],
];
const PAYMENT = 'payment fields can never be a property source';

/**
 * Refuses what the runtime never reads: password, hidden and file inputs, payment-card and
 * credential fields (by type, autocomplete, name, id or data-testid). Other elements pass.
 */
export function checkPropertySource(el: Element): SourceVerdict {
  const mark = sensitiveMark(el)?.toLowerCase();
  if (mark === undefined) return { ok: true };
  return { ok: false, reason: REASONS.find(([re]) => re.test(mark))?.[1] ?? PAYMENT };
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
