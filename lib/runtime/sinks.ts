/** Where fired events go: analytics.js / analytics-next, a custom function, GTM's dataLayer. */
import type { PropertyValue } from './properties';

/** What a sink learns about the tag that fired. */
export interface TrackMeta {
  /** The tag's id. */
  tag: string;
  /** The config revision the tag came from. */
  revision: number;
}

/** A custom sink: `track(event, properties, { tag, revision })`. */
export type TrackFunction = (event: string, properties: Record<string, PropertyValue>, meta: TrackMeta) => void;

interface AnalyticsLike {
  track?: (event: string, properties: object, options: object) => unknown;
}

/**
 * Sends through `window.analytics`, looked up at each call: the snippet's stub queue is
 * replaced once analytics.js loads, so a kept reference would go stale. Returns false when
 * there is no `analytics.track` (nothing is sent then).
 */
export function analyticsTrack(event: string, properties: Record<string, PropertyValue>, meta: TrackMeta): void {
  const analytics = (window as { analytics?: AnalyticsLike }).analytics;
  if (analytics && typeof analytics.track === 'function') analytics.track(event, properties, { context: { tagpoint: { ...meta } } });
}

/** Pushes `{ event, ...properties, tagpoint: { tag, revision } }` to `window.dataLayer`. */
export function dataLayerPush(event: string, properties: Record<string, PropertyValue>, meta: TrackMeta): void {
  const w = window as { dataLayer?: unknown[] };
  const layer = (w.dataLayer = Array.isArray(w.dataLayer) ? w.dataLayer : []);
  layer.push({ ...properties, event, tagpoint: { ...meta } });
}
