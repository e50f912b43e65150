/** `start()`: the runtime's public entry (script tag, `window.Tagpoint`, ES module, plugin). */
import { createRuntime, type Runtime, type RuntimeOptions, type TagpointHandle } from './runtime';

/** Options of `start()`: a config or where to fetch it, plus the runtime's options. */
export interface StartOptions extends RuntimeOptions {
  /** A config object to use right away. */
  config?: unknown;
  /** Where to fetch the config; the last good one is kept in localStorage for failures. */
  configUrl?: string;
  /** How long to wait for the config, in ms. Default 5000. */
  timeout?: number;
  /** Keep the last good config of `configUrl` and use it when loading fails. Default true. */
  cache?: boolean;
  /**
   * Longest config text kept in localStorage, in characters (what browsers count against
   * the origin's quota, about 5 million for all of a site's storage). A longer config is not
   * kept, and an older copy of it is removed, so the cache never takes the room the page's
   * own `setItem` needs. Default 262144 (256 Ki).
   */
  cacheLimit?: number;
}

/**
 * Fetches the config (aborted after `timeout`), keeps the last good one in localStorage under
 * its absolute URL as `<revision>\n<config text>` (rewritten only when the revision changes;
 * not kept past `cacheLimit`), and falls back to that copy when the fetch or the config fails.
 */
const loadError = (runtime: Runtime, error: unknown) => runtime.report({ type: 'load-error', reason: String(error).slice(0, 200) });

async function load(runtime: Runtime, url: string, options: StartOptions): Promise<void> {
  let key: string | false = false;
  try {
    url = new URL(url, location.href).href;
    key = options.cache !== false && 'tagpoint:config:' + url;
    const controller = new AbortController();
    // Aborting also ends a body that trickles in after the headers.
    setTimeout(() => controller.abort(), options.timeout ?? 5000);
    const response = await fetch(url, { credentials: 'omit', signal: controller.signal });
    if (!response.ok) throw Error(`HTTP ${response.status}`);
    const text = await response.text();
    const config = JSON.parse(text);
    // load() reports why it refused a config; then the kept one is tried.
    if (runtime.load(config, 'network')) {
      try {
        const head = config.revision + '\n';
        if (key && !localStorage.getItem(key)?.startsWith(head)) {
          // An older revision must not outlive a config too long to keep.
          localStorage.removeItem(key);
          if (text.length > (options.cacheLimit ?? 262144)) throw 'too long to keep';
          localStorage.setItem(key, head + text);
        }
      } catch (error) {
        // Storage full (the copy is then not kept) or forbidden.
        loadError(runtime, 'cache: ' + error);
      }
      return;
    }
  } catch (error) {
    loadError(runtime, error);
  }
  try {
    const text = (key && localStorage.getItem(key)) as string;
    if (runtime.load(JSON.parse(text.slice(text.indexOf('\n') + 1)), 'cache')) return;
  } catch {
    // Nothing kept (or unreadable).
  }
  runtime.fail();
}

/**
 * Starts the runtime and the runtime's listeners at once.
 *
 * With `config`, returns `{ stop, update }` synchronously. With `configUrl`, returns a
 * promise of it that settles once the config (or, when the fetch fails, the cached one) is
 * in use; user actions in between are buffered and matched then. The promise never rejects
 * and `start` never throws: on any failure the page just goes without events.
 *
 * @example
 *   const tagpoint = await Tagpoint.start({ configUrl: '/v1/sites/shop/config.json' });
 *   tagpoint.stop();
 */
export function start(options?: StartOptions): TagpointHandle | Promise<TagpointHandle> {
  try {
    // A plain copy, read once: `null`, a number, a proxy or getters that throw give no
    // options (or throw here, into the catch) instead of at some later read.
    const o: StartOptions = { ...options };
    const runtime = createRuntime(o);
    const url = o.configUrl;
    if (o.config !== undefined || !url) {
      if (!runtime.load(o.config, 'inline')) runtime.fail();
      return runtime;
    }
    return load(runtime, url, o).then(() => runtime);
  } catch {
    // createRuntime and load() catch their own errors: this is what is left (no DOM).
    return { stop() {}, update: () => false };
  }
}
