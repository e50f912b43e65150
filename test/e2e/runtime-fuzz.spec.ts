/**
 * Fuzz: thousands of generated configs (valid, malformed, hostile) fed to the built runtime
 * in Chromium, each followed by random clicks, submits, changes and route changes. Nothing
 * may reach the page's error handlers, and the page's own handlers must run every time.
 */
import { expect, pageState, test } from './runtime-support';

const CONFIGS = 3000;

test('thousands of generated configs and random actions never disturb the page', async ({ rtPage: page, rtSite, site }) => {
  test.setTimeout(120_000);
  rtSite.answerConfig({ status: 404 }); // the script tag's own runtime stays without config
  await page.goto(site.url('/runtime/shop.html'));
  await page.waitForFunction(() => (window as any).Tagpoint?.start);

  const result = await page.evaluate(async (count) => {
    // mulberry32, seeded, so a failure can be replayed.
    let seed = 20261128;
    const rnd = () => {
      let t = (seed = (seed + 0x6d2b79f5) | 0);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const huge = 'x'.repeat(200_000);
    const deep = JSON.parse('['.repeat(3000) + ']'.repeat(3000));
    const selectors = [
      'button', '.add', '[data-testid=add-to-cart]', '#login', 'select#size', 'a#away', '.card:nth-child(2) > button',
      'main .grid .card h2 ~ button', ':is(.add, #away)', 'button:not(.nope)', '*', 'body *',
      'button[', '##x', '', ' ', '>>>', ':nope(', 'a'.repeat(5000), huge, '\\', '[data-x="\\"]', '}{', 'div:has(',
      42, null, {}, [], deep,
    ];
    const regexes = ['^/runtime', '(a+)+$', '([', '(?<', '.*', '\\', '(x*)*y', huge];
    const matches = ['exact', 'path-exact', 'path-prefix', 'contains', 'glob', 'regex', 'nope', 7, null];
    const triggers = ['click', 'submit', 'change', 'pageview', 'visible', 'hover', '', null, 3, {}];
    const sources = ['static', 'text', 'attribute', 'value', 'url', 'query', 'eval', null];
    const names = ['product', '__proto__', 'constructor', 'prototype', '', huge, 'a b', 5, 'toString', 'hasOwnProperty'];
    const values = ['x', 1, true, null, {}, [], deep, huge, -0, NaN];
    const transforms = ['number', 'lowercase', 'uppercase', 'boolean', 'eval', 5, undefined];

    const property = () =>
      rnd() < 0.1
        ? pick(values)
        : {
            name: pick(names),
            source: pick(sources),
            value: pick(values),
            selector: rnd() < 0.5 ? pick(selectors) : undefined,
            attribute: pick(['data-sku', 'value', 'href', '__proto__', '', 'on click', huge]),
            part: pick(['href', 'path', 'host', 'hash', 'title', 'nope', 9]),
            param: pick(['q', '', '__proto__', 9]),
            transform: pick(transforms),
          };
    const tag = (i: number) => {
      if (rnd() < 0.05) return pick(values);
      const t: Record<string, unknown> = {
        id: rnd() < 0.9 ? `t${i}` : pick(['__proto__', '', huge, 5, 't0']),
        event: rnd() < 0.9 ? `Event ${i}` : pick(values),
        trigger: pick(triggers),
        target: rnd() < 0.9
          ? { selector: pick(selectors), fallbacks: rnd() < 0.3 ? [pick(selectors), pick(selectors)] : pick([undefined, 'x', deep]), fingerprint: rnd() < 0.3 ? { tag: pick(['button', 'a', 5]), text: pick(['Add to cart', 5, null]), attributes: pick([{ class: 'add' }, deep, 'x', null]) } : undefined }
          : pick(values),
        pages: rnd() < 0.3 ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({ match: pick(matches), value: pick(regexes) })) : rnd() < 0.05 ? pick(values) : undefined,
        properties: rnd() < 0.7 ? Array.from({ length: Math.floor(rnd() * 4) }, property) : rnd() < 0.05 ? pick(values) : undefined,
        enabled: pick([true, false, undefined, 'no']),
      };
      if (rnd() < 0.05) Object.defineProperty(t, '__proto__', { value: { polluted: true }, enumerable: true });
      return t;
    };
    const config = (n: number) => {
      const r = rnd();
      if (r < 0.05) return pick(values);
      if (r < 0.1) return JSON.parse('{"__proto__": {"polluted": true}, "version": 1, "site": "x", "revision": 1, "tags": [{"__proto__": {"x": 1}, "id": "p", "event": "P", "trigger": "click", "target": {"selector": "button"}}]}');
      return {
        version: rnd() < 0.9 ? 1 : pick([2, '1', null, 0]),
        site: pick(['shop', huge, null]),
        revision: pick([1, -1, NaN, 'x', 1e300]),
        tags: rnd() < 0.95 ? Array.from({ length: Math.floor(rnd() * 12) }, (_, i) => tag(n * 100 + i)) : pick(values),
      };
    };

    const expected = { click: 0, submit: 0, change: 0 };
    let sent = 0;
    const targets = () => Array.from(document.querySelectorAll('main button, main h2, main .icon, main span, main select'));
    const form = document.getElementById('login') as HTMLFormElement;
    const select = document.getElementById('size') as HTMLSelectElement;
    const thrown: string[] = [];
    for (let n = 0; n < count; n++) {
      try {
        const handle = (window as any).Tagpoint.start({
          config: config(n),
          track: () => {
            sent++;
            if (rnd() < 0.1) throw new Error('a sink that throws');
          },
          debug: rnd() < 0.2 ? () => { throw new Error('a reporter that throws'); } : rnd() < 0.1,
          dataLayer: rnd() < 0.1,
        });
        if (rnd() < 0.2) handle.update(config(n + 1));
        for (let a = 0; a < 3; a++) {
          const action = Math.floor(rnd() * 5);
          if (action === 0) {
            const el = pick(targets()) as HTMLElement;
            el.click();
            // Clicks inside <main> count; the submit button's click also submits the form.
            expected.click++;
            if (el.id === 'login-submit') expected.submit++;
          } else if (action === 1) {
            form.requestSubmit();
            expected.submit++;
          } else if (action === 2) {
            select.value = pick(['s', 'm', 'l']);
            select.dispatchEvent(new Event('change', { bubbles: true }));
            expected.change++;
          } else if (action === 3) {
            history.pushState({}, '', pick(['/runtime/shop.html', '/runtime/cart', '/runtime/shop.html?q=1#x', '/runtime/p/' + n]));
          } else {
            location.hash = '#h' + n;
          }
        }
        await Promise.resolve();
        handle.stop();
      } catch (error) {
        thrown.push(String(error));
      }
    }
    history.replaceState({}, '', '/runtime/shop.html');
    // A rejection of our own, left unhandled on purpose, after all the runs: the page reports
    // unhandled rejections in order, so once it is in, any the runtime left is in before it.
    void Promise.reject(new Error('fuzz sentinel'));
    return { expected, sent, thrown, polluted: ({} as any).polluted ?? null, dataLayer: Array.isArray((window as any).dataLayer) };
  }, CONFIGS);

  expect(result.thrown).toEqual([]);
  expect(result.polluted).toBeNull();
  // Some generated configs are valid: events did flow, so the fuzz reached the matching code.
  expect(result.sent).toBeGreaterThan(100);
  await expect.poll(async () => (await pageState(page)).errors.at(-1)).toBe('rejection: Error: fuzz sentinel');
  const state = await pageState(page);
  expect(state.errors).toEqual(['rejection: Error: fuzz sentinel']);
  expect(state.handlers).toEqual(result.expected);
});
