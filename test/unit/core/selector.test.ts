import { beforeEach, describe, expect, it } from 'vitest';
import { compileSelector, splitList } from '../../../lib/core/selector';

const PAGE = `
  <main id="main" class="page">
    <section class="grid" data-kind="products">
      <article class="card featured" data-sku="A-1"><h2 class="title">Lamp</h2><button class="btn add" data-testid="add-to-cart" type="button">Add</button></article>
      <article class="card" data-sku="B-2"><h2 class="title">Desk</h2><button class="btn add" data-testid="add-to-cart">Add</button><a href="/p/desk" class="more">More</a></article>
      <article class="card" data-sku="C-3"><h2 class="title">Chair</h2><span class="badge new">new</span><button class="btn" disabled>Sold out</button></article>
    </section>
    <form id="signup" method="post"><input name="email" type="email"><input type="submit" value="Go"></form>
    <ul class="nav"><li><a href="/a">A</a></li><li><a href="/b">B</a></li><li><a href="/c" lang="en-US">C</a></li></ul>
  </main>`;

// Compared with the DOM's own matcher on every element: the JS matcher must agree exactly.
const SELECTORS = [
  'button',
  '#main',
  '.card',
  '.card.featured',
  'article.card[data-sku="B-2"]',
  '[data-testid=add-to-cart]',
  "[data-testid='add-to-cart']",
  '[data-sku]',
  '[data-sku^=A]',
  '[data-sku$="3"]',
  '[data-sku*="-"]',
  'article:nth-child(2) > button',
  '.grid > .card:nth-child(3) .badge',
  'main section article:first-child h2',
  'li:last-child > a',
  '.nav li:nth-of-type(2) a',
  'h2 + button',
  'h2 ~ a',
  '.card > .title + .btn.add',
  '#signup input[type=submit]',
  'input[type="SUBMIT" i]',
  'button:not([disabled])',
  'a[lang|=en]',
  '.badge.new, #signup',
  '*',
  'section > *',
  '#main .card:nth-child(2) [data-testid="add-to-cart"]',
  'ul.nav > li:first-child > a',
  // Compiled since issue 13: word lists, language prefixes, type positions, values in other case.
  '[class~=featured]',
  '[class~="btn"][data-testid]',
  // (`[class~="card featured"]` never matches in Chromium, a value with white space; happy-dom
  // says it does, so that case is checked by test/e2e/css-semantics.spec.ts only.)
  '[lang|=en] ',
  '[lang|="en-US"]',
  '[lang|=e]',
  'article:nth-of-type(2) > button',
  'main > section > article:nth-of-type(3) > span:nth-of-type(1)',
  'li:nth-of-type(3) > a[href="/c"]',
  '[method=POST]',
  'form[method="Post"] input',
  '[type=Email]',
  '[data-sku="a-1"]',
  '#\\6d ain .card',
];

describe('compileSelector agrees with element.matches', () => {
  beforeEach(() => {
    document.body.innerHTML = PAGE;
  });
  it.each(SELECTORS)('%s', (selector) => {
    const compiled = compileSelector(selector, 2000)!;
    expect(compiled).toBeDefined();
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const ours = compiled.some((branch) => branch.test(el));
      expect(ours, `${selector} on <${el.localName} ${el.className}>`).toBe(el.matches(selector));
    }
  });
});

describe('index keys', () => {
  it.each([
    ['#main .card button.add', ['.add', 'button'], '#main'],
    ['button.add[data-testid=x]', ['$data-testid=x', '.add', '[data-testid', 'button'], undefined],
    ['.a #b', ['#b'], '.a'],
    ['div > span', ['span'], undefined],
    ['[data-x]', ['[data-x'], undefined],
    ['button:hover', ['button'], undefined],
    [':is(.a, .b)', [], undefined],
    ['.a\\:b', [], undefined],
    ['input[type=submit]', ['[type', '$type=submit', 'input'], undefined],
    // Value keys are lower case (the test decides on case).
    ['.card[data-sku="S-1"] h2.title', ['.title', 'h2'], '$data-sku=s-1'],
    ['.x + .y', ['.y'], undefined],
    // Positions are keys: the ancestor's largest position is the one an ancestor must carry.
    ['html > body > main:nth-of-type(1) > article:nth-of-type(37) > button:nth-of-type(1)', ['button', '~999999button'], '~999963article'],
    ['li:nth-child(4) > a', ['a'], '~999996:'],
    ['.x:nth-of-type(2)', ['.x'], undefined],
  ])('%s -> %j near %s', (selector, keys, near) => {
    const [branch] = compileSelector(selector, 2000)!;
    expect([...branch!.keys].sort()).toEqual([...keys].sort());
    expect(branch!.near).toBe(near);
  });
});

describe('invalid selectors', () => {
  it.each(['', '   ', 'div[', '##a', 'a >', ':nope(', 'x'.repeat(3000), 42, null, {}])('rejects %s', (selector) => {
    expect(compileSelector(selector as unknown, 2000)).toBeUndefined();
  });
});

it('splits selector lists outside strings and brackets', () => {
  expect(splitList('a, [data-x="1,2"], :is(b, c)')).toEqual(['a', '[data-x="1,2"]', ':is(b, c)']);
});
