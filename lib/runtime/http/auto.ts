/**
 * The IIFE entry (`tagpoint-http.js`): defines `window.TagpointHttp.createHttpSink` and, when
 * tagpoint.js loaded it for a script tag with `data-write-key`, starts the runtime with the
 * sink: `Tagpoint.start({ configUrl, dataLayer, analytics: createHttpSink({ writeKey, apiHost }) })`
 * from that tag's `data-config-url`, `data-datalayer`, `data-write-key` and `data-api-host`.
 * tagpoint.js loads this file only then, from its own folder. A page may also load it itself
 * and call `Tagpoint.start({ configUrl, analytics: TagpointHttp.createHttpSink({ writeKey }) })`.
 */
import type { start as startRuntime } from '../start';
import type { TagpointHandle } from '../runtime';
import { createHttpSink } from './sink';
import { VERSION } from '../version';

try {
  const w = window as { TagpointHttp?: { started?: boolean }; Tagpoint?: { start?: typeof startRuntime; running?: TagpointHandle } };
  const started = !!w.TagpointHttp?.started;
  w.TagpointHttp = { createHttpSink, version: VERSION, started: true } as object;
  const tag = document.querySelector('script[data-config-url][data-write-key]');
  const attr = (name: string) => tag!.getAttribute(name) || undefined;
  // Once per page, even if the file is loaded twice.
  if (tag && !started && w.Tagpoint?.start) {
    const handle = w.Tagpoint.start({
      configUrl: attr('data-config-url'),
      dataLayer: tag.hasAttribute('data-datalayer'),
      analytics: createHttpSink({ writeKey: attr('data-write-key')!, apiHost: attr('data-api-host') }),
    });
    // A config with `health.sample` turns tag health on, as in tagpoint.js (health/auto.ts).
    void Promise.resolve(handle).then((running) => {
      if (!(Math.random() < (running.health as number))) return;
      w.Tagpoint!.running = running;
      document.head.append(Object.assign(document.createElement('script'), { src: new URL('tagpoint-health.js', (tag as HTMLScriptElement).src).href }));
    });
  }
} catch {
  // Never throw into the page.
}
