import path from 'node:path';
import { expect, it } from 'vitest';
import { findNear } from '../../../lib/core/properties';
import { loadShopTemplates, renderShopRoute } from '../../../lib/demo/shop-render';
// lib/demo/smoke.ts's SMOKE_PRODUCT, copied: importing that module here tried to reach 127.0.0.1:3000
const SMOKE_PRODUCT = { name: 'Fjord Lounge Chair' };
import { pickerLocators } from '../../../lib/picker/locators';

const scripts = { cdnUrl: 'x', writeKey: 'x', apiHost: 'x', protocol: 'http', runtimeUrl: 'x', configUrl: 'x' } as never;

// The smoke run picks "Add to cart" on the Fjord Lounge Chair's card, then the card's title.
it("the demo smoke run's name property is relative to the card and survives a banner above the grid", () => {
  const templates = loadShopTemplates(path.resolve(__dirname, '../../../demo/shop'));
  const html = renderShopRoute(templates, '/products/', scripts, '')!.html;
  document.documentElement.innerHTML = html.replace(/<script\b[\s\S]*?<\/script>|<link\b[^>]*>/gi, '');
  const card = Array.from(document.querySelectorAll('article')).find((a) => a.textContent!.includes(SMOKE_PRODUCT.name))!;
  const button = Array.from(card.querySelectorAll('button')).find((b) => /add to cart/i.test(b.textContent!))!;
  const title = card.querySelector('h3')!;
  const selector = pickerLocators.nearSelector!(title, button)!;
  expect(selector).toBe('h3');
  expect(selector).not.toMatch(/nth-of-type|^div/);
  // a banner added above the grid, the cards in another order
  const grid = card.parentElement!;
  grid.before(Object.assign(document.createElement('div'), { innerHTML: '<article><div><h3><a href="/sale">Sale</a></h3></div></article>' }));
  grid.append(...Array.from(grid.children).reverse());
  for (const a of Array.from(grid.querySelectorAll('article'))) {
    const add = Array.from(a.querySelectorAll('button')).find((b) => /add to cart/i.test(b.textContent!));
    if (add) expect(findNear(add, selector, document)?.closest('article')).toBe(a);
  }
});

// Issue 17 items 1–2: the price and the title picked in one card, relative to another card's button, read each card's own.
it("the demo's price and name properties read each card's own value, whichever card they were picked in", () => {
  const templates = loadShopTemplates(path.resolve(__dirname, '../../../demo/shop'));
  const html = renderShopRoute(templates, '/products/', scripts, '')!.html;
  document.documentElement.innerHTML = html.replace(/<script\b[\s\S]*?<\/script>|<link\b[^>]*>/gi, '');
  const cards = Array.from(document.querySelectorAll('article'));
  const add = (card: Element) => Array.from(card.querySelectorAll('button')).find((b) => /add to cart/i.test(b.textContent!))!;
  for (const card of cards.slice(0, 3)) {
    const price = card.querySelector('p[class*="price"]')!;
    const selector = pickerLocators.nearSelector!(price, add(card))!;
    expect(selector).not.toMatch(/data-product-id="/);
    for (const other of cards) expect(findNear(add(other), selector, document)).toBe(other.querySelector('p[class*="price"]'));
  }
});

// The figure for the issue-17 note: every readable element of a card, picked in any card, with the tag on any card's button.
it('property accuracy on the demo shop: each (element, picked card) reads every card its own value', async () => {
  const { matchNearest } = await import('../../../lib/picker/reference');
  const templates = loadShopTemplates(path.resolve(__dirname, '../../../demo/shop'));
  document.documentElement.innerHTML = renderShopRoute(templates, '/products/', scripts, '')!.html.replace(/<script\b[\s\S]*?<\/script>|<link\b[^>]*>/gi, '');
  const cards = Array.from(document.querySelectorAll('article'));
  const buttons = cards.map((c) => Array.from(c.querySelectorAll('button')).find((b) => /add to cart/i.test(b.textContent!))!);
  const parts = ['h3', 'h3 a', 'p:first-of-type', 'div[aria-label]', 'p:last-of-type'];
  let right = 0;
  let wrong = 0;
  for (const part of parts) {
    for (const [i, c] of cards.entries()) {
      const el = c.querySelector(part)!;
      // the reference the controller uses: the button in the element's own record
      const selector = pickerLocators.nearSelector!(el, matchNearest(el, buttons)!)!;
      expect(matchNearest(el, buttons)).toBe(buttons[i]);
      for (const [j, other] of cards.entries()) {
        if (findNear(buttons[j]!, selector, document) === other.querySelector(part)) right++;
        else wrong++;
      }
    }
  }
  console.log(`demo shop property accuracy: ${right}/${right + wrong} reads right (${parts.length} elements × ${cards.length} picked cards × ${cards.length} clicked cards)`);
  expect(wrong).toBe(0);
});
