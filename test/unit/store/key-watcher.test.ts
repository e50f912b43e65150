import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createKeyWatcher } from '../../../lib/store/key-watcher';

describe('createKeyWatcher', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['local', 'watched', ['v']],
    ['local', 'other', []],
    ['session', 'watched', []],
  ] as const)('a change of %s:%s reaches the listener of local:watched as %j', async (area, key, expected) => {
    const watcher = createKeyWatcher(fakeBrowser.storage.onChanged, 'local');
    const seen: unknown[] = [];
    watcher.watch('watched', (value) => seen.push(value));
    await fakeBrowser.storage[area].set({ [key]: 'v' });
    expect(seen).toEqual(expected);
    watcher.dispose();
  });

  it('reports a removal (no new value); a disposer stops one listener, dispose() the rest', async () => {
    const watcher = createKeyWatcher(fakeBrowser.storage.onChanged, 'local');
    const first: unknown[] = [];
    const second: unknown[] = [];
    // Browsers leave newValue out on removal; the fake browser sets it to null.
    const stopFirst = watcher.watch('k', (value) => first.push(value ?? 'removed'));
    watcher.watch('k', (value) => second.push(value ?? 'removed'));
    await fakeBrowser.storage.local.set({ k: 1 });
    await fakeBrowser.storage.local.remove('k');
    stopFirst();
    await fakeBrowser.storage.local.set({ k: 2 });
    watcher.dispose();
    await fakeBrowser.storage.local.set({ k: 3 });
    expect(first).toEqual([1, 'removed']);
    expect(second).toEqual([1, 'removed', 2]);
  });
});
