#!/usr/bin/env node
// `npm test`: builds what the e2e tests load (`npm run build`, as a TAGPOINT_E2E=1 test
// build), runs the unit tests (vitest), the e2e tests (Playwright, even when unit tests
// failed), `web-ext lint` on the Firefox build (scripts/lint-firefox.mjs, one test) and the
// demo's smoke run (`npm start -- --smoke` on the builds just made, counted as one test), and ends with one line summed over all: `N passed, N failed[, N skipped]`.
// Exits non-zero when a test failed, the build failed, or a runner crashed
// (a runner that left no report counts as 1 failed).
//
//   npm test                          build, unit, e2e, firefox lint, smoke
//   npm test -- --unit-only [args]    build, vitest only; args go to `vitest run`
//   npm test -- --e2e-only [args]     build, Playwright only; args go to `playwright test`
//   npm test -- --no-build            skip the build (use the .output/ already there)
//   npm test -- --no-smoke            skip the smoke run (never run with --unit-only/--e2e-only)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const reports = {
  unit: path.join(root, 'reports', 'vitest.json'),
  e2e: path.join(root, 'reports', 'playwright.json'),
};

const USAGE = 'usage: npm test -- [--unit-only | --e2e-only] [--no-build] [--no-smoke] [args for that runner]';
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i !== -1) args.splice(i, 1);
  return i !== -1;
};
if (flag('--help') || flag('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unitOnly = flag('--unit-only');
const e2eOnly = flag('--e2e-only');
const noBuild = flag('--no-build');
const noSmoke = flag('--no-smoke');
if (unitOnly && e2eOnly) {
  console.error(`--unit-only and --e2e-only exclude each other.\n${USAGE}`);
  process.exit(2);
}
if (args.length > 0 && !unitOnly && !e2eOnly) {
  console.error(`Runner arguments (${args.join(' ')}) need --unit-only or --e2e-only.\n${USAGE}`);
  process.exit(2);
}

/** Path of a package's bin script, run with this same node. */
function binOf(pkg, name) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return path.join(path.dirname(manifestPath), typeof bin === 'string' ? bin : bin[name]);
}

function run(label, command, commandArgs, env = process.env) {
  console.log(`\n=== ${label}: ${[path.basename(command), ...commandArgs].join(' ')}`);
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32' && command === 'npm',
  });
  if (result.error) console.error(`${label} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // No report, or a cut-off one: the runner crashed, which the caller counts as 1 failed.
    return undefined;
  }
}

/** Counts from vitest's JSON report; a file that failed to load counts as a failure. */
function countVitest(report) {
  const failedFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + failedFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Counts from Playwright's JSON report; an error outside any test counts as a failure. */
function countPlaywright(report) {
  const stats = report.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (report.errors ?? []).length,
    skipped: stats.skipped ?? 0,
  };
}

function runSuite(label, command, commandArgs, reportFile, count) {
  rmSync(reportFile, { force: true });
  const status = run(label, command, commandArgs);
  const report = readReport(reportFile);
  if (!report) {
    console.error(`${label}: exited ${status} and wrote no report (${path.relative(root, reportFile)}); counted as 1 failed.`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const counts = count(report);
  if (status !== 0 && counts.failed === 0) {
    console.error(`${label}: exited ${status} with no failed test in its report; counted as 1 failed.`);
    counts.failed = 1;
  }
  return counts;
}

mkdirSync(path.join(root, 'reports'), { recursive: true });
const results = [];

let built = true;
if (!noBuild) {
  // The e2e tests load a test build: TAGPOINT_E2E=1 lets it script 127.0.0.1, since a test
  // cannot click the toolbar button that grants activeTab (see wxt.config.ts).
  built = run('build (TAGPOINT_E2E=1)', 'npm', ['run', 'build'], { ...process.env, TAGPOINT_E2E: '1' }) === 0;
  if (!built) {
    console.error('build: failed; counted as 1 failed.');
    results.push({ label: 'build', passed: 0, failed: 1, skipped: 0 });
  }
}

if (!e2eOnly) {
  const counts = runSuite('unit (vitest)', process.execPath, [binOf('vitest', 'vitest'), 'run', ...args], reports.unit, countVitest);
  results.push({ label: 'unit (vitest)', ...counts });
}

if (!unitOnly) {
  if (!built && !existsSync(path.join(root, '.output', 'chrome-mv3', 'manifest.json'))) {
    console.error('e2e (playwright): skipped, there is no built extension.');
  } else {
    const counts = runSuite(
      'e2e (playwright)',
      process.execPath,
      [binOf('@playwright/test', 'playwright'), 'test', ...args],
      reports.e2e,
      countPlaywright,
    );
    results.push({ label: 'e2e (playwright)', ...counts });
  }
}

if (!unitOnly && !e2eOnly) {
  // The Firefox build as addons.mozilla.org checks it (web-ext lint; rebuilt without
  // TAGPOINT_E2E, after the e2e run, which loads the Chrome build only): one test.
  const status = run('firefox lint (web-ext)', process.execPath, [path.join(root, 'scripts', 'lint-firefox.mjs')]);
  results.push({ label: 'firefox lint (web-ext)', passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

if (!unitOnly && !e2eOnly && !noSmoke) {
  // The whole demo stack as a newcomer starts it: registry, shop, collector and the extension,
  // tagging through the side panel, publishing, and an event arriving at the collector.
  const status = run('smoke (npm start -- --smoke)', process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--smoke', '--no-build']);
  results.push({ label: 'smoke (npm start -- --smoke)', passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('');
for (const r of results) {
  console.log(`  ${r.label}: ${r.passed} passed / ${r.failed} failed / ${r.skipped} skipped`);
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exitCode = total.failed > 0 ? 1 : 0;
