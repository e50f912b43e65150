/**
 * `npm run bench:safety`: what a hostile or careless config can cost a page (issue 11), as
 * ratios and times measured in the same run.
 *
 * 1. Page rules: the patterns on a 200 KB URL with the linear matcher
 *    (lib/core/patterns.ts), against the browser engine's RegExp on the same pattern with a
 *    short input (a longer one does not finish) and on a plain safe pattern.
 * 2. Keyless click tags: 1,000 `:has(.x) :is(button, a)` tags (no key for the index), per click on the shop page,
 *    with the runtime before this issue (a given commit, built here) and now.
 * 3. `visible` tags with DOM churn: 20 `:has(.x) :is(.title, .thumb)` visible tags, a DOM change every 20 ms for 3 s:
 *    the longest main-thread task and the total time the runtime blocked the page, before and now.
 *
 *   npm run bench:safety              (compares with BEFORE, default 293df56)
 *   BEFORE=<commit> npm run bench:safety
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { compilePattern } from '../lib/core/patterns';
import { buildRuntime, runtimeOutDir } from '../scripts/build-runtime';
import { shopPageHtml } from './shop-page';

const root = path.resolve(import.meta.dirname, '..');
const BEFORE = process.env.BEFORE || '293df56';

function best(fn: () => void, rounds = 7): number {
  let min = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

function patternRows(): void {
  const url = `https://shop.example/products/1?${'q=x&'.repeat(50_000)}`.slice(0, 200_000);
  const as = 'a'.repeat(200_000);
  console.log('\n1. page rules on a 200 KB URL (best of 7, ms)');
  console.log('pattern                     linear 200 KB   RegExp on 24 chars   RegExp /reviews/ 200 KB');
  const plain = /reviews/;
  for (const [source, input] of [
    ['(a+)+$', as],
    ['((a+))+$', as],
    ['(a|a)+$', as],
    ['a*a*a*a*a*b', as],
    ['/products/.*/reviews', url],
  ] as const) {
    const compiled = compilePattern(source);
    if (!compiled.ok) throw new Error(compiled.reason);
    const linear = best(() => compiled.test(input));
    const native = new RegExp(source);
    const short = input.slice(0, 24) + '!';
    const nativeShort = best(() => native.test(short), 1);
    const safe = best(() => plain.test(input));
    console.log(`${source.padEnd(28)}${linear.toFixed(2).padStart(10)}${nativeShort.toFixed(2).padStart(20)}${safe.toFixed(2).padStart(22)}`);
  }
}

/** The runtime before this issue, built from BEFORE in a scratch worktree. */
function buildBefore(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tagpoint-before-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, BEFORE], { cwd: root, stdio: 'ignore' });
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  execFileSync('npx', ['tsx', 'scripts/build-runtime.ts'], { cwd: dir, stdio: 'ignore' });
  return path.join(dir, '.output', 'runtime');
}

async function open(page: Page, runtimeDir: string, body: string): Promise<void> {
  // tsx names functions with a helper that the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  await page.route('http://bench.local/**', (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === '') return route.fulfill({ contentType: 'text/html', body });
    const file = path.join(runtimeDir, name);
    return existsSync(file) ? route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) }) : route.fulfill({ status: 404 });
  });
  await page.goto('http://bench.local/');
}

const PAGE = (extra = '') => `<!doctype html><html><head><script src="/tagpoint.js"></script></head><body>${shopPageHtml()}${extra}</body></html>`;

async function keylessRow(page: Page, runtimeDir: string): Promise<number> {
  await open(page, runtimeDir, PAGE());
  const tags = Array.from({ length: 1000 }, (_, i) => ({ id: `h${i}`, event: `H ${i}`, trigger: 'click', target: { selector: `:has(.x-${i}) :is(button, a)` } }));
  return page.evaluate(async (tags) => {
    const w = window as any;
    const handle = await w.Tagpoint.start({ config: { version: 1, site: 'b', revision: 1, tags }, track() {} });
    const targets = [...document.querySelectorAll('button, a')].slice(0, 50) as HTMLElement[];
    let min = Infinity;
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      for (const el of targets) el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      min = Math.min(min, (performance.now() - t) / targets.length);
    }
    handle.stop();
    return min;
  }, tags);
}

async function visibleRow(page: Page, runtimeDir: string): Promise<{ longest: number; blocked: number; fired: number }> {
  await open(page, runtimeDir, PAGE('<div id="churn"></div>'));
  const tags = Array.from({ length: 20 }, (_, i) => ({ id: `v${i}`, event: `V ${i}`, trigger: 'visible', target: { selector: `:has(.x-${i}) :is(.title, .thumb)` } }));
  return page.evaluate(async (tags) => {
    const w = window as any;
    let fired = 0;
    w.Tagpoint.start({ config: { version: 1, site: 'b', revision: 1, tags }, track: () => fired++ });
    await new Promise((r) => setTimeout(r, 1000));
    const tasks: number[] = [];
    const po = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
    po.observe({ type: 'longtask', buffered: false });
    // The page's own work, measured: how late its 20 ms timer runs is what the runtime costs it.
    const churn = document.getElementById('churn')!;
    let blocked = 0;
    let last = performance.now();
    const end = last + 3000;
    while (performance.now() < end) {
      churn.append(document.createElement('span'));
      await new Promise((r) => setTimeout(r, 20));
      const now = performance.now();
      blocked += Math.max(0, now - last - 20);
      last = now;
    }
    po.disconnect();
    return { longest: Math.max(0, ...tasks), blocked, fired };
  }, tags);
}

async function main() {
  if (!process.env.SKIP_PATTERNS) patternRows();
  await buildRuntime();
  console.log(`\nbuilding the runtime of ${BEFORE} (before) ...`);
  const before = buildBefore();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const rows: [string, string][] = [
      ['before', before],
      ['now', runtimeOutDir],
    ];
    console.log('\n2. 1,000 keyless (:has/:is) click tags: ms per click on the shop page (best of 5 rounds of 50 clicks)');
    for (const [name, dir] of rows) {
      const page = await browser.newPage();
      console.log(`${name.padEnd(8)}${(await keylessRow(page, dir)).toFixed(2).padStart(10)}`);
      await page.close();
    }
    console.log('\n3. 20 visible :has() tags, a DOM change every 20 ms for 3 s: longest task, total delay of the page\'s timers (ms), events');
    for (const [name, dir] of rows) {
      const page = await browser.newPage();
      const r = await visibleRow(page, dir);
      console.log(`${name.padEnd(8)}${r.longest.toFixed(0).padStart(10)}${r.blocked.toFixed(0).padStart(10)}${String(r.fired).padStart(8)}`);
      await page.close();
    }
  } finally {
    await browser.close();
    execFileSync('git', ['worktree', 'remove', '--force', path.dirname(path.dirname(before))], { cwd: root, stdio: 'ignore' });
  }
}

await main();
