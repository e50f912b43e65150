import { beforeEach, describe, expect, it } from 'vitest';
import type { Fingerprint, Locator } from '../../../lib/config/types';
import { resolveAll, resolveIn, resolveLocator } from '../../../lib/core/locator';
import { normalizeConfig, readTarget, type RuntimeTarget } from '../../../lib/core/normalize';
import { createTagIndex } from '../../../lib/core/tag-index';

/** A seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick };
}

const TAGS = ['div', 'span', 'button', 'a', 'li', 'section'];
const TEXTS = ['Add', 'Buy now', 'More', '', '3 items', 'Save'];

/** A random tree, with open shadow roots under some `x-box` hosts (nested too). */
function buildDom(seed: number): void {
  const { next, pick } = random(seed);
  const fill = (parent: ParentNode, depth: number) => {
    const n = 1 + Math.floor(next() * 4);
    for (let i = 0; i < n; i++) {
      if (depth < 4 && next() < 0.12) {
        const host = document.createElement('x-box');
        // Not a class: happy-dom lets `.a .b` inside a shadow tree see the host, browsers do not.
        if (next() < 0.5) host.setAttribute('data-h', pick(['1', '2']));
        parent.append(host);
        fill(host.attachShadow({ mode: 'open' }), depth + 1);
        continue;
      }
      const el = document.createElement(pick(TAGS));
      if (next() < 0.6) el.className = pick(['a', 'b', 'c', 'a b', 'b c']);
      if (next() < 0.4) el.setAttribute('data-x', pick(['1', '2', '3']));
      if (next() < 0.3) el.setAttribute('type', pick(['button', 'submit']));
      if (next() < 0.5) el.append(pick(TEXTS));
      parent.append(el);
      if (depth < 5 && next() < 0.55) fill(el, depth + 1);
    }
  };
  document.body.replaceChildren();
  fill(document.body, 0);
}

/** Every element, shadow trees included. */
function allElements(root: ParentNode = document.body, out: Element[] = []): Element[] {
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) allElements(el.shadowRoot, out);
  }
  return out;
}

/** An event's composed path from `el`: through shadow roots to their hosts, then document and window. */
function composedPath(el: Element): EventTarget[] {
  const out: EventTarget[] = [];
  for (let n: Node | null = el; n; ) {
    out.push(n);
    n = n.parentNode ?? null;
    if (n && n.nodeType === 11) {
      out.push(n);
      n = (n as ShadowRoot).host;
    }
  }
  return [...out, window];
}

const SELECTORS = ['.a', '.b', 'button', 'span.c', 'div > .a', '.a .b', 'li:nth-child(2)', '[data-x="1"]', '[data-x] span', 'section a', 'x-box', 'x-box[data-h]', 'button[type=submit]', 'div span, a'];
const HOSTS = [undefined, ['x-box'], ['x-box[data-h="1"]'], ['x-box', 'x-box'], ['[data-h]']];

/** A fingerprint taken from an element of the page, sometimes a little wrong. */
function fingerprintOf(el: Element, next: () => number): Fingerprint {
  const fp: Fingerprint = { tag: el.localName };
  const attributes: Record<string, string> = {};
  for (const name of ['data-x', 'type']) {
    const v = el.getAttribute(name);
    if (v !== null) attributes[name] = next() < 0.2 ? v + '9' : v;
  }
  if (Object.keys(attributes).length) fp.attributes = attributes;
  if (next() < 0.7) fp.text = next() < 0.2 ? 'changed' : (el.textContent ?? '').trim();
  return fp;
}

function locatorFor(seed: number, elements: Element[]): Locator {
  const { next, pick } = random(seed * 7919);
  const locator: Locator = { selector: pick(SELECTORS) };
  const hosts = pick(HOSTS);
  if (hosts) locator.hosts = hosts;
  if (elements.length && next() < 0.7) {
    locator.fingerprint = fingerprintOf(pick(elements), next);
    if (next() < 0.6) locator.fallbacks = [pick(SELECTORS), pick(SELECTORS)];
  }
  return locator;
}

describe('the click path and the static answer are one resolution', () => {
  // fires(e) ⇔ e, or an element on its composed path, is in resolveAll(document); the
  // element reported is the nearest such one.
  it('on 200 random pages, 3 locators each, for every element', () => {
    let fired = 0;
    let silent = 0;
    let relocated = 0;
    for (let seed = 1; seed <= 200; seed++) {
      buildDom(seed);
      const elements = allElements();
      for (let k = 0; k < 3; k++) {
        const locator = locatorFor(seed * 3 + k, elements);
        const result = normalizeConfig({ version: 1, site: 's', revision: 1, tags: [{ id: 't', event: 'E', trigger: 'click', target: locator }] });
        if (!result.ok || !result.tags[0]) throw new Error(`seed ${seed}: ${JSON.stringify(locator)} not read`);
        const tag = result.tags[0];
        const index = createTagIndex();
        index.add(tag);
        const standsFor = new Set(resolveAll(tag.target!, document));
        for (const el of elements) {
          const path = composedPath(el);
          const want = path.find((n) => standsFor.has(n as Element)) as Element | undefined;
          const got = index.match(path);
          expect({ seed, locator, el: el.outerHTML.slice(0, 80), element: got[0]?.element }).toEqual({ seed, locator, el: el.outerHTML.slice(0, 80), element: want });
          if (want) fired++;
          else silent++;
          if (got[0]?.relocated) relocated++;
        }
      }
    }
    // The corpus exercises both answers and relocation.
    expect(fired).toBeGreaterThan(600);
    expect(silent).toBeGreaterThan(500);
    expect(relocated).toBeGreaterThan(20);
  }, 60_000);
});

describe('resolveAll', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <ul><li><a href="/p/1" class="name">Lamp</a></li><li><a href="/p/2" class="name">Desk</a></li></ul>
      <button class="add" type="button">Add to cart</button>`;
  });
  const target = (locator: Locator) => readTarget(locator) as RuntimeTarget;

  it('counts a primary match only when it agrees with the fingerprint', () => {
    expect(resolveAll(target({ selector: 'li:nth-child(2) a', fingerprint: { tag: 'a', attributes: { href: '/p/2' } } }), document)).toHaveLength(1);
    // The Desk link disagrees (its href): it does not count. The ranking finds the link whose
    // href agrees among the page's links instead, and says so.
    const found = resolveIn(target({ selector: 'li:nth-child(2) a', fingerprint: { tag: 'a', attributes: { href: '/p/1' } } }), document)!;
    expect([...found]).toEqual([document.querySelector('a[href="/p/1"]')]);
    expect(found.relocated).toBe(true);
    // Nothing that agrees anywhere: nothing.
    expect(resolveAll(target({ selector: 'li:nth-child(2) a', fingerprint: { tag: 'a', attributes: { href: '/p/9' } } }), document)).toEqual([]);
  });

  it('relocates through the first fallback with exactly one agreeing match', () => {
    const found = resolveAll(target({ selector: '#gone', fallbacks: ['a', 'a.name'], fingerprint: { tag: 'a', attributes: { href: '/p/1' } } }), document);
    expect(found).toEqual([document.querySelector('a[href="/p/1"]')]);
  });

  it('never answers with another element: several look-alikes and no primary give nothing', () => {
    expect(resolveAll(target({ selector: '#gone', fallbacks: ['a'], fingerprint: { tag: 'a' } }), document)).toEqual([]);
  });

  it('keeps a primary match through a copy edit when an identifying attribute agrees', () => {
    document.querySelector('a')!.textContent = 'Table lamp';
    expect(resolveAll(target({ selector: 'a.name', fingerprint: { tag: 'a', text: 'Lamp', attributes: { href: '/p/1' } } }), document)).toHaveLength(1);
    // `type` says what kind of element, not which one: the text decides then. A copy edit
    // that keeps a word counts at once; one that keeps none is left to the ranking, which takes
    // the primary's only match (its selector says no position) when nothing else competes...
    const fp = { tag: 'button', text: 'Add to cart', attributes: { type: 'button' } };
    const button = document.querySelector('button')!;
    button.textContent = 'Add to bag';
    expect([...resolveIn(target({ selector: 'button.add', fingerprint: fp }), document)!]).toEqual([button]);
    button.textContent = 'Buy now';
    expect(resolveIn(target({ selector: 'button.add', fingerprint: fp }), document)!.relocated).toBe(true);
    // ...but not when the selector says a position (a reordering puts another element there),
    expect(resolveAll(target({ selector: 'body > button:nth-of-type(1)', fingerprint: fp }), document)).toEqual([]);
    // nor when another button says more (its text agrees).
    button.insertAdjacentHTML('afterend', '<button type="button">Add to cart</button>');
    expect(resolveAll(target({ selector: 'button.add', fingerprint: fp }), document)).toEqual([button.nextElementSibling]);
  });

  it('a locator without fingerprint stands for every primary match (all similar)', () => {
    expect(resolveAll(target({ selector: 'a.name' }), document)).toHaveLength(2);
  });

  it('resolveLocator refuses what the runtime refuses and never throws', () => {
    expect(resolveLocator({ selector: 'a[' }, document)).toEqual([]);
    expect(resolveLocator({ selector: 'a', hosts: ['x['] }, document)).toEqual([]);
    expect(resolveLocator(null, document)).toEqual([]);
    expect(resolveLocator({ selector: 'a.name' }, document)).toHaveLength(2);
  });
});
