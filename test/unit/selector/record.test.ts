import { beforeEach, describe, expect, it } from 'vitest';
import { LocatorSchema } from '../../../lib/config';
import { fingerprintAgrees } from '../../../lib/core';
import { findNear } from '../../../lib/core/properties';
import { pickerLocators } from '../../../lib/picker/locators';
import { createLocator, createPropertySelector, resolveLocator } from '../../../lib/selector';
import { findRecord } from '../../../lib/selector/record';

const ORDERS = [10271, 10272, 10273, 10274, 10275];

/** An orders table whose rows carry no id: only the first cell's text tells them apart. */
function table(orders: number[], label = 'Refund'): string {
  const rows = orders
    .map(
      (n, i) =>
        `<tr class="sc-yRT9a0 lBXQq0"><td>#${n}</td><td><div>Customer ${String.fromCharCode(65 + (n % 26))}</div></td><td>$${100 + i}.00</td>` +
        `<td><div><button class="sc-pqBxR9 qjq0Z0" type="button">View</button><button class="sc-pqBxR9 i8j0E7" type="button">${label}</button></div></td></tr>`,
    )
    .join('');
  return `<main><table><thead><tr><th>Order</th></tr></thead><tbody>${rows}</tbody></table></main>`;
}

const refundOf = (n: number) =>
  Array.from(document.querySelectorAll('tr')).find((tr) => tr.cells[0]?.textContent === `#${n}`)!.querySelectorAll('button')[1]!;

describe('records keep their identity', () => {
  beforeEach(() => {
    document.body.innerHTML = table(ORDERS);
  });

  it('a row without ids is recognised by its key column, not its position', () => {
    const record = findRecord(refundOf(10273));
    expect(record?.item.localName).toBe('tr');
    // the first cell's order number first; the customer's name is a second key
    expect(record?.keys()).toEqual(['#10273', 'Customer D']);
    const locator = createLocator(refundOf(10273));
    expect(LocatorSchema.safeParse(locator).success).toBe(true);
    expect(locator.fingerprint?.record).toEqual({ item: 'tr', keys: ['#10273', 'Customer D'] });
  });

  it('rows reordered: the tag stays on its own record', () => {
    const locator = createLocator(refundOf(10273));
    document.body.innerHTML = table([...ORDERS].reverse());
    expect(resolveLocator(locator, document)).toEqual([refundOf(10273)]);
  });

  it('data refreshed, the record gone: not found, never the neighbour', () => {
    const locator = createLocator(refundOf(10273));
    document.body.innerHTML = table([10270, 10271, 10272, 10274, 10275]);
    expect(resolveLocator(locator, document)).toEqual([]);
  });

  it('an element that tells itself apart keeps the plain fingerprint', () => {
    document.body.innerHTML = `<ul>${['a', 'b', 'c'].map((k) => `<li><h3>Item ${k}</h3><input name="opt-${k}" type="checkbox"></li>`).join('')}</ul>`;
    const locator = createLocator(document.querySelector('input[name="opt-b"]')!);
    expect(locator.selector).toBe('input[name="opt-b"]');
    expect(locator.fingerprint?.record).toBeUndefined();
  });

  it('a card with a data id anchors on it, not on its place in the grid', () => {
    document.body.innerHTML = `<div class="grid">${['p1001', 'p1002', 'p1003']
      .map((id) => `<article class="card" data-product-id="${id}"><h3>Lamp ${id}</h3><button type="button">Add to cart</button></article>`)
      .join('')}</div>`;
    const button = document.querySelector('[data-product-id="p1002"] button')!;
    const locator = createLocator(button);
    expect(locator.selector).toBe('[data-product-id="p1002"] button[type="button"]');
    expect(locator.selector).not.toMatch(/nth-/);
    const grid = document.querySelector('.grid')!;
    grid.append(grid.firstElementChild!);
    expect(resolveLocator(locator, document)).toEqual([button]);
  });

  it('positional data attributes are not identity', () => {
    document.body.innerHTML = `<div role="grid">${ORDERS.map((n, i) => `<div role="row" data-rowindex="${i}"><div role="gridcell">#${n}</div><button type="button">Refund</button></div>`).join('')}</div>`;
    const locator = createLocator(document.querySelectorAll('button')[2]!);
    expect(JSON.stringify(locator)).not.toMatch(/rowindex/);
  });
});

describe('fingerprintAgrees with a record', () => {
  beforeEach(() => {
    document.body.innerHTML = table(ORDERS);
  });
  const fp = { tag: 'button', attributes: { type: 'button' }, text: 'Refund', record: { item: 'tr', keys: ['#10273'] } };

  it('agrees in its own record only', () => {
    expect(fingerprintAgrees(refundOf(10273), fp)).toBe(true);
    expect(fingerprintAgrees(refundOf(10272), fp)).toBe(false);
    // a key that is only a substring of another record's text is not that record
    expect(fingerprintAgrees(refundOf(10273), { ...fp, record: { item: 'tr', keys: ['#1027'] } })).toBe(false);
  });

  it('a hostile or broken record disagrees and never throws', () => {
    for (const record of [{ item: 'tr[', keys: ['#10273'] }, { item: 'section', keys: ['#10273'] }, { item: 'tr', keys: 5 }, { item: 7, keys: null }, 'tr']) {
      expect(fingerprintAgrees(refundOf(10273), { ...fp, record } as never)).toBe(false);
    }
  });
});

describe('a record named by a link only it holds', () => {
  it('anchors on :has() that link, which the strict parser accepts', () => {
    document.body.innerHTML = `<ul class="products">${['lamp', 'chair', 'desk']
      .map((slug) => `<li class="product"><a href="/products/${slug}"><h2>${slug}</h2></a><button type="button" class="add">Add to cart</button></li>`)
      .join('')}</ul>`;
    const button = document.querySelectorAll('button')[1]!;
    const locator = createLocator(button);
    expect(locator.selector).toBe('li:has(a[href="/products/chair"]) button[type="button"]');
    expect(LocatorSchema.safeParse(locator).success).toBe(true);
    const list = document.querySelector('ul')!;
    list.prepend(list.lastElementChild!);
    expect(resolveLocator(locator, document)).toEqual([button]);
  });
});

describe('createPropertySelector: relative to the tag element', () => {
  const grid = (ids: string[], banner = false) =>
    `<main>${banner ? '<div class="banner"><h3><a href="/sale">Sale</a></h3></div>' : ''}<div></div><div class="grid">${ids
      .map(
        (id) =>
          `<article data-product-id="${id}" data-price-cents="100"><div class="media"></div><div><h3><a href="/products/${id}">Product ${id}</a></h3><p>$1.00</p></div><button type="button">Add to cart</button></article>`,
      )
      .join('')}</div></main>`;
  const card = (id: string) => document.querySelector(`[data-product-id="${id}"]`)!;

  it('reads the clicked card own title after a banner is added and the cards reordered', () => {
    document.body.innerHTML = grid(['p1', 'p2', 'p3']);
    const title = card('p2').querySelector('h3 a')!;
    const selector = createPropertySelector(title, card('p2').querySelector('button')!)!;
    expect(selector).not.toMatch(/nth-|p2/);
    document.body.innerHTML = grid(['p3', 'p1', 'p2'], true);
    for (const id of ['p1', 'p2', 'p3']) expect(findNear(card(id).querySelector('button')!, selector, document)).toBe(card(id).querySelector('h3 a'));
  });

  it('the picker keeps it (the runtime lookup from the target lands on the element)', () => {
    document.body.innerHTML = grid(['p1', 'p2', 'p3']);
    const title = card('p2').querySelector('h3 a')!;
    expect(pickerLocators.nearSelector!(title, card('p2').querySelector('button')!)).toBe(createPropertySelector(title, card('p2').querySelector('button')!));
  });

  it('outside a record: unique inside the nearest common ancestor', () => {
    document.body.innerHTML = '<form><fieldset><legend>Plan</legend><select name="plan"><option>Pro</option></select></fieldset><p class="total">$9</p><button type="submit">Buy</button></form><p class="total">other</p>';
    const selector = createPropertySelector(document.querySelector('form p.total')!, document.querySelector('button')!)!;
    expect(findNear(document.querySelector('button')!, selector, document)).toBe(document.querySelector('form p.total'));
  });
});
