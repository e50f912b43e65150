/**
 * The app-corpus half of `npm run bench:selectors`: generated web-app pages (bench/app-corpus)
 * and their redeploys. For each page: load it, read the bench marks, pick up to N targets
 * (seeded), make a Tagpoint locator, property selectors and, for members of repeated sets,
 * an "all similar" selector, and @medv/finder's selectors as the baseline; then load each
 * redeployed version and score where everything lands.
 */
import type { Page } from '@playwright/test';
import { LocatorSchema } from '../lib/config';
import { appCorpus, REDEPLOYS, type AppCase, type Redeploy } from './app-corpus';
import { hashSeed, mulberry32 } from './app-corpus/random';
import type { AppScore, AppTargetMade } from './selectors.apps.page';

export interface AppRunOptions {
  seeds: number[];
  /** Most targets per page. */
  perPage: number;
  /** Most "all similar" checks per page. */
  similarPerPage: number;
  /** Only pages whose name contains one of these. */
  only?: string[];
  log: (line: string) => void;
}

export interface AppRun {
  pages: number;
  targets: number;
  invalid: number;
  /** Redeploy → scores of every target of every page. */
  scores: Record<Redeploy, AppScore[]>;
  /** Same, per style. */
  byStyle: Record<string, Record<Redeploy, AppScore[]>>;
  byKind: Record<string, Record<Redeploy, AppScore[]>>;
  made: AppTargetMade[];
  /** Names of pages, per seed. */
  seeds: number[];
  perCase: { name: string; made: AppTargetMade[]; scores: Record<string, AppScore[]> }[];
}

function sample<T>(items: T[], max: number, seed: string): T[] {
  const rng = mulberry32(hashSeed(seed));
  const pool = [...items];
  const out: T[] = [];
  while (out.length < max && pool.length) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  return out;
}

async function load(page: Page, html: string, script: string): Promise<{ targets: string[]; elements: number }> {
  await page.setContent(html, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.addScriptTag({ content: script });
  return page.evaluate(() => (globalThis as any).__apps.collect());
}

export async function runApps(page: Page, script: string, options: AppRunOptions): Promise<AppRun> {
  const run: AppRun = {
    pages: 0,
    targets: 0,
    invalid: 0,
    scores: Object.fromEntries(REDEPLOYS.map((r) => [r, []])) as unknown as Record<Redeploy, AppScore[]>,
    byStyle: {},
    byKind: {},
    made: [],
    seeds: options.seeds,
    perCase: [],
  };
  const cases: AppCase[] = options.seeds.flatMap((seed) => appCorpus(seed)).filter((c) => !options.only || options.only.some((o) => c.name.includes(o)));
  for (const c of cases) {
    const { targets } = await load(page, c.html, script);
    const keys = sample(targets, options.perPage, c.name).sort();
    const made: AppTargetMade[] = await page.evaluate(([k, n]) => (globalThis as any).__apps.create(k, n), [keys, options.similarPerPage] as const);
    run.invalid += made.filter((m) => !LocatorSchema.safeParse(m.locator).success).length;
    run.made.push(...made);
    run.pages++;
    run.targets += made.length;
    const perCase: Record<string, AppScore[]> = {};
    run.byStyle[c.style] ??= Object.fromEntries(REDEPLOYS.map((r) => [r, []])) as unknown as Record<Redeploy, AppScore[]>;
    run.byKind[c.kind] ??= Object.fromEntries(REDEPLOYS.map((r) => [r, []])) as unknown as Record<Redeploy, AppScore[]>;
    for (const r of REDEPLOYS) {
      await load(page, c.redeploys[r], script);
      const scores: AppScore[] = await page.evaluate((m) => (globalThis as any).__apps.score(m), made);
      run.scores[r].push(...scores);
      run.byStyle[c.style]![r].push(...scores);
      run.byKind[c.kind]![r].push(...scores);
      perCase[r] = scores;
    }
    run.perCase.push({ name: c.name, made, scores: perCase });
    const mix = perCase['redeploy-mix']!;
    const pct = (n: number) => ((100 * n) / Math.max(1, mix.length)).toFixed(1).padStart(6);
    options.log(
      `${c.name.padEnd(30)} ${String(made.length).padStart(3)} targets  mix EXACT ${pct(mix.filter((s) => s.ours === 'EXACT').length)}%  WRONG ${pct(mix.filter((s) => s.ours === 'WRONG').length)}%  finder EXACT ${pct(mix.filter((s) => s.finder === 'EXACT').length)}%`,
    );
  }
  return run;
}
