import { describe, expect, it } from 'vitest';
import { parseTag } from '../../../lib/config';
import { draftForScroll, draftFromPick, draftFromTag, draftToTag, parseThresholds, rowKey, scopeOfRules } from '../../../lib/picker/editor-draft';

const url = 'https://shop.example/products/42';

describe('editor drafts', () => {
  it('starts a picked button as a click tag on this path with a suggested name', () => {
    const draft = draftFromPick({ id: 't1', url, locator: { selector: '#add' }, count: 1, label: 'Add to cart', isForm: false, tag: 'button' });
    expect(draft).toMatchObject({ event: 'Product Added', trigger: 'click', scope: 'this-path', pages: [{ match: 'path-exact', value: '/products/42' }], isNew: true });
    expect(draftFromPick({ id: 't1', url, locator: { selector: 'form' }, count: 1, label: '', isForm: true, tag: 'form' }).trigger).toBe('submit');
    expect(draftFromPick({ id: 't1', url, locator: { selector: 'select' }, count: 1, label: '', isForm: false, tag: 'select' }).trigger).toBe('change');
  });

  it('round-trips a saved tag through the editor', () => {
    const tag = {
      id: 't2',
      event: 'Product Added',
      trigger: 'click' as const,
      target: { selector: '.add' },
      pages: [{ match: 'path-prefix' as const, value: '/products/' }],
      properties: [
        { name: 'title', source: 'text' as const, selector: '.title' },
        { name: 'sku', source: 'attribute' as const, attribute: 'data-sku', transform: 'uppercase' as const },
        { name: 'placement', source: 'static' as const, value: 'grid' },
        { name: 'path', source: 'url' as const, part: 'path' as const },
        { name: 'campaign', source: 'query' as const, param: 'utm_campaign' },
      ],
      enabled: false,
    };
    const draft = draftFromTag(tag, url);
    expect(draft.scope).toBe('prefix');
    const back = parseTag(draftToTag(draft));
    expect(back.ok && back.tag).toEqual(tag);
  });

  it('round-trips page and identify tags, with their category, user id, traits and opt-ins', () => {
    const optIn = { by: 'Ada', at: '2026-05-01T09:30:00Z', purpose: 'CRM' };
    const page = { id: 'p', event: 'Product', trigger: 'pageview' as const, call: 'page' as const, category: 'Shop', enabled: true };
    const identify = {
      id: 'i',
      event: 'Signed Up',
      trigger: 'submit' as const,
      call: 'identify' as const,
      target: { selector: 'form' },
      userId: { source: 'value' as const, selector: '#email', optIn },
      traits: [{ name: 'email', source: 'value' as const, selector: '#email', optIn }],
      enabled: true,
    };
    for (const tag of [page, identify]) {
      const back = parseTag(draftToTag(draftFromTag(tag, url)));
      expect(back.ok && back.tag).toEqual(tag);
    }
    // A trait the editor has not opted in to is refused by parseTag, with its path.
    const draft = draftFromTag(identify, url);
    draft.traits.push({ key: rowKey(), name: 'phone', source: 'value', selector: '#phone' });
    const refused = parseTag(draftToTag(draft));
    expect(!refused.ok && refused.errors.map((e) => e.path)).toEqual(['traits[1].optIn']);
  });

  it('leaves validation to parseTag: an unnamed property is an error with its path', () => {
    const draft = draftFromPick({ id: 't3', url, locator: { selector: '#b' }, count: 1, label: 'Buy', isForm: false, tag: 'button' });
    draft.properties.push({ key: rowKey(), name: '', source: 'text', selector: '' });
    const result = parseTag(draftToTag(draft));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('properties[0].name');
  });

  it('drops the target of a pageview tag', () => {
    const draft = { ...draftFromPick({ id: 't4', url, locator: { selector: '#b' }, count: 1, label: 'x', isForm: false, tag: 'a' }), trigger: 'pageview' as const };
    expect(draftToTag(draft).target).toBeUndefined();
  });

  it.each([
    [[{ match: 'path-exact' as const, value: '/products/42' }], 'this-path'],
    [[{ match: 'path-prefix' as const, value: '/products/' }], 'prefix'],
    [[], 'whole-site'],
    [[{ match: 'glob' as const, value: '/p/**' }], 'custom'],
  ])('scopeOfRules(%j) = %s', (rules, scope) => expect(scopeOfRules(rules, url)).toBe(scope));
});

describe('scroll and visible drafts', () => {
  it('a new scroll tag has the usual depths, no target, and saves them as scroll.thresholds', () => {
    const draft = draftForScroll({ id: 's1', url: 'https://shop.example/blog/post' });
    expect(draft).toMatchObject({ trigger: 'scroll', event: 'Page Scrolled', scrollThresholds: '25, 50, 75, 100' });
    const tag = draftToTag({ ...draft, scrollThresholds: '10%, 50 90', target: { selector: 'a' } });
    expect(tag.scroll).toEqual({ thresholds: [10, 50, 90] });
    expect(tag.target).toBeUndefined();
    expect(parseTag(tag).ok).toBe(true);
    // A word that is no number is refused by parseTag, at its place.
    const bad = parseTag(draftToTag({ ...draft, scrollThresholds: '50, half' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.path).toBe('scroll.thresholds[1]');
    expect(parseThresholds(' 25 ;75% ')).toEqual([25, 75]);
  });

  it('visible conditions are typed in percent and seconds, saved in percent and ms, and come back when editing', () => {
    const base = draftFromTag({ id: 'v', event: 'Promo Viewed', trigger: 'visible', target: { selector: '.promo' } }, 'https://shop.example/');
    expect(draftToTag(base).visible).toBeUndefined();
    const tag = draftToTag({ ...base, visibleMinPercent: '80', visibleMinSeconds: '1.5', visibleOnce: 'page' });
    expect(tag.visible).toEqual({ minPercent: 80, minDuration: 1500, once: 'page' });
    const parsed = parseTag(tag);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(draftFromTag(parsed.tag, 'https://shop.example/')).toMatchObject({ visibleMinPercent: '80', visibleMinSeconds: '1.5', visibleOnce: 'page' });
    // Another trigger drops them.
    expect(draftToTag({ ...base, trigger: 'click', visibleMinPercent: '80' }).visible).toBeUndefined();
  });
});
