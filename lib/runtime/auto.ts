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
import { start } from './start';
import { VERSION } from './version';

try {
  const w = window as { Tagpoint?: object };
  w.Tagpoint = { ...w.Tagpoint, start, version: VERSION };
  const script = document.currentScript as HTMLScriptElement | null;
  const url = script && script.getAttribute('data-config-url');
  // With a write key, the HTTP sink (beside this file: same folder, same origin) is loaded and
  // starts the runtime itself, reading this script tag (http/auto.ts); nothing else loads it.
  if (url)
    script.hasAttribute('data-write-key')
      ? document.head.append(Object.assign(document.createElement('script'), { src: new URL('tagpoint-http.js', script.src).href }))
      : start({ configUrl: url, dataLayer: script.hasAttribute('data-datalayer') });
} catch {
  // Never throw into the page.
}
