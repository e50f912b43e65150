/**
 * The debug bridge's messages (lib/runtime -> extension preview). With debug on, the runtime
 * posts each of these with `window.postMessage(message, location.origin)`. They are small,
 * JSON-serialisable and versioned by `source`; the receiving side validates them (zod, on
 * the extension side) because anything on the page can post the same shape.
 *
 * Types only (plus the source constant) so the runtime bundle does not grow.
 */

/** `message.source` of every debug message. */
export const TAGPOINT_DEBUG_SOURCE = 'tagpoint-runtime';

/**
 * Why a tag that was considered did not fire. `over-budget`: the action's time budget
 * (clickBudget) ran out before every tag was tested. The extension's schema is built from
 * this list (lib/preview/schemas.ts), so the two sides cannot name different reasons; the
 * runtime only uses the type, so the list costs tagpoint.js nothing.
 */
export const NOT_FIRED_REASONS = ['selector-mismatch', 'page-rule-failed', 'disabled', 'invalid', 'over-budget'] as const;
export type NotFiredReason = (typeof NOT_FIRED_REASONS)[number];

/** Fields every message carries. */
export interface DebugBase {
  source: typeof TAGPOINT_DEBUG_SOURCE;
  /** `location.href` when the message was made. */
  url: string;
  /** Revision of the config in use, or -1 before any config. */
  revision: number;
}

/** A tag fired and its event went to the sink(s). */
export interface FiredMessage extends DebugBase {
  type: 'fired';
  tag: string;
  event: string;
  trigger: string;
  properties: Record<string, string | number | boolean | null>;
  /** A short CSS path of the element the tag matched (absent for pageview). */
  element?: string;
  /** True when the element was found by relocation: its primary selector found nothing that agrees. */
  relocated?: boolean;
}

/**
 * A tag of the same trigger was considered for a user action (or page view) and did not fire.
 * For `selector-mismatch` on clicks, only tags whose page rules hold on this page are listed,
 * at most 50 of them, so a page with 10,000 tags stays quiet.
 */
export interface NotFiredMessage extends DebugBase {
  type: 'not-fired';
  tag: string;
  event: string;
  trigger: string;
  reason: NotFiredReason;
  detail?: string;
}

/** A tag the runtime skipped when it read the config. */
export interface InvalidTagMessage extends DebugBase {
  type: 'invalid-tag';
  /** The tag's `id` as given (at most 64 characters), else `#<index>`. */
  tag: string;
  index: number;
  reason: string;
}

/** A config was taken into use. */
export interface ConfigMessage extends DebugBase {
  type: 'config';
  site: string;
  /** Where it came from. */
  origin: 'inline' | 'network' | 'cache' | 'update';
  tags: number;
  invalid: number;
}

/** Loading the config failed (the page keeps working; a cached config may still be used). */
export interface LoadErrorMessage extends DebugBase {
  type: 'load-error';
  reason: string;
}

/** A page view was compiled: how many tags hold on this page. */
export interface PageMessage extends DebugBase {
  type: 'page';
  active: number;
}

/** Any message of the debug bridge. */
export type DebugMessage =
  | FiredMessage
  | NotFiredMessage
  | InvalidTagMessage
  | ConfigMessage
  | LoadErrorMessage
  | PageMessage;

/** A message before the runtime adds `source`, `url` and `revision`. */
export type DebugPayload = DebugMessage extends infer M
  ? M extends DebugMessage
    ? Omit<M, 'source' | 'url' | 'revision'>
    : never
  : never;
