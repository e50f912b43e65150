/**
 * Freeze mode (issue 18, item 1) in real Chromium with the built extension: a hover menu that
 * closes when the pointer leaves its trigger, a CSS :hover-only menu, and a modal that closes
 * on a press outside, on focus leaving it and on Escape. Frozen, each stays open while its
 * item is picked and saved; then the page runs the saved config with tagpoint.js and the real
 * analytics-next, and clicking that item sends the event. Page: test/fixtures/sites/freeze/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildRuntime } from '../../scripts/build-runtime';
import { expect, repoRoot, test } from './fixtures';
import { exportDraftConfig, startTaggingOn } from './pages/tagging';
import { serveRuntimeSite } from './runtime-support';

const fixture = (name: string) => readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sites', name), 'utf8');
/** The same page as the site ships it: Segment's snippet and tagpoint.js in its head (as test/fixtures/sites/runtime/shop.html). */
const livePage = () => {
  const shop = fixture('runtime/shop.html');
  const scripts = shop.slice(shop.indexOf('<script>'), shop.indexOf('</head>'));
  return fixture('freeze/menu.html').replace('</head>', `${scripts}</head>`);
};

test('frozen, a hover menu, a CSS :hover menu and a modal stay open while their items are picked; the saved tags fire on the live page', async ({ context, page, site, extensionId, serviceWorker }) => {
  test.setTimeout(120_000);
  await page.goto(site.url('/freeze/menu.html'));
  const { panel, overlay } = await startTaggingOn(page, context, extensionId, serviceWorker);
  const menu = page.locator('#menu');

  // Without freezing, leaving the trigger closes the menu: the page's own code, as usual.
  await overlay.hover(page.locator('#products'));
  await expect(menu).toBeVisible();
  await overlay.hover(page.locator('main p'));
  await expect(menu).toBeHidden();

  // Open it again and press F: the pointer can go to the item, the menu stays.
  await overlay.hover(page.locator('#products'));
  await expect(menu).toBeVisible();
  await page.keyboard.press('f');
  await expect(overlay.banner).toContainText('Page frozen');
  await expect(overlay.host.getByRole('button', { name: 'Thaw page' })).toBeVisible();
  await overlay.pick(page.locator('#laptops'));
  await expect(menu).toBeVisible();
  await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
  await panel.eventName.fill('Laptops Menu Clicked');
  await panel.saveButton.click();
  await expect(panel.status).toContainText('Saved "Laptops Menu Clicked"');
  // Saving ends the freeze: the page's handlers are back (the menu, left before, closes when left again).
  await page.bringToFront();
  await expect(overlay.host.locator('.banner.frozen')).toHaveCount(0);
  await page.hover('#products');
  await page.mouse.move(600, 600);
  await expect(menu).toBeHidden();

  // A CSS :hover-only menu: frozen with the pointer on it, its panel keeps its hover style.
  await panel.startButton.click();
  await page.bringToFront();
  await expect(overlay.banner).toBeVisible();
  const cssPanel = page.locator('.css-panel');
  await overlay.hover(page.locator('.css-trigger'));
  await expect(cssPanel).toBeVisible();
  await page.keyboard.press('f');
  await expect(overlay.banner).toContainText('Page frozen');
  await overlay.pick(page.locator('#contact'));
  await expect(cssPanel).toBeVisible();
  await panel.eventName.fill('Contact Clicked');
  await panel.saveButton.click();
  await expect(panel.status).toContainText('Saved "Contact Clicked"');
  await page.bringToFront();
  await page.mouse.move(600, 600);
  await expect(cssPanel).toBeHidden();

  // A modal opened by hand (not picking), frozen with Alt+Shift+F, then picked inside.
  await page.click('#open-modal');
  const modal = page.locator('#modal');
  await expect(modal).toBeVisible();
  await page.keyboard.press('Alt+Shift+F');
  await expect(overlay.host.locator('.banner.frozen')).toContainText('Page frozen');
  // Escape and a press outside are the page's to handle no more while frozen.
  await page.keyboard.press('Escape');
  await expect(overlay.host.locator('.banner.frozen')).toHaveCount(0);
  await expect(modal).toBeVisible();
  await page.keyboard.press('Alt+Shift+F');
  await expect(overlay.host.locator('.banner.frozen')).toBeVisible();
  // A press outside the modal, frozen: the page's mousedown handler does not hear it.
  await page.mouse.click(50, 600);
  await expect(modal).toBeVisible();
  await panel.startButton.click();
  await page.bringToFront();
  await expect(overlay.banner).toContainText('Page frozen');
  await overlay.pick(page.locator('#subscribe'));
  await expect(modal).toBeVisible();
  await panel.eventName.fill('Newsletter Subscribed');
  await panel.saveButton.click();
  await expect(panel.status).toContainText('Saved "Newsletter Subscribed"');

  // The saved tags, on the live page with tagpoint.js and analytics-next.
  const config = await exportDraftConfig(panel);
  expect(config.tags.map((t) => [t.event, t.target?.selector])).toEqual([
    ['Laptops Menu Clicked', '#laptops'],
    ['Contact Clicked', '#contact'],
    ['Newsletter Subscribed', '#subscribe'],
  ]);
  await panel.page.close();
  await buildRuntime();
  const rt = serveRuntimeSite(site);
  rt.answerConfig({ config: { ...config, revision: 1 } });
  // The same URL (the tags' page rule is "this page only"), now served as the site ships it.
  site.route('/freeze/menu.html', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
    res.end(livePage());
  });
  const live = await context.newPage();
  await live.goto(site.url('/freeze/menu.html'));
  expect(await live.evaluate(() => !!document.querySelector('script[data-config-url]'))).toBe(true);
  await expect.poll(() => live.evaluate(() => !!(window as any).Tagpoint)).toBe(true);
  // The menus' gaps that made freezing necessary also keep a test pointer from reaching their
  // items: the page opens them itself here (as a visitor's slower hand would), then the items get real clicks.
  await live.evaluate(() => {
    document.getElementById('menu')!.hidden = false;
  });
  await live.addStyleTag({ content: '.css-panel { display: block !important }' });
  await live.locator('#laptops').click();
  await live.locator('#contact').click({ timeout: 5000 });
  await live.click('#open-modal');
  await live.locator('#subscribe').click();
  const tracks = await rt.waitForTracks(3);
  expect(tracks.map((t) => t.event)).toEqual(['Laptops Menu Clicked', 'Contact Clicked', 'Newsletter Subscribed']);
  await live.close();
});
