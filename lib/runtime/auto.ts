/**
 * The IIFE entry (`tagpoint.js`): defines `window.Tagpoint` and, when loaded by a script
 * tag with `data-config-url`, starts by itself.
 *
 *   <script async src="/tagpoint.js" data-config-url="/v1/sites/shop/config.json"></script>
 *
 * Optional attributes: `data-datalayer` (also push to GTM's dataLayer); `data-write-key`
 * (send to Segment's HTTP Tracking API without analytics.js, through tagpoint-http.js loaded
 * from beside this file) and `data-api-host` (the API's host; default `api.segment.io/v1`).
 * The analytics-next plugin is in the ES module build.
 */
import { loadHttpSink } from './http-loader';
import { start } from './start';
import { VERSION } from './version';

try {
  const w = window as { Tagpoint?: object };
  w.Tagpoint = { ...w.Tagpoint, start, version: VERSION };
  const script = document.currentScript as HTMLScriptElement | null;
  const attr = (name: string) => script!.getAttribute(name);
  const url = script && attr('data-config-url');
  // The HTTP sink lives beside this file (same origin) and is loaded only with a write key;
  // it reads data-write-key and data-api-host from this script tag.
  if (url)
    start({
      configUrl: url,
      dataLayer: script.hasAttribute('data-datalayer'),
      analytics: attr('data-write-key') ? loadHttpSink(script) : undefined,
    });
} catch {
  // Never throw into the page.
}
