import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDebugLog, DEBUG_LOG_KEY, debugLog, debugLogExport, debugLogFileName, describeError, reportTo } from '../../../lib/debug';

describe('debug log (browser.storage.local through the fake browser)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records where and what failed, keeps the newest entries and caps messages', async () => {
    let t = 1_000;
    const log = createDebugLog({ maxEntries: 3, maxMessage: 20, now: () => t++ });
    await log.record('background: open side panel', new Error('No active side panel for tab 4'));
    await log.record('side panel: stop picker', 'Receiving end does not exist.');
    await log.record('popup', { code: 7 });
    await log.record('agent: emit', new TypeError('x'));
    const entries = await log.entries();
    expect(entries.map((e) => [e.time, e.where, e.message])).toEqual([
      [1_001, 'side panel: stop picker', 'Receiving end does n'],
      [1_002, 'popup', '{"code":7}'],
      [1_003, 'agent: emit', 'TypeError: x'],
    ]);
  });

  it('loses no entry when many are recorded at once, and clears', async () => {
    const log = createDebugLog();
    await Promise.all(Array.from({ length: 25 }, (_, i) => log.record('burst', `failure ${i}`)));
    expect((await log.entries()).map((e) => e.message)).toEqual(Array.from({ length: 25 }, (_, i) => `failure ${i}`));
    await log.clear();
    expect(await log.entries()).toEqual([]);
  });

  it('reads past what another build or a hostile write left in the key', async () => {
    await fakeBrowser.storage.local.set({ [DEBUG_LOG_KEY]: [{ time: 1, where: 'w', message: 'm' }, { time: 'x' }, null, 'text'] });
    expect(await createDebugLog().entries()).toEqual([{ time: 1, where: 'w', message: 'm' }]);
    await fakeBrowser.storage.local.set({ [DEBUG_LOG_KEY]: { not: 'a list' } });
    expect(await createDebugLog().entries()).toEqual([]);
  });

  it('never throws when the log itself cannot be written: it says so on the console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const area = { get: async () => ({}), set: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')), remove: async () => undefined };
    await expect(createDebugLog({ area }).record('x', new Error('first'))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Error: first'), expect.objectContaining({ message: 'QUOTA_BYTES quota exceeded' }));
    warn.mockRestore();
  });

  it('reportTo is a .catch handler that records into the shared log', async () => {
    await Promise.reject(new Error('Could not establish connection')).catch(reportTo('side panel: highlight'));
    await vi.waitFor(async () => expect((await debugLog().entries()).map((e) => e.where)).toContain('side panel: highlight'));
    expect((await debugLog().entries()).at(-1)!.message).toBe('Error: Could not establish connection');
  });

  it('exports JSON with the extension version, oldest first, in ISO times', () => {
    const text = debugLogExport(
      [
        { time: Date.UTC(2026, 11, 2, 16, 31), where: 'b', message: 'second' },
        { time: Date.UTC(2026, 11, 2, 16, 30), where: 'a', message: 'first' },
      ],
      { version: '0.1.0', userAgent: 'UA', exportedAt: Date.UTC(2026, 11, 2, 16, 32) },
    );
    expect(JSON.parse(text)).toEqual({
      format: 'tagpoint-debug-log',
      formatVersion: 1,
      extensionVersion: '0.1.0',
      userAgent: 'UA',
      exportedAt: '2026-12-02T16:32:00.000Z',
      entries: [
        { time: '2026-12-02T16:30:00.000Z', where: 'a', message: 'first' },
        { time: '2026-12-02T16:31:00.000Z', where: 'b', message: 'second' },
      ],
    });
    expect(debugLogFileName(Date.UTC(2026, 11, 2, 16, 30, 5, 123))).toBe('tagpoint-debug-log-2026-12-02T16-30-05Z.json');
  });

  it('describes what was thrown on one line', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeError(new RangeError('r'))).toBe('RangeError: r');
    expect(describeError(undefined)).toBe('undefined');
    expect(describeError(cyclic)).toBe('[object Object]');
  });
});
