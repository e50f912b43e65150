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
}

/**
 * Fetches the config (aborted after `timeout`), keeps the last good one in localStorage under
 * its absolute URL as `<revision>\n<config text>` (rewritten only when the revision changes),
 * and falls back to that copy when the fetch or the config fails.
 */
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
        if (key && !localStorage.getItem(key)?.startsWith(head)) localStorage.setItem(key, head + text);
      } catch {
        // Storage full or forbidden: no copy then.
      }
      return;
    }
  } catch (error) {
    runtime.report({ type: 'load-error', reason: String(error).slice(0, 200) });
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
export function start(options: StartOptions = {}): TagpointHandle | Promise<TagpointHandle> {
  // createRuntime and load() catch their own errors, so nothing here throws into the page.
  const runtime = createRuntime(options);
  const handle: TagpointHandle = runtime;
  const url = options.configUrl;
  if (options.config !== undefined || !url) {
    if (!runtime.load(options.config, 'inline')) runtime.fail();
    return handle;
  }
  return load(runtime, url, options).then(() => handle);
}
