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

const INERT: TagpointHandle = { stop() {}, update: () => false };

function handleOf(runtime: Runtime): TagpointHandle {
  return { stop: () => runtime.stop(), update: (config) => runtime.update(config) };
}

async function load(runtime: Runtime, url: string, options: StartOptions): Promise<void> {
  const useCache = options.cache !== false;
  let reason: string;
  try {
    const config = await fetchConfig(url, options.timeout ?? 5000);
    if (runtime.load(config, 'network')) {
      if (useCache) saveCached(url, config, (config as { revision?: number }).revision ?? 0);
      return;
    }
    reason = 'the config could not be read';
  } catch (error) {
    reason = String((error as Error)?.message || error).slice(0, 200);
  }
  runtime.report({ type: 'load-error', reason });
  const cached = useCache ? readCached(url) : undefined;
  if (cached === undefined || !runtime.load(cached, 'cache')) runtime.fail(reason);
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
  let runtime: Runtime;
  try {
    runtime = createRuntime(options);
  } catch {
    return options.configUrl && options.config === undefined ? Promise.resolve(INERT) : INERT;
  }
  const handle = handleOf(runtime);
  if (options.config !== undefined) {
    runtime.load(options.config, 'inline');
    return handle;
  }
  if (!options.configUrl) {
    runtime.fail('no config or configUrl given');
    return handle;
  }
  let url = options.configUrl;
  try {
    url = new URL(url, location.href).href;
  } catch {
    // Keep it as given; fetch will say what is wrong.
  }
  return load(runtime, url, options).then(
    () => handle,
    () => handle,
  );
}
