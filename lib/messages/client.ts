import { browser } from 'wxt/browser';
import type { z } from '../config/zod';
import {
  BackgroundResponseSchema,
  PickerEventSchema,
  PickerResponseSchemas,
  type BackgroundRequest,
  type BackgroundResponse,
  type PickerEvent,
  type PickerRequest,
  type PickerResponse,
} from './schemas';
import { isFromContentScript } from './guard';
import { errorText } from './error-text';

/** Sends a command to the background worker; the answer is validated. */
export async function sendToBackground(request: BackgroundRequest): Promise<BackgroundResponse> {
  try {
    const answer = await browser.runtime.sendMessage(request);
    const parsed = BackgroundResponseSchema.safeParse(answer);
    return parsed.success ? parsed.data : { ok: false, error: 'the background sent an invalid answer' };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}

/**
 * Sends a request to the picker in `tabId`. Resolves to the validated answer, or throws
 * when the picker is not there or answers something that does not fit the schema.
 */
export async function sendToPicker<R extends PickerRequest>(tabId: number, request: R): Promise<PickerResponse<R['type']>> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, request);
  const schema = PickerResponseSchemas[request.type] as unknown as z.ZodType<PickerResponse<R['type']>>;
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new Error(`invalid answer from the picker to ${request.type}`);
  return parsed.data;
}

/**
 * Listens to the picker's events of one tab (or of every tab). Messages from anything but
 * our own content script, or not fitting the schema, are ignored. Returns the disposer.
 */
export function onPickerEvent(handler: (event: PickerEvent, tabId: number) => void, tabId?: number): () => void {
  const listener = (message: unknown, sender: { id?: string; url?: string; tab?: { id?: number } }) => {
    if (!isFromContentScript(sender, browser.runtime.id, tabId)) return undefined;
    const parsed = PickerEventSchema.safeParse(message);
    if (parsed.success) handler(parsed.data, sender.tab!.id!);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Broadcasts a picker event from the content script to the extension's pages. */
export async function emitPickerEvent(event: PickerEvent): Promise<void> {
  try {
    await browser.runtime.sendMessage(event);
  } catch {
    // Nobody listening (side panel closed) is normal.
  }
}
