import { describe, expect, it } from 'vitest';
import { MAX_TAGS, parseConfig, parseTag } from '../../../lib/config';
import { designExample, withEdit } from './example';

const tag = (i: number, extra: object = {}) => ({
  id: `t${i}`,
  event: `Event ${i}`,
  trigger: 'click',
  target: { selector: `[data-testid=b${i}]` },
  ...extra,
});

describe('parseConfig', () => {
  it('accepts the docs/DESIGN.md example unchanged', () => {
    const result = parseConfig(designExample());
    expect(result).toEqual({ ok: true, config: designExample() });
  });

  it('accepts every trigger, page rule, property source and locator field', () => {
    const result = parseConfig({
      version: 1,
      site: 'my-shop-2',
      revision: 0,
      tags: [
        { id: 'pv', event: 'Page Viewed', trigger: 'pageview', pages: [{ match: 'exact', value: 'https://x.test/' }] },
        {
          id: 'all',
          event: 'Signup Submitted',
          trigger: 'submit',
          description: 'the signup form',
          target: {
            selector: 'form#signup',
            fallbacks: ['form[name=signup]'],
            fingerprint: { tag: 'form', text: 'Sign up', attributes: { name: 'signup' } },
          },
          pages: [
            { match: 'path-exact', value: '/signup' },
            { match: 'contains', value: 'signup' },
            { match: 'glob', value: '/sign*/**' },
            { match: 'regex', value: '^/sign(up|in)$' },
          ],
          properties: [
            { name: 's', source: 'static', value: 3 },
            { name: 'b', source: 'static', value: false },
            { name: 'title', source: 'text', selector: 'h1', transform: 'lowercase' },
            { name: 'sku', source: 'attribute', attribute: 'data-sku', transform: 'number' },
            { name: 'plan', source: 'value', selector: 'select[name=plan]' },
            { name: 'path', source: 'url', part: 'path' },
            { name: 'campaign', source: 'query', param: 'utm_campaign' },
          ],
          enabled: false,
        },
        { id: 'v', event: 'Banner Seen', trigger: 'visible', target: { selector: '.banner' } },
        { id: 'c', event: 'Plan Changed', trigger: 'change', target: { selector: 'select' } },
      ],
    });
    expect(result.ok ? 'ok' : result.errors).toBe('ok');
  });

  // One row per rule: an edit of the example, the path reported and a phrase of its message.
  it.each([
    ['not an object', () => 'config', '(root)', 'must be an object'],
    ['wrong version type', (c: any) => (c.version = '1'), 'version', 'must be 1'],
    ['future version', (c: any) => (c.version = 2), 'version', 'newer than this Tagpoint understands'],
    ['site id pattern', (c: any) => (c.site = 'My Shop'), 'site', 'site id must be'],
    ['negative revision', (c: any) => (c.revision = -1), 'revision', 'at least 0'],
    ['fractional revision', (c: any) => (c.revision = 1.5), 'revision', 'integer'],
    ['unknown top-level field', (c: any) => (c.tagz = []), 'tagz', 'unknown field "tagz" (did you mean "tags"?)'],
    ['missing tags', (c: any) => delete c.tags, 'tags', 'tags is required'],
    ['unknown tag field (typo)', (c: any) => (c.tags[0].triger = 'click'), 'tags[0].triger', 'did you mean "trigger"?'],
    ['unknown trigger', (c: any) => (c.tags[0].trigger = 'clik'), 'tags[0].trigger', 'did you mean "click"?'],
    ['empty event name', (c: any) => (c.tags[0].event = '  '), 'tags[0].event', 'must not be empty'],
    ['event name too long', (c: any) => (c.tags[0].event = 'x'.repeat(201)), 'tags[0].event', 'at most 200'],
    ['bad tag id', (c: any) => (c.tags[0].id = 'a b'), 'tags[0].id', 'id must be'],
    ['duplicate tag ids', (c: any) => c.tags.push({ ...c.tags[0] }), 'tags[1].id', 'two tags share the id t1'],
    ['click without target', (c: any) => delete c.tags[0].target, 'tags[0].target', 'target is required for a "click" tag'],
    ['invalid CSS selector', (c: any) => (c.tags[0].target.selector = 'div[['), 'tags[0].target.selector', 'selector is not valid CSS'],
    ['invalid fallback selector', (c: any) => (c.tags[0].target.fallbacks = ['a', '>>>']), 'tags[0].target.fallbacks[1]', 'not valid CSS'],
    ['selector too long', (c: any) => (c.tags[0].target.selector = 'a'.repeat(2001)), 'tags[0].target.selector', 'at most 2000'],
    ['unknown locator field', (c: any) => (c.tags[0].target.selecter = 'a'), 'tags[0].target.selecter', 'did you mean "selector"?'],
    ['fingerprint tag name', (c: any) => (c.tags[0].target.fingerprint = { tag: 'DIV!' }), 'tags[0].target.fingerprint.tag', 'lower-case element name'],
    ['unknown page match', (c: any) => (c.tags[0].pages[0].match = 'prefix'), 'tags[0].pages[0].match', 'must be one of'],
    ['invalid regex', (c: any) => (c.tags[0].pages[0] = { match: 'regex', value: '([' }), 'tags[0].pages[0].value', 'not a valid regular expression'],
    ['empty page value', (c: any) => (c.tags[0].pages[0].value = ''), 'tags[0].pages[0].value', 'must not be empty'],
    ['unknown property source', (c: any) => (c.tags[0].properties[0].source = 'txt'), 'tags[0].properties[0].source', 'did you mean "text"?'],
    ['static without value', (c: any) => delete c.tags[0].properties[1].value, 'tags[0].properties[1].value', 'value is required'],
    ['static object value', (c: any) => (c.tags[0].properties[1].value = { a: 1 }), 'tags[0].properties[1].value', 'not an object'],
    ['attribute without name', (c: any) => (c.tags[0].properties[0] = { name: 'x', source: 'attribute' }), 'tags[0].properties[0].attribute', 'is required'],
    ['query without param', (c: any) => (c.tags[0].properties[0] = { name: 'x', source: 'query' }), 'tags[0].properties[0].param', 'is required'],
    ['unknown url part', (c: any) => (c.tags[0].properties[0] = { name: 'x', source: 'url', part: 'port' }), 'tags[0].properties[0].part', 'must be one of'],
    ['unknown transform', (c: any) => (c.tags[0].properties[0].transform = 'float'), 'tags[0].properties[0].transform', 'must be one of'],
    ['prototype key as property name', (c: any) => (c.tags[0].properties[0].name = '__proto__'), 'tags[0].properties[0].name', 'reserved'],
    ['duplicate property names', (c: any) => (c.tags[0].properties[1].name = 'product'), 'tags[0].properties[1].name', 'two properties'],
    ['enabled not boolean', (c: any) => (c.tags[0].enabled = 'yes'), 'tags[0].enabled', 'must be a boolean'],
  ])('%s', (_name, edit, path, phrase) => {
    const input = typeof edit === 'function' && edit.length === 0 ? (edit as () => unknown)() : withEdit(edit as (c: any) => void);
    const result = parseConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.path === path);
    expect(error, JSON.stringify(result.errors)).toBeDefined();
    expect(error!.message).toContain(phrase);
  });

  it('accepts the tag-health sample in [0, 1] and refuses anything else there, with its path', () => {
    const base = { version: 1, site: 'shop', revision: 0, tags: [] };
    expect(parseConfig({ ...base, health: { sample: 0.1 } }).ok).toBe(true);
    expect(parseConfig({ ...base, health: { sample: 0 } }).ok).toBe(true);
    for (const health of [{ sample: 1.5 }, { sample: -0.1 }, { sample: '0.1' }, {}, { sample: 1, url: 'x' }, 'on']) {
      const result = parseConfig({ ...base, health });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]!.path).toMatch(/^health/);
    }
  });

  it('reads scroll depths and visible conditions, each only with its trigger, and says where and why', () => {
    const base = { version: 1, site: 'shop', revision: 0 };
    const ok = (tag: object) => parseConfig({ ...base, tags: [{ id: 't', event: 'E', ...tag }] });
    expect(ok({ trigger: 'scroll', scroll: { thresholds: [25, 50, 75, 100] } }).ok).toBe(true);
    expect(ok({ trigger: 'visible', target: { selector: '.promo' }, visible: { minPercent: 100, minDuration: 1000, once: 'page' } }).ok).toBe(true);
    const cases: [object, string, RegExp][] = [
      [{ trigger: 'scroll' }, 'tags[0].scroll', /needs its depths/],
      [{ trigger: 'scroll', scroll: { thresholds: [50] }, target: { selector: 'a' } }, 'tags[0].target', /has no target/],
      [{ trigger: 'scroll', scroll: { thresholds: [] } }, 'tags[0].scroll.thresholds', /./],
      [{ trigger: 'scroll', scroll: { thresholds: [50, 50] } }, 'tags[0].scroll.thresholds', /must differ/],
      [{ trigger: 'scroll', scroll: { thresholds: [0] } }, 'tags[0].scroll.thresholds[0]', /./],
      [{ trigger: 'scroll', scroll: { thresholds: [50] }, properties: [{ name: 'scroll_depth', source: 'static', value: 1 }] }, 'tags[0].properties[0].name', /scroll_depth/],
      [{ trigger: 'click', target: { selector: 'a' }, scroll: { thresholds: [50] } }, 'tags[0].scroll', /go with the "scroll" trigger/],
      [{ trigger: 'click', target: { selector: 'a' }, visible: { minPercent: 50 } }, 'tags[0].visible', /go with the "visible" trigger/],
      [{ trigger: 'visible', target: { selector: 'a' }, visible: { minDuration: 600_001 } }, 'tags[0].visible.minDuration', /./],
      [{ trigger: 'visible', target: { selector: 'a' }, visible: { once: 'always' } }, 'tags[0].visible.once', /./],
    ];
    for (const [tag, path, message] of cases) {
      const result = ok(tag);
      expect(result.ok, JSON.stringify(tag)).toBe(false);
      if (!result.ok) expect(result.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]));
    }
  });

  it('reports five different mistakes as five errors with their paths', () => {
    const input = withEdit((c) => {
      c.site = 'Shop!';
      c.tags[0].triger = 'click';
      c.tags[0].target.selector = 'div[[';
      c.tags.push({ id: 't1', event: 'Other', trigger: 'pageview' });
      c.tags.push({ id: 't3', event: 'Third', trigger: 'submit' });
    });
    const result = parseConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      'site',
      'tags[0].target.selector',
      'tags[0].triger',
      'tags[1].id',
      'tags[2].target',
    ]);
  });

  // Two parses of 20,000 tags with jitless zod: 2.7 s measured with the e2e suite running
  // beside it, too close to the 5 s default on a loaded CI machine.
  it(`allows ${MAX_TAGS} tags and refuses one more`, { timeout: 30_000 }, () => {
    const tags = Array.from({ length: MAX_TAGS }, (_, i) => tag(i));
    expect(parseConfig({ version: 1, site: 'big', revision: 1, tags }).ok).toBe(true);
    const result = parseConfig({ version: 1, site: 'big', revision: 1, tags: [...tags, tag(MAX_TAGS)] });
    expect(result.ok ? [] : result.errors).toEqual([{ path: 'tags', message: `tags is too long: at most ${MAX_TAGS} items` }]);
  });

  it('never echoes a huge string back in full', () => {
    const result = parseConfig(withEdit((c) => (c.tags[0].trigger = 'x'.repeat(100_000))));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message.length).toBeLessThan(300);
  });

  it('does not let a __proto__ key reach a prototype', () => {
    const input = JSON.parse('{"version":1,"site":"s","revision":0,"tags":[],"__proto__":{"polluted":true}}');
    const result = parseConfig(input);
    expect(({} as any).polluted).toBeUndefined();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toContain('unknown field "__proto__"');
  });
});

describe('parseTag', () => {
  it('validates one tag with paths relative to it', () => {
    expect(parseTag(tag(1)).ok).toBe(true);
    const result = parseTag({ id: 'x', event: 'E', trigger: 'click', target: { selector: '[' } });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['target.selector']);
  });
});
