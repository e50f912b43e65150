/**
 * The IIFE entry (`tagpoint.js`): defines `window.Tagpoint` and, when loaded by a script
 * tag with `data-config-url`, starts by itself.
 *
 *   <script async src="/tagpoint.js" data-config-url="/v1/sites/shop/config.json"></script>
 *
 * Optional attributes: `data-datalayer` (also push to GTM's dataLayer); `data-health` or
 * `data-health-url` (tag health beacons, through tagpoint-health.js from beside this file; a
 * config's `health.sample` also turns them on, see below); `data-write-key`
 * (send to Segment's HTTP Tracking API without analytics.js, through tagpoint-http.js loaded
 * from beside this file) and `data-api-host` (the API's host; default `api.segment.io/v1`).
 * The analytics-next plugin is in the ES module build.
 *
 * With debug requested (`?tagpoint_debug=1`, `localStorage.tagpoint_debug = '1'`), this file
 * (built without the debug bridge) does not start: it loads tagpoint-debug.js from beside
 * itself with a copy of this script tag's attributes, and that file (this entry built with
 * the bridge) goes on from there.
 */
import { DEBUG_BRIDGE, isDebugRequested } from './debug';
import { setPartsBase } from './extras';
import { start } from './start';
import type { TagpointHandle } from './runtime';
import { VERSION } from './version';

try {
  const w = window as { Tagpoint?: object };
  w.Tagpoint = { ...w.Tagpoint, start, version: VERSION };
  const script = document.currentScript as HTMLScriptElement | null;
  // Without a current script (loaded as a module or injected), this throws and nothing starts.
  const data = script!.dataset;
  setPartsBase(script!.src);
  const url = data.configUrl;
  // With data-health (tag health, health/auto.ts) or a write key (the HTTP sink, http/auto.ts),
  // that file (beside this one: same folder, same origin) is loaded and starts the runtime
  // itself, reading this script tag; nothing else loads them. (The src setter takes the URL as its string.)
  const load = (part: string, tag = document.createElement('script')) => {
    // The copy keeps every data- attribute, for tagpoint-debug.js to read as its own.
    if (part == 'debug') for (const { name, value } of script!.attributes) tag.setAttribute(name, value);
    tag.src = new URL(`tagpoint-${part}.js`, script!.src) as unknown as string;
    document.head.append(tag);
  };
  const part = !DEBUG_BRIDGE && isDebugRequested() ? 'debug' : 'health' in data || 'healthUrl' in data ? 'health' : 'writeKey' in data && 'http';
  // A config with `health.sample` turns health on by itself: a sampled page view loads
  // tagpoint-health.js, which counts this runtime's calls from then on (health/auto.ts).
  if (url)
    part
      ? load(part)
      : (start({ configUrl: url, dataLayer: 'datalayer' in data }) as Promise<TagpointHandle>).then((handle) => Math.random() < (handle.health as number) && (((w.Tagpoint as { running?: object }).running = handle), load('health')));
} catch {
  // Never throw into the page.
}
