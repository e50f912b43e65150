/**
 * lib/selector in real Chromium: the product-grid fixture (with a real web component's open
 * shadow root) and the saved corpus pages, served on 127.0.0.1. The library is bundled with
 * esbuild on its own — which also checks that it needs no extension API.
 */
import type { Browser, Page } from '@playwright/test';
import { bundleForPage, launchBareChromium } from './support/page-bundle';
import { LocatorSchema } from '../../lib/config';
import { corpusPages, expect, test } from './fixtures';

let browser: Browser;
let bundle: string;

test.beforeAll(async () => {
  bundle = await bundleForPage("import * as selector from './lib/selector'; (globalThis as any).__selector = selector;");
  browser = await launchBareChromium();
});

test.afterAll(async () => {
  await browser?.close();
});

async function open(url: string): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.evaluate(bundle);
  return page;
}

test.describe('lib/selector on the product grid', () => {
  test('every element, in the light DOM and in the shadow root, resolves to exactly itself', async ({ site }) => {
    const page = await open(site.url('/grid/'));
    const result = await page.evaluate(() => {
      const { createLocator, resolveLocator } = (globalThis as any).__selector;
      const host = document.querySelector('newsletter-box')!;
      const elements = [...document.body.querySelectorAll('*'), ...host.shadowRoot!.querySelectorAll('*')];
      const failures: string[] = [];
      const locators = elements.map((el) => {
        const locator = createLocator(el);
        const found = resolveLocator(locator, document);
        if (found.length !== 1 || found[0] !== el) failures.push(JSON.stringify(locator));
        return locator;
      });
      return { count: elements.length, failures, locators, shadow: locators.slice(-5) };
    });
    await page.context().close();
    expect(result.count).toBeGreaterThan(200);
    expect(result.failures).toEqual([]);
    for (const locator of result.locators) expect(LocatorSchema.safeParse(locator).success).toBe(true);
    for (const locator of result.shadow) expect(locator.hosts).toEqual(['newsletter-box']);
  });

  test('a shadow locator keeps resolving after the host moves and the page around it changes', async ({ site }) => {
    const page = await open(site.url('/grid/'));
    const ok = await page.evaluate(() => {
      const { createLocator, resolveLocator } = (globalThis as any).__selector;
      const host = document.querySelector('newsletter-box')!;
      const button = host.shadowRoot!.querySelector('.nl-submit')!;
      const locator = createLocator(button);
      const wrapper = document.createElement('div');
      host.parentElement!.insertBefore(wrapper, host);
      wrapper.appendChild(host);
      document.body.prepend(document.createElement('newsletter-banner'));
      const found = resolveLocator(locator, document);
      return found.length === 1 && found[0] === button;
    });
    await page.context().close();
    expect(ok).toBe(true);
  });

  test('"all similar" from one Add to cart is the 24 Add to cart buttons', async ({ site }) => {
    const page = await open(site.url('/grid/'));
    const result = await page.evaluate(() => {
      const { findSimilar } = (globalThis as any).__selector;
      const buttons = [...document.querySelectorAll('button')].filter((b) => b.textContent === 'Add to cart');
      const similar = findSimilar(buttons[7]);
      const matched = [...document.querySelectorAll(similar.selector)];
      return { count: similar.count, same: matched.length === buttons.length && buttons.every((b) => matched.includes(b)) };
    });
    await page.context().close();
    expect(result).toEqual({ count: 24, same: true });
  });
});


test.describe('lib/selector on the saved corpus pages', () => {
  for (const name of corpusPages) {
    test(`${name}: each picked element's locator resolves to exactly it`, async ({ site }) => {
      const page = await open(site.corpusUrl(name));
      const result = await page.evaluate(() => {
        const { createLocator, resolveLocator, findSimilar } = (globalThis as any).__selector;
        const picked = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [role=button]')]
          .filter((el) => el.getClientRects().length > 0);
        const step = Math.max(1, Math.floor(picked.length / 25));
        const failures: string[] = [];
        const locators: unknown[] = [];
        for (let i = 0; i < picked.length; i += step) {
          const el = picked[i]!;
          const locator = createLocator(el);
          locators.push(locator);
          const found = resolveLocator(locator, document);
          if (found.length !== 1 || found[0] !== el) failures.push(`${JSON.stringify(locator)} → ${found.length}`);
        }
        return { tested: locators.length, failures, locators };
      });
      await page.context().close();
      expect(result.tested).toBeGreaterThan(0);
      expect(result.failures).toEqual([]);
      for (const locator of result.locators) expect(LocatorSchema.safeParse(locator).success).toBe(true);
    });
  }
});

// One test per page (each within the default timeout: the whole corpus in one test took
// 58 s to 1.2 min, close to a single test's budget on a loaded machine), then the total.
test.describe('"all similar" on corpus lists: from one link, every link of the list and nothing else', () => {
  test.describe.configure({ mode: 'serial' });
  let checked = 0;
  test.beforeAll(() => {
    checked = 0;
  });

  for (const name of corpusPages) {
    test(name, async ({ site }) => {
      const page = await open(site.corpusUrl(name));
      const lists = await page.evaluate(() => {
        const { findSimilar } = (globalThis as any).__selector;
        // plain lists: every item shares one class attribute and holds exactly one link, directly
        const lists = [...document.querySelectorAll('ul, ol')].filter((list) => {
          const items = [...list.children];
          const cls = items[0]?.getAttribute('class');
          return (
            items.length >= 3 &&
            items.every((li) => li.localName === 'li' && li.getAttribute('class') === cls && li.children.length === 1) &&
            items.every((li) => li.firstElementChild!.localName === 'a' && li.querySelectorAll('a').length === 1)
          );
        });
        return lists.slice(0, 3).map((list) => {
          const links = [...list.children].map((li) => li.firstElementChild!);
          const result = findSimilar(links[Math.floor(links.length / 2)]);
          const matched = [...document.querySelectorAll(result.selector)];
          const exact = matched.length === links.length && links.every((a) => matched.includes(a));
          return { exact, count: result.count, expected: links.length, selector: result.selector };
        });
      });
      await page.context().close();
      checked += lists.length;
      const wrong = lists.filter((l) => !l.exact || l.count !== l.expected).map((l) => `${name}: ${l.selector} → ${l.count}/${l.expected}`);
      expect(wrong).toEqual([]);
    });
  }

  test('the corpus holds enough such lists for this to mean something', () => {
    expect(checked).toBeGreaterThan(20);
  });
});
