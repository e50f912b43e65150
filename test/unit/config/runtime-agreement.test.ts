/**
 * Valid means runnable: over a generated table of configs (seeded, so a failure replays),
 * every config the strict parser (lib/config) accepts is one the website runtime's reader
 * (lib/core normalizeConfig) runs whole, and every tag the runtime would skip is refused by
 * the strict parser with an error inside that tag, said by the field check (not only by the
 * backstop in lib/config/runnable.ts). Checked with a DOM (the extension's Save) and without
 * one (the registry and the CLI, which check selectors with a CSS parser).
 *
 * The runtime's verdict is the oracle; the table only makes sure both verdicts occur often.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pick, rngFor, type Rng } from '../../../bench/app-corpus/random';
import { MAX_EVENT_NAME_LENGTH, MAX_PROPERTY_NAME_LENGTH, MAX_SELECTOR_LENGTH, MAX_VALUE_LENGTH, parseConfig } from '../../../lib/config';
import { normalizeConfig } from '../../../lib/core';

type Tag = Record<string, any>;
type Mutation = [name: string, edit: (tag: Tag, rng: Rng) => void];

const optIn = { by: 'Ada', at: '2026-05-01T09:30:00Z' };

const BASES: (() => Tag)[] = [
  () => ({
    id: 'add',
    event: 'Product Added',
    trigger: 'click',
    target: { selector: '.card .add', fallbacks: ['[data-sku]'], fingerprint: { tag: 'button', text: 'Add', attributes: { 'data-sku': '1' } } },
    pages: [{ match: 'path-prefix', value: '/products/' }],
    properties: [
      { name: 'product', source: 'text', selector: 'h2.title' },
      { name: 'price', source: 'text', selector: '.price', transform: 'number' },
    ],
  }),
  () => ({ id: 'view', event: 'Page Viewed', trigger: 'pageview', pages: [{ match: 'glob', value: '/p/*' }] }),
  () => ({
    id: 'join',
    event: 'Newsletter Joined',
    trigger: 'submit',
    target: { selector: 'form#news' },
    properties: [{ name: 'placement', source: 'static', value: 'footer' }, { name: 'ref', source: 'query', param: 'ref' }],
  }),
  () => ({ id: 'who', event: 'Signed Up', trigger: 'submit', call: 'identify', target: { selector: 'form' }, traits: [{ name: 'email', source: 'value', selector: '#email', optIn }] }),
  () => ({ id: 'cat', event: 'Product', trigger: 'pageview', call: 'page', category: 'Shop' }),
  () => ({ id: 'shadow', event: 'Buy', trigger: 'click', target: { selector: 'button.buy', hosts: ['shop-app', 'buy-box'] } }),
  () => ({ id: 'depth', event: 'Page Scrolled', trigger: 'scroll', scroll: { thresholds: [25, 50, 75, 100] } }),
  () => ({ id: 'seen', event: 'Banner Seen', trigger: 'visible', target: { selector: '.banner' }, visible: { minPercent: 80, minDuration: 1000, once: 'page' } }),
];

const GOOD_SELECTORS = ['a', '.card .add', '#x > .y', 'button[data-sku="1"]', 'li:nth-of-type(2)', 'a:not(.x)', 'div a', '[data-x]', 'a, b', 'ul > li:first-child', 'input[type=email]'];
const BAD_SELECTORS = ['', ' ', '###', 'a[', 'a:unknown-state', 'a::not-an-element', 'ns|a', 'a,', ',a', 'a:nth-child(x)', '>', 'a'.repeat(MAX_SELECTOR_LENGTH + 1)];
const GOOD_RULES = [
  { match: 'path-prefix', value: '/x' },
  { match: 'exact', value: 'https://shop.example/' },
  { match: 'glob', value: '/p/**' },
  { match: 'regex', value: '^https://shop\\.example/p/\\d+$' },
  { match: 'contains', value: 'utm_' },
  { match: 'path-exact', value: '/cart/' },
];
const BAD_RULES = [
  { match: 'regex', value: '(a+)\\1' },
  { match: 'regex', value: '(?<=x)y' },
  { match: 'regex', value: '\\bword' },
  { match: 'regex', value: '(' },
  { match: 'regex', value: '[z-a]' },
  { match: 'nope', value: '/x' },
  { match: 'path-prefix', value: '' },
  { match: 'contains', value: 'x'.repeat(MAX_VALUE_LENGTH + 1) },
  { match: 'exact' },
  'path-prefix',
];
const EVENTS = ['Clicked', '  ', '', 3, 'x'.repeat(MAX_EVENT_NAME_LENGTH), `${'x'.repeat(MAX_EVENT_NAME_LENGTH)} `, ` ${'x'.repeat(MAX_EVENT_NAME_LENGTH - 1)}`];
const NAMES = ['sku', '__proto__', ' constructor ', 'prototype', '', '  ', 'n'.repeat(MAX_PROPERTY_NAME_LENGTH), `${'n'.repeat(MAX_PROPERTY_NAME_LENGTH)}  `, 7];
const PROPERTIES = [
  { name: 'k', source: 'static', value: 'v' },
  { name: 'k', source: 'static', value: 12 },
  { name: 'k', source: 'static', value: { nested: true } },
  { name: 'k', source: 'static', value: 'v'.repeat(MAX_VALUE_LENGTH + 1) },
  { name: 'k', source: 'attribute', attribute: 'data-sku' },
  { name: 'k', source: 'url', part: 'path' },
  { name: 'k', source: 'text', selector: '.title', transform: 'number' },
];

/** Each edit is one field an author (or an attacker) could get wrong. */
const MUTATIONS: Mutation[] = [
  ['target selector', (t, r) => t.target && (t.target.selector = pick(r, [...GOOD_SELECTORS, ...BAD_SELECTORS]))],
  ['a fallback', (t, r) => t.target && (t.target.fallbacks = [pick(r, [...GOOD_SELECTORS, ...BAD_SELECTORS])])],
  ['a shadow host', (t, r) => t.target && (t.target.hosts = [pick(r, [...GOOD_SELECTORS, ...BAD_SELECTORS])])],
  ['no shadow host', (t) => t.target && (t.target.hosts = [])],
  ['a page rule', (t, r) => (t.pages = [pick(r, [...GOOD_RULES, ...BAD_RULES])])],
  ['a second page rule', (t, r) => (t.pages = [...(Array.isArray(t.pages) ? t.pages : []), pick(r, [...GOOD_RULES, ...BAD_RULES])])],
  ['pages not a list', (t) => (t.pages = { match: 'path-prefix', value: '/x' })],
  ['event', (t, r) => (t.event = pick(r, EVENTS))],
  ['category', (t, r) => (t.category = pick(r, ['Shop', '  ', `${'c'.repeat(MAX_EVENT_NAME_LENGTH)} `]))],
  ['property name', (t, r) => (t.properties = [{ name: pick(r, NAMES), source: 'static', value: 'v' }])],
  ['a property', (t, r) => (t.properties = [...(Array.isArray(t.properties) ? t.properties : []), { ...pick(r, PROPERTIES), name: `p${(t.properties?.length ?? 0) + 1}` }])],
  ['two properties of one name', (t) => (t.properties = [{ name: 'k', source: 'static', value: 1 }, { name: 'k', source: 'static', value: 2 }])],
  ['trigger', (t, r) => (t.trigger = pick(r, ['click', 'submit', 'change', 'pageview', 'visible', 'scroll', 'hover']))],
  ['scroll depths', (t, r) => (t.scroll = pick(r, [{ thresholds: [50] }, { thresholds: [] }, { thresholds: [10, 10] }, { thresholds: [0, 101] }, { thresholds: [33.5] }, {}, 'deep', undefined]))],
  ['visible conditions', (t, r) => (t.visible = pick(r, [{ minPercent: 30 }, { minDuration: 500 }, { once: 'page' }, { minPercent: 0 }, { minDuration: -1 }, { once: 'never' }, {}, undefined]))],
  ['no scroll depths', (t) => delete t.scroll],
  ['no target', (t) => delete t.target],
  ['id', (t, r) => (t.id = pick(r, ['ok-1', 'has space', '', 'x'.repeat(65)]))],
  ['call', (t, r) => (t.call = pick(r, ['track', 'page', 'identify', 'alias']))],
  ['trait opt-in', (t, r) => t.traits && (t.traits[0].optIn = pick(r, [optIn, { by: ' ', at: optIn.at }, { by: 'Ada', at: '2026-05-01' }, undefined]))],
];

function generate(seed: string, count: number) {
  const rng = rngFor('runtime-agreement', seed);
  const configs: { config: unknown; edits: string[] }[] = [];
  for (let i = 0; i < count; i++) {
    const tags: Tag[] = [];
    const edits: string[] = [];
    const n = 1 + Math.floor(rng() * 3);
    for (let k = 0; k < n; k++) {
      const tag = pick(rng, BASES)();
      tag.id = `${tag.id}${k}`;
      const m = Math.floor(rng() * 3);
      for (let j = 0; j < m; j++) {
        const [name, edit] = pick(rng, MUTATIONS);
        edit(tag, rng);
        edits.push(name);
      }
      // Keep the ids unique unless the mutation broke them on purpose.
      if (typeof tag.id === 'string' && /^(ok-1|)$/.test(tag.id)) tag.id = `${tag.id}${k}`;
      tags.push(tag);
    }
    // What a config is on the wire: JSON (no undefined, no functions).
    configs.push({ config: JSON.parse(JSON.stringify({ version: 1, site: 'shop', revision: 1, tags })), edits });
  }
  return configs;
}

const TABLE = generate('v1', 600);
const tagIndexOf = (path: string) => /^tags\[(\d+)\]/.exec(path)?.[1];

function verdicts(config: unknown) {
  const strict = parseConfig(config);
  const runtime = normalizeConfig(config);
  if (!runtime.ok) throw new Error(`the runtime could not read a generated config: ${runtime.reason}`);
  const skipped = runtime.invalid.map((t) => String(t.index));
  const refusedTags = new Set(strict.ok ? [] : strict.errors.map((e) => tagIndexOf(e.path)).filter((x) => x !== undefined));
  const backstop = strict.ok ? [] : strict.errors.filter((e) => /would skip this tag/.test(e.message));
  return { strict, runtime, skipped, refusedTags, backstop };
}

describe('strict parser and website runtime agree over a generated table', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('has both verdicts often, and every mutation in it', () => {
    const runs = TABLE.filter(({ config }) => verdicts(config).skipped.length === 0).length;
    expect(runs).toBeGreaterThan(TABLE.length * 0.2);
    expect(runs).toBeLessThan(TABLE.length * 0.8);
    const used = new Set(TABLE.flatMap((row) => row.edits));
    expect([...used].sort()).toEqual(MUTATIONS.map(([name]) => name).sort());
  });

  it('with a DOM (Save in the extension): what the parser accepts the runtime runs; each skipped tag is refused where it is wrong', () => {
    for (const { config, edits } of TABLE) {
      const { strict, skipped, refusedTags, backstop } = verdicts(config);
      const context = JSON.stringify({ edits, config }).slice(0, 2000);
      if (strict.ok) expect(skipped, context).toEqual([]);
      for (const index of skipped) expect(refusedTags.has(index), `tag ${index} skipped by the runtime, not refused: ${context}`).toBe(true);
      expect(backstop, `only the backstop caught it: ${context}`).toEqual([]);
    }
  });

  it('without a DOM (the registry, the CLI): the same, with selectors checked by the CSS parser and the core compiler', () => {
    // The runtime's verdicts need the DOM; the parser's are taken with it hidden.
    const runtime = TABLE.map(({ config }) => verdicts(config));
    vi.stubGlobal('document', undefined);
    TABLE.forEach(({ config, edits }, i) => {
      const strict = parseConfig(config);
      const context = JSON.stringify({ edits, config }).slice(0, 2000);
      const refused = new Set(strict.ok ? [] : strict.errors.map((e) => tagIndexOf(e.path)));
      if (strict.ok) expect(runtime[i]!.skipped, context).toEqual([]);
      for (const index of runtime[i]!.skipped) expect(refused.has(index), `tag ${index} skipped by the runtime, not refused: ${context}`).toBe(true);
    });
  });

  it.each([
    ['a backreference in a regex page rule (not regular: no linear matcher)', { pages: [{ match: 'regex', value: '(a+)\\1' }] }, 'pages[0].value', /linear time.*backreference/],
    ['a lookahead in a regex page rule', { pages: [{ match: 'regex', value: 'a(?=b)' }] }, 'pages[0].value', /linear time.*lookahead/],
    ['an event name over the limit only by a trailing space', { event: `${'x'.repeat(MAX_EVENT_NAME_LENGTH)} ` }, 'event', /200/],
  ])('refuses %s, which the runtime skips, saying where', (_name, edit, path, message) => {
    const tag = { id: 't', event: 'E', trigger: 'click', target: { selector: 'a' }, ...edit };
    const config = { version: 1, site: 'shop', revision: 1, tags: [tag] };
    const runtime = normalizeConfig(config);
    expect(runtime.ok && runtime.invalid.map((t) => t.index)).toEqual([0]);
    for (const dom of [true, false]) {
      if (!dom) vi.stubGlobal('document', undefined);
      const strict = parseConfig(config);
      expect(strict.ok).toBe(false);
      if (!strict.ok) expect(strict.errors).toContainEqual({ path: `tags[0].${path}`, message: expect.stringMatching(message) });
    }
  });

  it.each(['a:unknown-state', 'a::not-an-element', 'ns|a', 'a:nth-child(x)', 'a:nth-of-type(2n of b)', 'a:is(b:nope)'])(
    'without a DOM refuses %s, on which a browser throws (happy-dom is laxer, so no runtime verdict here)',
    (selector) => {
      vi.stubGlobal('document', undefined);
      const strict = parseConfig({ version: 1, site: 'shop', revision: 1, tags: [{ id: 't', event: 'E', trigger: 'click', target: { selector } }] });
      expect(strict.ok).toBe(false);
      if (!strict.ok) expect(strict.errors).toContainEqual({ path: 'tags[0].target.selector', message: expect.stringMatching(/^selector is not valid CSS: /) });
    },
  );
});
