/** Fetches a config with a timeout and keeps the last good one in localStorage. */

/** Where the last good config of a URL is kept. */
export const cacheKey = (url: string) => `tagpoint:config:${url}`;

/** Fetches the config text; rejects on a network error, a non-2xx status or timeout. */
export async function fetchConfig(url: string, timeout: number): Promise<string> {
  const controller = new AbortController();
  // Aborting also ends a body that trickles in after the headers.
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await fetch(url, { credentials: 'omit', signal: controller.signal });
    if (!response.ok) throw Error(`HTTP ${response.status}`);
    return await response.text();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Keeps the config text that was just taken into use, under its URL. The text starts with
 * the revision (`<revision>\n<json>`), so an unchanged config is not rewritten on every
 * page view: only the head of the kept text is compared.
 */
export function saveCached(url: string, text: string, revision: number): void {
  try {
    const key = cacheKey(url);
    const head = revision + '\n';
    if (!localStorage.getItem(key)?.startsWith(head)) localStorage.setItem(key, head + text);
  } catch {
    // Storage full or forbidden: the page just goes without a cache.
  }
}

/** The last good config of a URL, or undefined. */
export function readCached(url: string): unknown {
  try {
    // Nothing kept: null.slice throws and the answer is undefined.
    const text = localStorage.getItem(cacheKey(url))!;
    return JSON.parse(text.slice(text.indexOf('\n') + 1));
  } catch {
    return undefined;
  }
}
