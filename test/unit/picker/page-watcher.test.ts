import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageWatcher } from '../../../lib/picker/page-watcher';

describe('createPageWatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('reports a history-API route change (no event an isolated script hears) and relayouts once per frame', async () => {
    vi.useFakeTimers();
    const urls: string[] = [];
    let layouts = 0;
    const watcher = createPageWatcher({ onLayout: () => layouts++, onUrlChange: (url) => urls.push(url), urlPollMs: 100 });
    history.pushState({}, '', '/products/42');
    await vi.advanceTimersByTimeAsync(150);
    expect(urls).toEqual([location.href]);
    expect(location.pathname).toBe('/products/42');

    const before = layouts;
    for (let i = 0; i < 10; i++) window.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(50);
    expect(layouts - before).toBe(1);

    watcher.stop();
    history.pushState({}, '', '/elsewhere');
    window.dispatchEvent(new Event('resize'));
    await vi.advanceTimersByTimeAsync(300);
    expect(urls).toHaveLength(1);
    expect(layouts - before).toBe(1);
  });
});
