/**
 * The runtime's selector matching against the browser's own, in real Chromium (issue 13).
 *
 * On every saved corpus page (and a quirks-mode copy of some), selectors are generated from
 * the page's real elements across the grammar configs use: type selectors in any case, ids and
 * classes, every attribute operator with each quoting, the ` i` and ` s` flags and values in
 * other cases, SVG attributes with capitals and `xmlns`, `:nth-child(an+b)`, `:nth-of-type`,
 * first/last/only-child, `:not()`, the four combinators, lists, DevTools "Copy selector" paths,
 * and selectors that match nothing. They become click tags of one config run by the real
 * runtime (lib/runtime's start(), with lib/core's compiler and tag index); then every element
 * is clicked. The tags that fire must be exactly those whose selector `closest()` finds from the
 * clicked element, the browser's answer, for every click.
 */
import type { Browser } from '@playwright/test';
import { bundleForPage, launchBareChromium } from './support/page-bundle';
import { corpusPages, expect, test } from './fixtures';

/** Selectors per page, and clicks per page at most (every element, up to this). */
const SELECTORS = 300;
const MAX_CLICKS = 2000;
/** Every QUIRKS-th page is also run without its doctype (quirks mode). */
const QUIRKS = 4;
/** Rounds per page, each with its own selectors (so the corpus's small pages still add up to 100,000 clicks). */
const ROUNDS = 2;

let browser: Browser;
let bundle: string;

test.beforeAll(async () => {
  bundle = await bundleForPage("import { start, normalizeConfig } from './lib/runtime'; (globalThis as any).__tp = { start, normalizeConfig };");
  browser = await launchBareChromium();
});

test.afterAll(async () => {
  await browser?.close();
});

interface PageResult {
  mode: string;
  selectors: number;
  refused: string[];
  clicks: number;
  disagreements: { selector: string; element: string; browser: boolean }[];
  disagreeing: number;
}

/** Runs in the page: generates the selectors, runs the runtime, clicks everything, compares. */
function differential({ seed, selectors: wanted, maxClicks }: { seed: number; selectors: number; maxClicks: number }): PageResult {
  let s = seed | 0;
  const rnd = () => {
    let t = (s = (s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number) => rnd() < p;
  const flipCase = (v: string) => [...v].map((c) => (chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
  const esc = (v: string) => CSS.escape(v);
  const quote = (v: string) => {
    const q = chance(0.5) ? '"' : "'";
    return q + v.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), '\\' + q).replace(/\n/g, '\\a ') + q;
  };
  const isIdent = (v: string) => /^-?[_a-zA-Z][-_a-zA-Z0-9]*$/.test(v);
  // Attributes the selector policy refuses (they test a field's state): never generated.
  const REFUSED_ATTRS = /^(?:value|checked|selected|aria-invalid|aria-checked|aria-selected|aria-pressed|aria-expanded|aria-valuenow|aria-valuetext|open)$/i;

  const elements = [...document.querySelectorAll('*')];
  const html = document.documentElement;
  const svg = elements.filter((e) => e.namespaceURI !== 'http://www.w3.org/1999/xhtml');

  const typeSel = (e: Element) => {
    const name = e.localName;
    // HTML type selectors match in any case; SVG's camelCase names only as written.
    return chance(0.15) ? flipCase(name) : esc(name);
  };
  const attrSel = (e: Element): string | undefined => {
    const attrs = [...e.attributes].filter((a) => !REFUSED_ATTRS.test(a.name) && a.value.length < 200);
    if (!attrs.length) return undefined;
    const a = pick(attrs);
    let name = a.name.includes(':') ? a.name.replace(':', '\\:') : esc(a.name);
    if (chance(0.2)) name = flipCase(name);
    const full = a.value;
    const words = full.split(/\s+/).filter(Boolean);
    const op = pick(['', '=', '=', '~=', '|=', '^=', '$=', '*=']);
    if (!op) return `[${name}]`;
    let value = full;
    // Now and then a value with white space, which `~=` never matches.
    if (op === '~=') value = words.length && !chance(0.1) ? pick(words) : full;
    else if (op === '|=') value = full.split('-')[0]!;
    else if (op === '^=') value = full.slice(0, 1 + Math.floor(rnd() * Math.max(1, full.length)));
    else if (op === '$=') value = full.slice(Math.floor(rnd() * full.length));
    else if (op === '*=') {
      const from = Math.floor(rnd() * full.length);
      value = full.slice(from, from + 1 + Math.floor(rnd() * 6));
    }
    if (chance(0.25)) value = flipCase(value);
    if (chance(0.05)) value = value + 'zz';
    const flag = pick(['', '', '', ' i', ' s', ' I']);
    const written = !flag && isIdent(value) && chance(0.3) ? value : quote(value);
    return `[${name}${op}${written}${flag}]`;
  };
  const nth = () => pick(['1', '2', '3', 'odd', 'even', '2n+1', '2n', '3n+2', '-n+3', 'n', 'n+2', '-2n+5', ' 2n + 1 ', '0n+1', '4n-1']);
  const pseudo = (e: Element): string => {
    const parent = e.parentElement;
    const kids = parent ? [...parent.children] : [e];
    const index = kids.indexOf(e) + 1;
    const sameType = kids.filter((k) => k.localName === e.localName);
    const typeIndex = sameType.indexOf(e) + 1;
    switch (Math.floor(rnd() * 9)) {
      case 0: return `:nth-child(${chance(0.6) ? index : nth()})`;
      case 1: return `:nth-of-type(${chance(0.6) ? typeIndex : nth()})`;
      case 2: return `:nth-last-child(${chance(0.5) ? kids.length - index + 1 : nth()})`;
      case 3: return ':first-child';
      case 4: return ':last-child';
      case 5: return ':only-child';
      case 6: return `:nth-last-of-type(${chance(0.5) ? sameType.length - typeIndex + 1 : nth()})`;
      case 7: return e.classList.length && chance(0.5) ? `:not(.${esc(pick([...e.classList]))})` : `:not(${pick(['.zz-none', 'span', '[hidden]', '#zz'])})`;
      default: return ':first-of-type';
    }
  };
  const compound = (e: Element): string => {
    const parts: string[] = [];
    if (chance(0.5)) parts.push(typeSel(e));
    const id = e.getAttribute('id'); // not e.id: a form's is its control named "id"
    if (id && chance(0.4)) parts.push('#' + esc(chance(0.1) ? flipCase(id) : id));
    if (e.classList.length && chance(0.5)) {
      const c = pick([...e.classList]);
      parts.push('.' + esc(chance(0.1) ? flipCase(c) : c));
    }
    if (chance(0.35)) {
      const a = attrSel(e);
      if (a) parts.push(a);
    }
    if (chance(0.25)) parts.push(pseudo(e));
    if (!parts.length) parts.push(typeSel(e));
    // Type selectors go first.
    const typeFirst = parts.findIndex((p) => /^[-\w\\]/.test(p));
    if (typeFirst > 0) parts.unshift(...parts.splice(typeFirst, 1));
    return parts.join('');
  };
  const devtoolsPath = (e: Element): string => {
    // Like DevTools' "Copy selector" (and its nth-of-type cousin in other tools).
    const steps: string[] = [];
    const ofType = chance(0.5);
    for (let x: Element | null = e; x && x !== html; x = x.parentElement) {
      const id = x.getAttribute('id');
      if (id && chance(0.5) && !ofType) {
        steps.unshift('#' + esc(id));
        break;
      }
      const p = x.parentElement;
      const kids = p ? [...p.children] : [x];
      const step = ofType ? `${esc(x.localName)}:nth-of-type(${kids.filter((k) => k.localName === x!.localName).indexOf(x) + 1})` : `${esc(x.localName)}:nth-child(${kids.indexOf(x) + 1})`;
      steps.unshift(step);
    }
    if (ofType || chance(0.3)) steps.unshift('html');
    return steps.join(' > ');
  };
  const withCombinator = (e: Element): string | undefined => {
    const kind = pick([' ', '>', '+', '~', ' ', '>']);
    let other: Element | null = null;
    if (kind === '>') other = e.parentElement;
    else if (kind === ' ') {
      let x = e.parentElement;
      for (let n = Math.floor(rnd() * 5); x && n > 0; n--) x = x.parentElement;
      other = x;
    } else if (kind === '+') other = e.previousElementSibling;
    else {
      const before: Element[] = [];
      for (let x = e.previousElementSibling; x; x = x.previousElementSibling) before.push(x);
      other = before.length ? pick(before) : null;
    }
    if (!other) return undefined;
    const sep = kind === ' ' ? ' ' : chance(0.7) ? ` ${kind} ` : kind;
    return compound(other) + sep + compound(e);
  };

  const made = new Set<string>();
  let guard = 0;
  while (made.size < wanted && guard++ < wanted * 20) {
    const e = svg.length && chance(0.08) ? pick(svg) : pick(elements);
    let sel: string | undefined;
    const kind = rnd();
    if (kind < 0.3) sel = compound(e);
    else if (kind < 0.55) sel = withCombinator(e);
    else if (kind < 0.7) sel = devtoolsPath(e);
    else if (kind < 0.78) sel = compound(e) + ', ' + compound(pick(elements));
    else if (kind < 0.83 && e.namespaceURI !== 'http://www.w3.org/1999/xhtml') sel = pick(['[xmlns]', '[xmlns:xlink]', 'svg[xmlns]', '[xmlns|="http"]', '[viewBox]', '[viewbox]', '[VIEWBOX]', '[fill-rule]', '[preserveAspectRatio]', 'svg [d]', 'clipPath', 'clippath', 'linearGradient']).replace(':', '\\:');
    else if (kind < 0.9) {
      // Matches nothing here: one part of a real selector changed.
      sel = compound(e).replace(/([-\w])(?=[^-\w]*$)/, '$1-zz');
    } else sel = attrSel(e) ?? compound(e);
    if (!sel || sel.length > 1900) continue;
    try {
      document.querySelector(sel);
    } catch {
      continue;
    }
    made.add(sel);
  }
  const selectors = [...made];

  // The browser's answer: for each element, the selectors it matches itself.
  const own = new Map<Element, number[]>();
  selectors.forEach((sel, i) => {
    for (const m of document.querySelectorAll(sel)) {
      const list = own.get(m);
      if (list) list.push(i);
      else own.set(m, [i]);
    }
  });

  const tags = selectors.map((selector, i) => ({ id: 't' + i, event: 'E' + i, trigger: 'click', target: { selector } }));
  const config = { version: 1, site: 'diff', revision: 1, tags };
  // What the runtime's reader skips (the same reader start() uses): none may be skipped.
  const refused: string[] = (globalThis as any).__tp.normalizeConfig(config).invalid.map((bad: { index: number; reason: string }) => `${selectors[bad.index]}: ${bad.reason}`);
  const fired = new Set<number>();
  const handle = (globalThis as any).__tp.start({
    config,
    track: (_event: string, _props: unknown, meta: { tag: string }) => fired.add(Number(meta.tag.slice(1))),
    clickBudget: 1e9,
    relocationBudget: 1e9,
  });

  // What the click reached (a label or a form forwards a second click): the browser's
  // default actions are cancelled, so nothing navigates, toggles or submits.
  const reached: Element[] = [];
  const record = (ev: Event) => reached.push(ev.target as Element);
  const cancel = (ev: Event) => ev.preventDefault();
  window.addEventListener('click', record, true);
  window.addEventListener('click', cancel);

  const disagreements: PageResult['disagreements'] = [];
  let disagreeing = 0;
  let clicks = 0;
  const describe = (e: Element) => {
    const path: string[] = [];
    for (let x: Element | null = e; x && path.length < 4; x = x.parentElement) path.unshift(x.localName + (x.getAttribute('id') ? '#' + x.getAttribute('id') : '') + (x.classList.length ? '.' + [...x.classList].slice(0, 2).join('.') : ''));
    return path.join(' > ');
  };
  const step = Math.max(1, elements.length / maxClicks);
  for (let f = 0; f < elements.length; f += step) {
    const el = elements[Math.floor(f)]!;
    fired.clear();
    reached.length = 0;
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    if (!reached.length) continue; // a disabled control gets no click at all, on either side
    clicks++;
    const expected = new Set<number>();
    for (const target of reached) for (let x: Element | null = target; x; x = x.parentElement) for (const i of own.get(x) ?? []) expected.add(i);
    for (const i of new Set([...expected, ...fired])) {
      if (expected.has(i) === fired.has(i)) continue;
      disagreeing++;
      if (disagreements.length < 30) disagreements.push({ selector: selectors[i]!, element: describe(el), browser: expected.has(i) });
    }
  }
  handle.stop();
  window.removeEventListener('click', record, true);
  window.removeEventListener('click', cancel);
  return { mode: document.compatMode, selectors: selectors.length, refused, clicks, disagreements, disagreeing };
}

const hash = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

// One test over every page, so a failure lists every disagreeing page and the totals are one run's.
test('the runtime matches exactly as the browser does, on every corpus page', async ({ site }) => {
  test.setTimeout(30 * 60_000);
  const runs = corpusPages.flatMap((name, i) => [{ name, quirks: false }, ...(i % QUIRKS === 0 ? [{ name, quirks: true }] : [])]);
  const only = process.env.CSS_DIFF_PAGES?.split(',');
  const totals = { pages: 0, quirks: 0, clicks: 0, selectors: 0, disagreeing: 0 };
  const failures: string[] = [];
  for (const { name, quirks } of runs) {
    if (only && !only.includes(name)) continue;
    const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
    let loaded = false;
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      // Nothing may take the page away mid-run (a `<meta http-equiv=refresh>`, a link whose
      // click no listener could cancel). 204: the browser stays (an abort shows an error page).
      if (route.request().isNavigationRequest()) {
        if (loaded) return route.fulfill({ status: 204 });
        loaded = true;
      }
      if (url.hostname !== '127.0.0.1') return route.abort();
      if (!url.searchParams.has('quirks')) return route.continue();
      // The same page without its doctype: the browser parses it in quirks mode.
      const response = await route.fetch();
      const body = (await response.text()).replace(/^\s*<!doctype[^>]*>/i, '');
      return route.fulfill({ response, body });
    });
    const began = Date.now();
    const page = await context.newPage();
    await page.goto(site.url(`/corpus/${name}.html${quirks ? '?quirks=1' : ''}`), { waitUntil: 'domcontentloaded' });
    await page.evaluate(bundle);
    for (let round = 0; round < ROUNDS; round++) {
      const result = await page.evaluate(differential, { seed: hash(name) ^ (quirks ? 0x5eed : 0) ^ (round * 0x9e3779b1), selectors: SELECTORS, maxClicks: MAX_CLICKS });
      const label = `${name}${quirks ? ' (quirks)' : ''} round ${round + 1}`;
      if (!round) totals.pages++;
      if (result.mode === 'BackCompat' && !round) totals.quirks++;
      totals.clicks += result.clicks;
      totals.selectors += result.selectors;
      totals.disagreeing += result.disagreeing;
      if (quirks && result.mode !== 'BackCompat') failures.push(`${label}: not in quirks mode`);
      for (const r of result.refused) failures.push(`${label}: refused ${r}`);
      const bySelector = new Map<string, { browser: boolean; element: string; n: number }>();
      for (const d of result.disagreements) {
        const seen = bySelector.get(d.selector);
        if (seen) seen.n++;
        else bySelector.set(d.selector, { ...d, n: 1 });
      }
      for (const [selector, d] of bySelector) failures.push(`${label}: ${JSON.stringify(selector)} ${d.browser ? 'missed' : 'fired wrongly'} on ${d.element} (${d.n}×)`);
    }
    await context.close();
    if (process.env.CSS_DIFF_VERBOSE) console.log(`${name}${quirks ? ' (quirks)' : ''}: ${Date.now() - began} ms, ${totals.clicks} clicks so far`);
  }
  console.log(`css differential: ${totals.pages} runs (${totals.quirks} in quirks mode), ${totals.selectors} selectors, ${totals.clicks} clicks, ${totals.disagreeing} disagreements`);
  expect(failures).toEqual([]);
  if (!only) {
    expect(totals.pages).toBeGreaterThanOrEqual(20);
    expect(totals.clicks).toBeGreaterThanOrEqual(100_000);
  }
});
