/**
 * Delivery to a Segment-compatible HTTP Tracking API: a queue, batches, retries with
 * exponential backoff, a copy in localStorage until each message is handed over, and
 * `sendBeacon` (or `fetch` with `keepalive`) when the page goes away, so that the event of a
 * link that navigates to another site is not lost.
 *
 * - Every request is `text/plain` JSON with the write key in the body (`writeKey`), which
 *   Segment accepts and which needs no CORS preflight: one request, also from a beacon.
 *   `auth: 'basic'` also sends `Authorization: Basic base64(writeKey:)` as analytics-next
 *   does (a preflight per origin, and no beacons: keepalive fetches instead).
 * - Batching on: messages go together to `/batch` after `timeout` ms or at `size`
 *   messages; off: each goes at once to `/track`, `/page` or `/identify`.
 * - A request that fails on the network, with 408, 429 or 5xx (not 501/505) is retried after
 *   `base * 2^(attempt-1)` ms (at most `max`, jittered down by up to half), `attempts` times in
 *   all; any other answer settles the message (Segment answers 200 to anything it can read).
 * - On `pagehide` and when the page is hidden, whatever is queued is sent at once with
 *   `sendBeacon`; requests in flight were sent with `keepalive` and finish on their own.
 *   What no beacon took stays in localStorage and is sent by the next page of the site.
 */

/** A Segment message (`type`, `messageId`, ...), as sent. */
export type Message = Record<string, unknown> & { type: string; messageId: string };

/** Options of `createDelivery`; every field but `endpoint` and `writeKey` has a default. */
export interface DeliveryOptions {
  /** The API's base URL, without trailing slash: `https://api.segment.io/v1`. */
  endpoint: string;
  writeKey: string;
  /** `body` (default): the write key in the body only; `basic`: also as Basic auth. */
  auth?: 'body' | 'basic';
  /** Batch size; 1 sends each message at once to its own endpoint. Default 10. */
  size?: number;
  /** Longest a message waits for its batch, in ms. Default 1000. */
  timeout?: number;
  /** Tries per message, the first included. Default 10. */
  attempts?: number;
  /** First retry delay, in ms. Default 500. */
  base?: number;
  /** Longest retry delay, in ms. Default 60,000. */
  max?: number;
  /** Most messages kept; the oldest go first beyond it. Default 200. */
  maxQueue?: number;
  /** localStorage key of the copy; false keeps none. Default `tagpoint_http:<writeKey>`. */
  storageKey?: string | false;
  /** The fetch used (tests may pass one that records). Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/** A running delivery. */
export interface Delivery {
  add(message: Message): void;
  /** Sends everything queued now; resolves when those requests have settled. */
  flush(): Promise<void>;
  /** Messages not yet handed over (queued or in flight). */
  pending(): number;
  /** Stops timers and listeners; what is queued stays in localStorage. */
  stop(): void;
}

interface Item {
  message: Message;
  attempt: number;
}

/** Keepalive requests and beacons may carry 64 KiB in all; a request stays below this. */
const MAX_REQUEST_BYTES = 60_000;

const isRetryable = (status: number) => status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);

/** Starts a delivery; it sends what an earlier page of the site left in localStorage. */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { endpoint, writeKey, auth = 'body', timeout = 1000, attempts = 10, base = 500, max = 60_000, maxQueue = 200 } = options;
  const size = Math.max(1, Math.floor(options.size ?? 10));
  const key = options.storageKey ?? `tagpoint_http:${writeKey}`;
  const doFetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
  let queue: Item[] = [];
  const inFlight = new Set<Item>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = Infinity;
  let stopped = false;

  const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
  // Write keys are ASCII (the sink checks), so btoa takes them.
  if (auth === 'basic') headers.Authorization = `Basic ${btoa(writeKey + ':')}`;

  const save = () => {
    if (!key) return;
    try {
      const all = [...queue, ...inFlight];
      if (all.length) localStorage.setItem(key, JSON.stringify(all));
      else localStorage.removeItem(key);
    } catch {
      // Full or blocked: this page's memory still holds them.
    }
  };

  const load = () => {
    if (!key) return;
    try {
      const raw = JSON.parse(localStorage.getItem(key) || '[]');
      if (Array.isArray(raw)) {
        for (const item of raw.slice(-maxQueue)) {
          if (item && typeof item === 'object' && item.message && typeof item.message.type === 'string') queue.push({ message: item.message, attempt: Number(item.attempt) || 0 });
        }
      }
    } catch {
      // Unreadable: start afresh.
    }
  };

  /** Arms the timer for `delay` ms unless it is armed to fire sooner. */
  const schedule = (delay: number) => {
    if (stopped || Date.now() + delay >= due) return;
    clearTimeout(timer);
    due = Date.now() + delay;
    timer = setTimeout(() => {
      due = Infinity;
      timer = undefined;
      void flush();
    }, delay);
  };

  /** The next request: up to `size` messages under the byte limit (one message always goes). */
  const take = (): { items: Item[]; url: string; body: string } | undefined => {
    const now = new Date().toISOString();
    if (!queue.length) return undefined;
    if (size === 1) {
      const item = queue.shift()!;
      return { items: [item], url: `${endpoint}/${item.message.type}`, body: JSON.stringify({ ...item.message, sentAt: now, writeKey }) };
    }
    const items: Item[] = [];
    let bytes = 100;
    while (queue.length && items.length < size) {
      const length = JSON.stringify(queue[0]!.message).length + 1;
      if (items.length && bytes + length > MAX_REQUEST_BYTES) break;
      bytes += length;
      items.push(queue.shift()!);
    }
    return { items, url: `${endpoint}/batch`, body: JSON.stringify({ batch: items.map((i) => i.message), sentAt: now, writeKey }) };
  };

  const retry = (items: Item[], delay?: number) => {
    let wait = Infinity;
    for (const item of items) {
      if (++item.attempt >= attempts) continue;
      queue.push(item);
      const backoff = Math.min(max, base * 2 ** (item.attempt - 1)) * (1 - Math.random() / 2);
      wait = Math.min(wait, delay ?? backoff);
    }
    if (queue.length > maxQueue) queue = queue.slice(-maxQueue);
    if (wait < Infinity) schedule(wait);
  };

  const send = async (request: { items: Item[]; url: string; body: string }) => {
    for (const item of request.items) inFlight.add(item);
    save();
    try {
      if (!doFetch) throw new Error('no fetch');
      const response = await doFetch(request.url, {
        method: 'POST',
        headers,
        body: request.body,
        credentials: 'omit',
        // The request outlives the page (a link to another site); within the 64 KiB allowance.
        keepalive: request.body.length < MAX_REQUEST_BYTES,
      });
      if (isRetryable(response.status)) {
        const after = Number(response.headers.get('Retry-After'));
        retry(request.items, after > 0 ? Math.min(max, after * 1000) : undefined);
      }
    } catch {
      // A network failure: the same as a retryable status, the items are retried with backoff.
      retry(request.items);
    } finally {
      for (const item of request.items) inFlight.delete(item);
      save();
    }
  };

  const flush = async (): Promise<void> => {
    const requests: Promise<void>[] = [];
    for (let request = take(); request; request = take()) requests.push(send(request));
    await Promise.all(requests);
  };

  /** The page is going away (or hidden, and may never come back): hand everything over now. */
  const leave = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = undefined;
    due = Infinity;
    const left: Item[] = [];
    for (let request = take(); request; request = take()) {
      let sent = false;
      try {
        // A beacon carries no headers: only without Basic auth.
        sent = auth === 'body' && navigator.sendBeacon(request.url, new Blob([request.body], { type: 'text/plain' }));
        if (!sent && doFetch) {
          // Best effort on pagehide: the page is going away and nothing may throw into it; `sent` decides what is kept.
          void doFetch(request.url, { method: 'POST', headers, body: request.body, credentials: 'omit', keepalive: true }).catch(() => undefined);
          sent = request.body.length < MAX_REQUEST_BYTES;
        }
      } catch {
        // sendBeacon or fetch refused (size, policy): the items are kept for the next page.
        sent = false;
      }
      if (!sent) left.push(...request.items);
    }
    queue = left;
    // In flight: keepalive requests the browser completes. Kept: what nothing took, for the next page.
    inFlight.clear();
    save();
  };

  const onHide = () => {
    if (document.visibilityState === 'hidden') leave();
  };
  addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', onHide);

  load();
  if (queue.length) schedule(0);

  return {
    add(message) {
      if (stopped) return;
      queue.push({ message, attempt: 0 });
      if (queue.length > maxQueue) queue = queue.slice(-maxQueue);
      save();
      if (queue.length >= size) schedule(0);
      else schedule(timeout);
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      due = Infinity;
      return flush();
    },
    pending: () => queue.length + inFlight.size,
    stop() {
      stopped = true;
      clearTimeout(timer);
      removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', onHide);
      save();
    },
  };
}
