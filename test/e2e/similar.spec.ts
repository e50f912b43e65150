/**
 * "All similar" in real Chromium with the built extension (issue 17, item 3): on a CSS-modules
 * card grid, a Tailwind table and a navigation list whose items carry their own classes, the
 * overlay's set is the full set of the same control and nothing else, as the runtime resolves it.
 * Pages: test/fixtures/sites/similar/ (the unit test test/unit/selector/similar.test.ts reads them too).
 */
import { expect, test } from './fixtures';
import { startTaggingOn } from './pages/tagging';

const cases = [
  { page: 'cards.html', what: "a card's Add to cart", target: '.Card_card__9xYz1:nth-child(4) button:first-child', set: '.Card_actions__Q0q1e > button:first-child' },
  { page: 'table.html', what: "a row's Refund button", target: 'tbody tr:nth-child(8) button:last-child', set: 'tbody td:last-child > button:last-child' },
  { page: 'nav.html', what: 'a navigation link', target: '#orb-nav-links li:nth-child(2) > a', set: '#orb-nav-links ul > li > a' },
];

for (const c of cases) {
  test(`all similar on ${c.page}: ${c.what} in every item and nothing else`, async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url(`/similar/${c.page}`));
    const { panel, overlay } = await startTaggingOn(page, context, extensionId, serviceWorker);
    await overlay.pick(page.locator(c.target));
    await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
    await overlay.card.getByLabel('All similar').check();
    const expected = await page.locator(c.set).count();
    expect(expected).toBeGreaterThan(5);
    await expect(overlay.matchCount).toHaveText(`Matches ${expected} elements on this page`);
    await expect(panel.targetCount).toHaveText(`matches ${expected} elements on this page`);
    // exactly those elements: the selector the overlay holds, resolved by the page itself
    const selector = await overlay.selectorInput.inputValue();
    const same = await page.evaluate(
      ({ selector, set }) => {
        const found = Array.from(document.querySelectorAll(selector));
        const wanted = Array.from(document.querySelectorAll(set));
        return found.length === wanted.length && wanted.every((e) => found.includes(e));
      },
      { selector, set: c.set },
    );
    expect(same, selector).toBe(true);
    await panel.page.close();
  });
}

test('clicking the icon inside a button tags the button, and the arrow key still reaches the icon', async ({ context, page, site, extensionId, serviceWorker }) => {
  await page.goto(site.url('/similar/cards.html'));
  const { panel, overlay } = await startTaggingOn(page, context, extensionId, serviceWorker);
  const icon = page.locator('.Card_card__9xYz1').nth(1).locator('svg');
  await overlay.hover(icon);
  await expect(overlay.hoverLabel).toContainText('button');
  await page.keyboard.press('ArrowDown');
  await expect(overlay.hoverLabel).toContainText('svg');
  await page.keyboard.press('ArrowUp');
  await expect(overlay.hoverLabel).toContainText('button');
  await overlay.pick(icon);
  await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
  const picked = await page.evaluate((selector) => {
    const el = document.querySelector(selector);
    return el ? `${el.localName} ${el.getAttribute('aria-label')}` : 'none';
  }, await overlay.selectorInput.inputValue());
  expect(picked).toBe('button Save to wishlist');
  await panel.page.close();
});

test('a top navigation under the picking banner can be picked: the banner moves out of the way', async ({ context, page, site, extensionId, serviceWorker }) => {
  await page.goto(site.url('/similar/table.html'));
  await page.setContent(`<nav style="position:fixed;top:0;left:0;right:0;height:44px;display:flex;justify-content:center;gap:4px;background:#eee">${['Home', 'Shop', 'Deals', 'Help'].map((n) => `<a href="/${n}" style="padding:12px">${n}</a>`).join('')}</nav><main style="margin-top:80px">Body</main>`);
  const { panel, overlay } = await startTaggingOn(page, context, extensionId, serviceWorker);
  // the links sit where the banner is
  const link = page.getByRole('link', { name: 'Deals' });
  const [bannerBox, linkBox] = [await overlay.banner.boundingBox(), await link.boundingBox()];
  const b = bannerBox!;
  const l = linkBox!;
  // a point of the link that the banner covers
  const x = (Math.max(b.x, l.x) + Math.min(b.x + b.width, l.x + l.width)) / 2;
  const y = (Math.max(b.y, l.y) + Math.min(b.y + b.height, l.y + l.height)) / 2;
  expect(x > l.x && x < l.x + l.width && x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height && y > l.y && y < l.y + l.height).toBe(true);
  await page.mouse.move(x, y + 30, { steps: 2 });
  await page.mouse.move(x, y, { steps: 4 });
  await expect(overlay.hoverLabel).toContainText('a');
  await page.mouse.click(x, y);
  await expect(overlay.matchCount).toHaveText('Matches 1 element on this page');
  const picked = await page.evaluate((selector) => document.querySelector(selector)?.textContent, await overlay.selectorInput.inputValue());
  expect(picked).toBe('Deals');
  await panel.page.close();
});
