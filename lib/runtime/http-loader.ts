/**
 * Loads the HTTP sink (`tagpoint-http.js`, from beside tagpoint.js) only when the script tag
 * has a write key, and stands in for it meanwhile: calls made before it has loaded are
 * queued, and the sink takes them over (`adopt`). Where it comes from is decided by the
 * site's own script tag, never by a config, so no code from anywhere else runs.
 */
import type { AnalyticsLike } from './sinks';

/** What the stub hands the sink: tagpoint.js's script tag, the stub itself and the calls queued so far. */
export type AdoptArgs = [script: Element, stub: Record<string, Function>, queue: [string, unknown[]][]];

/** A stub that queues calls until tagpoint-http.js has loaded and its `TagpointHttp.adopt` took them over. */
export function loadHttpSink(script: HTMLScriptElement): AnalyticsLike {
  const queue: AdoptArgs[2] = [];
  const stub: Record<string, Function> = {};
  for (const call of ['track', 'page', 'identify']) stub[call] = (...args: unknown[]) => queue.push([call, args]);
  const el = document.createElement('script');
  el.src = new URL('tagpoint-http.js', script.src).href;
  el.onload = () => (window as { TagpointHttp?: { adopt(...args: AdoptArgs): void } }).TagpointHttp?.adopt(script, stub, queue);
  document.head.append(el);
  return stub;
}
