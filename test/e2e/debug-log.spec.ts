/** The extension's debug log (lib/debug) in real Chromium: what any context records, the side panel exports and clears. */
import { readFile } from 'node:fs/promises';
import { DEBUG_LOG_KEY } from '../../lib/debug/log';
import { expect, test } from './fixtures';
import { SidePanel, tabIdOf } from './pages/tagging';

type StorageApi = { chrome: { storage: { local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> } } } };

test('the side panel exports the debug log as JSON and clears it', async ({ context, page, site, extensionId, serviceWorker }) => {
  // Entries as the background records them (reportTo writes this key from every context).
  const recorded = [
    { time: Date.UTC(2026, 11, 2, 16, 30), where: 'background: open the side panel from the shortcut', message: 'Error: No active side panel for tabId' },
    { time: Date.UTC(2026, 11, 2, 16, 31), where: 'side panel: highlight a tag', message: 'Error: Could not establish connection. Receiving end does not exist.' },
  ];
  await serviceWorker.evaluate(
    async ([key, entries]) => (globalThis as unknown as StorageApi).chrome.storage.local.set({ [key as string]: entries }),
    [DEBUG_LOG_KEY, recorded] as const,
  );
  await page.goto(site.url('/shop/'));
  const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
  const section = panel.page.locator('details.debug-log');
  await section.locator('summary').click();
  await expect(section.locator('summary')).toHaveText('Debug log (2)');

  const download = panel.page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export debug log' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tagpoint-debug-log-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/);
  const exported = JSON.parse(await readFile((await file.path())!, 'utf8'));
  expect(exported).toMatchObject({ format: 'tagpoint-debug-log', formatVersion: 1, extensionVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  expect(exported.entries).toEqual(recorded.map((e) => ({ ...e, time: new Date(e.time).toISOString() })));
  await expect(section.getByRole('status')).toHaveText('Exported 2 entries.');

  await section.getByRole('button', { name: 'Clear' }).click();
  await expect(section.getByRole('status')).toHaveText('Cleared the debug log.');
  await expect(section.getByRole('button', { name: 'Clear' })).toBeDisabled();
  expect(await serviceWorker.evaluate(async (key) => (await (globalThis as unknown as StorageApi).chrome.storage.local.get(key))[key], DEBUG_LOG_KEY)).toBeUndefined();
});
