import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, type TagConfig } from '../config';
import { extensionArgs, startRefusingProxy } from './browser';
import type { DemoStack } from './stack';

/** Options of `runSmoke`. */
export interface SmokeOptions {
  stack: DemoStack;
  /** Unpacked extension to load (the pre-configured copy). */
  extensionDir: string;
  /** Chromium executable. */
  executable: string;
  /** Bound on the whole run (ms). Default 120 000. */
  timeoutMs?: number;
  /** Progress lines. Default: none. */
  log?: (line: string) => void;
}

/** What a smoke run found. */
export interface SmokeResult {
  extensionId: string;
  revision: number;
  properties: Record<string, unknown>;
  /** Connections Chromium tried to open beyond 127.0.0.1 (refused), as `METHOD target`. */
  refused: string[];
  /** Steps that are not yet done through the real extension UI; empty once the smoke tags through it. */
  todo: string[];
}

/** The card the smoke tags and clicks; its event must carry the product's name. */
export const SMOKE_PRODUCT = { name: 'Fjord Lounge Chair' } as const;

/**
 * Lets the extension copy script pages on 127.0.0.1 without a toolbar click. A person grants
 * this per tab by clicking the toolbar button (activeTab); headless Chromium has no toolbar,
 * so the smoke's copy asks for it up front, as the e2e test build does (TAGPOINT_E2E=1).
 */
export function allowLoopbackScripting(extensionDir: string): void {
  const file = path.join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions?: string[] };
  const hosts = new Set(manifest.host_permissions ?? []);
  hosts.add('http://127.0.0.1/*');
  manifest.host_permissions = [...hosts];
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (wanted) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    return (await api.tabs.query({})).find((tab) => tab.url === wanted)?.id;
  }, url);
  if (id === undefined) throw new Error(`the extension sees no tab showing ${url}`);
  return id;
}

/** Waits until a form field of the side panel holds a value (the picked element's selector). */
async function waitForValue(field: ReturnType<Page['locator']>, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await field.inputValue();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('the picked property element never reached the side panel');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clicks an element of the tagged page with the real pointer, as a person picking it would. */
async function pointerClick(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('the element to pick has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Tags "Add to cart" of one card through the extension's side panel and picker: start
 * tagging, pick the button, name the event, add a text property picked from the card's
 * title, save, and export the tag config. Returns the exported config.
 */
async function tagThroughExtension(context: BrowserContext, worker: Worker, extensionId: string, shop: Page): Promise<TagConfig> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${await tabIdOf(worker, shop.url())}`);
  await panel.getByRole('button', { name: 'Start tagging' }).click();
  await shop.bringToFront();
  const overlay = shop.locator('tagpoint-overlay');
  await overlay.locator('.banner').waitFor({ timeout: 10_000 });
  const card = shop.locator('article', { hasText: SMOKE_PRODUCT.name });
  await pointerClick(shop, card.getByRole('button', { name: 'Add to cart' }));
  await overlay.getByTestId('match-count').waitFor({ timeout: 10_000 });

  await panel.getByLabel('Event name').fill('Product Added');
  await panel.getByRole('button', { name: 'Add property' }).click();
  const property = panel.locator('fieldset.property[data-property-index="0"]');
  await property.getByLabel('Name').fill('name');
  await property.getByLabel('Source').selectOption('text');
  await property.getByRole('button', { name: 'Pick on page' }).click();
  await shop.bringToFront();
  await pointerClick(shop, card.locator('h3'));
  await waitForValue(property.getByLabel('Element'), 10_000);
  await panel.getByRole('button', { name: 'Save tag' }).click();
  await panel.getByTestId('status').filter({ hasText: 'Saved "Product Added"' }).waitFor({ timeout: 10_000 });

  const downloading = panel.waitForEvent('download', { timeout: 10_000 });
  await panel.getByRole('button', { name: 'Export tag config' }).click();
  const file = await (await downloading).path();
  const parsed = parseConfig(JSON.parse(readFileSync(file, 'utf8')));
  await panel.close();
  if (!parsed.ok) throw new Error(`the exported config is not valid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.config;
}

/**
 * Publishes the site's drafts through the side panel's "Publish and history" section, with
 * the registry settings the extension read from its `demo-defaults.json`: review the diff,
 * write a message, publish. Returns the revision the panel reports.
 */
async function publishThroughExtension(context: BrowserContext, worker: Worker, extensionId: string, shop: Page, siteId: string): Promise<number> {
  const panel = await context.newPage();
  try {
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${await tabIdOf(worker, shop.url())}`);
    await panel.getByText('Publish and history').click();
    const target = panel.getByTestId('publish-target');
    await target.waitFor({ timeout: 10_000 });
    const where = (await target.textContent()) ?? '';
    if (!where.includes(`Publishes to site ${siteId} at`)) throw new Error(`the side panel is not set up from demo-defaults.json: "${where}"`);
    await panel.getByRole('button', { name: 'Review and publish' }).click();
    await panel.getByText(/\d+ added, \d+ changed, \d+ removed/).first().waitFor({ timeout: 10_000 });
    await panel.getByLabel('Message (what changed and why)').fill('npm start --smoke');
    await panel.getByRole('button', { name: 'Publish', exact: true }).click();
    const done = panel.getByRole('status').filter({ hasText: /Published revision \d+\./ });
    const problem = panel.getByRole('alert');
    await done.or(problem).first().waitFor({ timeout: 10_000 });
    if (!(await done.isVisible())) throw new Error(`the side panel did not publish: ${(await problem.first().textContent()) ?? ''}`);
    const revision = Number(/Published revision (\d+)\./.exec((await done.textContent()) ?? '')?.[1]);
    if (!Number.isInteger(revision)) throw new Error('the side panel reported no revision');
    return revision;
  } finally {
    await panel.close();
  }
}

/**
 * `npm start -- --smoke`: with the demo stack up, loads the extension in headless Chromium,
 * tags "Add to cart" and publishes it from the side panel, clicks it on the demo shop (real
 * analytics-next, real runtime) and waits for the event at the collector and on the Events
 * page. Rejects with the failing step named; bounded by `timeoutMs`.
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeResult> {
  const { stack, timeoutMs = 120_000 } = options;
  const log = options.log ?? (() => {});
  let step = 'starting';
  let context: BrowserContext | undefined;
  const proxy = await startRefusingProxy();
  let timer: NodeJS.Timeout | undefined;

  const run = async (): Promise<SmokeResult> => {
    step = 'launching headless Chromium with the extension';
    context = await chromium.launchPersistentContext('', {
      executablePath: options.executable,
      headless: true,
      args: [
        ...extensionArgs(options.extensionDir),
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        `--proxy-server=http://${proxy.server}`,
      ],
    });
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    const extensionId = new URL(worker.url()).host;
    log(`extension loaded (id ${extensionId})`);

    step = 'opening the demo shop';
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack.shop.url}/products/`);

    step = 'tagging "Add to cart" through the extension (side panel + picker)';
    const exported = await tagThroughExtension(context, worker, extensionId, page);
    const tag = exported.tags.find((t) => t.event === 'Product Added');
    if (!tag) throw new Error('the exported config has no "Product Added" tag');
    log(`tagged through the extension: ${tag.target?.selector} with properties ${JSON.stringify(tag.properties)}`);

    step = 'publishing from the side panel (settings from demo-defaults.json)';
    const revision = await publishThroughExtension(context, worker, extensionId, page, stack.siteId);
    log(`published revision ${revision} from the side panel`);

    step = 'reloading the demo shop';
    await page.goto(`${stack.shop.url}/products/`);

    step = `clicking "Add to cart" on ${SMOKE_PRODUCT.name}`;
    stack.collector.clear();
    await page.locator('article', { hasText: SMOKE_PRODUCT.name }).getByRole('button', { name: 'Add to cart' }).click();

    step = 'waiting for "Product Added" at the collector';
    const event = await stack.collector.waitFor(
      (e) => e.type === 'track' && e.payload.event === 'Product Added' && e.payload.properties?.name === SMOKE_PRODUCT.name,
      { timeoutMs: 15_000 },
    );
    const properties = event.payload.properties ?? {};
    const tagpoint = event.payload.context?.tagpoint as { tag?: string; revision?: number } | undefined;
    if (tagpoint?.tag !== tag.id || tagpoint.revision !== revision) {
      throw new Error(`the event's context.tagpoint is ${JSON.stringify(tagpoint)}, expected tag ${tag.id}, revision ${revision}`);
    }
    log(`collector received "Product Added" ${JSON.stringify(properties)}`);

    step = 'checking the Events page';
    await page.goto(`${stack.shop.url}/events`);
    await page.locator('[data-events-list] li', { hasText: 'Product Added' }).first().waitFor({ timeout: 10_000 });
    if (pageErrors.length) throw new Error(`the shop threw: ${pageErrors.join('; ')}`);

    return {
      extensionId,
      revision,
      properties,
      refused: [...proxy.targets],
      todo: [],
    };
  };

  try {
    return await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    throw new Error(`smoke failed while ${step}: ${(error as Error)?.message ?? error}`);
  } finally {
    clearTimeout(timer);
    // The smoke run has already failed or passed; a browser that will not close is not its result.
    await context?.close().catch(() => {});
    await proxy.stop();
  }
}
