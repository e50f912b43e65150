/**
 * `npm run bench:selectors`: how well locators survive redeploys, on the real corpus pages.
 *
 * For each page of test/fixtures/corpus/pages (scripts, iframes, meta refresh, CSP and inline
 * handlers stripped; every network request aborted) the benchmark picks up to N taggable
 * elements, makes a Tagpoint locator and a @medv/finder default selector for each on the
 * pristine page, then reloads the page, applies one redeploy-like mutation (or all of them:
 * the "redeploy mix") and resolves again. Outcomes per (element, mutation): EXACT, AMBIGUOUS,
 * WRONG, MISSING. Also reported: our primary selector alone (the runtime's fast path without
 * the fingerprint check) and creation times — the first run, and the best of three runs (the
 * machine is shared; the best run is the creation's own cost without preemption).
 *
 * Options: --pages=a,b (names), --per-page=30, --json=path (write the raw results).
 */
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @playwright/test is the pinned dependency; it re-exports playwright-core's launcher
import { chromium, type Page } from '@playwright/test';
import { LocatorSchema } from '../lib/config';
import type { Locator } from '../lib/config/types';
import { corpusPages, readCorpusPage } from '../test/fixtures/corpus';
import { hashSeed, MUTATIONS, type Mutation } from './selectors.mutations';

const here = path.dirname(fileURLToPath(import.meta.url));

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v = 'true'] = a.replace(/^--/, '').split('=');
    return [k!, v];
  }),
);
const perPage = Number(args['per-page'] ?? 30);
const onlyPages = args.pages ? new Set(String(args.pages).split(',')) : undefined;
const unknownPages = [...(onlyPages ?? [])].filter((name) => !corpusPages.includes(name));
if (unknownPages.length > 0) {
  console.error(`--pages: not corpus pages (see test/fixtures/corpus/pages/SOURCE.md): ${unknownPages.join(', ')}`);
  process.exit(2);
}

type Outcome = 'EXACT' | 'AMBIGUOUS' | 'WRONG' | 'MISSING';
interface Score {
  connected: boolean;
  ours: Outcome;
  primaryOnly: Outcome;
  finder: Outcome;
}

/** The page as a browser would parse it, minus everything that runs code or leaves the machine. */
export function neutralise(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/<iframe\b[\s\S]*?<\/iframe\s*>/gi, '')
    .replace(/<iframe\b[^>]*>/gi, '')
    .replace(/<meta\b[^>]*http-equiv\s*=\s*["']?(refresh|content-security-policy)[^>]*>/gi, '')
    .replace(/<base\b[^>]*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '');
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, 'selectors.page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

async function load(page: Page, html: string, script: string): Promise<void> {
  await page.setContent(html, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.addScriptTag({ content: script });
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '-').padStart(6);

async function main(): Promise<void> {
  const script = await bundle();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const names = corpusPages.filter((name) => !onlyPages || onlyPages.has(name));

  const results: Record<string, Record<string, Score[]>> = {};
  const made: Record<string, { locators: Locator[]; finder: (string | null)[]; times: number[]; bestTimes: number[] }> = {};
  const times: number[] = [];
  const bestTimes: number[] = [];
  const finderTimes: number[] = [];
  const maxByPage: Record<string, number> = {};
  let invalid = 0;
  let picked = 0;
  const started = Date.now();
  for (const name of names) {
    const html = neutralise(readCorpusPage(name));
    await load(page, html, script);
    const { indices, total, elements } = await page.evaluate(
      ([seed, max]) => (globalThis as any).__bench.pick(seed, max),
      [name, perPage] as const,
    );
    if (indices.length === 0) {
      console.log(`${name}: no taggable element rendered, skipped`);
      continue;
    }
    const created = await page.evaluate((ix) => (globalThis as any).__bench.create(ix), indices);
    const locators: Locator[] = created.locators;
    invalid += locators.filter((l) => !LocatorSchema.safeParse(l).success).length;
    times.push(...created.times);
    bestTimes.push(...created.bestTimes);
    finderTimes.push(...created.finderTimes);
    maxByPage[name] = Math.max(...created.bestTimes);
    picked += indices.length;
    made[name] = { locators, finder: created.finderSelectors, times: created.times, bestTimes: created.bestTimes };
    results[name] = {};
    results[name]!.pristine = await page.evaluate(
      ([l, f]) => (globalThis as any).__bench.score(l, f),
      [locators, created.finderSelectors] as const,
    );
    for (const mutation of MUTATIONS) {
      await load(page, html, script);
      const count = await page.evaluate(() => document.getElementsByTagName('*').length);
      if (count !== elements) throw new Error(`${name}: the page did not load the same (${count} vs ${elements} elements)`);
      results[name]![mutation] = await page.evaluate(
        ([ix, m, seed, l, f]) => (globalThis as any).__bench.mutateAndScore(ix, m, seed, l, f),
        [indices, mutation, hashSeed(`${name}/${mutation}`), locators, created.finderSelectors] as const,
      );
    }
    const mix = results[name]!['redeploy-mix']!;
    const exact = mix.filter((s) => s.ours === 'EXACT').length;
    console.log(
      `${name.padEnd(28)} ${String(indices.length).padStart(3)}/${String(total).padEnd(5)} mix EXACT ${pct(exact, mix.length)}%  finder ${pct(mix.filter((s) => s.finder === 'EXACT').length, mix.length)}%  max create ${maxByPage[name]!.toFixed(1)} ms`,
    );
  }
  await browser.close();

  const rows: [string, Score[]][] = (['pristine', ...MUTATIONS] as const).map((m) => [
    m,
    Object.values(results).flatMap((r) => r[m as Mutation | 'pristine'] ?? []),
  ]);
  const line = (label: string, scores: Score[], key: keyof Omit<Score, 'connected'>) => {
    const n = scores.length;
    const c = (o: Outcome) => scores.filter((s) => s[key] === o).length;
    return `${label.padEnd(18)} ${pct(c('EXACT'), n)} ${pct(c('AMBIGUOUS'), n)} ${pct(c('WRONG'), n)} ${pct(c('MISSING'), n)}`;
  };
  console.log(`\n${Object.keys(results).length} pages, ${picked} elements, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`locators failing LocatorSchema: ${invalid}`);
  const disconnected = rows.flatMap(([, s]) => s).filter((s) => !s.connected).length;
  console.log(`targets lost by a mutation (should be 0): ${disconnected}`);
  for (const key of ['ours', 'primaryOnly', 'finder'] as const) {
    const title = { ours: 'Tagpoint resolveLocator', primaryOnly: 'Tagpoint primary selector alone', finder: '@medv/finder defaults (baseline)' }[key];
    console.log(`\n${title}\nmutation            EXACT%  AMBIG%  WRONG% MISSING%`);
    for (const [label, scores] of rows) console.log(line(label, scores, key));
    console.log(line('all mutations', rows.filter(([m]) => m !== 'pristine').flatMap(([, s]) => s), key));
  }
  const row = (label: string, values: number[], extra = '') => {
    const v = [...values].sort((a, b) => a - b);
    const f = (x: number) => x.toFixed(2).padStart(8);
    console.log(`${label.padEnd(34)}${f(quantile(v, 0.5))}${f(quantile(v, 0.95))}${f(quantile(v, 0.99))}${f(v.at(-1)!)}${extra}`);
  };
  const worst = Object.entries(maxByPage).sort((a, b) => b[1] - a[1])[0];
  console.log(`\ncreation time (ms)                  median     p95     p99     max`);
  row('Tagpoint createLocator, best of 3', bestTimes, `  (worst page: ${worst?.[0]})`);
  row('Tagpoint createLocator, first run', times);
  row('finder defaults, one run', finderTimes);
  const ratio = quantile([...finderTimes].sort((a, b) => a - b), 0.5) / quantile([...times].sort((a, b) => a - b), 0.5);
  console.log(`median first-run ratio finder/Tagpoint: ${ratio.toFixed(2)} (Tagpoint also builds fallbacks and a fingerprint)`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  if (args.json) writeFileSync(String(args.json), JSON.stringify({ results, made, times, bestTimes, finderTimes }, null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
