/**
 * Freeze mode (issue 18): holds the page's open menus, dropdowns, tooltips and modals while
 * the user picks inside them. Two parts:
 *
 * - The page's own leave, hover, blur, focus, key and press handlers do not run: capture listeners on the
 *   window see those events first and stop them (as suppress.ts does for clicks), so a menu
 *   that closes on `mouseleave`, a dropdown that closes on `focusout` or a modal that closes
 *   on a document `keydown` stays. Our own overlay's events pass.
 * - CSS `:hover`-only menus: the elements under the pointer when freezing keep their hover
 *   styles. Each readable style rule with `:hover` is copied with `:hover` replaced by an
 *   attribute the frozen elements carry (`[data-tagpoint-hover]`), so moving the pointer
 *   away does not close them.
 *
 * What it cannot hold (said in the README): handlers a page put on the window itself before
 * the extension (they run before ours for events aimed at the window, such as its `blur`);
 * rules of cross-origin style sheets the page did not allow to be read; timers the page
 * started before freezing; and menus the page removes on its own clock.
 */

/** Events the page does not hear while frozen (pointer movement in and out, focus, keys). */
export const FROZEN_EVENTS = [
  'mouseover',
  'mouseout',
  'mouseenter',
  'mouseleave',
  'pointerover',
  'pointerout',
  'pointerenter',
  'pointerleave',
  'mousemove',
  'pointermove',
  'blur',
  'focusout',
  'focusin',
  'focus',
  'keydown',
  'keyup',
  'visibilitychange',
  'wheel',
] as const;

/**
 * Presses, swallowed too while frozen (default actions included): a click outside a modal must
 * not close it, a link in a frozen menu must not navigate. While picking, the picker's own
 * suppressor (suppress.ts) hears them first and picks.
 */
export const FROZEN_PRESSES = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu', 'touchstart', 'touchend', 'submit'] as const;

/** The attribute that stands for `:hover` on frozen elements. */
export const FROZEN_HOVER_ATTRIBUTE = 'data-tagpoint-hover';

/** Options of `createFreeze`. */
export interface FreezeOptions {
  /** Default: `window`. */
  win?: Window;
  /** True for events aimed at our own overlay, which work as usual. */
  isOwn?: (event: Event) => boolean;
  /** Most style rules copied for forced hover. Default 5,000. */
  maxRules?: number;
  /** The elements that keep their hover styles. Default: those matching `:hover` now. */
  hovered?: readonly Element[];
}

/** A frozen page; `stop()` thaws it. */
export interface Freeze {
  /** How many hover rules were copied (0 when the page has none under the pointer). */
  readonly hoverRules: number;
  /** The elements held in their hover state. */
  readonly hovered: readonly Element[];
  stop(): void;
}

const HOVER = /:hover\b/g;

/** The style rules (nested in media and supports blocks too) whose selector has `:hover`, copied with the attribute instead. */
function hoverRules(doc: Document, max: number): string[] {
  const out: string[] = [];
  const walk = (rules: CSSRuleList, wrap: (css: string) => string) => {
    for (const rule of Array.from(rules)) {
      if (out.length >= max) return;
      const style = rule as CSSStyleRule;
      if (typeof style.selectorText === 'string' && HOVER.test(style.selectorText)) {
        HOVER.lastIndex = 0;
        out.push(wrap(`${style.selectorText.replace(HOVER, `[${FROZEN_HOVER_ATTRIBUTE}]`)} { ${style.style.cssText} }`));
      }
      HOVER.lastIndex = 0;
      const grouping = rule as CSSMediaRule;
      if (grouping.cssRules && typeof style.selectorText !== 'string') {
        const condition = (rule as CSSMediaRule).conditionText;
        const at = rule.constructor.name === 'CSSSupportsRule' ? '@supports' : '@media';
        walk(grouping.cssRules, condition ? (css) => wrap(`${at} ${condition} { ${css} }`) : wrap);
      }
    }
  };
  for (const sheet of Array.from(doc.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      // A cross-origin sheet the page may not read: its hover rules cannot be held.
      continue;
    }
    walk(rules, (css) => css);
  }
  return out;
}

/** Freezes the page's current UI until `stop()`. */
export function createFreeze(options: FreezeOptions = {}): Freeze {
  const win = options.win ?? window;
  const doc = win.document;
  const stopEvent = (event: Event) => {
    if (options.isOwn?.(event)) return;
    if ((FROZEN_PRESSES as readonly string[]).includes(event.type)) event.preventDefault();
    event.stopImmediatePropagation();
  };
  const types = [...FROZEN_EVENTS, ...FROZEN_PRESSES];
  for (const type of types) win.addEventListener(type, stopEvent, { capture: true, passive: false });

  // The hovered chain, innermost to the root, keeps its hover styles.
  const hovered = (options.hovered ?? Array.from(doc.querySelectorAll(':hover'))).filter((el) => el.isConnected);
  for (const el of hovered) el.setAttribute(FROZEN_HOVER_ATTRIBUTE, '');
  const rules = hovered.length ? hoverRules(doc, options.maxRules ?? 5_000) : [];
  let style: HTMLStyleElement | undefined;
  if (rules.length) {
    style = doc.createElement('style');
    style.setAttribute('data-tagpoint-freeze', '');
    style.textContent = rules.join('\n');
    (doc.head ?? doc.documentElement).append(style);
  }
  let stopped = false;
  return {
    hoverRules: rules.length,
    hovered,
    stop() {
      if (stopped) return;
      stopped = true;
      for (const type of types) win.removeEventListener(type, stopEvent, { capture: true });
      for (const el of hovered) el.removeAttribute(FROZEN_HOVER_ATTRIBUTE);
      style?.remove();
    },
  };
}
