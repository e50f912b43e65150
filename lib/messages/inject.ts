import { browser } from 'wxt/browser';
import { PickerResponseSchemas } from './schemas';
import { errorText } from './error-text';
import type { BackgroundResponse } from './schemas';

/** The picker's built file (WXT unlisted script `entrypoints/picker`). */
export const PICKER_FILE = '/picker.js';

/** Options of `ensurePicker`. */
export interface EnsurePickerOptions {
  /** How long to wait for the injected picker to answer, in ms. Default 2000. */
  timeoutMs?: number;
}

async function ping(tabId: number): Promise<boolean> {
  try {
    const answer = await browser.tabs.sendMessage(tabId, { type: 'picker:ping' });
    return PickerResponseSchemas['picker:ping'].safeParse(answer).success;
  } catch {
    // No picker in the tab (not injected yet, or the page navigated): the caller injects one.
    return false;
  }
}

/**
 * Makes sure the picker runs in the tab's top frame: pings it, injects it with
 * `scripting.executeScript` when it does not answer (needs activeTab, granted by the
 * toolbar button or the shortcut, or a host permission), and waits until it answers.
 */
export async function ensurePicker(tabId: number, options: EnsurePickerOptions = {}): Promise<{ ok: true } | { ok: false; error: string }> {
  if (await ping(tabId)) return { ok: true };
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [PICKER_FILE] });
  } catch (error) {
    return { ok: false, error: `Tagpoint cannot open this page: ${errorText(error)}. Click the Tagpoint toolbar button on the page first.` };
  }
  const deadline = Date.now() + (options.timeoutMs ?? 2_000);
  while (Date.now() < deadline) {
    if (await ping(tabId)) return { ok: true };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { ok: false, error: 'the picker did not start on this page' };
}

/** Opens the side panel (Chromium) or sidebar (Firefox). Must run inside a user gesture. */
export async function openSidePanel(tabId: number, windowId?: number): Promise<void> {
  const api = browser as unknown as {
    sidePanel?: { open(options: { tabId?: number; windowId?: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidePanel) await api.sidePanel.open(windowId !== undefined ? { windowId } : { tabId });
  else if (api.sidebarAction) await api.sidebarAction.open();
}

async function isPicking(tabId: number): Promise<boolean> {
  const answer = PickerResponseSchemas['picker:ping'].safeParse(await browser.tabs.sendMessage(tabId, { type: 'picker:ping' }));
  return answer.success && answer.data.picking;
}

/** Starts picking in a tab: inject the picker if needed, then tell it to start. */
export async function startPicking(tabId: number): Promise<BackgroundResponse> {
  const ready = await ensurePicker(tabId);
  if (!ready.ok) return ready;
  try {
    // Already picking (the popup and the side panel both ask, lib/popup/start-intent.ts): a
    // second start would only reset what the user is hovering.
    if (await isPicking(tabId)) return { ok: true };
    await browser.tabs.sendMessage(tabId, { type: 'picker:start', purpose: 'target' });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
