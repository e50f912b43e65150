/** A Segment analytics-next plugin that runs Tagpoint and sends through that analytics. */
import type { PropertyValue } from '../core/properties';
import { start, type StartOptions } from './start';
import type { TagpointHandle } from './runtime';
import { VERSION } from './version';

interface AnalyticsLike {
  track(event: string, properties?: object, options?: object): unknown;
}

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
 * `analytics.register(tagpointPlugin({ configUrl }))`. Events go to the analytics instance
 * the plugin is registered with (unless `track` is given). `load` resolves at once: the
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
      const track =
        options.track ??
        ((event: string, properties: Record<string, PropertyValue>, meta: { tag: string; revision: number }) => {
          analytics.track(event, properties, { context: { tagpoint: { tag: meta.tag, revision: meta.revision } } });
        });
      handle = Promise.resolve(start({ ...options, track }));
    },
    async unload() {
      const h = handle;
      handle = undefined;
      (await h)?.stop();
    },
  };
}
