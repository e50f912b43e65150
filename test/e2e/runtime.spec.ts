/**
 * The website runtime in real Chromium with the real @segment/analytics-next: tagged user
 * actions arrive at a collector on 127.0.0.1 with the right event, properties and
 * context.tagpoint; broken configs and failing config URLs leave the page alone.
 */
import { configOf, debugMessages, expect, markDebug, pageState, recordDebug, test } from './runtime-support';

const SHOP = '/runtime/shop.html';

const TAGS = [
  {
    id: 'add',
    event: 'Product Added',
    trigger: 'click',
    target: { selector: '[data-testid=add-to-cart]' },
    properties: [
      { name: 'product', source: 'text', selector: 'h2.title' },
      { name: 'price', source: 'text', selector: '.price', transform: 'number' },
      { name: 'sku', source: 'attribute', attribute: 'data-sku', selector: '.card' },
      { name: 'placement', source: 'static', value: 'grid' },
    ],
  },
  {
    id: 'login',
    event: 'Signed In',
    trigger: 'submit',
    target: { selector: '#login' },
    properties: [
      { name: 'email', source: 'value', selector: '#email' },
      // Asks for what must never be sent: the runtime refuses each one.
      { name: 'password', source: 'value', selector: '#password' },
      { name: 'passwordAttr', source: 'attribute', attribute: 'value', selector: '#password' },
      { name: 'passwordText', source: 'text', selector: '#password' },
      { name: 'card', source: 'value', selector: '#card' },
    ],
  },
  { id: 'size', event: 'Size Chosen', trigger: 'change', target: { selector: 'select#size' }, properties: [{ name: 'size', source: 'value' }] },
  { id: 'pv', event: 'Page Viewed', trigger: 'pageview', properties: [{ name: 'path', source: 'url', part: 'path' }] },
  {
    id: 'away',
    event: 'Left Shop',
    trigger: 'click',
    target: { selector: 'a#away' },
    properties: [{ name: 'href', source: 'attribute', attribute: 'href' }],
  },
];

const byEvent = (tracks: any[], event: string) => tracks.filter((t) => t.event === event);

test.describe('with analytics-next', () => {
  test('clicks, submits, changes and route changes arrive with properties and context.tagpoint', async ({ rtPage: page, rtSite, site, refusingProxy }) => {
    rtSite.answerConfig({ config: configOf(TAGS, 7) });
    await page.goto(site.url(SHOP));
    await rtSite.waitForTracks(1); // the page view

    await page.locator('.card').nth(1).locator('.icon').click();
    await page.fill('#email', 'ann@example.test');
    await page.fill('#password', 'hunter2-secret');
    await page.fill('#card', '4111111111111111');
    await page.click('#login-submit');
    await page.selectOption('#size', 'l');
    await page.click('#to-cart');
    const tracks = await rtSite.waitForTracks(5);

    const [added] = byEvent(tracks, 'Product Added');
    expect(added.properties).toEqual({ product: 'Chair', price: 89.5, sku: 'CHAIR-2', placement: 'grid' });
    expect(added.context.tagpoint).toEqual({ tag: 'add', revision: 7 });

    const [signed] = byEvent(tracks, 'Signed In');
    expect(signed.properties).toEqual({ email: 'ann@example.test', password: null, passwordAttr: null, passwordText: null, card: null });
    expect(signed.context.tagpoint).toEqual({ tag: 'login', revision: 7 });

    expect(byEvent(tracks, 'Size Chosen').map((t) => t.properties)).toEqual([{ size: 'l' }]);
    expect(byEvent(tracks, 'Page Viewed').map((t) => t.properties.path)).toEqual(['/runtime/shop.html', '/runtime/cart']);

    const all = JSON.stringify(rtSite.collected);
    expect(all).not.toContain('hunter2-secret');
    expect(all).not.toContain('4111111111111111');
    // The page's own handlers all ran (the form's stops propagation), and saw no error.
    expect(await pageState(page)).toEqual({ errors: [], handlers: { click: 2, submit: 1, change: 1 } }); // the add button and the submit button
    // Nothing tried to leave 127.0.0.1 (the proxy refuses and logs whatever does).
    expect(refusingProxy.hits).toEqual([]);
  });

  test('a link that navigates away still delivers its event', async ({ rtPage: page, rtSite, site }) => {
    rtSite.answerConfig({ config: configOf(TAGS, 2) });
    await page.goto(site.url(SHOP));
    await rtSite.waitForTracks(1);
    await Promise.all([page.waitForURL('**/runtime/other.html'), page.click('#away')]);
    await expect(page.locator('#arrived')).toBeVisible();
    const tracks = await rtSite.waitForTracks(2);
    const [left] = byEvent(tracks, 'Left Shop');
    expect(left.properties).toEqual({ href: '/runtime/other.html' });
    expect(left.context.tagpoint).toEqual({ tag: 'away', revision: 2 });
  });

  test('a submit tag picked on the submit button fires when that button submits the form', async ({ rtPage: page, rtSite, site }) => {
    const onButton = { id: 'login-button', event: 'Sign In Submitted', trigger: 'submit', target: { selector: '#login-submit' }, properties: [{ name: 'email', source: 'value', selector: '#email' }] };
    const onForm = TAGS.find((t) => (t as { id: string }).id === 'login')!;
    rtSite.answerConfig({ config: configOf([onForm, onButton, TAGS.find((t) => (t as { id: string }).id === 'pv')!], 3) });
    await page.goto(site.url(SHOP));
    await rtSite.waitForTracks(1); // the page view
    await page.fill('#email', 'ann@example.test');
    await page.click('#login-submit');
    const tracks = await rtSite.waitForTracks(3);
    // Both fire once: the tag on the form and the one on the button that submitted it.
    expect(byEvent(tracks, 'Signed In')).toHaveLength(1);
    expect(byEvent(tracks, 'Sign In Submitted').map((t) => t.properties)).toEqual([{ email: 'ann@example.test' }]);
  });

  test('broken tags are skipped while the good ones fire', async ({ rtPage: page, rtSite, site }) => {
    const broken = [
      { id: 'b1', event: 'Bad Selector', trigger: 'click', target: { selector: 'button[data-testid=' } },
      { id: 'b2', event: 'Bad Trigger', trigger: 'hover', target: { selector: 'button' } },
      { id: 'b3', event: 'Bad Regex', trigger: 'click', target: { selector: 'button' }, pages: [{ match: 'regex', value: '([' }] },
      { id: 'b4', event: 'No Target', trigger: 'click' },
      { id: 'b5', event: 'Proto', trigger: 'click', target: { selector: 'button' }, properties: [{ name: '__proto__', source: 'static', value: 'x' }] },
      'not a tag',
      null,
    ];
    // A good tag on a button too, clicked second: it shows the runtime is still listening.
    const after = { id: 'home', event: 'Home Clicked', trigger: 'click', target: { selector: '#to-home' } };
    rtSite.answerConfig({ config: configOf([...broken, ...TAGS.slice(0, 1), after], 3) });
    await recordDebug(page);
    await page.goto(site.url(`${SHOP}?tagpoint_debug=1`));
    await expect.poll(async () => (await debugMessages(page)).find((m) => m.type === 'config')).toMatchObject({ tags: 2, invalid: 7 });
    await page.locator('.card').first().locator('button').click();
    await page.click('#to-home');
    // Every tag either click fired has reported by the time the marker posted after them arrives.
    const messages = await markDebug(page, 'after-clicks');
    expect(messages.filter((m) => m.type === 'fired').map((m) => m.tag)).toEqual(['add', 'home']);
    expect(messages.filter((m) => m.type === 'invalid-tag').map((m) => m.tag).sort()).toEqual(['#5', '#6', 'b1', 'b2', 'b3', 'b4', 'b5']);
    // So exactly these two events were sent; both arrive.
    const tracks = await rtSite.waitForTracks(2);
    expect(tracks.map((t) => t.event).sort()).toEqual(['Home Clicked', 'Product Added']);
    expect(byEvent(tracks, 'Product Added')[0].properties.product).toBe('Desk lamp');
    expect((await pageState(page)).errors).toEqual([]);
  });
});

test.describe('failing config URL', () => {
  for (const [name, answer] of [
    ['404', { status: 404, text: 'not here' }],
    ['500', { status: 500, text: 'oops' }],
    ['invalid JSON', { text: '{"version": 1, "tags": [' }],
    ['unknown version', { config: { version: 99, tags: [] } }],
  ] as const) {
    test(`${name}: the page keeps working and the cached config is used`, async ({ rtPage: page, rtSite, site }) => {
      // First visit: a good config, which the runtime keeps.
      rtSite.answerConfig({ config: configOf(TAGS.slice(0, 1), 5) });
      await page.goto(site.url(SHOP));
      await page.locator('.card').first().locator('button').click();
      await rtSite.waitForTracks(1);

      rtSite.answerConfig(answer);
      await page.reload();
      await page.locator('.card').nth(1).locator('button').click();
      const tracks = await rtSite.waitForTracks(2);
      expect(tracks[1].properties.product).toBe('Chair');
      expect(tracks[1].context.tagpoint).toEqual({ tag: 'add', revision: 5 });
      expect(await pageState(page)).toEqual({ errors: [], handlers: { click: 1, submit: 0, change: 0 } });
    });
  }

  test('without a cache, a failing URL sends nothing and disturbs nothing', async ({ rtPage: page, rtSite, site }) => {
    rtSite.answerConfig({ status: 500 });
    await recordDebug(page);
    await page.goto(site.url(`${SHOP}?tagpoint_debug=1`));
    await page.locator('.card').first().locator('button').click();
    await page.click('#login-submit');
    // The runtime says it gave up (the clicks above were buffered, then dropped) ...
    await expect.poll(async () => (await debugMessages(page)).map((m) => m.type)).toContain('load-error');
    await page.locator('.card').nth(1).locator('button').click();
    // ... and fired nothing, before or after: every message it posted is in by the marker.
    const messages = await markDebug(page, 'after-clicks');
    expect(messages.map((m) => m.type)).toEqual(['load-error']);
    // What the page sends itself still goes out, and it is the only event that arrives.
    await page.evaluate(() => (window as any).analytics.track('Page Own Event'));
    expect((await rtSite.waitForTracks(1)).map((t) => t.event)).toEqual(['Page Own Event']);
    expect(await pageState(page)).toEqual({ errors: [], handlers: { click: 3, submit: 1, change: 0 } });
  });

  test('a config URL that never answers times out, then the cache serves; actions meanwhile are buffered', async ({ rtPage: page, rtSite, site }) => {
    await page.goto(site.url('/runtime/other.html'));
    // Seed the cache through a first start with a good config.
    rtSite.answerConfig({ config: configOf(TAGS.slice(0, 1), 9) });
    await page.goto(site.url(SHOP));
    await page.waitForFunction(() => (window as any).Tagpoint?.start);
    rtSite.answerConfig({ hang: true });
    // A second page load: the script tag's fetch hangs (default timeout 5 s) ...
    await page.reload();
    await page.locator('.card').nth(1).locator('button').click();
    // ... the click waits in the buffer and is sent once the cached config is in use.
    const tracks = await rtSite.waitForTracks(1, 15_000);
    expect(tracks[0].properties.product).toBe('Chair');
    expect(tracks[0].context.tagpoint.revision).toBe(9);
    expect((await pageState(page)).errors).toEqual([]);
  });
});

test('Tagpoint.start with a custom sink and timeout; stop() removes everything', async ({ rtPage: page, rtSite, site }) => {
  rtSite.answerConfig({ hang: true });
  await page.goto(site.url(SHOP));
  const result = await page.evaluate(async () => {
    const calls: unknown[] = [];
    const t0 = performance.now();
    const handle = await (window as any).Tagpoint.start({
      configUrl: '/rt/config.json?manual',
      timeout: 300,
      track: (event: string, properties: unknown, meta: unknown) => calls.push({ event, properties, meta }),
    });
    const waited = performance.now() - t0;
    const live = handle.update({
      version: 1,
      site: 's',
      revision: 11,
      tags: [{ id: 'c', event: 'Card Clicked', trigger: 'click', target: { selector: '.card' } }],
    });
    (document.querySelector('.card h2') as HTMLElement).click();
    handle.stop();
    (document.querySelector('.card h2') as HTMLElement).click();
    return { calls, live, waited };
  });
  expect(result.live).toBe(true);
  expect(result.waited).toBeLessThan(3000);
  expect(result.calls).toEqual([{ event: 'Card Clicked', properties: {}, meta: { tag: 'c', revision: 11, call: 'track' } }]);
});

test('the debug bridge posts fired and not-fired messages', async ({ rtPage: page, rtSite, site }) => {
  rtSite.answerConfig({ config: configOf([...TAGS.slice(0, 1), { id: 'off', event: 'Off', trigger: 'click', target: { selector: 'button' }, enabled: false }], 4) });
  await recordDebug(page);
  await page.goto(site.url(`${SHOP}?tagpoint_debug=1`));
  await page.locator('.card').first().locator('button').click();
  await expect.poll(async () => (await debugMessages(page)).map((m) => m.type)).toContain('fired');
  const messages = await debugMessages(page);
  const fired = messages.find((m: any) => m.type === 'fired');
  expect(fired).toMatchObject({ tag: 'add', event: 'Product Added', trigger: 'click', revision: 4, element: 'button.add' });
  expect(fired.properties.product).toBe('Desk lamp');
  expect(messages.find((m: any) => m.type === 'not-fired' && m.tag === 'off')).toMatchObject({ reason: 'disabled' });
  expect(messages.find((m: any) => m.type === 'config')).toMatchObject({ origin: 'network', tags: 2, invalid: 0 });
});
