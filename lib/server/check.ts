/**
 * `tagpoint check`: before a deploy, does each tag still find its target? Loads each page
 * (a live URL, or a saved HTML file checked as if served at a URL) in headless Chromium and
 * runs lib/health/check.ts there, the resolution the runtime's health beacon reports
 * (lib/core's locator): per page and tag whose page rule applies, found, relocated,
 * ambiguous or absent. Formats: a table, JSON or JUnit XML (one testsuite per page, one
 * testcase per tag, a failure for absent or ambiguous).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PageCheckResult } from '../health/check-entry';
import { isBrokenState } from '../health/check';
import { z } from '../config/zod';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The steps before checking a page, as data (a `--steps` file): click, fill, or wait for a selector. */
export const CheckStepsSchema = z
  .array(z.union([z.strictObject({ click: z.string().min(1) }), z.strictObject({ fill: z.string().min(1), value: z.string() }), z.strictObject({ waitFor: z.string().min(1) })]))
  .max(100);
export type CheckStep = z.infer<typeof CheckStepsSchema>[number];

/** Options of `checkPages`. */
export interface CheckOptions {
  /** The config, as JSON (read tolerantly, like the runtime). */
  config: unknown;
  /** Live URLs (http, https) or saved HTML files. */
  targets: string[];
  /** The URL a saved HTML file is checked at (page rules and URL properties read it). Default: the file's own file:// URL. */
  baseUrl?: string;
  /** Steps run on every page before checking (a login, a menu to open). Default none. */
  steps?: CheckStep[];
  /** Most time per page load or step, in ms. Default 15,000. */
  timeout?: number;
  /** Chromium to drive. Default: scripts/find-chromium.mjs's. */
  executablePath?: string;
  /** Told when each page is done (progress). */
  onPage?(result: PageCheckResult, index: number): void;
}

/** Whether a page result has a tag that would not fire: absent or ambiguous target. */
export const isBrokenPage = (result: PageCheckResult): boolean => !result.ok || result.tags.some((t) => isBrokenState(t.state));

let bundled: Promise<string> | undefined;
/** The page side (check-entry.ts), bundled once per process with esbuild (tsx brings it). */
function pageScript(): Promise<string> {
  return (bundled ??= import('esbuild').then(async ({ build }) => {
    const out = await build({ entryPoints: [path.join(here, '../health/check-entry.ts')], bundle: true, write: false, format: 'iife', target: 'chrome100', logLevel: 'error' });
    return out.outputFiles[0]!.text;
  }));
}

const isUrl = (target: string) => /^https?:\/\//i.test(target);

/** Checks every target in one headless Chromium; resolves with one result per target, in order. */
export async function checkPages(options: CheckOptions): Promise<PageCheckResult[]> {
  const timeout = options.timeout ?? 15_000;
  const script = await pageScript();
  // Playwright comes with the project's dev tools; the message says what to do without it.
  const { chromium } = await import('@playwright/test').catch(() => {
    throw new Error('tagpoint check needs Playwright (npm install @playwright/test) and a Chromium');
  });
  const { chromiumPath } = (await import('../../scripts/find-chromium.mjs')) as { chromiumPath(): string };
  const browser = await chromium.launch({ executablePath: options.executablePath ?? chromiumPath(), headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  const results: PageCheckResult[] = [];
  try {
    for (const [index, target] of options.targets.entries()) {
      // A saved page is a snapshot of the DOM: its scripts stay off, and nothing else is fetched.
      const saved = !isUrl(target);
      const context = await browser.newContext({ javaScriptEnabled: !saved });
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      let result: PageCheckResult;
      try {
        if (saved) {
          const html = await readFile(target, 'utf8');
          const url = options.baseUrl ?? pathToFileURL(path.resolve(target)).href;
          await page.route('**/*', (route) => (route.request().isNavigationRequest() ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.abort()));
          await page.goto(url, { waitUntil: 'load' });
        } else {
          await page.goto(target, { waitUntil: 'load' });
          // Pages that render after load: wait for the network to rest, but not forever.
          await page.waitForLoadState('networkidle', { timeout: Math.min(timeout, 5_000) }).catch(() => undefined);
        }
        for (const step of options.steps ?? []) {
          if ('click' in step) await page.click(step.click);
          else if ('fill' in step) await page.fill(step.fill, step.value);
          else await page.waitForSelector(step.waitFor);
        }
        // Evaluated, not added as a tag: it runs even with the page's own scripts off.
        await page.evaluate(script);
        result = await page.evaluate((config) => (window as unknown as { __tagpointCheck(c: unknown): PageCheckResult }).__tagpointCheck(config), options.config);
      } catch (error) {
        result = { ok: false, url: target, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
      } finally {
        await context.close();
      }
      results.push(result);
      options.onPage?.(result, index);
    }
  } finally {
    await browser.close();
  }
  return results;
}

/** A table per page: one row per tag whose page rule applies, problems first. */
export function formatCheckTable(results: readonly PageCheckResult[]): string[] {
  const order = { absent: 0, ambiguous: 1, relocated: 2, found: 3 } as const;
  const lines: string[] = [];
  for (const r of results) {
    if (!r.ok) {
      lines.push(`${r.url}: not checked: ${r.reason}`, '');
      continue;
    }
    lines.push(`${r.url}: ${r.tags.length} tag${r.tags.length === 1 ? '' : 's'} apply${r.skipped ? `, ${r.skipped} other${r.skipped === 1 ? '' : 's'} not on this page` : ''}`);
    const rows = [...r.tags].sort((a, b) => order[a.state] - order[b.state]).map((t) => [t.id, t.event, t.state, String(t.count)]);
    const header = ['TAG', 'EVENT', 'STATE', 'ELEMENTS'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    for (const row of [header, ...rows]) lines.push(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}`);
    for (const bad of r.invalid) lines.push(`  skipped invalid tag ${bad.tag}: ${bad.reason}`);
    lines.push('');
  }
  const broken = results.flatMap((r) => (r.ok ? r.tags.filter((t) => isBrokenState(t.state)).map((t) => `${t.id} on ${r.url}`) : [`${r.url} (not checked)`]));
  lines.push(broken.length ? `Broken: ${broken.join(', ')}` : `All tags found on ${results.length} page${results.length === 1 ? '' : 's'}.`);
  return lines;
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** JUnit XML: a testsuite per page, a testcase per tag, a failure for an absent or ambiguous target (or a page not checked). */
export function formatCheckJunit(results: readonly PageCheckResult[]): string {
  const suites = results.map((r) => {
    if (!r.ok) return `  <testsuite name="${xml(r.url)}" tests="1" failures="0" errors="1">\n    <testcase classname="${xml(r.url)}" name="page"><error message="${xml(r.reason)}"/></testcase>\n  </testsuite>`;
    const failures = r.tags.filter((t) => isBrokenState(t.state)).length;
    const cases = r.tags.map((t) => {
      const name = `${xml(t.id)} (${xml(t.event)})`;
      return isBrokenState(t.state)
        ? `    <testcase classname="${xml(r.url)}" name="${name}"><failure message="target ${t.state}" type="${t.state}">tag ${xml(t.id)} would not fire on ${xml(r.url)}: its target is ${t.state}</failure></testcase>`
        : `    <testcase classname="${xml(r.url)}" name="${name}"><system-out>${t.state}, ${t.count} element${t.count === 1 ? '' : 's'}</system-out></testcase>`;
    });
    return `  <testsuite name="${xml(r.url)}" tests="${r.tags.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const tests = results.reduce((n, r) => n + (r.ok ? r.tags.length : 1), 0);
  const failures = results.reduce((n, r) => n + (r.ok ? r.tags.filter((t) => isBrokenState(t.state)).length : 0), 0);
  const errors = results.filter((r) => !r.ok).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tagpoint check" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('\n')}\n</testsuites>\n`;
}
