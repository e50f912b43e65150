import { describe, expect, it } from 'vitest';
import { checkPropertySource, detectPersonalData, passesLuhn, privacyWarnings } from '../../../lib/picker/privacy';
import { isSensitiveField } from '../../../lib/core/sensitive';

function el(html: string): Element {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  return template.content.firstElementChild!;
}

describe('checkPropertySource', () => {
  it.each([
    ['<input type="password">', false, 'password'],
    ['<input type="PASSWORD" name="x">', false, 'password'],
    ['<input type="hidden" name="csrf">', false, 'hidden'],
    ['<input autocomplete="cc-number" name="n">', false, 'payment'],
    ['<input autocomplete="cc-csc">', false, 'payment'],
    ['<input autocomplete="current-password" type="text">', false, 'credential'],
    ['<input autocomplete="one-time-code">', false, 'credential'],
    ['<input name="cardnumber">', false, 'payment'],
    ['<input id="cvv">', false, 'payment'],
    ['<input name="iban">', false, 'payment'],
    ['<input name="user_pwd">', false, 'secret'],
    ['<textarea name="secret_note"></textarea>', false, 'secret'],
    ['<select name="cc-exp-month"></select>', false, 'payment'],
    ['<input type="email" name="email">', true, ''],
    ['<input name="coupon">', true, ''],
    ['<input type="checkbox" name="newsletter">', true, ''],
    ['<select name="size"></select>', true, ''],
    // Not a form field: names do not matter (a heading about passwords is fine to read).
    ['<h2 id="password-help">Forgot your password?</h2>', true, ''],
    ['<div data-testid="card-number">Card</div>', true, ''],
    ['<input type="file" name="cv">', false, 'file'],
    ['<input name="card_expiry">', false, 'payment'],
    ['<input autocomplete="transaction-amount">', false, 'payment'],
    ['<input autocomplete="new-password" name="pw2">', false, 'credential'],
    ['<input name="otp">', false, 'secret'],
    ['<input name="pin-code">', false, 'secret'],
  ])('%s → allowed %s', (html, allowed, reason) => {
    const verdict = checkPropertySource(el(html));
    expect(verdict.ok).toBe(allowed);
    if (!verdict.ok) expect(verdict.reason).toContain(reason);
    // One rule: the editor refuses a source exactly when the runtime refuses to read it.
    expect(verdict.ok).toBe(!isSensitiveField(el(html)));
  });
});

describe('passesLuhn', () => {
  it.each([
    ['4242424242424242', true],
    ['4111111111111111', true],
    ['5555555555554444', true],
    ['378282246310005', true],
    ['4242424242424241', false],
    ['1234567812345678', false],
    ['', false],
    ['42a2', false],
  ])('%s → %s', (digits, expected) => expect(passesLuhn(digits)).toBe(expected));
});

describe('detectPersonalData', () => {
  it.each([
    ['jane@example.com', ['email']],
    ['Write to help@shop.co.uk today', ['email']],
    ['4242 4242 4242 4242', ['card']],
    ['4242-4242-4242-4242', ['card']],
    ['Order 1234567812345678', []], // 16 digits, not a card (fails Luhn), too long for a phone
    ['+1 415 555 0100', ['phone']],
    ['(020) 7946 0958', ['phone']],
    ['06 12 34 56 78', ['phone']],
    ['$1,299.00', []],
    ['SKU-12345', []],
    ['2024-05-01', []],
    ['Blue Shoe', []],
  ])('%s → %j', (value, kinds) => expect(detectPersonalData(value)).toEqual(kinds));

  it('turns findings into warnings, and nothing for non-strings', () => {
    expect(privacyWarnings('jane@example.com')[0]).toContain('email');
    expect(privacyWarnings(42)).toEqual([]);
    expect(privacyWarnings('')).toEqual([]);
  });
});
