/**
 * Pointer tracking for the picker: pointer moves are only recorded, and the element under
 * the pointer is looked up once per animation frame, so a busy page pays at most one
 * `elementFromPoint` per frame however fast the pointer moves.
 */

/** Options of `createHoverTracker`. */
export interface HoverTrackerOptions {
  /** The window to track. Default: `window`. */
  win?: Window;
  /** Our own UI host: the pointer over it selects nothing. */
  isOwn: (el: Element) => boolean;
  /** Called when the element under the pointer changes (null: nothing pickable). */
  onHover: (el: Element | null) => void;
  /** Frame scheduler. Default: `requestAnimationFrame`. */
  raf?: (callback: () => void) => number;
  cancelRaf?: (handle: number) => void;
}

/** A running tracker. */
export interface HoverTracker {
  /** The element last reported. */
  readonly current: Element | null;
  /** Looks up the element under the last pointer position again (after scrolling). */
  refresh(): void;
  stop(): void;
}

/** The deepest element at a point, entering open shadow roots. */
export function deepElementFromPoint(doc: Document, x: number, y: number, isOwn: (el: Element) => boolean): Element | null {
  let el = doc.elementFromPoint(x, y);
  if (!el || isOwn(el)) return null;
  for (let depth = 0; depth < 16 && el.shadowRoot; depth++) {
    const inner: Element | null = el.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === el) break;
    el = inner;
  }
  return el;
}

/** Starts tracking the pointer. */
export function createHoverTracker(options: HoverTrackerOptions): HoverTracker {
  const win = options.win ?? window;
  const raf = options.raf ?? ((cb) => win.requestAnimationFrame(cb));
  const cancel = options.cancelRaf ?? ((handle) => win.cancelAnimationFrame(handle));
  let point: { x: number; y: number } | undefined;
  let frame: number | undefined;
  let current: Element | null = null;

  const update = () => {
    frame = undefined;
    if (!point) return;
    const el = deepElementFromPoint(win.document, point.x, point.y, options.isOwn);
    if (el === current) return;
    current = el;
    options.onHover(el);
  };
  const schedule = () => {
    if (frame === undefined) frame = raf(update);
  };
  const onMove = (event: PointerEvent | MouseEvent) => {
    point = { x: event.clientX, y: event.clientY };
    schedule();
  };
  win.addEventListener('pointermove', onMove, { capture: true, passive: true });
  win.addEventListener('mousemove', onMove, { capture: true, passive: true });

  return {
    get current() {
      return current;
    },
    refresh() {
      current = null;
      schedule();
    },
    stop() {
      win.removeEventListener('pointermove', onMove, { capture: true });
      win.removeEventListener('mousemove', onMove, { capture: true });
      if (frame !== undefined) cancel(frame);
      frame = undefined;
    },
  };
}
