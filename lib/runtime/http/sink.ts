/**
 * The HTTP sink: a Segment-compatible client (`track`, `page`, `identify`) for sites without
 * analytics.js. It builds the messages of the Segment Spec (common fields, context, the page)
 * and hands them to the delivery (delivery.ts), with the visitor's ids kept as analytics.js
 * keeps them (identity.ts). Never throws into the page.
 */
import type { PropertyValue } from '../../core/properties';
import type { AnalyticsLike } from '../sinks';
import { VERSION } from '../version';
import { createDelivery, type Delivery, type DeliveryOptions, type Message } from './delivery';
import { createIdentity, uuid, type IdentityOptions } from './identity';

/** Options of `createHttpSink`. */
export interface HttpSinkOptions extends IdentityOptions {
  /** The source's write key (printable ASCII). Required: without one the sink sends nothing. */
  writeKey: string;
  /**
   * Where the API is, as analytics.js's `apiHost` (`api.segment.io/v1`, https assumed) or a
   * full URL (`http://127.0.0.1:8789/v1`). Default `api.segment.io/v1`.
   */
  apiHost?: string;
  /** See DeliveryOptions.auth. Default `body`. */
  auth?: DeliveryOptions['auth'];
  /**
   * Batching: `true` (default: up to 10 messages, at most 1 s apart), `false` (each at once to
   * its own endpoint) or `{ size, timeout }`.
   */
  batch?: boolean | { size?: number; timeout?: number };
  /** Retries: `{ attempts (10), base (500 ms), max (60 s) }`. */
  retry?: { attempts?: number; base?: number; max?: number };
  /** Keep unsent messages in localStorage for the next page. Default true. */
  persist?: boolean;
  /** Passed to the delivery (tests). */
  fetch?: typeof fetch;
}

/** The sink: what the runtime calls, plus flush and stop. */
export interface HttpSink extends Required<AnalyticsLike> {
  /** The visitor's anonymous id (`ajs_anonymous_id`). */
  anonymousId(): string;
  /** Sends what is queued now. */
  flush(): Promise<void>;
  stop(): void;
}

/** The API base URL of an `apiHost` option. */
export function apiBase(apiHost = 'api.segment.io/v1'): string {
  const host = apiHost.replace(/\/+$/, '');
  return /^https?:\/\//.test(host) ? host : `https://${host}`;
}

type Options = { context?: Record<string, unknown> } | undefined;

/** Creates the sink; with a missing or malformed write key it is inert. */
export function createHttpSink(options: HttpSinkOptions): HttpSink {
  let delivery: Delivery | undefined;
  const identity = createIdentity(options);
  const batch = options.batch ?? true;
  try {
    if (typeof options.writeKey === 'string' && /^[\x21-\x7e]{1,200}$/.test(options.writeKey)) {
      delivery = createDelivery({
        endpoint: apiBase(options.apiHost),
        writeKey: options.writeKey,
        auth: options.auth,
        size: batch === false ? 1 : batch === true ? 10 : (batch.size ?? 10),
        timeout: typeof batch === 'object' ? batch.timeout : undefined,
        attempts: options.retry?.attempts,
        base: options.retry?.base,
        max: options.retry?.max,
        storageKey: options.persist === false ? false : undefined,
        fetch: options.fetch,
      });
    }
  } catch {
    // A hostile or broken page environment (no storage, odd globals): no sink, and nothing thrown into the page.
    delivery = undefined;
  }

  const pageContext = () => ({
    path: location.pathname,
    referrer: document.referrer,
    search: location.search,
    title: document.title,
    url: location.href,
  });

  /** The Spec's common fields; the caller's context (context.tagpoint) goes over the defaults. */
  const send = (type: string, fields: Record<string, unknown>, opts: Options) => {
    try {
      if (!delivery) return;
      const userId = identity.userId();
      const message: Message = {
        type,
        messageId: `tagpoint-${uuid()}`,
        timestamp: new Date().toISOString(),
        anonymousId: identity.anonymousId(),
        ...(userId ? { userId } : {}),
        context: {
          library: { name: 'tagpoint-http', version: VERSION },
          page: pageContext(),
          userAgent: navigator.userAgent,
          locale: navigator.language,
          ...(opts && typeof opts === 'object' && opts.context && typeof opts.context === 'object' ? opts.context : {}),
        },
        integrations: {},
        ...fields,
      };
      delivery.add(message);
    } catch {
      // Never throw into the page.
    }
  };

  const props = (value: unknown) => (value && typeof value === 'object' ? { ...(value as object) } : {});

  return {
    track(event, properties, opts) {
      send('track', { event: String(event), properties: props(properties) }, opts as Options);
    },
    page(category, name, properties, opts) {
      // As analytics.js: the page's facts in the properties, with its name and category.
      const extra = category ? { category } : {};
      send('page', { name, ...extra, properties: { ...pageContext(), ...props(properties), name, ...extra } }, opts as Options);
    },
    identify(userId: PropertyValue | undefined, traits, opts) {
      try {
        // No id (an empty field): the current user, as analytics.js does.
        if (userId !== undefined && userId !== null && userId !== '') identity.setUserId(String(userId));
      } catch {
        // Storage is the identity's business.
      }
      send('identify', { traits: props(traits) }, opts as Options);
    },
    anonymousId: () => identity.anonymousId(),
    flush: () => delivery?.flush() ?? Promise.resolve(),
    stop: () => delivery?.stop(),
  };
}
