/**
 * `npm run bench:selectors`: how well locators survive redeploys, on two corpora in one run:
 * the real-world (news) pages of test/fixtures/corpus, and the generated web-app pages of
 * bench/app-corpus with their app redeploys (see selectors.apps.ts). @medv/finder is the
 * baseline in both.
 *
 * News corpus:
 * For each page of test/fixtures/corpus/pages (scripts, iframes, meta refresh, CSP and inline
 * handlers stripped; every network request aborted) the benchmark picks up to N taggable
 * elements, makes a Tagpoint locator and a @medv/finder default selector for each on the
 * pristine page, then reloads the page, applies one redeploy-like mutation (or all of them:
 * the "redeploy mix") and resolves again. Outcomes per (element, mutation): EXACT, AMBIGUOUS,
 * WRONG, MISSING. Also reported: our primary selector alone (the runtime's fast path without
 * the fingerprint check) and creation times — the first run, and the best of three runs (the
 * machine is shared; the best run is the creation's own cost without preemption).
 *
 * Options: --corpus=news,apps (default both), --pages=a,b (news page names), --per-page=30
 * (news), --app-seeds=1,2,3, --app-per-page=40, --apps=substring,… (app page names),
 * --json=path (write the raw results).
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
import { runApps, type AppRun } from './selectors.apps';
import { REDEPLOYS } from './app-corpus';
import type { AppScore } from './selectors.apps.page';

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

/** One line of a time table: median, p95, p99, max (ms). */
function timeRow(label: string, values: number[], extra = ''): void {
  const v = [...values].sort((a, b) => a - b);
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-').padStart(8);
  console.log(`${label.padEnd(34)}${f(quantile(v, 0.5))}${f(quantile(v, 0.95))}${f(quantile(v, 0.99))}${f(v.at(-1) ?? NaN)}${extra}`);
}

async function runNews(page: Page, script: string): Promise<{ bestTimes: number[]; times: number[]; finderTimes: number[]; raw: unknown }> {
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
  const row = timeRow;
  const worst = Object.entries(maxByPage).sort((a, b) => b[1] - a[1])[0];
  console.log(`\ncreation time (ms)                  median     p95     p99     max`);
  row('Tagpoint createLocator, best of 3', bestTimes, `  (worst page: ${worst?.[0]})`);
  row('Tagpoint createLocator, first run', times);
  row('finder defaults, one run', finderTimes);
  const ratio = quantile([...finderTimes].sort((a, b) => a - b), 0.5) / quantile([...times].sort((a, b) => a - b), 0.5);
  console.log(`median first-run ratio finder/Tagpoint: ${ratio.toFixed(2)} (Tagpoint also builds fallbacks and a fingerprint)`);
  return { bestTimes, times, finderTimes, raw: { results, made } };
}


function outcomeLine(label: string, scores: AppScore[], key: 'ours' | 'primaryOnly' | 'finder'): string {
  const n = scores.length;
  const c = (o: string) => scores.filter((s) => s[key] === o).length;
  const gone = scores.filter((s) => s.gone);
  const goneFound = gone.filter((s) => s[key] === 'WRONG').length;
  return `${label.padEnd(18)} ${pct(c('EXACT'), n)} ${pct(c('AMBIGUOUS'), n)} ${pct(c('WRONG'), n)} ${pct(c('MISSING'), n)}   ${String(gone.length).padStart(4)} ${String(goneFound).padStart(4)}`;
}

function propLine(label: string, scores: AppScore[]): string {
  const cases = scores.flatMap((s) => s.props);
  const n = cases.length;
  const c = (k: 'endToEnd' | 'fromTarget' | 'finder', o: string) => pct(cases.filter((p) => p[k] === o).length, n);
  return `${label.padEnd(18)} ${String(n).padStart(6)} ${c('endToEnd', 'SAME')} ${c('endToEnd', 'WRONG')} ${c('endToEnd', 'MISSING')} | ${c('fromTarget', 'SAME')} ${c('fromTarget', 'WRONG')} ${c('fromTarget', 'MISSING')} | ${c('finder', 'SAME')} ${c('finder', 'WRONG')} ${c('finder', 'MISSING')}`;
}

function reportApps(run: AppRun, started: number): void {
  const all = REDEPLOYS.filter((r) => r !== 'redeploy-mix').flatMap((r) => run.scores[r]);
  console.log(`\nApp corpus (bench/app-corpus), seeds ${run.seeds.join(',')}: ${run.pages} pages, ${run.targets} targets, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`locators failing LocatorSchema: ${run.invalid}`);
  console.log('A target whose record a redeploy removed is "gone": the right answer is "not found" (counted EXACT); finding anything is WRONG.');
  for (const key of ['ours', 'primaryOnly', 'finder'] as const) {
    const title = { ours: 'Tagpoint resolveLocator', primaryOnly: 'Tagpoint primary selector alone', finder: '@medv/finder defaults (baseline)' }[key];
    console.log(`\n${title}\nredeploy            EXACT%  AMBIG%  WRONG% MISSING%   gone found`);
    for (const r of REDEPLOYS) console.log(outcomeLine(r, run.scores[r], key));
    console.log(outcomeLine('all single kinds', all, key));
  }
  console.log('\nredeploy-mix by style        EXACT%  WRONG% MISSING% | finder EXACT%  WRONG%');
  for (const [style, byR] of Object.entries(run.byStyle)) {
    const m = byR['redeploy-mix'];
    const n = m.length;
    const c = (k: 'ours' | 'finder', o: string) => pct(m.filter((s) => s[k] === o).length, n);
    console.log(`${style.padEnd(28)} ${c('ours', 'EXACT')} ${c('ours', 'WRONG')} ${c('ours', 'MISSING')} | ${c('finder', 'EXACT')} ${c('finder', 'WRONG')}`);
  }
  console.log('\nredeploy-mix by page kind    EXACT%  WRONG% MISSING% | finder EXACT%  WRONG%');
  for (const [kind, byR] of Object.entries(run.byKind)) {
    const m = byR['redeploy-mix'];
    const n = m.length;
    const c = (k: 'ours' | 'finder', o: string) => pct(m.filter((s) => s[k] === o).length, n);
    console.log(`${kind.padEnd(28)} ${c('ours', 'EXACT')} ${c('ours', 'WRONG')} ${c('ours', 'MISSING')} | ${c('finder', 'EXACT')} ${c('finder', 'WRONG')}`);
  }
  console.log('\nProperties: after each redeploy, is the value read from the same record? (property, redeploy) cases');
  console.log('  end to end = from the element the tag resolved to; from target = from the true element (the property locator alone);');
  console.log('  finder = finder\'s selector for the property, read near finder\'s target.');
  console.log('redeploy            cases  | end to end: SAME%  WRONG% MISS%  | from target: SAME% WRONG% MISS% | finder: SAME% WRONG% MISS%');
  for (const r of REDEPLOYS) console.log(propLine(r, run.scores[r]));
  console.log(propLine('all single kinds', all));
  const similar = run.made.filter((m) => m.similar);
  console.log(`\nAll similar, for targets in repeated sets: ${similar.length} checked; exactly the set at creation: ${pct(similar.filter((m) => m.similar!.exact).length, similar.length)}%`);
  console.log('redeploy            still exactly the set%');
  for (const r of REDEPLOYS) {
    const s = run.scores[r].filter((x) => x.similarExact !== undefined);
    console.log(`${r.padEnd(18)} ${pct(s.filter((x) => x.similarExact).length, s.length)}   (${s.length})`);
  }
  const bySet = new Map<string, { n: number; ok: number }>();
  for (const m of similar) {
    const e = bySet.get(m.similar!.set) ?? { n: 0, ok: 0 };
    e.n++;
    if (m.similar!.exact) e.ok++;
    bySet.set(m.similar!.set, e);
  }
  console.log('at creation, by set: ' + [...bySet].map(([k, v]) => `${k} ${v.ok}/${v.n}`).join(', '));
  console.log(`\napp corpus creation time (ms)       median     p95     p99     max`);
  timeRow('Tagpoint createLocator', run.made.map((m) => m.time));
  timeRow('Tagpoint property selector', run.made.flatMap((m) => m.props.map((p) => p.time)));
  timeRow('Tagpoint findSimilar', similar.map((m) => m.similar!.time));
  timeRow('finder defaults', run.made.map((m) => m.finderTime));
}

async function main(): Promise<void> {
  const corpora = new Set(String(args.corpus ?? 'news,apps').split(','));
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
  const out: Record<string, unknown> = {};
  const createTimes: number[] = [];
  if (corpora.has('news')) {
    console.log('News corpus (test/fixtures/corpus)');
    const news = await runNews(page, script);
    createTimes.push(...news.times);
    out.news = news;
  }
  if (corpora.has('apps')) {
    const started = Date.now();
    const apps = await runApps(page, script, {
      seeds: String(args['app-seeds'] ?? '1,2,3').split(',').map(Number),
      perPage: Number(args['app-per-page'] ?? 40),
      similarPerPage: Number(args['app-similar-per-page'] ?? 8),
      only: args.apps ? String(args.apps).split(',') : undefined,
      log: (line) => console.log(line),
    });
    reportApps(apps, started);
    createTimes.push(...apps.made.map((m) => m.time));
    out.apps = apps;
  }
  await browser.close();
  if (corpora.size > 1) {
    console.log(`\nboth corpora, createLocator first run (ms)  median     p95     p99     max`);
    timeRow(`${createTimes.length} locators`, createTimes);
  }
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  if (args.json) writeFileSync(String(args.json), JSON.stringify(out, null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
