import { describe, expect, it } from 'vitest';
import { requestStartTagging, START_INTENT_KEY, takeStartIntent, type IntentArea } from '../../../lib/popup/start-intent';

function area(): IntentArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: data[key] } : {}),
    set: async (items) => void Object.assign(data, items),
    remove: async (key) => void delete data[key],
  };
}

describe('the popup start intent', () => {
  it('is taken once, for its own tab, while fresh', async () => {
    const a = area();
    await requestStartTagging(a, 7, 1_000);
    expect(await takeStartIntent(a, 8, { now: 1_500 })).toBe(false);
    expect(await takeStartIntent(a, 7, { now: 1_500 })).toBe(true);
    expect(await takeStartIntent(a, 7, { now: 1_600 })).toBe(false);
    await requestStartTagging(a, 7, 1_000);
    expect(await takeStartIntent(a, 7, { now: 60_000 })).toBe(false);
    expect(a.data[START_INTENT_KEY]).toBeUndefined();
  });

  it('ignores what is not an intent', async () => {
    const a = area();
    a.data[START_INTENT_KEY] = { tabId: '7', at: 'now' };
    expect(await takeStartIntent(a, 7)).toBe(false);
  });
});
