import { describe, expect, it } from 'vitest';
import type { Property } from '../../../lib/config/types';
import { previewProperty } from '../../../lib/picker/property-value';

describe('previewProperty', () => {
  document.body.innerHTML = `
    <article class="card"><h2 class="title">Blue Shoe</h2><span class="price">$49.00</span><button id="b1" data-sku="S1">Add</button></article>
    <article class="card"><h2 class="title">Red Hat</h2><button id="b2" data-sku="S2">Add</button></article>
    <p id="contact">Mail jane@example.com</p>
    <input id="pw" type="password" value="secret"><input id="qty" value=" 3 "><input id="ok" type="checkbox" checked>`;
  const b2 = document.getElementById('b2')!;

  it.each<[string, Property, unknown, string?]>([
    ['static', { name: 'p', source: 'static', value: 'grid' }, 'grid'],
    ['text near the target (same card)', { name: 'p', source: 'text', selector: '.title' }, 'Red Hat'],
    ['text of the target', { name: 'p', source: 'text' }, 'Add'],
    ['attribute', { name: 'p', source: 'attribute', attribute: 'data-sku' }, 'S2'],
    ['missing attribute', { name: 'p', source: 'attribute', attribute: 'data-x' }, null, 'no data-x attribute'],
    ['first match when not near', { name: 'p', source: 'text', selector: '.price' }, '$49.00'],
    ['a form field value, trimmed', { name: 'p', source: 'value', selector: '#qty' }, '3'],
    ['checkbox', { name: 'p', source: 'value', selector: '#ok' }, true],
    ['no element', { name: 'p', source: 'text', selector: '.nope' }, null, 'no element matches'],
    ['password refused', { name: 'p', source: 'value', selector: '#pw' }, null, 'password'],
    ['email warned', { name: 'p', source: 'text', selector: '#contact' }, 'Mail jane@example.com', 'email'],
  ])('%s', (_, property, value, warning) => {
    const preview = previewProperty(property, b2);
    expect(preview.value).toBe(value);
    if (warning) expect(preview.warnings.join(' ')).toContain(warning);
    else expect(preview.warnings).toEqual([]);
    expect(preview.refused).toBe(warning === 'password');
  });

  it('reads the URL and its query', () => {
    const fake = { location: new URL('https://shop.example/p/1?utm_campaign=spring#top'), title: 'Shoes' } as unknown as Document;
    expect(previewProperty({ name: 'u', source: 'url', part: 'path' }, undefined, { doc: fake }).value).toBe('/p/1');
    expect(previewProperty({ name: 'u', source: 'url', part: 'title' }, undefined, { doc: fake }).value).toBe('Shoes');
    expect(previewProperty({ name: 'q', source: 'query', param: 'utm_campaign' }, undefined, { doc: fake }).value).toBe('spring');
    expect(previewProperty({ name: 'q', source: 'query', param: 'nope' }, undefined, { doc: fake }).warnings[0]).toContain('no such query');
  });

  it('shows what the runtime sends: transforms applied, refusals the runtime makes', () => {
    expect(previewProperty({ name: 'p', source: 'text', selector: '.price', transform: 'number' }, b2).value).toBe(49);
    expect(previewProperty({ name: 'p', source: 'text', selector: '.title', transform: 'number' }, b2).warnings[0]).toContain('no number');
    expect(previewProperty({ name: 'p', source: 'text', selector: 'a[' }, b2)).toMatchObject({ value: null, warnings: ['no element matches on this page now'] });
  });
});
