/** `start()`: the runtime's public entry (script tag, `window.Tagpoint`, ES module, plugin). */
import { fetchConfig, readCached, saveCached } from './loader';
import { createRuntime, type Runtime, type RuntimeOptions, type TagpointHandle } from './runtime';

/** Options of `start()`: a config or where to fetch it, plus the runtime's options. */
export interface StartOptions extends RuntimeOptions {
  /** A config object to use right away. */
  config?: unknown;
  /** Where to fetch the config; the last good one is kept in localStorage for failures. */
  configUrl?: string;
  /** How long to wait for the config, in ms. Default 5000. */
  timeout?: number;
  /** Keep and reuse the last good config of `configUrl`. Default true. */
  cache?: boolean;
}

async function load(runtime: Runtime, url: string, options: StartOptions): Promise<void> {
  const useCache = options.cache !== false;
  try {
    // Keyed by the absolute URL, whatever page resolved it.
    url = new URL(url, location.href).href;
    const text = await fetchConfig(url, options.timeout ?? 5000);
    const config = JSON.parse(text);
    // load() reports why it refused a config; then the cached one is tried.
    if (runtime.load(config, 'network')) return void (useCache && saveCached(url, text, config.revision));
  } catch (error) {
    runtime.report({ type: 'load-error', reason: String(error).slice(0, 200) });
  }
  const cached = useCache && readCached(url);
  if (!cached || !runtime.load(cached, 'cache')) runtime.fail();
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
 *   const tagpoint = await Tagpoint.start({ configUrl: '/sites/shop/config.json' });
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
