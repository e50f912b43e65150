import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocatorSchema } from '../../../lib/config';
import { createLocator, explainLocator, explainSelector, findSimilar, isFingerprintMatch, resolveLocator } from '../../../lib/selector';

const gridHtml = readFileSync(path.resolve(__dirname, '../../fixtures/sites/grid/index.html'), 'utf8');

function loadGrid(): void {
  const body = /<body>([\s\S]*)<\/body>/.exec(gridHtml)![1]!.replace(/<script>[\s\S]*?<\/script>/g, '');
  document.body.innerHTML = body;
  const host = document.querySelector('newsletter-box')!;
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    '<form class="nl-form"><label for="nl-email">Email</label><input id="nl-email" name="email" type="email">' +
    '<button type="submit" class="nl-submit">Subscribe</button><button type="button" class="nl-close" aria-label="Close">×</button></form>';
}

const $ = (css: string) => document.querySelector(css)!;
const addButtons = () => Array.from(document.querySelectorAll('button[data-sku]'));

describe('createLocator on the product grid', () => {
  beforeEach(loadGrid);

  it.each([
    ['test attribute first', () => $('[data-testid=cart-link]'), '[data-testid="cart-link"]'],
    ['stable id', () => $('#newsletter'), '#newsletter'],
    ['name', () => $('input[name=q]'), 'input[name="q"]'],
    ['link path', () => $('a[href="/about"]'), 'a[href="/about"]'],
    ['aria-label', () => $('[aria-label="Save Wool Scarf to wishlist"]'), 'button[aria-label="Save Wool Scarf to wishlist"]'],
    ['meaningful data attribute', () => addButtons()[5]!, 'button[data-sku="SKU-1005"]'],
  ])('%s', (_name, pick, expected) => {
    expect(createLocator(pick()).selector).toBe(expected);
  });

  it('never uses hashed, generated or stateful names', () => {
    const buttons = addButtons();
    buttons[3]!.classList.add('is-active');
    for (const el of [...buttons, ...document.querySelectorAll('h2, p.price, li')]) {
      const { selector, fallbacks = [] } = createLocator(el);
      for (const css of [selector, ...fallbacks]) expect(css).not.toMatch(/css-|sc-|__|r-8812|is-active/);
    }
  });

  it('every element of the page gets a valid locator that resolves to exactly it', () => {
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const locator = createLocator(el);
      expect(LocatorSchema.safeParse(locator).success).toBe(true);
      expect(resolveLocator(locator, document)).toEqual([el]);
      for (const fallback of locator.fallbacks ?? []) {
        const agreeing = Array.from(document.querySelectorAll(fallback)).filter((m) => isFingerprintMatch(m, locator.fingerprint!));
        expect(agreeing).toEqual([el]);
      }
    }
  });

  it('falls back when hashed classes are re-hashed and the structure shifts', () => {
    const title = document.querySelectorAll('h2')[7]!;
    const locator = createLocator(title);
    for (const el of document.querySelectorAll('[class]')) el.className = el.className.replace(/__[A-Za-z0-9]+/g, '__zz9q1');
    const grid = title.closest('ul')!;
    grid.insertBefore(grid.children[2]!.cloneNode(true), grid.firstElementChild);
    expect(resolveLocator(locator, document)).toEqual([title]);
  });

  it('finds nothing rather than a different element', () => {
    const title = document.querySelectorAll('h2')[7]!;
    const locator = createLocator(title);
    title.textContent = 'Something else entirely';
    title.closest('a')!.setAttribute('href', '/elsewhere');
    title.parentElement!.parentElement!.remove();
    expect(resolveLocator(locator, document)).toEqual([]);
  });

  it('an invalid selector never throws', () => {
    expect(resolveLocator({ selector: 'a[', fallbacks: ['###'] }, document)).toEqual([]);
  });
});

describe('shadow roots', () => {
  beforeEach(loadGrid);

  it('a locator inside an open shadow root resolves through its host', () => {
    const root = $('newsletter-box').shadowRoot!;
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const locator = createLocator(el);
      expect(locator.hosts).toEqual(['newsletter-box']);
      expect(document.querySelector(locator.selector)).toBeNull();
      expect(root.querySelectorAll(locator.selector)).toHaveLength(1);
      expect(resolveLocator(locator, document)).toEqual([el]);
    }
  });
});

describe('findSimilar', () => {
  beforeEach(loadGrid);

  it.each([
    ['Add to cart', () => addButtons()[4]!, 24],
    ['wishlist button', () => $('[aria-label="Save Silk Tie to wishlist"]'), 24],
    ['product title', () => document.querySelectorAll('h2')[0]!, 24],
    ['price', () => document.querySelectorAll('p.price')[9]!, 24],
    ['nav link', () => $('a[href="/products/"]'), 3],
  ])('%s: the whole repeated set and nothing else', (_name, pick, count) => {
    const el = pick();
    const similar = findSimilar(el);
    expect(similar.count).toBe(count);
    expect(similar.elements).toContain(el);
    const found = Array.from(document.querySelectorAll(similar.selector));
    expect(found).toEqual(similar.elements);
    for (const other of found) expect(other.localName).toBe(el.localName);
  });

  it('Add to cart does not include the wishlist buttons', () => {
    const similar = findSimilar(addButtons()[0]!);
    expect(similar.elements).toEqual(addButtons());
  });

  it('plain buttons in cards stay scoped to their list, so a button added elsewhere later is not caught', () => {
    document.body.innerHTML =
      '<main><ul class="products">' +
      ['Lamp', 'Chair', 'Desk'].map((n) => `<li class="product"><h3>${n}</h3><button type="button">Add to cart</button></li>`).join('') +
      '</ul></main><footer></footer>';
    const buttons = Array.from(document.querySelectorAll('li button'));
    const similar = findSimilar(buttons[1]!);
    expect(similar.elements).toEqual(buttons);
    expect(similar.selector).not.toBe('button[type="button"]');
    // A redeploy adds a plain button outside the list: the set does not grow.
    document.querySelector('footer')!.innerHTML = '<button type="button">Subscribe</button>';
    expect(Array.from(document.querySelectorAll(similar.selector))).toEqual(buttons);
  });

  it('an element outside any repeated structure is alone', () => {
    const similar = findSimilar($('h1'));
    expect(similar.count).toBe(1);
    expect(similar.elements).toEqual([$('h1')]);
  });
});

describe('explainLocator', () => {
  beforeEach(loadGrid);

  it.each([
    ['[data-testid=cart-link]', 'test-attribute', false],
    ['input[name=q]', 'name', false],
    ['#main h1', 'tag', false],
  ])('%s', (css, kind, structural) => {
    const explanation = explainLocator($(css));
    expect(explanation.primary.signals.map((s) => s.kind)).toContain(kind);
    expect(explanation.primary.structural).toBe(structural);
    expect(explanation.summary).toMatch(/backup way/);
    expect(explanation.summary).not.toMatch(/fallback|fingerprint|type type/);
  });

  it.each([
    ['article[data-product-id] button[type="button"]', ['[data-product-id]', 'button', 'type="button"']],
    ['[data-testid="add"]', ['data-testid="add"']],
  ])('names each signal of %s as written', (selector, details) => {
    expect(explainSelector(selector).signals.map((s) => s.detail)).toEqual(expect.arrayContaining(details));
    expect(explainSelector(selector).signals.map((s) => s.detail)).not.toContain('data-product-id=""');
  });
});

describe('explainLocator in words', () => {
  it('says what finds the element without internal words', () => {
    const summary = explainLocator({ selector: 'article[data-product-id] button[type="button"]', fallbacks: ['#a'] }).summary;
    expect(summary).toBe('found by its type "button"; inside the element with attribute [data-product-id]; 1 backup way to find it if the page changes, each checked against what the element looks like');
    expect(explainLocator({ selector: 'div > a' }).summary).toBe('found by the page structure only, which a redeploy may change; no backup way to find it if the page changes');
  });
});
