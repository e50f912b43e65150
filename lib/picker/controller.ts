import type { Locator } from '../config/types';
import { checkSelector } from '../config/selector-syntax';
import { selectorPolicyMessage } from '../core/selector-policy';
import { boxOf, labelOf, type Box } from './geometry';
import { createHoverTracker, type HoverTracker } from './hover';
import { createElementWalker } from './navigate';
import { matchNearest } from './reference';
import { snapToControl } from './snap';
import { checkPropertySource, privacyWarnings } from './privacy';
import { createEventSuppressor, type EventSuppressor } from './suppress';
import { createFreeze, type Freeze } from './freeze';
import { cleanText } from '../core/properties';
import { isSensitiveField } from '../core/sensitive';
import type { ElementSummary } from '../messages/schemas';

/** What the picker is picking for. */
export type PickPurpose = 'target' | 'property';

/** Element ⇄ locator functions (lib/selector), passed in so this module stays testable. */
export interface LocatorFunctions {
  createLocator(el: Element): Locator;
  resolveLocator(locator: Locator, root: ParentNode): Element[];
  /** `resolveLocator` with the ranking's score and lead when relocation found the element. */
  resolveWithReason?(locator: Locator, root: ParentNode): { elements: Element[]; relocated?: { score: number; lead: number } };
  /** A locator for the element and the ones like it (the other cards' buttons), or why there is none. */
  similarLocator?(el: Element): { locator: Locator } | { reason: string };
  /** One line on what the selector stands on ("test attribute data-testid…"). */
  explain?(locator: Locator): string;
  /**
   * A selector for a property's element that, looked up near `target` the way the runtime
   * does, finds that element, and on repeated cards each card's own one; undefined if none.
   */
  nearSelector?(el: Element, target: Element): string | undefined;
}

/** The element the user settled on, and what the locator makes of it. */
export interface Selection {
  locator: Locator;
  /** The locator of this very element (kept to come back from "all similar"). */
  only: Locator;
  similar?: Locator;
  scope: 'only' | 'similar';
  /** The selector as typed in the overlay (may be invalid while typing). */
  draft: string;
  error?: string;
  /** What the selector stands on, for the person picking. */
  explanation?: string;
  count: number;
  boxes: Box[];
}

/** What the overlay draws. */
export interface PickerState {
  mode: 'idle' | 'picking' | 'selected';
  purpose: PickPurpose;
  hover?: { box: Box; label: string };
  selection?: Selection;
  /** Elements outlined on request of the tag list. */
  /** A tag of the list outlined: its whole locator, resolved as the runtime resolves it. */
  highlight?: { locator: Locator; count: number; boxes: Box[] };
  notice?: { kind: 'info' | 'error'; text: string };
  /** The page's UI is frozen (freeze.ts): its leave, blur and focus handlers do not run. */
  frozen?: boolean;
}

/** Facts about a picked element sent to the editor: its wire contract is ElementSummarySchema. */
export type { ElementSummary };

/** Options of `createPickerController`. */
export interface PickerControllerOptions {
  locators: LocatorFunctions;
  /** True for nodes of our own overlay (never picked, never suppressed). */
  isOwnElement: (el: Element) => boolean;
  win?: Window;
  /** Most outlines drawn for one selector (the count is still exact). Default 500. */
  maxOutlines?: number;
  onPicked?: (selection: Selection, element: ElementSummary) => void;
  onTargetChanged?: (selection: Selection) => void;
  onPropertyPicked?: (result: { selector: string; element: ElementSummary; text: string; warnings: string[] }) => void;
  onPropertyRefused?: (reason: string) => void;
  onCancelled?: () => void;
}

const TARGET_NOTICE = 'Click the element to tag · ↑ parent · ↓ child · F freeze · Esc cancel';
const PROPERTY_NOTICE = 'Click the element the property reads · F freeze';
const FROZEN_NOTICE = 'Page frozen: open menus stay open · click the element · F or Esc thaws';

/** The picker's state machine. */
export interface PickerController {
  getState(): PickerState;
  subscribe(listener: (state: PickerState) => void): () => void;
  /**
   * Starts picking. For a property, `target` is the tag's locator as the editor holds it (after
   * Close, or when editing a saved tag, nothing is picked on the page): the property is made
   * relative to the match in the same record as the element picked.
   */
  start(purpose: PickPurpose, options?: { target?: Locator }): void;
  /** The element last picked as a target, while it is still in the page. */
  getPicked(): Element | null;
  /** Stops picking; keeps a selection on screen. */
  stop(): void;
  /** Clears everything drawn (selection, highlight) and forgets the element picked (the tag is saved or dropped). */
  clear(): void;
  /**
   * The overlay card's Close: takes the selection off the page but remembers the element
   * picked, since the tag is still being edited (its properties preview from that element).
   */
  close(): void;
  /**
   * Freezes the page's current UI (an open menu or modal stays: freeze.ts) or thaws it. The
   * F key does the same while picking; Esc thaws first. Close and clear thaw.
   */
  setFrozen(on: boolean): void;
  /** The overlay's selector field changed. */
  editSelector(text: string): void;
  setScope(scope: 'only' | 'similar'): void;
  /**
   * Outlines what a tag's target stands for (primary, fallbacks, fingerprint, hosts: what the
   * runtime fires on), scrolling the first into view with `scroll`; undefined clears. Returns
   * the count, -1 for a locator the runtime refuses.
   */
  highlight(target: Locator | undefined, options?: { scroll?: boolean }): number;
  /** Recomputes boxes (scroll, resize, DOM or route change). */
  refresh(): void;
  /** Picks an element as if clicked (keyboard Enter, tests). */
  pick(el: Element): void;
  dispose(): void;
}

// Realm-independent: events in a content script carry nodes of the page's realm.
function isElement(node: EventTarget): node is Element {
  return (node as Node).nodeType === 1;
}

/** Summarises an element for the editor. */
export function summarizeElement(el: Element): ElementSummary {
  const input = el.localName === 'input' ? (el.getAttribute('type') ?? 'text').toLowerCase() : undefined;
  return {
    tag: el.localName,
    // A sensitive field's value (a typed password) must not reach the editor either.
    text: cleanText(el.textContent || (isSensitiveField(el) ? '' : (el as HTMLInputElement).value) || el.getAttribute('aria-label') || '', 200),
    ...(input ? { inputType: input } : {}),
    isForm: el.localName === 'form',
    attributes: [...el.attributes].map((a) => a.name).filter((n) => /^[A-Za-z_:][-A-Za-z0-9_:.]{0,99}$/.test(n)).slice(0, 50),
  };
}

/** Creates the picker state machine for one page. */
export function createPickerController(options: PickerControllerOptions): PickerController {
  const win = options.win ?? window;
  const doc = win.document;
  const maxOutlines = options.maxOutlines ?? 500;
  const listeners = new Set<(state: PickerState) => void>();
  const walker = createElementWalker();
  let state: PickerState = { mode: 'idle', purpose: 'target' };
  let hovered: Element | null = null;
  let picked: Element | null = null;
  let propertyTarget: Locator | undefined;
  let suppressor: EventSuppressor | undefined;
  let frozen: Freeze | undefined;
  let tracker: HoverTracker | undefined;
  let keyListener: ((event: KeyboardEvent) => void) | undefined;

  const set = (patch: Partial<PickerState>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener(state);
  };

  const isOwnEvent = (event: Event) => event.composedPath().some((n) => isElement(n) && options.isOwnElement(n));

  // The whole locator (fingerprint, shadow hosts) is resolved, the way the runtime will:
  // the count is the number of elements the tag fires on.
  const resolve = (locator: Locator): { count: number; boxes: Box[]; elements: Element[] } | { error: string } => {
    const check = checkSelector(locator.selector);
    if (!check.ok) return { error: check.reason };
    // The runtime skips a tag with such a selector anywhere in its locator; the editor says why.
    for (const selector of [locator.selector, ...(locator.fallbacks ?? []), ...(locator.hosts ?? [])]) {
      const refused = selectorPolicyMessage(selector);
      if (refused) return { error: refused };
    }
    let elements: Element[];
    try {
      elements = options.locators.resolveLocator(locator, doc);
    } catch (error) {
      return { error: (error as Error).message };
    }
    elements = elements.filter((el) => !options.isOwnElement(el));
    return { count: elements.length, elements, boxes: elements.slice(0, maxOutlines).map(boxOf) };
  };

  const setHover = (el: Element | null) => {
    hovered = el;
    if (!el) return set({ hover: undefined });
    const box = boxOf(el);
    set({ hover: { box, label: labelOf(el, box) } });
  };

  const thaw = () => {
    frozen?.stop();
    frozen = undefined;
  };

  const stopPicking = () => {
    suppressor?.stop();
    suppressor = undefined;
    tracker?.stop();
    tracker = undefined;
    if (keyListener) win.removeEventListener('keydown', keyListener, { capture: true });
    keyListener = undefined;
    hovered = null;
  };

  const explain = (locator: Locator): string | undefined => {
    try {
      return options.locators.explain?.(locator);
    } catch {
      // The explanation is a hint under the selector; without it the overlay still shows the count.
      return undefined;
    }
  };

  const selectionFor = (locator: Locator): Selection => {
    const result = resolve(locator);
    const counted = 'error' in result ? { count: 0, boxes: [] } : result;
    return {
      locator,
      only: locator,
      scope: 'only',
      draft: locator.selector,
      explanation: explain(locator),
      count: counted.count,
      boxes: counted.boxes,
      ...('error' in result ? { error: result.error } : {}),
    };
  };

  // The tag's element a property picked on `el` belongs with (lib/picker/reference.ts).
  const referenceFor = (el: Element): Element | undefined => {
    const live = picked?.isConnected ? picked : null;
    const locator = propertyTarget ?? state.selection?.locator;
    const result = locator ? resolve(locator) : undefined;
    if (!result || 'error' in result) return live ?? undefined;
    return matchNearest(el, result.elements, live) ?? live ?? undefined;
  };

  const pick = (el: Element) => {
    if (state.purpose === 'property') {
      const verdict = checkPropertySource(el);
      if (!verdict.ok) {
        set({ notice: { kind: 'error', text: `Refused: ${verdict.reason}` } });
        options.onPropertyRefused?.(verdict.reason);
        return; // keep picking: choose another element
      }
      // A page-unique selector would read the first card's title on every card's click: the
      // selector is relative to the tag's match in the same record as `el`.
      const reference = referenceFor(el);
      const selector = (reference && options.locators.nearSelector?.(el, reference)) || options.locators.createLocator(el).selector;
      const text = cleanText(el.textContent, 255);
      stopPicking();
      set({ mode: state.selection ? 'selected' : 'idle', hover: undefined, notice: undefined });
      options.onPropertyPicked?.({ selector, element: summarizeElement(el), text, warnings: privacyWarnings(text) });
      return;
    }
    const locator = options.locators.createLocator(el);
    picked = el;
    const selection = selectionFor(locator);
    stopPicking();
    set({ mode: 'selected', hover: undefined, selection, notice: undefined });
    options.onPicked?.(selection, summarizeElement(el));
  };

  const freeze = (on: boolean) => {
    if (on === !!frozen) return;
    if (on) frozen = createFreeze({ win, isOwn: isOwnEvent });
    else frozen!.stop(), (frozen = undefined);
    // The banner's words while picking; the frozen banner says it otherwise.
    const text = on ? FROZEN_NOTICE : state.purpose === 'property' ? PROPERTY_NOTICE : TARGET_NOTICE;
    set(state.mode === 'picking' ? { frozen: on, notice: { kind: 'info', text } } : { frozen: on });
  };

  // Alt+Shift+F freezes or thaws whenever the overlay is on the page, picking or not (open a
  // modal by hand, freeze, then start picking); Esc thaws when not picking. A plain key would
  // be taken from the page's own inputs, which are usable between picks.
  const onFreezeShortcut = (event: KeyboardEvent) => {
    if (isOwnEvent(event) || keyListener) return;
    const shortcut = event.altKey && event.shiftKey && event.code === 'KeyF';
    if (!shortcut && !(event.key === 'Escape' && frozen)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    freeze(shortcut ? !frozen : false);
  };
  win.addEventListener('keydown', onFreezeShortcut, { capture: true });

  const onKey = (event: KeyboardEvent) => {
    // F freezes (or thaws): the pointer stays where it is, so a hover menu stays open.
    const isFreezeKey = event.code === 'KeyF' && !event.ctrlKey && !event.metaKey && (!event.altKey || event.shiftKey);
    const handled = isFreezeKey || ['Escape', 'ArrowUp', 'ArrowDown', 'Enter'].includes(event.key);
    if (!handled || isOwnEvent(event)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (isFreezeKey) freeze(!frozen);
    else if (event.key === 'Escape' && frozen) freeze(false);
    else if (event.key === 'Escape') {
      stopPicking();
      set({ mode: state.selection ? 'selected' : 'idle', hover: undefined, notice: undefined });
      options.onCancelled?.();
    } else if (event.key === 'Enter') {
      if (hovered) pick(hovered);
    } else if (hovered) {
      setHover(event.key === 'ArrowUp' ? walker.up(hovered) : walker.down(hovered));
    }
  };

  return {
    getState: () => state,
    getPicked: () => (picked?.isConnected ? picked : null),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(purpose, startOptions = {}) {
      // A frozen page stays frozen into the next pick (a property inside the same open menu),
      // its freeze made again after the picker's own listeners so they keep hearing the pointer.
      const held = frozen;
      held?.stop();
      frozen = undefined;
      stopPicking();
      propertyTarget = purpose === 'property' ? startOptions.target : undefined;
      walker.reset();
      suppressor = createEventSuppressor({
        target: win,
        isOwn: isOwnEvent,
        onSuppressed: (event) => {
          if (event.type !== 'click' || !(event as MouseEvent).isTrusted) return;
          const fromPoint = hovered;
          const path = event.composedPath();
          const first = path.find(isElement);
          const fallback = first && state.purpose === 'target' ? snapToControl(first) : first;
          const el = fromPoint && first && (fromPoint === first || fromPoint.contains(first) || first.contains(fromPoint)) ? fromPoint : fallback;
          if (el) pick(el);
        },
      });
      tracker = createHoverTracker({
        win,
        isOwn: options.isOwnElement,
        onHover: (el) => {
          walker.reset();
          // the icon or the word under the pointer stands for its button or link (lib/picker/snap.ts)
          setHover(el && (state.purpose === 'target' ? snapToControl(el) : el));
        },
      });
      keyListener = onKey;
      win.addEventListener('keydown', keyListener, { capture: true });
      if (held) frozen = createFreeze({ win, isOwn: isOwnEvent, hovered: held.hovered });
      set({
        mode: 'picking',
        purpose,
        hover: undefined,
        frozen: !!frozen,
        notice: { kind: 'info', text: frozen ? FROZEN_NOTICE : purpose === 'property' ? PROPERTY_NOTICE : TARGET_NOTICE },
        ...(purpose === 'target' ? { selection: undefined } : {}),
      });
    },
    stop() {
      stopPicking();
      set({ mode: state.selection ? 'selected' : 'idle', hover: undefined, notice: undefined });
    },
    clear() {
      stopPicking();
      thaw();
      picked = null;
      set({ mode: 'idle', hover: undefined, selection: undefined, highlight: undefined, notice: undefined, frozen: false });
    },
    close() {
      stopPicking();
      thaw();
      set({ mode: 'idle', hover: undefined, selection: undefined, notice: undefined, frozen: false });
    },
    setFrozen(on) {
      freeze(on);
    },
    editSelector(text) {
      const current = state.selection;
      if (!current) return;
      const result = resolve({ selector: text });
      if ('error' in result) {
        set({ selection: { ...current, draft: text, error: result.error, count: 0, boxes: [] } });
        return;
      }
      const locator: Locator = { selector: text };
      const next: Selection = { ...current, draft: text, error: undefined, locator, explanation: explain(locator), count: result.count, boxes: result.boxes };
      set({ selection: next });
      options.onTargetChanged?.(next);
    },
    setScope(scope) {
      const current = state.selection;
      if (!current || !picked) return;
      let locator = current.only;
      if (scope === 'similar') {
        const found = current.similar ? { locator: current.similar } : options.locators.similarLocator?.(picked);
        if (!found || !('locator' in found)) {
          set({ notice: { kind: 'info', text: found?.reason ?? 'No similar elements found' } });
          return;
        }
        const similar = found.locator;
        locator = similar;
        current.similar = similar;
      }
      const result = resolve(locator);
      const counted = 'error' in result ? { count: 0, boxes: [] } : result;
      const next: Selection = { ...current, scope, locator, draft: locator.selector, error: undefined, explanation: explain(locator), count: counted.count, boxes: counted.boxes };
      set({ selection: next, notice: undefined });
      options.onTargetChanged?.(next);
    },
    highlight(locator, { scroll } = {}) {
      if (!locator) {
        set({ highlight: undefined });
        return 0;
      }
      const result = resolve(locator);
      if ('error' in result) {
        set({ highlight: undefined });
        return -1;
      }
      if (scroll) result.elements[0]?.scrollIntoView({ block: 'center' });
      set({ highlight: { locator, count: result.count, boxes: result.boxes } });
      return result.count;
    },
    refresh() {
      const patch: Partial<PickerState> = {};
      if (state.selection) {
        const { error, draft, locator } = state.selection;
        const result = resolve(error || draft === locator.selector ? locator : { selector: draft });
        if (!('error' in result)) patch.selection = { ...state.selection, count: result.count, boxes: result.boxes };
      }
      if (state.highlight) {
        const result = resolve(state.highlight.locator);
        if (!('error' in result)) patch.highlight = { ...state.highlight, count: result.count, boxes: result.boxes };
      }
      if (hovered) {
        const box = boxOf(hovered);
        patch.hover = { box, label: labelOf(hovered, box) };
      }
      if (Object.keys(patch).length > 0) set(patch);
      tracker?.refresh();
    },
    pick,
    dispose() {
      stopPicking();
      thaw();
      win.removeEventListener('keydown', onFreezeShortcut, { capture: true });
      listeners.clear();
    },
  };
}
