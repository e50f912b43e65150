/**
 * The scroll and visible triggers (issue 18, item 3) in real Chromium with the real
 * @segment/analytics-next: a scroll tag at 50% and a visible tag that needs its element
 * 1 s in view each arrive at the collector exactly once, however the page is scrolled
 * back and forth. tagpoint.js loads tagpoint-extras.js for them (both need the watcher).
 */
import { configOf, expect, pageState, test } from './runtime-support';

const LONG = '/runtime/long.html';
const TAGS = [
  { id: 'depth', event: 'Article Scrolled', trigger: 'scroll', scroll: { thresholds: [50] }, properties: [{ name: 'path', source: 'url', part: 'path' }] },
  { id: 'deep', event: 'Article Read', trigger: 'scroll', scroll: { thresholds: [90, 100] } },
  { id: 'mark', event: 'Marker Clicked', trigger: 'click', target: { selector: '#end' } },
  { id: 'promo', event: 'Promotion Viewed', trigger: 'visible', target: { selector: '#promo' }, visible: { minPercent: 100, minDuration: 1000 }, properties: [{ name: 'text', source: 'text' }] },
];
const byEvent = (tracks: any[], event: string) => tracks.filter((t) => t.event === event);

test('a 50% scroll tag and a visible tag with a 1 s minimum each fire exactly once', async ({ rtPage: page, rtSite, site }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1000, height: 800 });
  rtSite.answerConfig({ config: configOf(TAGS, 3) });
  await page.goto(site.url(LONG));
  await expect.poll(() => page.evaluate(() => !!(window as any).TagpointExtras)).toBe(true);
  const scrollTo = (y: number) => page.evaluate((top) => window.scrollTo(0, top), y);
  // The promo (1,500-1,700 px) passes through the window for less than a second: not counted.
  await scrollTo(1200);
  await scrollTo(0);
  // Half of the page (4,300 px): the bottom of the window at 2,150 px. The promo is in view from here.
  await scrollTo(1400);
  const [depth] = await rtSite.waitForTracks(1);
  expect(depth).toMatchObject({ event: 'Article Scrolled', properties: { path: LONG, scroll_depth: 50 }, context: { tagpoint: { tag: 'depth', revision: 3 } } });
  // A second in view, then the promo's event.
  await expect.poll(() => byEvent(rtSite.tracks(), 'Promotion Viewed').length, { timeout: 10_000 }).toBe(1);
  expect(byEvent(rtSite.tracks(), 'Promotion Viewed')[0].properties).toEqual({ text: 'Spring sale: 20% off' });
  // Back and forth: neither fires again. The bottom then reaches 90 and 100%: two more events.
  await scrollTo(0);
  await scrollTo(1400);
  await scrollTo(100_000);
  await expect.poll(() => byEvent(rtSite.tracks(), 'Article Read').length).toBe(2);
  expect(byEvent(rtSite.tracks(), 'Article Read').map((t) => t.properties.scroll_depth)).toEqual([90, 100]);
  // The promo back in view for over a second again: still one event (once per element and page view).
  await scrollTo(1400);
  // Longer than the promo's second, on the page's own clock; then a marker click, so what was sent before it is in.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1300)));
  await page.click('#end');
  await expect.poll(() => byEvent(rtSite.tracks(), 'Marker Clicked').length).toBe(1);
  expect(byEvent(rtSite.tracks(), 'Article Scrolled')).toHaveLength(1);
  expect(byEvent(rtSite.tracks(), 'Promotion Viewed')).toHaveLength(1);
  expect((await pageState(page)).errors).toEqual([]);
});
