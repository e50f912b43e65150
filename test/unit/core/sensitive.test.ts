/**
 * Sensitive-field detection (lib/core/sensitive.ts, sensitive-words.ts), table-driven: the
 * names, types, autocomplete tokens, labels, selects, textareas and editable fields a
 * payments or identity form uses are never read, by any property source; ordinary fields of
 * a shop (search, quantity, shipping method, coupon) still are. Text read from a container
 * never holds a field's content; `data-tagpoint-private` hides a whole subtree; URL
 * properties drop sensitive parameters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readProperty } from '../../../lib/core/properties';
import { readText, redactQuery, sensitiveMark, sensitiveWord, textMark } from '../../../lib/core/sensitive';
import { checkPropertySource } from '../../../lib/picker/privacy';

const el = (html: string, pick = '#f') => {
  document.body.innerHTML = html;
  return document.querySelector(pick)!;
};
afterEach(() => (document.body.innerHTML = ''));

/** [html of a field with id f, why it is sensitive] */
const SENSITIVE: [string, string][] = [
  ['<input id="f" type="password">', 'type'],
  ['<input id="f" type="hidden" name="csrf">', 'hidden input'],
  ['<input id="f" type="file">', 'file input'],
  ['<input id="f" name="cc_number">', 'issue: cc_number'],
  ['<input id="f" name="exp_month">', 'issue: exp_month'],
  ['<input id="f" name="pass">', 'issue: pass'],
  ['<input id="f" name="pin">', 'issue: pin'],
  ['<input id="f" name="account_number">', 'issue: account_number'],
  ['<input id="f" name="social_security">', 'issue: social_security'],
  ['<input id="f" name="ccNumber">', 'camelCase'],
  ['<input id="f" name="CCNumber">', 'acronym'],
  ['<input id="f" name="cardnumber">', 'joined'],
  ['<input id="f" name="card-no">', 'dash'],
  ['<input id="f" name="billing[card][number]">', 'brackets'],
  ['<input id="f" name="CVV2">', 'cvv2'],
  ['<input id="f" name="cvc">', 'cvc'],
  ['<input id="f" name="security_code">', 'security code'],
  ['<input id="f" name="expiry">', 'expiry'],
  ['<input id="f" name="expirationDate">', 'expiration'],
  ['<input id="f" name="routingNumber">', 'routing number'],
  ['<input id="f" name="iban">', 'iban'],
  ['<input id="f" name="ssn">', 'ssn'],
  ['<input id="f" name="taxId">', 'tax id'],
  ['<input id="f" name="dob">', 'date of birth'],
  ['<input id="f" name="date_of_birth">', 'date of birth, words'],
  ['<input id="f" name="otp">', 'one-time password'],
  ['<input id="f" name="totp_code">', 'totp'],
  ['<input id="f" name="api_key">', 'api key'],
  ['<input id="f" name="accessToken">', 'access token'],
  ['<input id="f" name="user[password_confirmation]">', 'password confirmation'],
  ['<input id="f" name="passwd">', 'passwd'],
  ['<input id="f" name="pwd">', 'pwd'],
  ['<input id="f" name="passcode">', 'passcode'],
  ['<input id="f" name="kennwort">', 'German'],
  ['<input id="f" autocomplete="cc-number">', 'autocomplete cc-number'],
  ['<input id="f" autocomplete="section-pay billing cc-csc">', 'autocomplete with section'],
  ['<input id="f" autocomplete="current-password">', 'current-password'],
  ['<input id="f" autocomplete="new-password">', 'new-password'],
  ['<input id="f" autocomplete="one-time-code">', 'one-time-code'],
  ['<input id="f" autocomplete="bday">', 'birthday'],
  ['<input id="f" name="x1" data-testid="card-number">', 'test id'],
  ['<input id="f" name="x1" class="InputElement card-number-input">', 'class of a custom field'],
  ['<input id="f" name="x1" aria-label="Card number">', 'aria-label'],
  ['<input id="f" name="x1" placeholder="1234 1234 1234 1234 (card number)">', 'placeholder'],
  ['<label for="f">Security code</label><input id="f" name="x1">', 'label for'],
  ['<label>Your PIN <input id="f" name="x1"></label>', 'wrapping label'],
  ['<span id="l">Social Security Number</span><input id="f" name="x1" aria-labelledby="l">', 'aria-labelledby'],
  ['<select id="f" name="cc-exp-month"><option>01</option></select>', 'select'],
  ['<select name="cc-exp-month"><option id="f" selected>04</option></select>', 'an option of a sensitive select'],
  ['<textarea id="f" name="recovery_codes"></textarea>', 'textarea'],
  ['<div id="f" contenteditable aria-label="Card number">4242</div>', 'contenteditable card field'],
  ['<div contenteditable data-field="cardNumber"><span id="f">4242</span></div>', 'inside a contenteditable card field'],
  ['<meta id="f" name="csrf-token" content="abc">', 'meta csrf-token'],
  ['<div data-tagpoint-private><h2 id="f">Order 42</h2></div>', 'opt-out on an ancestor'],
  ['<h2 id="f" data-tagpoint-private>Order 42</h2>', 'opt-out on the element'],
  ['<script id="f" type="application/json">{"token":"x"}</script>', 'a data block'],
];

/** Ordinary fields and elements a shop tags: readable. */
const ORDINARY = [
  '<input id="f" name="q" type="search">',
  '<input id="f" name="quantity" type="number">',
  '<select id="f" name="shipping_method"><option>Express</option></select>',
  '<input id="f" name="coupon">',
  '<input id="f" name="email" autocomplete="email">',
  '<input id="f" name="passenger_name">',
  '<input id="f" name="shipping_zip" autocomplete="postal-code">',
  '<input id="f" name="experience_years">',
  '<input id="f" type="checkbox" name="newsletter">',
  '<input id="f" type="submit" value="Pay now" name="pay">',
  '<h2 id="f">Password reset</h2>',
  '<button id="f" data-sku="1">Add</button>',
  '<meta id="f" property="og:title" content="Shoes">',
];

describe('a sensitive field is read by no source', () => {
  it.each(SENSITIVE)('%s (%s)', (html) => {
    const f = el(html);
    expect(sensitiveMark(f), html).toBeTruthy();
    expect(textMark(f)).toBeTruthy();
    expect(checkPropertySource(f).ok).toBe(false);
    for (const source of ['value', 'text'] as const) expect(readProperty({ name: 'p', source, selector: '#f' }, undefined, 255)).toBeNull();
    for (const attribute of ['value', 'content', 'aria-label', 'data-field'])
      expect(readProperty({ name: 'p', source: 'attribute', attribute, selector: '#f' }, undefined, 255)).toBeNull();
  });
});

describe('ordinary fields stay readable', () => {
  it.each(ORDINARY)('%s', (html) => {
    expect(sensitiveMark(el(html))).toBeUndefined();
    expect(checkPropertySource(el(html)).ok).toBe(true);
  });

  it('reads their value', () => {
    el('<select id="f" name="shipping_method"><option>Standard</option><option selected>Express</option></select>');
    expect(readProperty({ name: 'p', source: 'value', selector: '#f' }, undefined, 255)).toBe('Express');
    el('<meta id="f" property="og:title" content="Shoes">');
    expect(readProperty({ name: 'p', source: 'attribute', attribute: 'content', selector: '#f' }, undefined, 255)).toBe('Shoes');
  });
});

describe('text never holds a field', () => {
  it('skips fields, editing hosts, private subtrees and code inside the element read', () => {
    const card = el(
      `<div id="f"><h3>Visa</h3><textarea name="note">typed secret</textarea><input value="4242424242424242">
       <select name="cc-exp-month"><option selected>04</option></select><div contenteditable>typed 1234</div>
       <span data-tagpoint-private>private 9</span><script>var token="t0k"</script><p>ends 4242</p></div>`,
    );
    const text = readProperty({ name: 'p', source: 'text', selector: '#f' }, undefined, 255);
    expect(text).toBe('Visa ends 4242');
    expect(readText(card)).not.toMatch(/typed|private|t0k|04/);
  });

  it('a field itself has no text (only a value property reads it)', () => {
    expect(readProperty({ name: 'p', source: 'text', selector: '#f' }, undefined, 255)).toBeNull();
    el('<textarea id="f" name="comment">hello</textarea>');
    expect(readProperty({ name: 'p', source: 'text', selector: '#f' }, undefined, 255)).toBeNull();
    expect(readProperty({ name: 'p', source: 'value', selector: '#f' }, undefined, 255)).toBe('hello');
  });

  it('an attribute named as a secret is not read, on any element', () => {
    el('<form id="f" data-csrf-token="abc" data-api-key="k" data-plan="pro"></form>');
    expect(readProperty({ name: 'p', source: 'attribute', attribute: 'data-csrf-token', selector: '#f' }, undefined, 255)).toBeNull();
    expect(readProperty({ name: 'p', source: 'attribute', attribute: 'data-api-key', selector: '#f' }, undefined, 255)).toBeNull();
    expect(readProperty({ name: 'p', source: 'attribute', attribute: 'data-plan', selector: '#f' }, undefined, 255)).toBe('pro');
  });
});

describe('URL properties', () => {
  it.each([
    ['?q=shoes&password=hunter2', '?q=shoes'],
    ['?Password=x', ''],
    ['?utm_source=news&access_token=abc&page=2', '?utm_source=news&page=2'],
    ['?cc%5Fnumber=4242&x=1', '?x=1'],
    ['?pass%77ord=x&x=1', '?x=1'],
    ['#access_token=abc&state=1', '#state=1'],
    ['#top', '#top'],
    ['?%E0%A4%A=1', '?%E0%A4%A=1'],
  ])('%s -> %s', (query, kept) => expect(redactQuery(query)).toBe(kept));

  it('a query property never returns a sensitive parameter', () => {
    history.replaceState(null, '', '/search?q=shoes&password=hunter2&token=t');
    expect(readProperty({ name: 'p', source: 'query', param: 'password' }, undefined, 255)).toBeNull();
    expect(readProperty({ name: 'p', source: 'query', param: 'token' }, undefined, 255)).toBeNull();
    expect(readProperty({ name: 'p', source: 'query', param: 'q' }, undefined, 255)).toBe('shoes');
    expect(readProperty({ name: 'p', source: 'url' }, undefined, 255)).toBe(`${location.origin}/search?q=shoes`);
  });

  it('sensitiveWord reads names as words', () => {
    expect(sensitiveWord('shipping')).toBeUndefined();
    expect(sensitiveWord('opinion')).toBeUndefined();
    expect(sensitiveWord('success_url')).toBeUndefined();
    expect(sensitiveWord('user_pin')).toBe('pin ');
  });
});
