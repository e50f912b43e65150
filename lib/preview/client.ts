/** Extension-page side of the preview: requests to the background and to the tab's agent, validated. */
import { browser } from 'wxt/browser';
import { reportTo } from '../debug/log';
import type { z } from '../config/zod';
import { errorText } from '../messages/error-text';
import {
  AgentAnswerSchemas,
  PreviewAnswerSchema,
  PreviewBroadcastSchema,
  type AgentAnswer,
  type AgentRequest,
  type PreviewAnswer,
  type PreviewRequest,
  type PreviewState,
} from './schemas';

/**
 * Asks for access to the page's origin so the preview can follow the tab across page loads
 * (`optional_host_permissions`). Call it first thing in a click handler: the browser only
 * shows its prompt during a user gesture. Resolves false when refused or not requestable
 * (the preview then runs on this page through activeTab only).
 */
export async function requestPreviewAccess(url: string): Promise<boolean> {
  let origins: string[];
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    origins = [`${u.protocol}//${u.hostname}/*`];
  } catch {
    // Not a URL: there is no origin to ask for.
    return false;
  }
  try {
    return await browser.permissions.request({ origins });
  } catch (error) {
    // Not granted: the caller says so to the user; why the request failed goes to the debug log.
    reportTo('preview: ask for the page origin')(error);
    return false;
  }
}

/** Sends a request to the background's preview service; the answer is validated. */
export async function sendPreviewRequest(request: PreviewRequest): Promise<PreviewAnswer> {
  try {
    const parsed = PreviewAnswerSchema.safeParse(await browser.runtime.sendMessage(request));
    return parsed.success ? parsed.data : { ok: false, error: 'the background sent an invalid answer' };
  } catch (error) {
    return { ok: false, error: errorText(error, { maxLength: 300 }) };
  }
}

/** Calls `handler` with the tab's preview state whenever the background reports a change. */
export function onPreviewChanged(tabId: number, handler: (state: PreviewState) => void): () => void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only the background (no tab) of this extension broadcasts.
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const parsed = PreviewBroadcastSchema.safeParse(message);
    if (parsed.success && parsed.data.tabId === tabId) handler(parsed.data.state);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

export type { AgentAnswer };

/** Sends a request to the agent in the tab; undefined when no agent answers properly. */
export async function sendToAgent<R extends AgentRequest>(tabId: number, request: R): Promise<AgentAnswer<R['type']> | undefined> {
  try {
    const answer: unknown = await browser.tabs.sendMessage(tabId, request);
    const schema = AgentAnswerSchemas[request.type] as unknown as z.ZodType<AgentAnswer<R['type']>>;
    const parsed = schema.safeParse(answer);
    return parsed.success ? parsed.data : undefined;
  } catch {
    // No agent in the tab (not injected, or the page navigated): no answer.
    return undefined;
  }
}
