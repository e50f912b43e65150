import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../../scripts/find-chromium.mjs';
import { hasDisplay, openDemoBrowser, type DemoBrowser } from './browser';
import { prepareDemoExtension } from './extension-defaults';
import { PortInUseError } from './http-util';
import { allowLoopbackScripting, runSmoke } from './smoke';
import { startDemoStack, type DemoStack } from './stack';
import { busyPortAdvice, parseStartOptions, START_USAGE, type StartOptions } from './start-options';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (line = '') => console.log(line);

function run(command: string, args: string[], label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/** Builds the runtime bundle and the Chromium extension into `.output/`. */
async function build(): Promise<void> {
  say('Building the runtime (.output/runtime/tagpoint.js)…');
  await run(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-runtime.ts'], 'the runtime build');
  say('Building the extension (.output/chrome-mv3)…');
  await run(process.execPath, [path.join(repoRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build'], 'the extension build');
}

function printWelcome(stack: DemoStack, extensionDir: string, opened: boolean) {
  const shop = stack.shop.url;
  say();
  say('Tagpoint demo is running (everything on 127.0.0.1):');
  say(`  Demo shop        ${shop}/`);
  say(`  Live events      ${shop}/events`);
  say(`  Registry         ${stack.registryUrl}  (site "${stack.siteId}", live config ${stack.registryUrl}/v1/sites/${stack.siteId}/config.json)`);
  say(`  Collector        ${stack.collector.url}/events.json`);
  say(`  Publisher token  ${stack.token}`);
  say();
  if (opened) {
    say('Chromium is open with the Tagpoint extension loaded and set up for this registry.');
  } else {
    say('To tag the shop, load the extension into Chromium (or Chrome) by hand:');
    say('  1. open chrome://extensions and switch on "Developer mode"');
    say(`  2. "Load unpacked" and choose ${extensionDir}`);
    say('     (this copy is set up for the registry above; .output/chrome-mv3 is the plain build)');
  }
  say(`Then open ${shop}/products/, start Tagpoint from the toolbar, tag "Add to cart", publish,`);
  say(`click it, and watch the event arrive at ${shop}/events.`);
  say();
  say('Press Ctrl-C to stop.');
}

function explain(error: unknown): string {
  if (error instanceof PortInUseError) return `${error.message}\n${busyPortAdvice(error.service, error.port)}`;
  return (error as Error)?.message ?? String(error);
}

async function smoke(options: StartOptions): Promise<number> {
  const started = Date.now();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tagpoint-smoke-'));
  let stack: DemoStack | undefined;
  try {
    if (options.build) await build();
    // Free ports and a throw-away folder: the smoke never meets a running demo or its data.
    stack = await startDemoStack({ dataDir, ports: { registry: 0, shop: 0, collector: 0 }, seedConfig: null, log: (l) => say(`smoke: ${l}`) });
    const extensionDir = prepareDemoExtension(path.join(repoRoot, '.output', 'chrome-mv3'), path.join(dataDir, 'extension'), {
      registryUrl: stack.registryUrl,
      token: stack.token,
      sites: { [stack.shop.url]: stack.siteId },
    });
    allowLoopbackScripting(extensionDir);
    const result = await runSmoke({ stack, extensionDir, executable: chromiumPath(), timeoutMs: options.smokeTimeoutMs, log: (l) => say(`smoke: ${l}`) });
    for (const item of result.todo) say(`smoke: TODO ${item}`);
    if (result.refused.length) {
      // Chromium's own services (not the shop, the runtime or analytics-next, which stay on 127.0.0.1).
      const hosts = [...new Set(result.refused)].join(', ');
      say(`smoke: note: Chromium itself tried ${result.refused.length} connection(s) beyond 127.0.0.1, all refused: ${hosts}`);
    }
    say(`smoke: OK in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`smoke: FAILED: ${explain(error)}`);
    return 1;
  } finally {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function interactive(options: StartOptions): Promise<number> {
  let stack: DemoStack | undefined;
  let browser: DemoBrowser | undefined;
  try {
    if (options.build) await build();
    const dataDir = path.resolve(options.dataDir);
    stack = await startDemoStack({ dataDir, ports: options.ports, log: (l) => say(`  ${l}`) });
    const extensionDir = prepareDemoExtension(path.join(repoRoot, '.output', 'chrome-mv3'), path.join(dataDir, 'extension'), {
      registryUrl: stack.registryUrl,
      token: stack.token,
      sites: { [stack.shop.url]: stack.siteId },
    });
    if (options.browser && hasDisplay()) {
      try {
        browser = openDemoBrowser({
          executable: chromiumPath(),
          extensionDir,
          profileDir: path.join(dataDir, 'chromium-profile'),
          urls: [`${stack.shop.url}/products/`, `${stack.shop.url}/events`],
        });
      } catch (error) {
        say(`Could not open Chromium: ${(error as Error).message}`);
      }
    } else if (options.browser) {
      say('No display ($DISPLAY is not set): not opening a browser.');
    }
    printWelcome(stack, extensionDir, Boolean(browser));
    void browser?.exited.then(() => {
      browser = undefined;
      say('Chromium was closed; the demo keeps running. Press Ctrl-C to stop.');
    });
  } catch (error) {
    console.error(`npm start: ${explain(error)}`);
    await stack?.stop();
    return 1;
  }

  const running = stack;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) {
        console.error(`Second ${signal}: exiting now.`);
        process.exit(130);
      }
      stopping = true;
      say(`\nStopping (${signal})…`);
      await browser?.stop();
      await running.stop();
      say('Stopped.');
      resolve(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  });
}

/** `npm start [-- options]` (scripts/start.mjs). Resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const parsed = parseStartOptions(argv);
  if (!parsed.ok) {
    for (const error of parsed.errors) console.error(`npm start: ${error}`);
    console.error(`\n${START_USAGE}`);
    return 2;
  }
  if (parsed.options.help) {
    say(START_USAGE);
    return 0;
  }
  return parsed.options.smoke ? smoke(parsed.options) : interactive(parsed.options);
}
