/** A Segment analytics-next plugin that runs Tagpoint and sends through that analytics. */
import { start, type StartOptions } from './start';
import type { TagpointHandle } from './runtime';
import type { AnalyticsLike } from './sinks';
import { VERSION } from './version';

/** The shape analytics-next expects of a plugin (`analytics.register(plugin)`). */
export interface TagpointPlugin {
  name: string;
  type: 'utility';
  version: string;
  isLoaded(): boolean;
  load(ctx: unknown, analytics: AnalyticsLike): Promise<void>;
  unload(ctx?: unknown, analytics?: unknown): Promise<void>;
}

/**
 * `analytics.register(tagpointPlugin({ configUrl }))`. Calls go to the analytics instance
 * the plugin is registered with (unless `track` or `analytics` is given). `load` resolves at once: the
 * config loads in the background and early actions are buffered, so analytics is never
 * held up by Tagpoint.
 */
export function tagpointPlugin(options: StartOptions): TagpointPlugin {
  let handle: Promise<TagpointHandle> | undefined;
  return {
    name: 'Tagpoint',
    type: 'utility',
    version: VERSION,
    isLoaded: () => !!handle,
    async load(_ctx, analytics) {
      // Every call (track, page, identify) goes to the analytics instance, unless the options name another sink.
      handle = Promise.resolve(start({ analytics, ...options }));
    },
    async unload() {
      const h = handle;
      handle = undefined;
      (await h)?.stop();
    },
  };
}
