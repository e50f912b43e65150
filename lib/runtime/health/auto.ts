/**
 * The IIFE entry (`tagpoint-health.js`): tagpoint.js loads it from its own folder, and a page
 * view then reports tag health, in one of three ways:
 *
 *   <script async src="/tagpoint.js" data-config-url="/v1/sites/shop/config.json" data-health="0.1"></script>
 *
 * - `data-health`: the share of page views that report (0 to 1; empty means 1; `0` or
 *   anything else that is not a rate turns health off, whatever the config says; the runtime
 *   still starts). tagpoint.js loads this file instead of starting; this file starts the
 *   runtime from that tag (like tagpoint.js would, with the HTTP sink when the tag also has
 *   `data-write-key`), counting its calls from the first.
 * - `data-health-url` without `data-health`: the same, at the config's `health.sample`
 *   (1 when the config sets none), sampled here once the config is in.
 * - Neither: the config's `health.sample` alone turns health on. tagpoint.js (or
 *   tagpoint-http.js) starts as usual and, on a page view it sampled at that rate, loads this
 *   file, which counts the running runtime's calls from then on (`handle.wrap`): calls sent
 *   before it arrived, such as the page view's own page calls, are not counted.
 *
 * Beacons go to `data-health-url`, default `health` beside the config URL
 * (`/v1/sites/shop/health`), the registry's `POST /v1/sites/<site>/health`.
 *
 * `window.TagpointHealth.ready` resolves true once a sampled page view has its config (and
 * will report), false otherwise.
 */
import type { start as startRuntime } from '../start';
import type { TagpointHandle } from '../runtime';
import type { AnalyticsLike } from '../sinks';
import type { createHttpSink as createSink } from '../http/sink';
import { configSample, createHealth, sampleRate, type Health } from './health';

try {
  type W = {
    Tagpoint?: { start?: typeof startRuntime; running?: TagpointHandle };
    TagpointHttp?: { started?: boolean; createHttpSink?: typeof createSink };
    TagpointHealth?: { started?: boolean; health?: Health; ready?: Promise<boolean> };
  };
  const w = window as W;
  const running = w.Tagpoint?.running;
  const tag = (document.querySelector('script[data-config-url][data-health],script[data-config-url][data-health-url]') ??
    (running && document.querySelector('script[data-config-url]'))) as HTMLScriptElement | null;
  if (tag && !w.TagpointHealth?.started && w.Tagpoint?.start) {
    const attr = (name: string) => tag.getAttribute(name) || undefined;
    const configUrl = new URL(attr('data-config-url')!, location.href).href;
    // The script tag's own rate, when it gives one; else the config's, known once it is in.
    const given = tag.hasAttribute('data-health') ? sampleRate(tag.getAttribute('data-health')) : undefined;
    // Math.random is enough: the sample only has to be unbiased, not unpredictable.
    const sampled = given === undefined || Math.random() < given;
    const health = sampled ? createHealth({ url: new URL(attr('data-health-url') || 'health', configUrl).href, sample: given }) : undefined;
    // `ready` resolves true once this page view reports (the config is in), false when it does not.
    let settle: (reporting: boolean) => void = () => undefined;
    w.TagpointHealth = { started: true, health, ready: new Promise((resolve) => (settle = resolve)) };
    // The config the runtime took: start.ts keeps it as `<revision>\n<text>`; else fetch it again (HTTP cache).
    const readConfig = async (): Promise<unknown> => {
      let text: string | null = null;
      try {
        text = localStorage.getItem('tagpoint:config:' + configUrl);
      } catch {
        // Storage forbidden: fetched below.
      }
      return text ? JSON.parse(text.slice(text.indexOf('\n') + 1)) : (await fetch(configUrl, { credentials: 'omit' })).json();
    };
    const report = (config: unknown) => {
      // Sampled by the config's rate here only when the script tag gave none and nobody sampled before
      // (tagpoint.js did for a running runtime); the config's rate 0 or none with data-health-url is 1.
      if (!health) return settle(false);
      if (given === undefined && !running && Math.random() >= (configSample(config) ?? 1)) {
        health.stop();
        return settle(false);
      }
      settle(health.load(config));
    };
    if (running) {
      // The runtime runs already (tagpoint.js sampled this page view by the config's rate): count from now on.
      running.wrap?.((client) => health!.analytics(client));
      readConfig().then(report, () => settle(false) /* no config, no beacon */);
    } else {
      const run = (sink?: AnalyticsLike) => {
        const started = w.Tagpoint!.start!({ configUrl, dataLayer: tag.hasAttribute('data-datalayer'), analytics: health ? health.analytics(sink) : sink });
        if (health) void Promise.resolve(started).then(readConfig).then(report, () => settle(false) /* no config, no beacon */);
        else settle(false);
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
  }
} catch {
  // Never throw into the page.
}
