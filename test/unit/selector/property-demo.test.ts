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
