/**
 * `npm run bench`: the website runtime's per-click cost in real Chromium.
 *
 * On a generated page of ~5,000 elements, for 10 / 100 / 1,000 / 10,000 realistic tags
 * (ids, data-testid attributes, classes, :nth-child chains, hrefs), it times synthetic
 * clicks on a fixed sample of targets with:
 *   - an empty capture listener (the floor, subtracted from the others),
 *   - the built runtime (.output/runtime/tagpoint.js, `Tagpoint.start({ config })`), its
 *     first round of clicks right after start (which may also pay for collecting start-up's
 *     garbage) and, as "tp warm", a second round on the same instance,
 *   - a naive loop over all tags calling `closest()` (what a simple runtime does),
 *   - the bucketed design with `matches()` on every candidate (tags bucketed by the key of
 *     the rightmost compound, candidates met along the ancestor chain; no JS matching).
 * All four run in the same page, interleaved, in many short rounds; each mode's fastest
 * round is shown (other load on the machine only ever adds time).
 * It also times `Tagpoint.start` with 1,000 tags (read, validate, compile, index).
 */
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildRuntime, runtimeOutDir } from '../scripts/build-runtime';
import { shopPageHtml } from './shop-page';
import { realisticSelectors } from './realistic-mix';

const SIZES = [10, 100, 1_000, 10_000];
const CLICKS = 200; // per mode and round
// The machine may be shared: many short interleaved rounds, and the fastest round of each
// mode is kept (noise only ever adds time).
const ROUNDS = 15;


/** Realistic selectors, most for elements on this page, many for other pages' elements. */
function tagsOf(n: number): unknown[] {
  const tags: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 250;
    const j = Math.floor(i / 250); // > 0: selectors for elements this page does not have
    const kind = i % 8;
    const selector = [
      j ? `#p-${k}-${j} .add` : `#p-${k} .add`,
      `[data-testid="add-${k}${j ? `-${j}` : ''}"]`,
      `.card:nth-child(${k + 1}) > .actions > button.wish${j ? `.v${j}` : ''}`,
      `a[href="/p/${k}${j ? `/${j}` : ''}"]`,
      `.card[data-sku="SKU-${k}${j ? `-${j}` : ''}"] h2.title`,
      `main > section:nth-child(2) > .card:nth-child(${k + 1}) .price${j ? `-${j}` : ''}`,
      `.nav-item:nth-child(${(k % 20) + 1}) > a.nav-link${j ? `.v${j}` : ''}`,
      `.product-${k % 40} .badge${j ? `.v${j}` : ''}`,
    ][kind]!;
    tags.push({ id: `t${i}`, event: `Event ${i}`, trigger: 'click', target: { selector } });
  }
  return tags;
}

interface Row {
  mix: string;
  tags: number;
  empty: number;
  tagpoint: number;
  /** The same instance's second round of clicks, once start-up's garbage is collected. */
  warm: number;
  naive: number;
  bucketed: number;
  fired: number;
}

async function main() {
  await buildRuntime();
  const runtime = readFileSync(path.join(runtimeOutDir, 'tagpoint.js'), 'utf8');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await page.setContent(shopPageHtml());
  await page.addScriptTag({ content: runtime });
  // tsx keeps function names with a helper the page does not have.
  await page.evaluate('globalThis.__name = (f) => f');
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);

  // SVG icons in the buttons, as icon sets render them (targets of the realistic mix).
  await page.evaluate(() => {
    for (const i of Array.from(document.querySelectorAll('.icon'))) {
      i.innerHTML = '<svg class="glyph" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><path d="M0 0h24v24H0z"/><circle cx="12" cy="12" r="4"/></svg>';
    }
  });

  const rows: Row[] = [];
  for (const mix of ['recorded', 'realistic'] as const)
  for (const n of SIZES) {
    const tags = mix === 'recorded' ? tagsOf(n) : (await page.evaluate(realisticSelectors, { n, seed: 4242 + n })).map((selector, i) => ({ id: `t${i}`, event: `Event ${i}`, trigger: 'click', target: { selector } }));
    const row = await page.evaluate(
      ({ config, clicks, rounds }) => {
        const w = window as any;
        // Links must not navigate: the page cancels default actions in the bubble phase.
        window.addEventListener('click', (e) => e.preventDefault());
        const rng = (() => {
          let s = 7;
          return () => ((s = (s * 16807) % 2147483647) / 2147483647);
        })();
        const all = Array.from(document.querySelectorAll('#grid button, #grid span, #grid a, #grid i, #grid h2, .nav a, #grid b, #grid path, #grid circle'));
        const targets = Array.from({ length: clicks }, () => all[Math.floor(rng() * all.length)]!);
        const selectors: string[] = config.tags.map((t: any) => t.target.selector);
        let fired = 0;
        const click = () => {
          for (const el of targets) el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
        };
        const time = (fn: () => void) => {
          const t0 = performance.now();
          fn();
          return ((performance.now() - t0) * 1000) / clicks;
        };
        const withListener = (listener: (e: Event) => void) => {
          document.addEventListener('click', listener, true);
          const us = time(click);
          document.removeEventListener('click', listener, true);
          return us;
        };

        // Naive: every tag, closest() from the target.
        const naive = (e: Event) => {
          const target = e.composedPath()[0] as Element;
          for (const s of selectors) if (target.closest(s)) fired++;
        };
        // Bucketed with the browser's matcher on each candidate.
        const buckets = new Map<string, string[]>();
        for (const s of selectors) {
          const last = s.split(/\s*[ >+~]\s*/).pop()!;
          const key = /#([\w-]+)/.exec(last)?.[0] ?? /\[([\w-]+)=/.exec(last)?.[1] ?? /\.([\w-]+)/.exec(last)?.[0] ?? /^[a-z]+/.exec(last)?.[0] ?? '*';
          (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(s);
        }
        const bucketed = (e: Event) => {
          const seen = new Set<string>();
          for (const node of e.composedPath()) {
            const el = node as Element;
            if (el.nodeType !== 1) continue;
            const keys = [el.localName, '*'];
            if (el.id) keys.push('#' + el.id);
            for (const c of Array.from(el.classList)) keys.push('.' + c);
            for (const a of Array.from(el.attributes)) keys.push(a.name);
            for (const k of keys) for (const s of buckets.get(k) ?? []) if (!seen.has(s) && el.matches(s)) { seen.add(s); fired++; }
          }
        };

        const results: { empty: number; tagpoint: number; warm: number; naive: number; bucketed: number }[] = [];
        const sink = () => {
          fired++;
        };
        for (let r = 0; r < rounds; r++) {
          const empty = withListener(() => {});
          const handle = w.Tagpoint.start({ config, track: sink });
          const tagpoint = time(click);
          const warm = time(click);
          handle.stop();
          results.push({ empty, tagpoint, warm, naive: withListener(naive), bucketed: withListener(bucketed) });
        }
        const best = (k: 'empty' | 'tagpoint' | 'warm' | 'naive' | 'bucketed') => Math.min(...results.map((x) => x[k]));
        return { empty: best('empty'), tagpoint: best('tagpoint'), warm: best('warm'), naive: best('naive'), bucketed: best('bucketed'), fired };
      },
      { config: { version: 1, site: 'bench', revision: 1, tags }, clicks: CLICKS, rounds: ROUNDS },
    );
    rows.push({ mix, tags: n, ...row });
  }

  const startup = await page.evaluate((config) => {
    const w = window as any;
    const times: number[] = [];
    for (let r = 0; r < 15; r++) {
      const t0 = performance.now();
      const handle = w.Tagpoint.start({ config, track: () => {} });
      times.push(performance.now() - t0);
      handle.stop();
    }
    return Math.min(...times);
  }, { version: 1, site: 'bench', revision: 1, tags: tagsOf(1_000) });

  // Cold: the first start() in a fresh page (nothing compiled or warmed yet), for each mix; the
  // median of 5 fresh pages.
  const realistic1k = (await page.evaluate(realisticSelectors, { n: 1_000, seed: 4242 + 1_000 })).map((selector, i) => ({ id: `t${i}`, event: `Event ${i}`, trigger: 'click', target: { selector } }));
  const cold: Record<string, number> = {};
  for (const [mix, tags] of [['recorded', tagsOf(1_000)], ['realistic', realistic1k]] as const) {
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const fresh = await browser.newPage();
      await fresh.setContent(shopPageHtml());
      await fresh.addScriptTag({ content: runtime });
      await fresh.evaluate('globalThis.__name = (f) => f');
      times.push(
        await fresh.evaluate((config) => {
          const t0 = performance.now();
          (window as any).Tagpoint.start({ config, track: () => {} });
          return performance.now() - t0;
        }, { version: 1, site: 'bench', revision: 1, tags }),
      );
      await fresh.close();
    }
    cold[mix] = times.sort((a, b) => a - b)[2]!;
  }
  await browser.close();

  const net = (x: number, floor: number) => Math.max(0, x - floor);
  const f = (x: number) => x.toFixed(1).padStart(10);
  console.log(`Chromium, ${elements} elements, ${CLICKS} clicks x ${ROUNDS} rounds per mode (fastest round); microseconds per click, net of an empty listener`);
  console.log(`${'tags'.padStart(6)}${'empty'.padStart(10)}${'tagpoint'.padStart(10)}${'tp warm'.padStart(10)}${'naive'.padStart(10)}${'bucketed'.padStart(10)}${'naive/tp'.padStart(10)}${'bkt/tp'.padStart(10)}`);
  for (const r of rows) {
    const tp = net(r.tagpoint, r.empty);
    if (r.tags === SIZES[0]) console.log(`${r.mix} mix:`);
    console.log(
      `${String(r.tags).padStart(6)}${f(r.empty)}${f(tp)}${f(net(r.warm, r.empty))}${f(net(r.naive, r.empty))}${f(net(r.bucketed, r.empty))}${f(net(r.naive, r.empty) / Math.max(tp, 0.1))}${f(net(r.bucketed, r.empty) / Math.max(tp, 0.1))}`,
    );
  }
  for (const mix of ['recorded', 'realistic']) {
    const row = (n: number) => rows.find((r) => r.mix === mix && r.tags === n)!;
    const at = (n: number) => net(row(n).tagpoint, row(n).empty);
    const bkt = (n: number) => net(row(n).bucketed, row(n).empty);
    console.log(`${mix}: 10,000 tags vs 100 tags (tagpoint): ${(at(10_000) / Math.max(at(100), 0.1)).toFixed(2)}x; tp/bucketed at 1,000: ${(at(1_000) / Math.max(bkt(1_000), 0.1)).toFixed(3)}`);
  }
  console.log(`Start-up (Tagpoint.start with 1,000 tags, fastest of 15): ${startup.toFixed(2)} ms`);
  console.log(`Cold start-up (first Tagpoint.start in a fresh page, 1,000 tags, median of 5): recorded ${cold.recorded!.toFixed(2)} ms, realistic ${cold.realistic!.toFixed(2)} ms`);
}

await main();
