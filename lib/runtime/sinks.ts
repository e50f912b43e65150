/**
 * The sink types. The default sinks (`window.analytics`, GTM's `window.dataLayer`) live in
 * runtime.ts's `send`, inline, for the size budget.
 */
import type { Call } from '../config/limits';
import type { PropertyValue } from '../core/properties';

/** What a sink learns about the tag that fired. */
export interface TrackMeta {
  /** The tag's id. */
  tag: string;
  /** The config revision the tag came from. */
  revision: number;
  /**
   * The Segment call the tag makes: `track`; `page` (the event is the page's name, see
   * `category`); `identify` (the properties are the traits, see `userId`).
   */
  call: Call;
  /** A page call's category; undefined when the tag names none. */
  category?: string;
  /** An identify call's user id: null when its field was empty, undefined when the tag reads none. */
  userId?: PropertyValue;
  /** Set when the element was found by relocation (its primary selector found nothing that agrees). */
  relocated?: boolean;
}

/**
 * A Segment-compatible client (analytics.js, or the HTTP sink of tagpoint-http.js): called
 * as `track(event, properties, options)`, `page(category, name, properties, options)` and
 * `identify(userId, traits, options)`, with `options.context.tagpoint = { tag, revision }`.
 */
export interface AnalyticsLike {
  track?(event: string, properties: object, options: object): unknown;
  page?(category: string | null, name: string, properties: object, options: object): unknown;
  identify?(userId: PropertyValue | undefined, traits: object, options: object): unknown;
}

/** A custom sink: `track(event, properties, { tag, revision, call, ... })`, for every call. */
export type TrackFunction = (event: string, properties: Record<string, PropertyValue>, meta: TrackMeta) => void;
