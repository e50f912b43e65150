/**
 * Keeps the overlay in step with the page: scrolling (of any scroller), resizing, DOM
 * changes and single-page-app route changes. All of it is coalesced into one callback per
 * animation frame.
 */

/** Options of `createPageWatcher`. */
export interface PageWatcherOptions {
  win?: Window;
  /** Boxes may have moved. */
  onLayout: () => void;
  /** `location.href` changed without a page load (history API, hash). */
  onUrlChange?: (url: string) => void;
  /**
   * How often the URL is compared, in ms. `history.pushState` fires no event an isolated
   * content script can hear, and a route change need not touch the DOM. Default 500.
   */
  urlPollMs?: number;
}

/** A running watcher. */
export interface PageWatcher {
  stop(): void;
}

/** Starts watching. */
export function createPageWatcher(options: PageWatcherOptions): PageWatcher {
  const win = options.win ?? window;
  const doc = win.document;
  let frame: number | undefined;
  let href = win.location.href;
  const tick = () => {
    frame = undefined;
    if (win.location.href !== href) {
      href = win.location.href;
      options.onUrlChange?.(href);
    }
    options.onLayout();
  };
  const schedule = () => {
    if (frame === undefined) frame = win.requestAnimationFrame(tick);
  };
  win.addEventListener('scroll', schedule, { capture: true, passive: true });
  win.addEventListener('resize', schedule, { passive: true });
  win.addEventListener('popstate', schedule);
  win.addEventListener('hashchange', schedule);
  const poll = win.setInterval(() => {
    if (win.location.href !== href) schedule();
  }, options.urlPollMs ?? 500);
  const observer = new MutationObserver(schedule);
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  return {
    stop() {
      observer.disconnect();
      win.clearInterval(poll);
      win.removeEventListener('scroll', schedule, { capture: true });
      win.removeEventListener('resize', schedule);
      win.removeEventListener('popstate', schedule);
      win.removeEventListener('hashchange', schedule);
      if (frame !== undefined) win.cancelAnimationFrame(frame);
    },
  };
}
