/**
 * The IIFE entry (`tagpoint-health.js`): tagpoint.js loads it from its own folder instead of
 * starting, when its script tag has `data-health`. It starts the runtime from that tag (like
 * tagpoint.js would, with the HTTP sink when the tag also has `data-write-key`) and, on a
 * sampled page view, reports tag health:
 *
 *   <script async src="/tagpoint.js" data-config-url="/v1/sites/shop/config.json" data-health="0.1"></script>
 *
 * - `data-health`: the share of page views that report (0 to 1; empty means 1; `0` or
 *   anything else that is not a rate turns health off, the runtime still starts).
 * - `data-health-url`: where beacons go; default `health` beside the config URL
 *   (`/v1/sites/shop/health`), the registry's `POST /v1/sites/<site>/health`.
 *
 * `window.TagpointHealth.ready` resolves true once a sampled page view has its config (and
 * will report), false otherwise.
 */
import type { start as startRuntime } from '../start';
import type { AnalyticsLike } from '../sinks';
import type { createHttpSink as createSink } from '../http/sink';
import { createHealth, sampleRate, type Health } from './health';

try {
  type W = {
    Tagpoint?: { start?: typeof startRuntime };
    TagpointHttp?: { started?: boolean; createHttpSink?: typeof createSink };
    TagpointHealth?: { started?: boolean; health?: Health; ready?: Promise<boolean> };
  };
  const w = window as W;
  const tag = document.querySelector('script[data-config-url][data-health]') as HTMLScriptElement | null;
  if (tag && !w.TagpointHealth?.started && w.Tagpoint?.start) {
    const attr = (name: string) => tag.getAttribute(name) || undefined;
    const configUrl = new URL(attr('data-config-url')!, location.href).href;
    const rate = sampleRate(tag.getAttribute('data-health'));
    // Math.random is enough: the sample only has to be unbiased, not unpredictable.
    const health = rate && Math.random() < rate ? createHealth({ url: new URL(attr('data-health-url') || 'health', configUrl).href, sample: rate }) : undefined;
    // `ready` resolves true once this page view reports (the config is in), false when it does not.
    let settle: (reporting: boolean) => void = () => undefined;
    w.TagpointHealth = { started: true, health, ready: new Promise((resolve) => (settle = resolve)) };
    const run = (sink?: AnalyticsLike) => {
      const started = w.Tagpoint!.start!({ configUrl, dataLayer: tag.hasAttribute('data-datalayer'), analytics: health ? health.analytics(sink) : sink });
      if (health) {
        void Promise.resolve(started).then(async () => {
          // The config the runtime took: start.ts keeps it as `<revision>\n<text>`; else fetch it again (HTTP cache).
          let text: string | null = null;
          try {
            text = localStorage.getItem('tagpoint:config:' + configUrl);
          } catch {
            // Storage forbidden: fetched below.
          }
          const config = text ? JSON.parse(text.slice(text.indexOf('\n') + 1)) : await (await fetch(configUrl, { credentials: 'omit' })).json();
          settle(health.load(config));
        }).catch(() => settle(false) /* no config, no beacon */);
      } else settle(false);
    };
    const writeKey = attr('data-write-key');
    if (writeKey) {
      // The HTTP sink must not start the runtime itself (http/auto.ts): this file does, with counting.
      w.TagpointHttp = { started: true };
      const script = Object.assign(document.createElement('script'), { src: new URL('tagpoint-http.js', tag.src).href });
      script.onload = () => {
        try {
          run(w.TagpointHttp!.createHttpSink!({ writeKey, apiHost: attr('data-api-host') }));
        } catch {
          // Never throw into the page.
        }
      };
      script.onerror = () => settle(false);
      document.head.append(script);
    } else run();
  }
} catch {
  // Never throw into the page.
}
