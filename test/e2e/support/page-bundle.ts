/**
 * For specs that run repository code inside a plain page (no extension): the code bundled with
 * esbuild on its own (which also checks it needs no extension API), and a bare Chromium.
 */
import { build } from 'esbuild';
import { chromium, type Browser } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../../../scripts/find-chromium.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** `contents` (TypeScript, imports relative to the repository root) as one IIFE script. */
export async function bundleForPage(contents: string): Promise<string> {
  const out = await build({ stdin: { contents, resolveDir: repoRoot, loader: 'ts' }, bundle: true, write: false, format: 'iife', logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

/** Headless Chromium without the extension, as these specs use it. */
export function launchBareChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
}
