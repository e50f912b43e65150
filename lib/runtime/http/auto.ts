/**
 * The IIFE entry (`tagpoint-http.js`): defines `window.TagpointHttp` (`createHttpSink`, and
 * `adopt` for tagpoint.js's stub). tagpoint.js loads it from its own folder when its script
 * tag has `data-write-key`, and only then; a page may also load it itself and call
 * `Tagpoint.start({ configUrl, analytics: TagpointHttp.createHttpSink({ writeKey }) })`.
 */
import type { AdoptArgs } from '../http-loader';
import { createHttpSink } from './sink';
import { VERSION } from '../version';

/** Takes over tagpoint.js's stub: its methods now call the sink, and the queued calls are sent. */
function adopt(...[script, stub, queue]: AdoptArgs): void {
  try {
    const attr = (name: string) => script.getAttribute(name) || undefined;
    const sink = createHttpSink({ writeKey: attr('data-write-key')!, apiHost: attr('data-api-host') }) as unknown as Record<string, Function>;
    for (const call of ['track', 'page', 'identify']) stub[call] = sink[call]!;
    for (const [call, args] of queue.splice(0)) sink[call]?.(...args);
  } catch {
    // Never throw into the page.
  }
}

try {
  (window as { TagpointHttp?: object }).TagpointHttp = { createHttpSink, adopt, version: VERSION };
} catch {
  // Never throw into the page.
}
