import { describe, expect, it } from 'vitest';
import type { Tag, TagConfig } from '../../../lib/config';
import { deepEqual, diffConfigs } from '../../../lib/publish';

const tag = (id: string, extra: Partial<Tag> = {}): Tag => ({
  id,
  event: `Clicked ${id}`,
  trigger: 'click',
  target: { selector: `#${id}` },
  ...extra,
});
const config = (...tags: Tag[]): TagConfig => ({ version: 1, site: 'shop', revision: 1, tags });

describe('diffConfigs', () => {
  it('reports added, removed and changed tags with the fields that changed', () => {
    const live = config(tag('a'), tag('b'), tag('c', { pages: [{ match: 'path-prefix', value: '/p/' }] }));
    const draft = config(
      tag('c', { pages: [{ match: 'path-prefix', value: '/products/' }], event: 'Renamed' }),
      tag('a'),
      tag('d'),
    );
    const diff = diffConfigs(live, draft);
    expect(diff.added.map((t) => t.id)).toEqual(['d']);
    expect(diff.removed.map((t) => t.id)).toEqual(['b']);
    expect(diff.changed).toEqual([{ id: 'c', before: live.tags[2], after: draft.tags[0], fields: ['event', 'pages'] }]);
    expect(diff.unchanged).toBe(1);
    expect(diff.isEmpty).toBe(false);
  });

  it('treats everything as added when nothing is live', () => {
    for (const live of [null, undefined]) {
      const diff = diffConfigs(live, config(tag('a'), tag('b')));
      expect(diff.added.map((t) => t.id)).toEqual(['a', 'b']);
      expect(diff.removed).toEqual([]);
    }
  });

  it.each<[string, Partial<Tag>, Partial<Tag>, (keyof Tag)[]]>([
    ['nothing', {}, {}, []],
    ['enabled absent vs true', {}, { enabled: true }, []],
    ['empty pages vs none', { pages: [] }, {}, []],
    ['empty properties vs none', {}, { properties: [] }, []],
    ['key order of the locator', { target: { selector: '#a', fallbacks: ['.a'] } }, { target: { fallbacks: ['.a'], selector: '#a' } }, []],
    ['disabled', {}, { enabled: false }, ['enabled']],
    ['trigger', {}, { trigger: 'submit' }, ['trigger']],
    ['a fallback', { target: { selector: '#a' } }, { target: { selector: '#a', fallbacks: ['.a'] } }, ['target']],
    ['a property value', { properties: [{ name: 'p', source: 'static', value: 1 }] }, { properties: [{ name: 'p', source: 'static', value: '1' }] }, ['properties']],
    ['property order', {
      properties: [{ name: 'p', source: 'url' }, { name: 'q', source: 'url' }],
    }, { properties: [{ name: 'q', source: 'url' }, { name: 'p', source: 'url' }] }, ['properties']],
    ['description added', {}, { description: 'why' }, ['description']],
  ])('compares %s', (_name, before, after, fields) => {
    const diff = diffConfigs(config(tag('a', before)), config(tag('a', after)));
    expect(diff.changed.flatMap((c) => c.fields)).toEqual(fields);
    expect(diff.isEmpty).toBe(fields.length === 0);
  });

  it('does not modify its inputs', () => {
    const live = config(tag('a'));
    const draft = config(tag('a', { event: 'x' }), tag('b'));
    const copies = [structuredClone(live), structuredClone(draft)];
    diffConfigs(live, draft);
    expect([live, draft]).toEqual(copies);
  });
});

describe('deepEqual', () => {
  it.each([
    [1, 1, true],
    [1, '1', false],
    [null, undefined, false],
    [[1, [2]], [1, [2]], true],
    [[1], { 0: 1 }, false],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: { b: [1] } }, { a: { b: [2] } }, false],
  ])('%j vs %j is %s', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});
