/**
 * `npm run bench:health`: the runtime's idle health check (lib/health/check.ts, what
 * tagpoint-health.js runs in idle slices) in real Chromium, at 1,000 tags on a generated page
 * of ~5,000 elements. Tags: 60% found by their primary selector, 15% only by a fallback that
 * the fingerprint confirms (relocated), 5% with a fallback matching several agreeing elements
 * (ambiguous), 20% absent. Times, in the same page and interleaved over rounds (fastest kept):
 *   - check: `__tagpointCheck(config)` (the tolerant reader plus every tag's check; what
 *     `tagpoint check` runs too);
 *   - baseline: one `querySelectorAll` per tag's primary selector (the least any check does).
 * Prints both, their ratio, and how many 5 ms idle slices the check needs.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { shopPageHtml } from './shop-page';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TAGS = 1_000;
const ROUNDS = 15;
const SLICE_MS = 5;


function configOf(n: number) {
  const tags = [];
  for (let i = 0; i < n; i++) {
    const k = i % 250;
    const kind = i % 20; // 0-11 found, 12-14 relocated, 15 ambiguous, 16-19 absent
    const fp = { tag: 'button', attributes: { 'data-testid': `add-${k}` } };
    const target =
      kind < 12
        ? { selector: [`#p-${k} .add`, `[data-testid="add-${k}"]`, `.card:nth-child(${k + 1}) > .actions > button.wish`, `a[href="/p/${k}"]`][kind % 4]! }
        : kind < 15
          ? { selector: `#old-${i}`, fallbacks: [`#p-${k} .gone`, `[data-testid="add-${k}"]`], fingerprint: fp }
          : kind === 15
            ? { selector: `#old-${i}`, fallbacks: ['.actions > button.share'], fingerprint: { tag: 'button', attributes: { class: 'btn wish share' } } }
            : { selector: `#p-${k}-${i} .add` };
    tags.push({ id: `t${i}`, event: `Event ${i}`, trigger: 'click', target });
  }
  return { version: 1, site: 'bench', revision: 1, tags };
}

async function main() {
  const bundle = await build({ entryPoints: [path.join(root, 'lib/health/check-entry.ts')], bundle: true, minify: true, write: false, format: 'iife', target: 'chrome100', logLevel: 'error' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await page.setContent(shopPageHtml('btn wish share'));
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  const result = await page.evaluate(
    ({ config, rounds }) => {
      const w = window as unknown as { __tagpointCheck(c: unknown): { ok: boolean; tags: { state: string }[] } };
      const selectors = config.tags.map((t) => t.target.selector);
      let check = Infinity;
      let baseline = Infinity;
      let states: Record<string, number> = {};
      let sink = 0;
      for (let r = 0; r < rounds; r++) {
        let t0 = performance.now();
        for (const s of selectors) sink += document.querySelectorAll(s).length;
        baseline = Math.min(baseline, performance.now() - t0);
        t0 = performance.now();
        const out = w.__tagpointCheck(config);
        check = Math.min(check, performance.now() - t0);
        states = {};
        for (const t of out.tags) states[t.state] = (states[t.state] ?? 0) + 1;
      }
      return { check, baseline, states, sink };
    },
    { config: configOf(TAGS), rounds: ROUNDS },
  );
  await browser.close();
  console.log(`health check, ${TAGS} tags, ${elements} elements, fastest of ${ROUNDS} rounds`);
  console.log(`  states: ${JSON.stringify(result.states)}`);
  console.log(`  check (read config + every tag): ${result.check.toFixed(2)} ms`);
  console.log(`  baseline (one querySelectorAll per primary): ${result.baseline.toFixed(2)} ms`);
  console.log(`  ratio check / baseline: ${(result.check / result.baseline).toFixed(2)}`);
  console.log(`  5 ms idle slices needed: ${Math.ceil(result.check / SLICE_MS)}`);
}

await main();
