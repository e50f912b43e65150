/**
 * One meaning for a tag whose primary selector moved to another element after a redeploy: the
 * live site's runtime, the side panel's tag list, the overlay's outline and the preview's
 * coverage all say the same thing. A tag whose fallback is sure (one agreeing match, in the
 * same record) is relocated there everywhere; a tag with nothing agreeing matches nothing
 * everywhere and never fires on the element its selector now finds.
 * Real Chromium with the built extension; the site's own tagpoint.js with the real
 * @segment/analytics-next sending to the local collector.
 */
import type { Tag } from '../../lib/config/types';
import { buildRuntime } from '../../scripts/build-runtime';
import { expect, extensionUrl, test } from './fixtures';
import { clearDrafts, PickerOverlay, SidePanel, tabIdOf } from './pages/tagging';
import { configOf, serveRuntimeSite } from './runtime-support';

const TAGS: Tag[] = [
  {
    // Made on Red Hat's button when it was the second card.
    id: 'mv-add',
    event: 'Hat Added',
    trigger: 'click',
    target: {
      selector: 'article.card:nth-of-type(2) button.add',
      fallbacks: ['[data-sku="HAT-2"]'],
      fingerprint: { tag: 'button', text: 'Add to cart', record: { item: 'article.card', keys: ['Red Hat'] } },
    },
    properties: [{ name: 'product', source: 'text', selector: 'h2.title' }],
    enabled: true,
  },
  {
    // Made on "Join the club"; the id now belongs to another button, and there is no fallback.
    id: 'mv-promo',
    event: 'Club Joined',
    trigger: 'click',
    target: { selector: '#promo-cta', fingerprint: { tag: 'button', text: 'Join the club', attributes: { 'data-plan': 'club' } } },
    enabled: true,
  },
  { id: 'mv-done', event: 'Done Clicked', trigger: 'click', target: { selector: '#done' }, enabled: true },
];

test.beforeEach(async ({ serviceWorker, site }) => {
  await clearDrafts(serviceWorker, site.url('/'));
});

test('a tag whose selector moved shows one state on the live site, in the tag list, the overlay and coverage', async ({ context, page, site, extensionId, serviceWorker }) => {
  await buildRuntime();
  const rt = serveRuntimeSite(site);
  rt.answerConfig({ config: configOf(TAGS) });
  await page.goto(site.url('/moved/index.html'));
  const card = (title: string) => page.locator('article.card', { hasText: title }).locator('button.add');

  // The live site: the element the selector now finds (Blue Shoe's) and the new promo button fire
  // nothing; Red Hat's button fires with Red Hat's name. "Done" is clicked last: by its event,
  // every click before it was handled.
  await card('Blue Shoe').click();
  await page.click('#promo-cta');
  await card('Red Hat').click();
  await page.click('#done');
  await expect.poll(() => rt.tracks().some((t) => t.event === 'Done Clicked')).toBe(true);
  expect(rt.tracks().map((t) => t.event)).toEqual(['Hat Added', 'Done Clicked']);
  expect(rt.tracks()[0].properties).toEqual({ product: 'Red Hat' });

  // The tag list.
  const tabId = await tabIdOf(serviceWorker, page.url());
  const panel = await SidePanel.open(context, extensionId, tabId);
  await panel.page.getByLabel('When importing').selectOption('merge');
  await panel.page.getByLabel('Import tag config').setInputFiles({ name: 'tags.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(configOf(TAGS))) });
  await expect(panel.page.getByText('Imported 3 tags')).toBeVisible();
  const state = (event: string) => panel.tag(event).locator('.tag-state');
  await expect(state('Hat Added')).toHaveText('matches 1');
  await expect(state('Club Joined')).toHaveText('matches nothing');
  await expect(state('Done Clicked')).toHaveText('matches 1');

  // The overlay outlines Red Hat's button, not the one the selector alone finds.
  const overlay = new PickerOverlay(page);
  const outlines = overlay.host.locator('.box.highlight');
  await panel.page.getByRole('button', { name: 'Show "Hat Added" on the page' }).click();
  await expect(outlines).toHaveCount(1);
  const hat = (await card('Red Hat').boundingBox())!;
  await expect.poll(async () => {
    const box = (await outlines.first().boundingBox())!;
    return Math.abs(box.x - hat.x) + Math.abs(box.y - hat.y);
  }).toBeLessThan(4);
  // From one outline to none: the moved promo tag outlines nothing.
  await panel.page.getByRole('button', { name: 'Show "Club Joined" on the page' }).click();
  await expect(outlines).toHaveCount(0);

  // The relocation is shown for a person to confirm, with how sure it is; "Update to this
  // element" rewrites the tag's locator from the element found, after which its own selector
  // finds it (no relocation any more) and the runtime's answer is the same.
  const relocatedLine = panel.tag('Hat Added').getByTestId('tag-relocated');
  await expect(relocatedLine).toContainText(/its selector no longer finds it; found again by what it says \(\d+ points, /);
  await expect(panel.tag('Club Joined').getByTestId('tag-relocated')).toHaveCount(0);
  await expect(panel.tag('Done Clicked').getByTestId('tag-relocated')).toHaveCount(0);
  await panel.page.getByRole('button', { name: 'Update "Hat Added" to the element found' }).click();
  await expect(panel.page.getByText('"Hat Added" now points at the element found')).toBeVisible();
  await expect(relocatedLine).toHaveCount(0);
  await expect(state('Hat Added')).toHaveText('matches 1');
  const saved = await serviceWorker.evaluate(async () => JSON.stringify(await (globalThis as any).chrome.storage.local.get(null)));
  expect(saved).not.toContain('article.card:nth-of-type(2) button.add');
  await panel.page.getByRole('button', { name: 'Show "Hat Added" on the page' }).click();
  await expect(outlines).toHaveCount(1);
  await expect.poll(async () => {
    const box = (await outlines.first().boundingBox())!;
    return Math.abs(box.x - hat.x) + Math.abs(box.y - hat.y);
  }).toBeLessThan(4);
  await panel.page.close();

  // Coverage in the preview.
  const preview = await context.newPage();
  await preview.goto(extensionUrl(extensionId, `preview.html?tabId=${tabId}`));
  await expect(preview.getByTestId('preview-draft')).toHaveText(/^3 draft tags for /);
  await preview.getByRole('button', { name: 'Start preview' }).click();
  await expect(preview.getByTestId('preview-status')).toHaveText('Preview running');
  await preview.getByRole('tab', { name: 'Coverage' }).click();
  const presence = (event: string) => preview.getByTestId('coverage-row').filter({ hasText: event }).getByTestId('presence');
  await expect(presence('Hat Added')).toHaveText('target on this page (1 element)');
  await expect(presence('Club Joined')).toHaveText('target not on this page');
  await expect(presence('Done Clicked')).toHaveText('target on this page (1 element)');
  await preview.getByRole('button', { name: 'Stop preview' }).click();
  await expect(preview.getByTestId('preview-status')).toHaveText('Preview off');
  await preview.close();
});
