/**
 * The sink types. The default sinks (`window.analytics.track`, GTM's `window.dataLayer`) live
 * in runtime.ts's `send`, inline, for the size budget.
 */
import type { PropertyValue } from '../core/properties';

/** What a sink learns about the tag that fired. */
export interface TrackMeta {
  /** The tag's id. */
  tag: string;
  /** The config revision the tag came from. */
  revision: number;
}

/** A custom sink: `track(event, properties, { tag, revision })`. */
export type TrackFunction = (event: string, properties: Record<string, PropertyValue>, meta: TrackMeta) => void;
