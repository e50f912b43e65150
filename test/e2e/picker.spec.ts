/**
 * The picker end to end: real Chromium, the built extension (a TAGPOINT_E2E=1 build, which
 * may script 127.0.0.1 since a test cannot click the toolbar button that grants
 * activeTab), the side panel opened as a tab pinned to the tagged tab.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { parseConfig } from '../../lib/config';
import { expect, test } from './fixtures';
import { PickerOverlay, SidePanel, tabIdOf } from './pages/tagging';

let counter = 0;
/** A distinct event name per test (workers share nothing, but tests in a worker share storage). */
function eventName(base: string): string {
  counter += 1;
  return `${base} ${String.fromCharCode(65 + (counter % 26))}${Date.now() % 100000}`;
}

async function startTagging(panel: SidePanel, page: Page): Promise<PickerOverlay> {
  await expect(panel.pageUrl).toHaveText(page.url());
  await panel.startButton.click();
  await page.bringToFront();
  const overlay = new PickerOverlay(page);
  await expect(overlay.banner).toBeVisible();
  return overlay;
}

/** Runs the whole flow on an open page: pick `target`, name, two properties, save, reload, export. */
async function tagFlow(options: {
  page: Page;
  panel: SidePanel;
  target: () => ReturnType<Page['locator']>;
  textSource: () => ReturnType<Page['locator']>;
  event: string;
  /** The event name the side panel must suggest for the picked element, before it is replaced by `event`. */
  suggested?: string | RegExp;
}) {
  const { page, panel, event } = options;
  const overlay = await startTagging(panel, page);
  await overlay.hover(options.target());
  await expect(overlay.hoverLabel).toBeVisible();
  await overlay.pick(options.target());
  await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
  await expect(overlay.matchOutlines).toHaveCount(1);
  await expect(panel.targetCount).toHaveText('matches 1 element on this page');

  // A new tag comes with a suggested name: "Object Action", two words at least, never empty.
  await expect(panel.eventName).toHaveValue(options.suggested ?? /^\S+(?: \S+)+$/);
  await panel.eventName.fill(event);
  await panel.addProperty.click();
  const text = panel.property(0);
  await text.getByLabel('Name').fill('label');
  await expect(text.getByLabel('Source')).toHaveValue('text');
  await text.getByRole('button', { name: 'Pick on page' }).click();
  await page.bringToFront();
  await expect(overlay.banner).toContainText('property');
  const expectedText = ((await options.textSource().textContent()) ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
  await overlay.pick(options.textSource());
  await expect(text.getByLabel('Element')).not.toHaveValue('');
  await expect(text.getByTestId('property-preview')).toContainText(expectedText);

  await panel.addProperty.click();
  const fixed = panel.property(1);
  await fixed.getByLabel('Name').fill('placement');
  await fixed.getByLabel('Source').selectOption('static');
  await fixed.getByLabel('Value').fill('e2e');
  await panel.saveButton.click();
  await expect(panel.status).toContainText(`Saved "${event}"`);
  await expect(panel.tag(event).locator('.tag-state')).toHaveText('matches 1');

  await page.reload();
  await expect(panel.tag(event).locator('.tag-state')).toHaveText('matches 1');

  const downloading = panel.page.waitForEvent('download');
  await panel.page.getByRole('button', { name: 'Export tag config' }).click();
  const download = await downloading;
  const parsed = parseConfig(JSON.parse(await readFile((await download.path())!, 'utf8')));
  expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  if (!parsed.ok) return;
  const tag = parsed.config.tags.find((t) => t.event === event);
  expect(tag?.trigger).toBe('click');
  expect(tag?.properties).toEqual([
    { name: 'label', source: 'text', selector: expect.any(String) },
    { name: 'placement', source: 'static', value: 'e2e' },
  ]);
}

test.describe('the picker', () => {
  test('tags a button on the fixture shop, end to end', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/shop/'));
    const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
    await tagFlow({
      page,
      panel,
      event: eventName('Newsletter Subscribed'),
      // "Subscribe to newsletter": the verb becomes the action, the object comes first.
      suggested: 'Newsletter Subscribed',
      target: () => page.locator('#newsletter'),
      textSource: () => page.locator('h1'),
    });
    await panel.page.close();
  });

  for (const name of ['medium-1', 'theverge']) {
    test(`tags a button on the corpus page ${name}`, async ({ context, page, site, extensionId, serviceWorker }) => {
      await page.goto(site.corpusUrl(name));
      // A visible button not hidden under anything, scrolled to the middle of the viewport.
      const index = await page.evaluate(() => {
        const buttons = [...document.querySelectorAll('button')];
        for (let i = 0; i < buttons.length; i++) {
          const b = buttons[i]!;
          const text = (b.textContent ?? '').trim();
          b.scrollIntoView({ block: 'center' });
          const r = b.getBoundingClientRect();
          if (r.width < 16 || r.height < 12 || !text || r.top < 80) continue;
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          if (hit && (hit === b || b.contains(hit))) return i;
        }
        return -1;
      });
      expect(index, 'no clickable button on the page').toBeGreaterThanOrEqual(0);
      const heading = await page.evaluate(() => {
        const hs = [...document.querySelectorAll('h1, h2, h3, p, li, span')];
        for (let i = 0; i < hs.length; i++) {
          const r = hs[i]!.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), r.top + Math.min(r.height / 2, 10));
          if (r.top > 80 && r.top < innerHeight - 60 && r.left >= 0 && r.left < innerWidth - 420 && r.width > 10 && (hs[i]!.textContent ?? '').trim() && hit === hs[i]) return i;
        }
        return -1;
      });
      expect(heading, 'no visible text element next to the button').toBeGreaterThanOrEqual(0);
      const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
      await tagFlow({
        page,
        panel,
        event: eventName('Button Clicked'),
        target: () => page.locator('button').nth(index),
        textSource: () => page.locator('h1, h2, h3, p, li, span').nth(heading),
      });
      await panel.page.close();
    });
  }

  test('suspends the page while picking and restores it after', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/shop/'));
    const shopUrl = page.url();
    const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, shopUrl));
    const overlay = await startTagging(panel, page);

    // The page's own click handler does not run while picking.
    await overlay.pick(page.getByTestId('add-to-cart').first());
    await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
    expect(await page.evaluate(() => (window as unknown as { shopClicks: string[] }).shopClicks)).toEqual([]);
    await expect(page.locator('#cart-status')).toHaveText('Cart: 0 items');

    // "All similar" outlines the three cards' buttons.
    await overlay.card.getByLabel('All similar').check();
    await expect(overlay.matchCount).toHaveText('Matches 3 elements on this page');
    await expect(overlay.matchOutlines).toHaveCount(3);
    await expect(panel.targetCount).toHaveText('matches 3 elements on this page');
    // A hand-edited selector is validated and counted live.
    await overlay.selectorInput.fill('.card >>> nope');
    await expect(overlay.card.getByRole('alert')).toContainText('Not a valid selector');
    await overlay.selectorInput.fill('[data-sku="SKU-2"]');
    await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');

    // Clicking a link while picking does not navigate. The Navigation API reports each
    // navigation as it starts (during the click's own task, for a link), so the page logs them.
    await page.evaluate(() => {
      const w = window as unknown as { __navigations: string[]; navigation: EventTarget };
      w.__navigations = [];
      w.navigation.addEventListener('navigate', (e) => w.__navigations.push((e as unknown as { destination: { url: string } }).destination.url));
    });
    await overlay.card.getByRole('button', { name: 'Pick again' }).click();
    await expect(overlay.banner).toBeVisible();
    await overlay.pick(page.locator('#about-link'));
    await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
    // A navigation after the click (to the same URL): once it is logged, the link's would be too.
    await page.evaluate(() => history.replaceState(history.state, '', location.href));
    await expect.poll(() => page.evaluate(() => (window as unknown as { __navigations: string[] }).__navigations)).toEqual([shopUrl]);
    expect(page.url()).toBe(shopUrl);

    // Esc cancels picking; then the page works as before.
    await overlay.card.getByRole('button', { name: 'Pick again' }).click();
    await expect(overlay.banner).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(overlay.banner).toHaveCount(0);
    await page.getByTestId('add-to-cart').first().click();
    await expect(page.locator('#cart-status')).toHaveText('Cart: 1 items');
    await page.locator('#about-link').click();
    await expect(page).toHaveURL(/\/shop\/about\.html$/);
    await panel.page.close();
  });

  test('walks to the parent and back with the arrow keys', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/shop/'));
    const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
    const overlay = await startTagging(panel, page);
    await overlay.hover(page.getByTestId('add-to-cart').first());
    await expect(overlay.hoverLabel).toContainText('button.add-to-cart');
    await page.keyboard.press('ArrowUp');
    await expect(overlay.hoverLabel).toContainText('article.card');
    await page.keyboard.press('ArrowDown');
    await expect(overlay.hoverLabel).toContainText('button.add-to-cart');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
    await expect(panel.page.getByTestId('target-selector')).not.toContainText('button');
    await panel.page.close();
  });

  test('refuses a password or card field as a property source', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/shop/'));
    const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
    const overlay = await startTagging(panel, page);
    await overlay.pick(page.locator('#login button[type=submit]'));
    await expect(panel.targetCount).toBeVisible();
    await panel.addProperty.click();
    const prop = panel.property(0);
    await prop.getByLabel('Name').fill('secret');
    await prop.getByLabel('Source').selectOption('value');
    await prop.getByRole('button', { name: 'Pick on page' }).click();
    await page.bringToFront();

    await overlay.pick(page.locator('#password'));
    await expect(prop.getByTestId('property-refused')).toContainText('password fields can never be a property source');
    await expect(overlay.banner).toContainText('Refused');
    await expect(prop.getByLabel('Element')).toHaveValue('');

    await overlay.pick(page.locator('#card'));
    await expect(prop.getByTestId('property-refused')).toContainText('payment fields');
    await expect(prop.getByLabel('Element')).toHaveValue('');

    // Typing the password field's selector by hand is refused too, and the tag cannot be saved.
    await page.keyboard.press('Escape');
    await prop.getByLabel('Element').fill('#password');
    await expect(prop.getByTestId('property-preview')).toContainText('password fields can never be a property source');
    await panel.eventName.fill(eventName('Signed In'));
    await panel.saveButton.click();
    await expect(panel.page.getByRole('alert', { name: 'Problems to fix' })).toContainText('refused');

    // An email field is allowed, with a privacy warning.
    await prop.getByRole('button', { name: 'Pick on page' }).click();
    await page.bringToFront();
    await overlay.pick(page.locator('#email'));
    await expect(prop.getByLabel('Element')).not.toHaveValue('');
    await expect(prop.getByTestId('property-preview')).toContainText('looks like an email address');
    await panel.page.close();
  });

  test('a page restyling div, button and * leaves the overlay unchanged', async ({ context, page, site, extensionId, serviceWorker }) => {
    const shots: Buffer[] = [];
    for (const file of ['plain.html', 'index.html']) {
      await page.goto(site.url(`/hostile-css/${file}`));
      const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
      const overlay = await startTagging(panel, page);
      await overlay.pick(page.locator('button.buy').first());
      await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
      await page.mouse.move(0, 700);
      const box = (await overlay.card.boundingBox())!;
      expect(box.width).toBe(360);
      // The card's inside (its shadow blends with the page's background, by design).
      shots.push(await page.screenshot({ clip: { x: box.x + 12, y: box.y + 12, width: box.width - 24, height: box.height - 24 }, animations: 'disabled', caret: 'hide' }));
      await panel.page.close();
    }
    if (!shots[1]!.equals(shots[0]!)) {
      await writeFile(test.info().outputPath('plain.png'), shots[0]!);
      await writeFile(test.info().outputPath('hostile.png'), shots[1]!);
    }
    expect(shots[1]!.equals(shots[0]!), 'the overlay card differs between the plain and the hostile page').toBe(true);
  });
});

test('the overlay follows scrolling', async ({ context, page, site, extensionId, serviceWorker }) => {
  await page.goto(site.url('/shop/'));
  const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
  const overlay = await startTagging(panel, page);
  await overlay.pick(page.locator('#cart-status'));
  await expect(overlay.matchOutlines).toHaveCount(1);
  const outline = overlay.matchOutlines.first();
  const before = (await outline.boundingBox())!;
  const element = (await page.locator('#cart-status').boundingBox())!;
  expect(Math.abs(before.y - element.y)).toBeLessThan(1);
  await page.mouse.wheel(0, 120);
  await expect.poll(async () => Math.round((await page.locator('#cart-status').boundingBox())!.y)).not.toBe(Math.round(element.y));
  const moved = (await page.locator('#cart-status').boundingBox())!;
  await expect.poll(async () => Math.abs((await outline.boundingBox())!.y - moved.y)).toBeLessThan(1);
  await panel.page.close();
});
