import { OVERLAY_CSS } from './styles';

/** The overlay's host element and the container inside its shadow root. */
export interface OverlayHost {
  element: HTMLElement;
  shadow: ShadowRoot;
  container: HTMLElement;
  remove(): void;
}

// Inline `!important` beats any page stylesheet rule on the host, `!important` ones
// included; `all: initial` stops inherited page styles (fonts, colours) at the door.
const HOST_STYLE = [
  'all: initial !important',
  'position: fixed !important',
  'top: 0 !important',
  'left: 0 !important',
  'width: 0 !important',
  'height: 0 !important',
  'overflow: visible !important',
  'display: block !important',
  'z-index: 2147483647 !important',
  'pointer-events: none !important',
  'visibility: visible !important',
  'opacity: 1 !important',
  'transform: none !important',
  'filter: none !important',
  'contain: none !important',
  'margin: 0 !important',
  'padding: 0 !important',
  'border: 0 !important',
  'background: transparent !important',
].join('; ');

// Events from our UI must not reach the page's own listeners (menus closing on a click
// elsewhere, shortcuts stealing the keys typed in the selector field).
const ISOLATED_EVENTS = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'input', 'focusin', 'focusout', 'wheel'];

/**
 * Creates the overlay host: a custom element under `<html>` (not `<body>`, which pages
 * restyle and replace), shown as a manual popover (top layer) where supported, with an
 * open shadow root holding all the overlay's styles.
 */
export function mountOverlayHost(doc: Document): OverlayHost {
  const element = doc.createElement('tagpoint-overlay');
  element.setAttribute('style', HOST_STYLE);
  const shadow = element.attachShadow({ mode: 'open' });
  let adopted = false;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(OVERLAY_CSS);
    shadow.adoptedStyleSheets = [sheet];
    adopted = shadow.adoptedStyleSheets.length === 1;
  } catch {
    // No constructable stylesheets (older engine): the <style> fallback below.
    adopted = false;
  }
  if (!adopted) {
    // Constructed sheets are not available or not adoptable from this world (Firefox's
    // content-script sandbox): a <style> element instead.
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    shadow.appendChild(style);
  }
  const container = doc.createElement('div');
  shadow.appendChild(container);
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
  doc.documentElement.appendChild(element);
  // In the top layer the overlay escapes what a page does to its own root (opacity,
  // filter, transform on <html>) and stays above the page's z-index wars.
  const popover = element as HTMLElement & { showPopover?: () => void };
  if (typeof popover.showPopover === 'function') {
    element.setAttribute('popover', 'manual');
    try {
      popover.showPopover();
    } catch {
      // The top layer is refused (a modal dialog is open): the overlay stays a plain fixed element.
      element.removeAttribute('popover');
    }
  }
  return {
    element,
    shadow,
    container,
    remove: () => element.remove(),
  };
}
