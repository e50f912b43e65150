import { describe, expect, it } from 'vitest';
import { siteIdForUrl } from '../../../lib/store/site-id';

describe('siteIdForUrl', () => {
  it.each([
    ['https://www.Shop.example/products/1', 'shop-example'],
    ['https://shop.example:8443/', 'shop-example'],
    ['http://127.0.0.1:5173/x', '127-0-0-1'],
    ['http://localhost:3000/', 'localhost'],
    ['https://xn--bcher-kva.example/', 'xn--bcher-kva-example'],
    ['chrome://extensions/', undefined],
    ['file:///tmp/x.html', undefined],
    ['about:blank', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, id) => expect(siteIdForUrl(url)).toBe(id));

  it('keeps ids within the site-id pattern for very long hosts', () => {
    const id = siteIdForUrl(`https://${'a'.repeat(63)}.${'b'.repeat(63)}.example/`)!;
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
    expect(id.endsWith('-')).toBe(false);
  });
});
