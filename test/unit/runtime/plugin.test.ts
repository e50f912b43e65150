import { afterEach, expect, it } from 'vitest';
import { tagpointPlugin } from '../../../lib/runtime';

const config = {
  version: 1,
  site: 'shop',
  revision: 2,
  tags: [{ id: 'buy', event: 'Bought', trigger: 'click', target: { selector: '#buy' }, properties: [{ name: 'k', source: 'static', value: 'v' }] }],
};

afterEach(() => {
  document.body.innerHTML = '';
});

it('is an analytics-next utility plugin that sends through the analytics it is registered with', async () => {
  document.body.innerHTML = '<button id="buy">Buy</button>';
  const calls: unknown[][] = [];
  const analytics = { track: (...args: unknown[]) => calls.push(args) };
  const plugin = tagpointPlugin({ config });
  expect({ name: plugin.name, type: plugin.type, loaded: plugin.isLoaded() }).toEqual({ name: 'Tagpoint', type: 'utility', loaded: false });
  expect(plugin.version).toMatch(/^\d+\.\d+\.\d+$/);
  await plugin.load({}, analytics);
  expect(plugin.isLoaded()).toBe(true);
  document.getElementById('buy')!.click();
  expect(calls).toEqual([['Bought', { k: 'v' }, { context: { tagpoint: { tag: 'buy', revision: 2 } } }]]);
  await plugin.unload();
  expect(plugin.isLoaded()).toBe(false);
  document.getElementById('buy')!.click();
  expect(calls).toHaveLength(1);
});

it('makes page and identify calls on the analytics it is registered with', async () => {
  document.body.innerHTML = '<form id="f"><input id="email" value="ada@example.com"></form>';
  const optIn = { by: 'Ada', at: '2026-05-01T09:30:00Z' };
  const calls: unknown[][] = [];
  const analytics = {
    track: (...args: unknown[]) => calls.push(['track', ...args]),
    page: (...args: unknown[]) => calls.push(['page', ...args]),
    identify: (...args: unknown[]) => calls.push(['identify', ...args]),
  };
  const plugin = tagpointPlugin({
    config: {
      version: 1,
      site: 'shop',
      revision: 3,
      tags: [
        { id: 'pv', event: 'Home', trigger: 'pageview', call: 'page' },
        { id: 'id', event: 'Signed Up', trigger: 'submit', call: 'identify', target: { selector: '#f' }, traits: [{ name: 'email', source: 'value', selector: '#email', optIn }] },
      ],
    },
  });
  await plugin.load({}, analytics);
  document.getElementById('f')!.dispatchEvent(new Event('submit', { bubbles: true }));
  await plugin.unload();
  expect(calls).toEqual([
    ['page', null, 'Home', {}, { context: { tagpoint: { tag: 'pv', revision: 3 } } }],
    ['identify', undefined, { email: 'ada@example.com' }, { context: { tagpoint: { tag: 'id', revision: 3 } } }],
  ]);
});
