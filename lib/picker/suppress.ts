/**
 * While the user picks an element, the page must not react to the pointer: no navigation,
 * no form submit, no menu opening. Capture listeners on the window see the events first
 * (before the page's own listeners on document and elements) and swallow them. Events
 * aimed at our own overlay pass untouched.
 */

/** The events swallowed while picking. */
export const SUPPRESSED_EVENTS = [
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'submit',
  'touchstart',
  'touchend',
  'dragstart',
] as const;

/** Options of `createEventSuppressor`. */
export interface SuppressorOptions {
  /** Where the capture listeners go. Default: `window`. */
  target?: EventTarget;
  /** True for events aimed at our own UI, which must work as usual. */
  isOwn?: (event: Event) => boolean;
  /** Called with each swallowed event (the picker picks on `click`). */
  onSuppressed?: (event: Event) => void;
  /** The events to swallow. Default: SUPPRESSED_EVENTS. */
  events?: readonly string[];
}

/** A running suppressor; `stop()` restores the page's handling at once. */
export interface EventSuppressor {
  stop(): void;
  readonly active: boolean;
}

/** Starts swallowing the page's pointer events until `stop()`. */
export function createEventSuppressor(options: SuppressorOptions = {}): EventSuppressor {
  const target = options.target ?? window;
  const events = options.events ?? SUPPRESSED_EVENTS;
  let active = true;
  const listener = (event: Event) => {
    if (!active || options.isOwn?.(event)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    options.onSuppressed?.(event);
  };
  // `passive: false` so preventDefault works on touch events too.
  for (const type of events) target.addEventListener(type, listener, { capture: true, passive: false });
  return {
    get active() {
      return active;
    },
    stop() {
      if (!active) return;
      active = false;
      for (const type of events) target.removeEventListener(type, listener, { capture: true });
    },
  };
}
