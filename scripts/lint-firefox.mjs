#!/usr/bin/env node
// The Firefox build, checked as addons.mozilla.org checks it: `web-ext lint` (Mozilla's web-ext,
// its addons-linter) on .output/firefox-mv2. Builds it first (production: no TAGPOINT_E2E),
// prints every message, and exits 1 on any error (warnings are listed, not fatal: see README
// "Firefox"). npm test runs it as one test.
//   node scripts/lint-firefox.mjs [--no-build]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The package's own manifest, read from node_modules (web-ext's exports do not list it).
const manifestOf = (pkg) => {
  const file = path.join(root, 'node_modules', pkg, 'package.json');
  return { dir: path.dirname(file), json: JSON.parse(readFileSync(file, 'utf8')) };
};
const bin = (pkg, name) => {
  const { dir, json } = manifestOf(pkg);
  return path.join(dir, typeof json.bin === 'string' ? json.bin : json.bin[name]);
};
const source = path.join(root, '.output', 'firefox-mv2');

if (!process.argv.includes('--no-build')) {
  const env = { ...process.env };
  delete env.TAGPOINT_E2E;
  const built = spawnSync(process.execPath, [bin('wxt', 'wxt'), 'build', '-b', 'firefox'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    console.error('firefox lint: the Firefox build failed');
    process.exit(1);
  }
}
if (!existsSync(path.join(source, 'manifest.json'))) {
  console.error(`firefox lint: no build at ${source}`);
  process.exit(1);
}
const lint = spawnSync(process.execPath, [bin('web-ext', 'web-ext'), 'lint', '--source-dir', source, '--output', 'json', '--no-config-discovery'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(lint.stdout);
} catch {
  console.error(`firefox lint: web-ext printed no report (exit ${lint.status})\n${lint.stderr}`);
  process.exit(1);
}
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind]) console.log(`  ${kind.slice(0, -1)} ${m.code}${m.file ? ` in ${m.file}` : ''}: ${m.message}`);
}
const { errors, warnings, notices } = report.summary;
console.log(`firefox lint (web-ext ${manifestOf('web-ext').json.version}): ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors === 0 ? 0 : 1);
