/**
 * Listens to what the page posts to its window: the published runtime's debug bridge and
 * the main-world `analytics.track` observer. Both are untrusted (any page script can post
 * the same shapes): messages are rate-limited first, then validated, then sanitised. What
 * comes out is plain data; nothing from the page is called or rendered as markup.
 */
import { TAGPOINT_DEBUG_SOURCE } from '../runtime/debug-protocol';
import { previewLimits, type PreviewLimits } from './limits';
import { createRateLimiter } from './rate';
import { capString, sanitizeProperties, type Primitive } from './sanitize';
import { DebugMessageSchema, MAIN_WORLD_SOURCE, TrackCallSchema, type ParsedDebugMessage } from './schemas';

/** A debug message after validation, with properties made flat and small. */
export type PageDebugMessage =
  | Exclude<ParsedDebugMessage, { type: 'fired' }>
  | (Omit<Extract<ParsedDebugMessage, { type: 'fired' }>, 'properties'> & { properties: Record<string, Primitive> });

/** An `analytics.track` call after validation. */
export interface PageTrackCall {
  event: string;
  properties: Record<string, Primitive>;
  tag?: string;
}

/** Options of `createPageChannel`. */
export interface PageChannelOptions {
  /** The window to listen on. Default `window`. */
  win?: Window;
  onDebug?: (message: PageDebugMessage) => void;
  onTrack?: (call: PageTrackCall) => void;
  /** Caps (rate, sizes). Default DEFAULT_PREVIEW_LIMITS. */
  limits?: Partial<PreviewLimits>;
}

/** A live channel; `dropped` counts messages refused by rate or shape. */
export interface PageChannel {
  readonly dropped: number;
  dispose(): void;
}

/**
 * Checks one posted value and returns what it carries, or undefined. Exported for tests
 * and for callers that receive page data some other way.
 */
export function readPageMessage(
  data: unknown,
  limits: PreviewLimits,
): { kind: 'debug'; message: PageDebugMessage } | { kind: 'track'; call: PageTrackCall } | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const source = (data as { source?: unknown }).source;
  if (source === TAGPOINT_DEBUG_SOURCE) {
    const parsed = DebugMessageSchema.safeParse(data);
    if (!parsed.success) return undefined;
    const message = parsed.data as PageDebugMessage;
    if (parsed.data.type === 'fired') {
      return { kind: 'debug', message: { ...parsed.data, properties: sanitizeProperties(parsed.data.properties, limits) } };
    }
    return { kind: 'debug', message };
  }
  if (source === MAIN_WORLD_SOURCE) {
    const parsed = TrackCallSchema.safeParse(data);
    if (!parsed.success) return undefined;
    return {
      kind: 'track',
      call: {
        event: capString(parsed.data.event, limits.maxString),
        properties: sanitizeProperties(parsed.data.properties, limits),
        ...(parsed.data.tag !== undefined ? { tag: parsed.data.tag } : {}),
      },
    };
  }
  return undefined;
}

/** Starts listening; `dispose()` stops. */
export function createPageChannel(options: PageChannelOptions = {}): PageChannel {
  const win = options.win ?? window;
  const limits = previewLimits(options.limits);
  const rate = createRateLimiter({ perSecond: limits.messagesPerSecond, burst: limits.messageBurst });
  let refused = 0;
  const onMessage = (event: MessageEvent) => {
    // Only messages this window posted to itself; frames and openers are not listened to.
    if (event.source !== win) return;
    const data: unknown = event.data;
    const source = data && typeof data === 'object' ? (data as { source?: unknown }).source : undefined;
    if (source !== TAGPOINT_DEBUG_SOURCE && source !== MAIN_WORLD_SOURCE) return;
    if (!rate.take()) return;
    let read: ReturnType<typeof readPageMessage>;
    try {
      read = readPageMessage(data, limits);
    } catch {
      // A hostile page message that throws while being read is dropped like a malformed one.
      read = undefined;
    }
    if (!read) {
      refused++;
      return;
    }
    if (read.kind === 'debug') options.onDebug?.(read.message);
    else options.onTrack?.(read.call);
  };
  win.addEventListener('message', onMessage);
  return {
    get dropped() {
      return refused + rate.dropped;
    },
    dispose() {
      win.removeEventListener('message', onMessage);
    },
  };
}
