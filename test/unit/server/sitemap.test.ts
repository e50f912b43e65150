// @vitest-environment node
/** `readSitemap` (lib/server/sitemap.ts), over real HTTP on 127.0.0.1 and from files. */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSitemap } from '../../../lib/server/sitemap';
import { tempDir } from './helpers';

const urlset = (locs: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<url><loc>${l}</loc><lastmod>2026-11-01</lastmod></url>`).join('\n')}</urlset>`;
const index = (locs: string[]) => `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<sitemap><loc>${l}</loc></sitemap>`).join('')}</sitemapindex>`;

let server: Server;
let base: string;
const files: Record<string, string> = {};
const dir = tempDir('tagpoint-sitemap-');

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = files[req.url!];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  files['/sitemap.xml'] = index(['/sitemap-products.xml', `${base}/sitemap-pages.xml`]);
  files['/sitemap-products.xml'] = urlset([`${base}/products/1?ref=a&amp;b=2`, `${base}/products/2`, `${base}/products/2`]);
  files['/sitemap-pages.xml'] = urlset([`${base}/`, `${base}/about`, 'not-a-url']);
  files['/loop.xml'] = index(['/loop.xml', '/sitemap-pages.xml']);
  files['/deep.xml'] = index(['/sitemap.xml']);
  files['/broken-child.xml'] = index(['/missing.xml']);
  files['/prefixed.xml'] = `<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:url><sm:loc><![CDATA[${base}/cdata]]></sm:loc></sm:url></sm:urlset>`;
  files['/html'] = '<!doctype html><p>not a sitemap</p>';
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  dir.remove();
});

describe('readSitemap', () => {
  it('follows an index (relative and absolute children), decodes entities, drops duplicates and non-URLs, in order', async () => {
    expect(await readSitemap(`${base}/sitemap.xml`)).toEqual({
      ok: true,
      truncated: false,
      urls: [`${base}/products/1?ref=a&b=2`, `${base}/products/2`, `${base}/`, `${base}/about`],
    });
  });

  it('stops at maxUrls and says it did', async () => {
    expect(await readSitemap(`${base}/sitemap.xml`, { maxUrls: 3 })).toEqual({ ok: true, truncated: true, urls: [`${base}/products/1?ref=a&b=2`, `${base}/products/2`, `${base}/`] });
  });

  it('reads a file, namespace prefixes and CDATA', async () => {
    const path = join(dir.dir, 'sitemap.xml');
    writeFileSync(path, urlset(['https://shop.example/a', 'https://shop.example/b']));
    expect(await readSitemap(path)).toEqual({ ok: true, truncated: false, urls: ['https://shop.example/a', 'https://shop.example/b'] });
    expect(await readSitemap(`${base}/prefixed.xml`)).toMatchObject({ ok: true, urls: [`${base}/cdata`] });
  });

  it('is bounded and clear about what went wrong: loops, depth, missing files, not a sitemap, size', async () => {
    expect(await readSitemap(`${base}/loop.xml`)).toMatchObject({ ok: true, urls: [`${base}/`, `${base}/about`] });
    expect(await readSitemap(`${base}/deep.xml`)).toEqual({ ok: false, error: `${base}/sitemap.xml: a sitemap index nested deeper than 2` });
    expect(await readSitemap(`${base}/broken-child.xml`)).toEqual({ ok: false, error: `${base}/missing.xml: answered 404` });
    expect(await readSitemap(`${base}/html`)).toEqual({ ok: false, error: `${base}/html: not a sitemap (no <urlset> or <sitemapindex>)` });
    expect(await readSitemap(join(dir.dir, 'nope.xml'))).toEqual({ ok: false, error: `${join(dir.dir, 'nope.xml')}: ENOENT` });
    expect(await readSitemap(`${base}/sitemap-pages.xml`, { maxBytes: 10 })).toEqual({ ok: false, error: `${base}/sitemap-pages.xml: larger than 10 bytes` });
    expect(await readSitemap(`${base}/sitemap.xml`, { maxSitemaps: 2 })).toMatchObject({ ok: true, truncated: true, urls: [`${base}/products/1?ref=a&b=2`, `${base}/products/2`] });
  });
});
