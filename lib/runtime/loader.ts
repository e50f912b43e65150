/** Fetches a config with a timeout and keeps the last good one in localStorage. */

/** Where the last good config of a URL is kept. */
export const cacheKey = (url: string) => `tagpoint:config:${url}`;
const revisionKey = (url: string) => `tagpoint:revision:${url}`;

/** Fetches and parses JSON; rejects on a network error, a non-2xx status, timeout or bad JSON. */
export async function fetchConfig(url: string, timeout: number): Promise<unknown> {
  const controller = new AbortController();
  // Aborting also ends a body that trickles in after the headers.
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await fetch(url, { credentials: 'omit', signal: controller.signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return JSON.parse(await response.text());
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Keeps a config that was just taken into use. Writes only when its revision differs from
 * the one kept, so a large config is not rewritten on every page view.
 */
export function saveCached(url: string, config: unknown, revision: number): void {
  try {
    if (localStorage.getItem(revisionKey(url)) === String(revision)) return;
    localStorage.setItem(cacheKey(url), JSON.stringify(config));
    localStorage.setItem(revisionKey(url), String(revision));
  } catch {
    // Storage full or forbidden: the page just goes without a cache.
  }
}

/** The last good config of a URL, or undefined. */
export function readCached(url: string): unknown {
  try {
    const text = localStorage.getItem(cacheKey(url));
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
