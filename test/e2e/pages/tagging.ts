import { readFile } from 'node:fs/promises';
import type { BrowserContext, Locator, Page, Worker } from '@playwright/test';
import { parseConfig, type TagConfig } from '../../../lib/config';
import { siteKey } from '../../../lib/store/schema';
import { siteIdForUrl } from '../../../lib/store/site-id';
import { expect, extensionUrl } from '../fixtures';

/** The tab id Chromium gave the page at `url` (asked from the extension's service worker). */
export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (wanted) => {
    // `chrome` is the worker's global; the test's own types do not declare it.
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((tab) => tab.url === wanted)?.id;
  }, url);
  if (id !== undefined) return id;
  const hosts = await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { host_permissions?: string[] } } } }).chrome.runtime.getManifest().host_permissions ?? []);
  if (!hosts.includes('http://127.0.0.1/*')) {
    throw new Error('the loaded extension is a release build (no host permission on 127.0.0.1): build the test build with `TAGPOINT_E2E=1 npx wxt build`');
  }
  throw new Error(`no tab shows ${url}`);
}

/**
 * Removes the drafts of the site `url` belongs to. Every test of a worker shares one
 * extension storage and one site id (`127-0-0-1`: ports are ignored), so a test that counts
 * the tag list starts from an empty one with this.
 */
export async function clearDrafts(worker: Worker, url: string): Promise<void> {
  const site = siteIdForUrl(url);
  if (!site) throw new Error(`no site id for ${url}`);
  await worker.evaluate(async (key) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }).chrome;
    await api.storage.local.remove(key);
  }, siteKey(site));
}

/** The picker overlay inside a tagged page (an open shadow root, which locators pierce). */
export class PickerOverlay {
  readonly host: Locator;
  readonly hoverLabel: Locator;
  readonly banner: Locator;
  readonly card: Locator;
  readonly matchCount: Locator;
  readonly selectorInput: Locator;
  readonly matchOutlines: Locator;

  constructor(readonly page: Page) {
    this.host = page.locator('tagpoint-overlay');
    this.hoverLabel = this.host.locator('.label');
    this.banner = this.host.locator('.banner');
    this.card = this.host.getByRole('region', { name: 'Picked element' });
    this.matchCount = this.host.getByTestId('match-count');
    this.selectorInput = this.host.getByLabel('Selector');
    this.matchOutlines = this.host.locator('.box.match');
  }

  /** A point inside the element, near its top-left for big ones (whose centre may be off screen). */
  async pointIn(target: Locator): Promise<{ x: number; y: number }> {
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error('the element has no box');
    return { x: box.x + Math.min(box.width / 2, 40), y: box.y + Math.min(box.height / 2, 10) };
  }

  /** Moves the real pointer onto the element (what a user's hover does). */
  async hover(target: Locator): Promise<void> {
    const { x, y } = await this.pointIn(target);
    await this.page.mouse.move(x, y, { steps: 4 });
  }

  /** Hovers, then clicks the element with the real pointer. */
  async pick(target: Locator): Promise<void> {
    await this.hover(target);
    const { x, y } = await this.pointIn(target);
    await this.page.mouse.click(x, y);
  }
}

/** The side panel page, opened as a tab pinned to the tagged tab (`sidepanel.html?tabId=N`). */
export class SidePanel {
  readonly startButton: Locator;
  readonly eventName: Locator;
  readonly saveButton: Locator;
  readonly addProperty: Locator;
  readonly status: Locator;
  readonly pageUrl: Locator;
  readonly targetCount: Locator;
  readonly tagItems: Locator;

  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {
    this.startButton = page.getByRole('button', { name: 'Start tagging' });
    this.eventName = page.getByLabel('Event name');
    this.saveButton = page.getByRole('button', { name: 'Save tag' });
    this.addProperty = page.getByRole('button', { name: 'Add property' });
    this.status = page.getByTestId('status');
    this.pageUrl = page.getByTestId('page-url');
    this.targetCount = page.getByTestId('target-count');
    this.tagItems = page.locator('.tag-item');
  }

  static async open(context: BrowserContext, extensionId: string, tabId: number): Promise<SidePanel> {
    const page = await context.newPage();
    await page.goto(extensionUrl(extensionId, `sidepanel.html?tabId=${tabId}`));
    return new SidePanel(page, extensionId);
  }

  /** The n-th property fieldset of the editor. */
  property(index: number): Locator {
    return this.page.locator(`fieldset.property[data-property-index="${index}"]`);
  }

  /** The list item of the tag sending `event`. */
  tag(event: string): Locator {
    return this.tagItems.filter({ has: this.page.getByRole('button', { name: `Show "${event}" on the page` }) });
  }
}

/**
 * On an open page: clears its site's drafts, opens the side panel pinned to its tab, clicks
 * Start tagging and waits for the picking banner. The panel and the overlay.
 */
export async function startTaggingOn(page: Page, context: BrowserContext, extensionId: string, worker: Worker): Promise<{ panel: SidePanel; overlay: PickerOverlay }> {
  await clearDrafts(worker, page.url());
  const panel = await SidePanel.open(context, extensionId, await tabIdOf(worker, page.url()));
  await expect(panel.pageUrl).toHaveText(page.url());
  await panel.startButton.click();
  await page.bringToFront();
  const overlay = new PickerOverlay(page);
  await expect(overlay.banner).toBeVisible();
  return { panel, overlay };
}

/** The side panel's drafts as its Export button writes them, checked by the strict parser. */
export async function exportDraftConfig(panel: SidePanel): Promise<TagConfig> {
  const downloading = panel.page.waitForEvent('download');
  await panel.page.getByRole('button', { name: 'Export tag config' }).click();
  const download = await downloading;
  const parsed = parseConfig(JSON.parse(await readFile((await download.path())!, 'utf8')));
  if (!parsed.ok) throw new Error(`the exported config does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.config;
}
