// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_CSP, neutraliseHtml, startSiteServer, type SiteServer } from '../../e2e/support/site-server';
import { startRefusingProxy } from '../../e2e/support/refusing-proxy';
import net from 'node:net';

describe('neutraliseHtml', () => {
  it('removes scripts, frames, plugins, meta refresh, <base> and resource hints', () => {
    const html = [
      '<head><meta charset="utf-8"><META HTTP-EQUIV="Refresh" content="0;url=https://x.example/">',
      '<base href="https://x.example/"><link rel="preconnect" href="https://x.example">',
      '<link rel="stylesheet" href="/site.css">',
      '<script type="text/javascript">alert(1)</script><script src="https://x.example/a.js"></script>',
      '</head><body><p>Kept</p><iframe src="https://x.example/ad"></iframe><embed src="x.swf">',
      '<object data="x"><param name="a"></object><svg><script>alert(2)</script></svg><script>unclosed',
    ].join('\n');
    const out = neutraliseHtml(html);
    expect(out).not.toMatch(/<script|<iframe|<embed|<object|refresh|<base|preconnect/i);
    expect(out).toContain('<p>Kept</p>');
    expect(out).toContain('<meta charset="utf-8">');
    expect(out).toContain('<link rel="stylesheet" href="/site.css">');
  });
});

describe('startSiteServer', () => {
  let dir: string;
  let site: SiteServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tagpoint-site-'));
    mkdirSync(path.join(dir, 'sites', 'shop'), { recursive: true });
    mkdirSync(path.join(dir, 'corpus'));
    writeFileSync(path.join(dir, 'sites', 'shop', 'index.html'), '<h1>Shop</h1>');
    writeFileSync(path.join(dir, 'secret.txt'), 'outside');
    // latin1 bytes (é = 0xE9) must come back unchanged.
    writeFileSync(path.join(dir, 'corpus', 'page.html'), Buffer.from('<meta charset="iso-8859-1"><p>caf\xe9</p><script>x()</script>', 'latin1'));
    site = await startSiteServer({ sitesDir: path.join(dir, 'sites'), corpusDir: path.join(dir, 'corpus') });
  });

  afterAll(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves static files on 127.0.0.1, a folder through its index.html', async () => {
    expect(site.url('/shop/')).toBe(`http://127.0.0.1:${site.port}/shop/`);
    const redirect = await fetch(site.url('/shop'), { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/shop/');
    const page = await fetch(site.url('/shop/'));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe('<h1>Shop</h1>');
    expect((await fetch(site.url('/nothing.html'))).status).toBe(404);
  });

  it('never serves a file outside its folder', async () => {
    expect((await fetch(site.url('/..%2fsecret.txt'))).status).toBe(403);
    expect((await fetch(site.corpusUrl('../secret'))).status).toBe(404);
  });

  it('serves corpus pages neutralised, byte for byte otherwise, under a CSP', async () => {
    const response = await fetch(site.corpusUrl('page'));
    expect(response.headers.get('content-security-policy')).toBe(CORPUS_CSP);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toBe('<meta charset="iso-8859-1"><p>caf\xe9</p>');
  });

  it('runs registered routes first, latest first, until removed or reset', async () => {
    const removeA = site.route('/api', (_req, res) => res.end('a'));
    site.route('/api/b', (_req, res) => res.end('b'));
    expect(await (await fetch(site.url('/api/x?y=1'))).text()).toBe('a');
    expect(await (await fetch(site.url('/api/b/c'))).text()).toBe('b');
    expect(await (await fetch(site.url('/apix'))).status).toBe(404);
    removeA();
    expect((await fetch(site.url('/api/x'))).status).toBe(404);
    site.route('/shop', (req, res, url) => res.end(`${req.method} ${url.pathname}`));
    expect(await (await fetch(site.url('/shop/'), { method: 'POST' })).text()).toBe('POST /shop/');
    expect(site.requests).toContainEqual({ method: 'GET', path: '/api/x?y=1' });
    site.reset();
    expect(site.requests).toEqual([]);
    expect(await (await fetch(site.url('/shop/'))).text()).toBe('<h1>Shop</h1>');
  });

  it('answers 500 with the error when a route throws', async () => {
    site.route('/boom', () => {
      throw new Error('kaboom');
    });
    const response = await fetch(site.url('/boom'));
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('kaboom');
    site.reset();
  });
});

describe('startRefusingProxy', () => {
  function send(port: number, text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('refuses CONNECT and proxied requests with 403 and counts them', async () => {
    const proxy = await startRefusingProxy();
    try {
      expect(await send(proxy.port, 'CONNECT x.example:443 HTTP/1.1\r\nHost: x.example:443\r\n\r\n')).toMatch(/^HTTP\/1.1 403 /);
      expect(await send(proxy.port, 'GET http://x.example/a HTTP/1.1\r\nHost: x.example\r\n\r\n')).toMatch(/^HTTP\/1.1 403 /);
      expect(proxy.hits).toEqual([
        { method: 'CONNECT', target: 'x.example:443' },
        { method: 'GET', target: 'http://x.example/a' },
      ]);
      expect(proxy.count).toBe(2);
      proxy.reset();
      expect(proxy.count).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
