/**
 * Caps on what the page may hand the preview. Everything from the page is untrusted: these
 * keep a hostile or just very busy page from flooding the extension's memory or its log.
 * They are defaults; every function that applies one takes it as an option.
 */
export interface PreviewLimits {
  /** Longest string kept (event names, values, URLs); longer ones are cut. Default 500. */
  maxString: number;
  /** Most properties kept per event. Default 50. */
  maxProperties: number;
  /** Deepest nesting read from a tracked property value before it is summarised. Default 4. */
  maxDepth: number;
  /** Messages from the page accepted per second (sustained). Default 50. */
  messagesPerSecond: number;
  /** Messages from the page accepted in one burst. Default 200. */
  messageBurst: number;
  /** Entries the log keeps per tab; the oldest go first. Default 1000. */
  maxEntries: number;
  /** Candidates listed per action in why-not-fired. Default 50. */
  maxCandidates: number;
}

/** The default caps. */
export const DEFAULT_PREVIEW_LIMITS: Readonly<PreviewLimits> = Object.freeze({
  maxString: 500,
  maxProperties: 50,
  maxDepth: 4,
  messagesPerSecond: 50,
  messageBurst: 200,
  maxEntries: 1000,
  maxCandidates: 50,
});

/** The defaults with the given overrides. */
export function previewLimits(overrides: Partial<PreviewLimits> = {}): PreviewLimits {
  return { ...DEFAULT_PREVIEW_LIMITS, ...overrides };
}
