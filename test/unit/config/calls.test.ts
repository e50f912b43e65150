import { describe, expect, it } from 'vitest';
import { parseConfig, parseTag } from '../../../lib/config';

const optIn = { by: 'Ada Lovelace', at: '2026-05-01T09:30:00.000Z', purpose: 'CRM sign-up' };
const signUp = {
  id: 'signup',
  event: 'Signed Up',
  trigger: 'submit',
  call: 'identify',
  target: { selector: 'form#signup' },
  userId: { source: 'value', selector: '#email', optIn },
  traits: [
    { name: 'email', source: 'value', selector: '#email', optIn },
    { name: 'name', source: 'value', selector: '#name', optIn },
  ],
};
const pageTag = { id: 'pv', event: 'Product', trigger: 'pageview', call: 'page', category: 'Shop' };

const errorsOf = (tag: unknown) => {
  const result = parseTag(tag);
  return result.ok ? [] : result.errors;
};

describe('calls: track, page, identify', () => {
  it('accepts a page call with a category and an identify call with opted-in traits', () => {
    const result = parseConfig({ version: 1, site: 'shop', revision: 1, tags: [pageTag, signUp] });
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
    if (result.ok) {
      expect(result.config.tags[1]!.traits!.map((t) => [t.name, t.optIn.by])).toEqual([
        ['email', 'Ada Lovelace'],
        ['name', 'Ada Lovelace'],
      ]);
    }
  });

  it('keeps track the default: a tag without call is unchanged', () => {
    expect(parseTag({ id: 'a', event: 'A', trigger: 'click', target: { selector: 'a' } })).toMatchObject({ ok: true });
  });

  it.each([
    ['a page call on a click', { ...pageTag, trigger: 'click', target: { selector: 'a' } }, 'call', /page views.*"pageview"/],
    ['a category on a track call', { ...pageTag, call: undefined }, 'category', /belongs to a page call/],
    ['traits on a track call', { ...signUp, call: 'track' }, 'traits', /belong to an identify call/],
    ['a user id on a page call', { ...pageTag, userId: signUp.userId }, 'userId', /belongs to an identify call/],
    ['properties on an identify call', { ...signUp, properties: [{ name: 'plan', source: 'static', value: 'pro' }] }, 'properties', /traits, not properties/],
    ['an identify call with nothing to send', { ...signUp, userId: undefined, traits: [] }, 'traits', /user id or at least one trait/],
    ['a trait without opt-in', { ...signUp, traits: [{ name: 'email', source: 'value', selector: '#email' }] }, 'traits[0].optIn', /optIn is required/],
    ['an opt-in without who', { ...signUp, traits: [{ name: 'email', source: 'value', optIn: { at: optIn.at } }] }, 'traits[0].optIn.by', /./],
    ['an opt-in at a local time', { ...signUp, traits: [{ name: 'email', source: 'value', optIn: { by: 'Ada', at: '2026-05-01 09:30' } }] }, 'traits[0].optIn.at', /UTC time as ISO 8601/],
    ['a static user id', { ...signUp, userId: { source: 'static', value: 'everyone', optIn } }, 'userId.source', /./],
    ['a user id from the URL', { ...signUp, userId: { source: 'url', optIn } }, 'userId.source', /./],
    ['two traits of one name', { ...signUp, traits: [signUp.traits[0], signUp.traits[0]] }, 'traits[1].name', /two traits of this tag are named "email"/],
    ['an unknown call', { ...signUp, call: 'alias' }, 'call', /./],
  ])('refuses %s, saying where', (_name, tag, path, message) => {
    const errors = errorsOf(JSON.parse(JSON.stringify(tag)));
    const hit = errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it('reports the call rules even when the same tag has other mistakes', () => {
    const errors = errorsOf({ ...signUp, event: '', call: 'identify', properties: [] });
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['event', 'properties']));
  });
});
