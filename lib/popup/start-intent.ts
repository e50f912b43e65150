/**
 * "Start tagging" from the popup, made to work the first time. The popup closes as soon as
 * the side panel takes the focus, and a request it sent to a service worker that is still
 * waking up may go with it (the first click after the worker idled out did nothing; the
 * second worked). So the popup also leaves an intent in `storage.session`, and the side
 * panel, which stays open, takes it and starts the picker itself. Starting twice is harmless:
 * injection is idempotent (one picker per page) and `picker:start` restarts picking.
 */
import { z } from '../config/zod';

/** Storage key of the pending intent (one at a time: the last click wins). */
export const START_INTENT_KEY = 'tagpoint:start-tagging';

/** What the popup leaves: which tab, and when (an old intent is not acted on). */
export const StartIntentSchema = z.strictObject({ tabId: z.number().int().min(0), at: z.number() });
export type StartIntent = z.infer<typeof StartIntentSchema>;

/** The subset of a storage area the intent needs (`browser.storage.session` in the extension). */
export interface IntentArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Options of `takeStartIntent`. */
export interface TakeIntentOptions {
  /** Oldest intent acted on, in ms. Default 15,000 (the panel opens within a second or two). */
  maxAgeMs?: number;
  now?: number;
}

/** Leaves the intent to start tagging `tabId` (the popup, inside the click). */
export function requestStartTagging(area: IntentArea, tabId: number, now = Date.now()): Promise<void> {
  return area.set({ [START_INTENT_KEY]: { tabId, at: now } satisfies StartIntent });
}

/** True when a fresh intent for `tabId` was waiting; it is removed, so it is acted on once. */
export async function takeStartIntent(area: IntentArea, tabId: number, options: TakeIntentOptions = {}): Promise<boolean> {
  const parsed = StartIntentSchema.safeParse((await area.get(START_INTENT_KEY))[START_INTENT_KEY]);
  if (!parsed.success || parsed.data.tabId !== tabId) return false;
  await area.remove(START_INTENT_KEY);
  const age = (options.now ?? Date.now()) - parsed.data.at;
  return age >= 0 && age <= (options.maxAgeMs ?? 15_000);
}
