/**
 * The strict parser (lib/config) and the runtime's tolerant reader (lib/core/normalize.ts)
 * agree on every call rule: a tag one accepts the other accepts, a tag one refuses the other
 * skips. One row per rule, both ways.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lib/config';
import { normalizeConfig } from '../../../lib/core';

const optIn = { by: 'Ada', at: '2026-05-01T09:30:00Z' };
const email = { name: 'email', source: 'value', selector: '#email', optIn };
const identify = { id: 'i', event: 'Signed Up', trigger: 'submit', call: 'identify', target: { selector: 'form' }, traits: [email] };
const page = { id: 'p', event: 'Product', trigger: 'pageview', call: 'page' };

const rows: [string, Record<string, unknown>, boolean][] = [
  ['track without call', { id: 't', event: 'Clicked', trigger: 'click', target: { selector: 'a' } }, true],
  ['track named', { id: 't', event: 'Clicked', trigger: 'click', call: 'track', target: { selector: 'a' } }, true],
  ['an unknown call', { id: 't', event: 'Clicked', trigger: 'click', call: 'reset', target: { selector: 'a' } }, false],
  ['a call that is not a string', { id: 't', event: 'Clicked', trigger: 'click', call: 1, target: { selector: 'a' } }, false],
  ['page on a page view', page, true],
  ['page with a category', { ...page, category: 'Shop' }, true],
  ['page with properties', { ...page, properties: [{ name: 'k', source: 'static', value: 'v' }] }, true],
  ['page with a blank category', { ...page, category: '  ' }, false],
  ['page with a numeric category', { ...page, category: 3 }, false],
  ['page on a click', { ...page, trigger: 'click', target: { selector: 'a' } }, false],
  ['a category on a track tag', { id: 't', event: 'P', trigger: 'pageview', category: 'Shop' }, false],
  ['a category on an identify tag', { ...identify, category: 'Shop' }, false],
  ['identify with traits', identify, true],
  ['identify on a page view', { ...identify, trigger: 'pageview', target: undefined }, true],
  ['identify with a user id only', { ...identify, traits: undefined, userId: { source: 'attribute', attribute: 'data-user', optIn } }, true],
  ['identify with a user id and no traits', { ...identify, traits: [], userId: { source: 'query', param: 'uid', optIn } }, true],
  ['identify with nothing', { ...identify, traits: [] }, false],
  ['identify without traits field or user id', { ...identify, traits: undefined }, false],
  ['identify with properties', { ...identify, properties: [] }, false],
  ['identify with a trait lacking opt-in', { ...identify, traits: [{ name: 'email', source: 'value' }] }, false],
  ['identify with an opt-in lacking who', { ...identify, traits: [{ ...email, optIn: { at: optIn.at } }] }, false],
  ['identify with a blank who', { ...identify, traits: [{ ...email, optIn: { by: ' ', at: optIn.at } }] }, false],
  ['identify with a local opt-in time', { ...identify, traits: [{ ...email, optIn: { by: 'Ada', at: '2026-05-01T09:30:00' } }] }, false],
  ['identify with an opt-in time in milliseconds', { ...identify, traits: [{ ...email, optIn: { by: 'Ada', at: '2026-05-01T09:30:00.123Z' } }] }, true],
  ['identify with two traits of one name', { ...identify, traits: [email, email] }, false],
  ['identify with a __proto__ trait', { ...identify, traits: [{ ...email, name: '__proto__' }] }, false],
  ['identify with a static user id', { ...identify, userId: { source: 'static', value: 'all', optIn } }, false],
  ['identify with a URL user id', { ...identify, userId: { source: 'url', optIn } }, false],
  ['identify with a user id lacking opt-in', { ...identify, userId: { source: 'value', selector: '#email' } }, false],
  ['traits on a track tag', { ...identify, call: undefined }, false],
  ['traits on a page tag', { ...page, traits: [email] }, false],
  ['a user id on a track tag', { id: 't', event: 'C', trigger: 'click', target: { selector: 'a' }, userId: { source: 'value', optIn } }, false],
];

describe('strict parser and runtime reader agree on calls', () => {
  it.each(rows)('%s', (_name, tag, valid) => {
    const raw = JSON.parse(JSON.stringify(tag));
    const config = { version: 1, site: 'shop', revision: 1, tags: [raw] };
    const strict = parseConfig(config);
    const runtime = normalizeConfig(config);
    expect(strict.ok, JSON.stringify(!strict.ok && strict.errors)).toBe(valid);
    expect(runtime.ok && runtime.tags.length === 1, JSON.stringify(runtime.ok && runtime.invalid)).toBe(valid);
  });

  it('reads what it accepts: the call, the category, the user id and the traits as the call carries them', () => {
    const result = normalizeConfig({ version: 1, site: 'shop', revision: 1, tags: [{ ...page, category: 'Shop' }, { ...identify, userId: { source: 'value', selector: '#email', optIn } }] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tags[0]).toMatchObject({ call: 'page', category: 'Shop', properties: [] });
    expect(result.tags[1]).toMatchObject({ call: 'identify', userId: { source: 'value', selector: '#email' }, properties: [{ name: 'email', source: 'value' }] });
  });
});
