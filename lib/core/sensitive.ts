/**
 * Fields whose content the runtime never reads, whatever a config asks: passwords, hidden
 * and file inputs, payment and credential fields. Checked on every element read (value,
 * text and attribute), so a config cannot reach a password through `attribute: value`
 * either. The editor refuses a property source with this same rule (lib/picker/privacy.ts),
 * so what it lets a tag read is exactly what the runtime will read.
 */

/** Form fields: the only elements a `value` property reads. */
export const FIELDS = /^(input|select|textarea)$/;
const SENSITIVE_TYPE = /^(password|hidden|file)$/i;
const SENSITIVE_AUTOCOMPLETE = /\b(cc-|(current|new)-password|one-time-code|transaction-amount)/i;
const SENSITIVE_NAME = /card|cc-?(num|exp)|cv[cv]|csc|iban|expir|security.?code|passw|pwd|secret|ssn|pin.?code|otp/i;

/**
 * What makes a form field sensitive, as written on the element: its type (`password`,
 * `hidden`, `file`), else the matched autocomplete token, else the matched fragment of its
 * name, id or data-testid; undefined when the element is not a form field or not sensitive.
 * The editor words its refusal from this.
 */
export function sensitiveMark(el: Element): string | undefined {
  const attr = (name: string) => el.getAttribute(name) || '';
  if (FIELDS.test(el.localName))
    return (SENSITIVE_TYPE.exec(attr('type')) || SENSITIVE_AUTOCOMPLETE.exec(attr('autocomplete')) || SENSITIVE_NAME.exec(`${attr('name')} ${el.id} ${attr('data-testid')}`))?.[0];
}

/** True for a form field whose content must never leave the page. */
export function isSensitiveField(el: Element): boolean {
  return !!sensitiveMark(el);
}
