/**
 * The selector policy is enforced wherever a config holds a selector, with the same verdict
 * from the strict parser (lib/config: `tagpoint validate`, the registry's 422, Save) and the
 * website runtime's reader (lib/core normalizeConfig): for every selector of the policy's
 * table, in every place a config can hold one, the strict parser refuses the config with
 * the policy's message at that place and the runtime skips that tag while the others run.
 * The selectors the table allows are accepted by both in every place.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lib/config';
import { normalizeConfig } from '../../../lib/core';
import { resolveLocator } from '../../../lib/core/locator';
import { ALLOWED, REFUSED } from './selector-policy-cases';

const optIn = { by: 'Ada', at: '2026-05-01T09:30:00Z' };
const fp = { tag: 'button', text: 'Pay' };

/** Each place a selector sits in a tag: [name, the tag holding `s` there, the path of the error]. */
const PLACES: [string, (s: string) => Record<string, unknown>, string][] = [
  ['target', (s) => ({ trigger: 'click', target: { selector: s } }), 'target.selector'],
  ['fallback', (s) => ({ trigger: 'click', target: { selector: 'button.pay', fallbacks: ['.x', s], fingerprint: fp } }), 'target.fallbacks[1]'],
  ['shadow host', (s) => ({ trigger: 'click', target: { selector: 'button.pay', hosts: ['shop-app', s] } }), 'target.hosts[1]'],
  ['record item', (s) => ({ trigger: 'click', target: { selector: 'button.pay', fingerprint: { ...fp, record: { item: s, keys: ['Order 1'] } } } }), 'target.fingerprint.record.item'],
  ['property', (s) => ({ trigger: 'click', target: { selector: 'button.pay' }, properties: [{ name: 'p', source: 'text', selector: s }] }), 'properties[0].selector'],
  ['trait', (s) => ({ trigger: 'submit', call: 'identify', target: { selector: 'form' }, traits: [{ name: 'p', source: 'text', selector: s, optIn }] }), 'traits[0].selector'],
  ['user id', (s) => ({ trigger: 'submit', call: 'identify', target: { selector: 'form' }, userId: { source: 'text', selector: s, optIn } }), 'userId.selector'],
];

const config = (tag: Record<string, unknown>) => ({
  version: 1,
  site: 'shop',
  revision: 3,
  tags: [
    { id: 'ok', event: 'Viewed', trigger: 'pageview' },
    { id: 'probe', event: 'Paid', ...tag },
  ],
});

describe.each(PLACES)('a selector as %s', (place, tagWith, path) => {
  it.each(REFUSED)('%j is refused by both readers (%s)', (selector) => {
    const input = config(tagWith(selector));
    const strict = parseConfig(input);
    expect(strict.ok).toBe(false);
    if (strict.ok) return;
    // Refused at that place, by the policy (or, for a few, already as CSS the DOM rejects).
    const issue = strict.errors.find((e) => e.path === `tags[1].${path}`);
    expect(issue?.message, JSON.stringify(strict.errors)).toMatch(/^selector (tests a field's (value|state)|is not valid CSS): /);
    const loose = normalizeConfig(input);
    expect(loose.ok).toBe(true);
    if (!loose.ok) return;
    if (place === 'fallback') {
      // A fallback the runtime cannot use is dropped, as an invalid one is: the tag keeps
      // only what cannot observe a field (its primary and sound fallbacks).
      const probe = loose.tags.find((t) => t.id === 'probe');
      expect(probe?.target?.fallbacks.map((f) => f.selector)).toEqual(['.x']);
      return;
    }
    expect(loose.tags.map((t) => t.id)).toEqual(['ok']);
    expect(loose.invalid.map((t) => t.tag)).toEqual(['probe']);
  });

  it.each(ALLOWED)('%j is accepted by both readers', (selector) => {
    const input = config(tagWith(selector));
    const strict = parseConfig(input);
    // Some allowed selectors are not valid in every place (a host must be an element...):
    // what matters is that the policy never speaks, and that the runtime runs what is accepted.
    if (!strict.ok) {
      expect(strict.errors.map((e) => e.message).join('\n')).not.toMatch(/selector tests a field/);
      return;
    }
    const loose = normalizeConfig(input);
    expect(loose.ok && loose.tags.map((t) => t.id)).toEqual(['ok', 'probe']);
  });
});

it('the editor and preview count nothing for a refused locator, as the runtime fires nothing', () => {
  document.body.innerHTML = '<form><input type="hidden" name="csrf" value="7f00"></form><button class="pay">Pay</button>';
  expect(resolveLocator({ selector: 'button.pay' }, document)).toHaveLength(1);
  expect(resolveLocator({ selector: 'body:has(input[name=csrf][value^="7f"]) button.pay' }, document)).toEqual([]);
  // A fallback that could tell the token is dropped: what the locator finds (here by the
  // ranking, which reads only the fingerprint's facts) is the same whatever the token is.
  const locator = { selector: '#gone', fallbacks: ['body:has([value^="7f"]) .pay'], fingerprint: { tag: 'button', text: 'Pay' } };
  const withToken = resolveLocator(locator, document).length;
  document.querySelector('input')!.setAttribute('value', '0000');
  expect(resolveLocator(locator, document).length).toBe(withToken);
  expect(resolveLocator({ ...locator, fingerprint: { tag: 'button', text: 'Buy now' } }, document)).toEqual([]);
});
