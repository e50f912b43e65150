/** The debug bridge: builds messages and hands them to a reporter. */
import { TAGPOINT_DEBUG_SOURCE, type DebugMessage, type DebugPayload } from './debug-protocol';

declare const __TAGPOINT_DEBUG__: boolean | undefined;

/**
 * Whether this build carries the debug bridge. scripts/build-runtime.ts builds tagpoint.js
 * with it off (`__TAGPOINT_DEBUG__` defined false), so every `if (reporter)` branch is dropped
 * from the file every visitor loads (435 B, 363 B net of the loader, measured 2026-12-02), and
 * tagpoint-debug.js with it on; auto.ts loads tagpoint-debug.js instead of starting when debug
 * is requested. Everything else (the ES module, the extension, tests) has it on.
 */
export const DEBUG_BRIDGE = typeof __TAGPOINT_DEBUG__ == 'undefined' || __TAGPOINT_DEBUG__;

/** Receives every debug message (the extension preview passes its own). */
export type DebugReporter = (message: DebugMessage) => void;

/** True with `?tagpoint_debug=1` in the URL or `localStorage.tagpoint_debug === '1'`. */
export function isDebugRequested(): boolean {
  try {
    return /[?&]tagpoint_debug=1\b/.test(location.search) || localStorage.getItem('tagpoint_debug') === '1';
  } catch {
    // localStorage can throw (sandboxed frame, storage off): then no debug mode.
    return false;
  }
}

/**
 * Posts to this window only (target origin = our own), for the extension's content script
 * to pick up. On an opaque origin (file://) this throws and the message is dropped.
 */
export const postMessageReporter: DebugReporter = (message) => window.postMessage(message, location.origin);

/** A reporter for the `debug` option, or undefined when debug is off (runtime.ts calls it only where DEBUG_BRIDGE). */
export function createReporter(debug: boolean | DebugReporter | undefined): DebugReporter | undefined {
  if (typeof debug === 'function') return debug;
  return debug === true || (debug === undefined && isDebugRequested()) ? postMessageReporter : undefined;
}

/** Completes a payload with source, url and revision. */
export function toMessage(payload: DebugPayload, revision: number): DebugMessage {
  return { source: TAGPOINT_DEBUG_SOURCE, url: location.href, revision, ...payload } as DebugMessage;
}

/** A short description of an element (`button#buy`, `a.nav`), for people reading the log. */
export function describeElement(el: Element): string {
  const cls = el.classList[0];
  return el.localName + (el.id ? '#' + el.id : cls ? '.' + cls : '');
}
