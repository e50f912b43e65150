import { beforeEach, describe, expect, it } from 'vitest';
import { applyTransform, findNear, readProperty, toNumber } from '../../../lib/core/properties';
import { isSensitiveField, sensitiveMark } from '../../../lib/core/sensitive';
import type { RuntimeProperty } from '../../../lib/core/normalize';

const opts = 255;

describe('toNumber', () => {
  it.each([
    ['$1,299.00', 1299],
    ['1.299,50 €', 1299.5],
    ['12,5 %', 12.5],
    ['1,299', 1299],
    ['1.5', 1.5],
    ['1.299.000', 1299000],
    ['-3 items', -3],
    ['EUR 1 299,90', 1299.9],
    ['price: 42.', 42],
    ['free', null],
  ])('%s -> %s', (input, expected) => {
    expect(toNumber(input)).toBe(expected);
  });
});

describe('transforms', () => {
  it.each([
    ['Hello', 'lowercase', 'hello'],
    ['Hello', 'uppercase', 'HELLO'],
    ['yes', 'boolean', true],
    ['false', 'boolean', false],
    ['0', 'boolean', false],
    [null, 'number', null],
    ['$9.99', 'number', 9.99],
  ] as const)('%s %s', (value, transform, expected) => {
    expect(applyTransform(value, transform)).toBe(expected);
  });
});

describe('reading the page', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <h1 class="title">Shop</h1>
      <div class="card"><h2 class="title">  Desk
          lamp </h2><span class="price">$1,299.00</span><button id="b1">Add</button></div>
      <div class="card"><h2 class="title">Chair</h2><button id="b2" data-sku="C-3">Add</button></div>
      <form><input id="email" name="email" value="a@b.c"><input id="pw" type="password" value="hunter2">
      <input id="hid" type="hidden" value="secret-token"><input id="cc" autocomplete="cc-number" value="4111">
      <input id="cvv" name="card_cvv" value="123"><input id="otp" autocomplete="one-time-code" value="999">
      <input id="np" autocomplete="new-password" value="pw2"><input id="chk" type="checkbox" checked>
      <select id="size"><option>S</option><option selected>M</option></select>
      <input id="file" type="file"><input id="exp" name="card_expiry" value="12/29">
      <input id="amt" autocomplete="transaction-amount" value="49.00"><input id="tok" data-testid="security-code" value="321"></form>`;
  });

  it('resolves a selector near the target first, then in the document', () => {
    const b2 = document.getElementById('b2')!;
    expect(findNear(b2, 'h2.title', document)!.textContent).toBe('Chair');
    expect(findNear(b2, '.price', document)!.textContent).toBe('$1,299.00');
    expect(findNear(b2, 'h1', document)!.textContent).toBe('Shop');
    expect(findNear(b2, undefined, document)).toBe(b2);
  });

  it('inside a shadow root, finds the target\'s siblings first, then goes up through the host', () => {
    const host = document.createElement('div');
    host.className = 'card';
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<h2 class="title">Shadow lamp</h2><p><button id="sb">Add</button></p>';
    const button = root.getElementById('sb')!;
    expect(findNear(button, 'h2.title', document)!.textContent).toBe('Shadow lamp');
    // Not in the shadow tree: from the host's own light-DOM relatives on.
    expect(findNear(button, 'h1', document)!.textContent).toBe('Shop');
    expect(findNear(button, '.card', document)).toBe(host);
  });

  it('finds nothing rather than throwing on an invalid selector', () => {
    expect(findNear(document.getElementById('b2')!, 'a[', document)).toBeNull();
    expect(readProperty({ name: 'p', source: 'text', selector: 'a[' }, document.getElementById('b2')!, opts)).toBeNull();
  });

  it.each<[RuntimeProperty, string, unknown]>([
    [{ name: 'p', source: 'text', selector: 'h2.title' }, 'b1', 'Desk lamp'],
    [{ name: 'p', source: 'text', selector: '.price', transform: 'number' }, 'b1', 1299],
    [{ name: 'p', source: 'attribute', attribute: 'data-sku' }, 'b2', 'C-3'],
    [{ name: 'p', source: 'attribute', attribute: 'data-missing' }, 'b2', null],
    [{ name: 'p', source: 'value' }, 'email', 'a@b.c'],
    [{ name: 'p', source: 'value' }, 'chk', true],
    [{ name: 'p', source: 'value' }, 'size', 'M'],
    [{ name: 'p', source: 'value' }, 'b1', null],
    [{ name: 'p', source: 'static', value: 7 }, 'b1', 7],
    [{ name: 'p', source: 'text', selector: '.nowhere' }, 'b1', null],
  ])('%j on #%s', (prop, id, expected) => {
    expect(readProperty(prop, document.getElementById(id)!, opts)).toEqual(expected);
  });

  // Whatever the config asks, sensitive fields give nothing: value, text or any attribute.
  it.each(['pw', 'hid', 'cc', 'cvv', 'otp', 'np', 'file', 'exp', 'amt', 'tok'])('never reads #%s', (id) => {
    const el = document.getElementById(id)!;
    expect(isSensitiveField(el)).toBe(true);
    for (const prop of [
      { name: 'p', source: 'value' },
      { name: 'p', source: 'text' },
      { name: 'p', source: 'attribute', attribute: 'value' },
      { name: 'p', source: 'value', selector: `#${id}` },
      { name: 'p', source: 'attribute', attribute: 'value', selector: `#${id}` },
    ] as RuntimeProperty[]) {
      expect(readProperty(prop, el, opts)).toBeNull();
      expect(readProperty(prop, document.body, opts)).not.toBe((el as HTMLInputElement).value);
    }
  });

  it('reads url parts and query parameters', () => {
    history.replaceState(null, '', '/products/desk?utm_source=news#top');
    expect(readProperty({ name: 'p', source: 'url', part: 'path' }, undefined, opts)).toBe('/products/desk');
    expect(readProperty({ name: 'p', source: 'url', part: 'hash' }, undefined, opts)).toBe('#top');
    expect(readProperty({ name: 'p', source: 'url', part: 'href' }, undefined, opts)).toBe(location.href);
    expect(readProperty({ name: 'p', source: 'query', param: 'utm_source' }, undefined, opts)).toBe('news');
    expect(readProperty({ name: 'p', source: 'query', param: 'nope' }, undefined, opts)).toBeNull();
  });
});

describe('sensitiveMark', () => {
  const field = (html: string) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content.firstElementChild!;
  };
  it.each([
    ['<input type="PASSWORD">', 'PASSWORD'],
    ['<input type="file">', 'file'],
    ['<input autocomplete="billing cc-exp">', 'cc-exp'],
    ['<input autocomplete="new-password">', 'new-password'],
    ['<input name="ccnum">', 'cc'],
    ['<input id="expiry-month">', 'expir'],
    ['<input name="email" autocomplete="email">', undefined],
    ['<h2 id="password-help">Forgot?</h2>', undefined],
  ])('%s -> %s', (html, mark) => {
    expect(sensitiveMark(field(html))).toBe(mark);
    expect(isSensitiveField(field(html))).toBe(mark !== undefined);
  });
});
