/**
 * A shadow-DOM tag (`target.hosts`) fires only for its own chain of shadow hosts: not for the
 * same selector in the light DOM, under another host, under its host's name one shadow level
 * deeper, or under the inner host alone. Real Chromium, the built tagpoint.js, the real
 * @segment/analytics-next sending to the local collector.
 */
import { configOf, expect, pageState, test } from './runtime-support';

const TAGS = [
  {
    id: 'nl',
    event: 'Newsletter Subscribed',
    trigger: 'click',
    target: { selector: '.nl-submit', hosts: ['newsletter-box'] },
    // Read inside the same shadow root as the target.
    properties: [{ name: 'list', source: 'text', selector: '.nl-title' }],
  },
  { id: 'go', event: 'Go Clicked', trigger: 'click', target: { selector: 'button.go', hosts: ['#outer', 'inner-box'] } },
  // Its event says the config is in use.
  { id: 'pv', event: 'Shadow Page Viewed', trigger: 'pageview' },
  // Clicked last: every click before it has been handled when its event is sent.
  { id: 'done', event: 'Done Clicked', trigger: 'click', target: { selector: '#done' } },
];

test('a shadow-DOM tag fires only inside its host chain', async ({ rtPage: page, rtSite, site }) => {
  rtSite.answerConfig({ config: configOf(TAGS) });
  await page.goto(site.url('/runtime/shadow.html'));
  await rtSite.waitForTracks(1);
  // Same selector, wrong chain: none of these may fire.
  await page.click('#light');
  await page.locator('#promo .nl-submit').click();
  await page.locator('#wrapped-nl .nl-submit').click();
  await page.locator('#stray-inner button.go').click();
  // The tagged chains.
  await page.locator('#nl .nl-submit').click();
  await page.locator('#inner button.go').click();
  await page.click('#done');
  await expect.poll(() => rtSite.tracks().some((t) => t.event === 'Done Clicked')).toBe(true);
  // Every click before "Done" was handled before it, so nothing else fired.
  const tracks = rtSite.tracks().filter((t) => t.event !== 'Shadow Page Viewed');
  expect(tracks.map((t) => t.event).sort()).toEqual(['Done Clicked', 'Go Clicked', 'Newsletter Subscribed']);
  expect(tracks.find((t) => t.event === 'Newsletter Subscribed').properties).toEqual({ list: 'Weekly news' });
  const state = await pageState(page);
  expect(state.errors).toEqual([]);
  expect(state.handlers.click).toBe(7);
});
