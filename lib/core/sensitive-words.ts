/**
 * The words that make a form field sensitive (lib/core/README.md, "Sensitive fields"): its
 * input type, its autocomplete token, and the words of what it is named by. sensitive.ts
 * decides with them; in tagpoint.js (lean, lib/core/lean.ts) they come with
 * tagpoint-extras.js, and until then every field counts as sensitive.
 */

const SENSITIVE_TYPE = /^(password|hidden|file)$/i;
// autocomplete tokens (HTML's autofill field names): every payment-card token, credentials,
// one-time codes, and the birthday (an identity check's answer).
const SENSITIVE_AUTOCOMPLETE = /\b(cc-[a-z-]+|(current|new)-password|one-time-code|webauthn|bday[a-z-]*|transaction-amount)\b/i;
// The words of a name, id, label... (see `sensitiveWord`) that make a field sensitive, each
// matched at the start of a word, some across a word break (" cc number" and " ccnumber"):
// credentials, payment cards, bank and identity numbers, tokens and keys.
const SENSITIVE = / (pass( |w|code|phrase|port)|pwd|pw |pin( |code|num|no)|[th]?otp|mfa|2fa|cv[cvn]|csc|ssn|sin |iban|secret|token|[cx]srf|(credit|debit|gift)? ?card|cc|exp(ir| ?(month|year|date|mm|yy))|(security|verification|auth|recovery|backup) ?code|(account|acct|routing) ?(num|no)|sort ?code|bank ?account|social ?(security|insurance)|(tax|national) ?id|one ?time|(api|access|private|secret) ?key|client ?secret|(auth|access|refresh|session|bearer|id) ?token|session ?id|(date ?of ?)?birth|dob |kennwort|contrase|senha|wachtwoord|haslo|tarjeta|kartennummer)/;

/**
 * The sensitive word in a name, id, label or parameter, or undefined. The name is read as
 * words: camelCase and acronyms split, lower-cased, every run of other characters one space
 * ("ccNumber" -> " cc number ", "exp_month" -> " exp month ").
 */
export function sensitiveWord(name: string): string | undefined {
  return SENSITIVE.exec(' ' + name.replace(/([a-z\d])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])/g, '$1$2 ').toLowerCase().replace(/[^a-z\d]+/g, ' ') + ' ')?.[1];
}

const attr = (el: Element, name: string) => el.getAttribute(name) || '';

// What a field is called, as its page says it: every attribute but its value (name, id,
// class, aria-label, placeholder, data-*...: a custom card field is often named only by a
// class), its labels (or the label around it) and what `aria-labelledby` names.
function namesOf(el: Element): string {
  const labels: (Element | null)[] = [...((el as HTMLInputElement).labels || [el.closest('label')])];
  for (const id of attr(el, 'aria-labelledby').split(' ')) labels.push(el.ownerDocument.getElementById(id));
  return [...el.attributes].map((a) => (a.name == 'value' ? '' : a.name + ' ' + a.value)).concat(labels.map((l) => l?.textContent || '')).map((t) => t.slice(0, 200)).join(' ');
}

/**
 * Why a field (a form field, a select, an editing host, a meta) is sensitive: its type, else
 * its autocomplete token, else the word it is named by; undefined when none.
 */
export function fieldMark(el: Element): string | undefined {
  return (SENSITIVE_TYPE.exec(el.localName === 'input' ? attr(el, 'type') : '') || SENSITIVE_AUTOCOMPLETE.exec(attr(el, 'autocomplete')))?.[0] ?? sensitiveWord(namesOf(el));
}
