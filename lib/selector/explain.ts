/** Why a locator looks the way it does, in terms a person picking an element understands. */
import { parse, type Selector } from 'css-what';
import type { SignalKind } from './atoms';
import type { Locator } from '../config/types';
import { createLocator, type LocatorOptions } from './create';
import { DEFAULT_TEST_ATTRIBUTES } from './signals';

/** One signal a selector stands on. */
export interface Signal {
  kind: SignalKind;
  /** The attribute, id, class or tag concerned, e.g. `data-testid="add"` or `.title`. */
  detail: string;
  /** Whether the signal is on the element itself or on an ancestor that anchors it. */
  on: 'element' | 'ancestor';
}

/** The signals of one selector. */
export interface SelectorExplanation {
  selector: string;
  signals: Signal[];
  /** True when it counts positions (`:nth-of-type`): the first thing a redeploy breaks. */
  structural: boolean;
}

/** What `explainLocator` returns. */
export interface LocatorExplanation {
  primary: SelectorExplanation;
  fallbacks: SelectorExplanation[];
  /** What the fingerprint checks, e.g. `tag button`, `text "Add to cart"`, `href="/cart"`. */
  fingerprint: string[];
  /** Shadow hosts the locator goes through (0 outside shadow DOM). */
  shadowDepth: number;
  /** One line for the UI. */
  summary: string;
}

const LABELS: Record<SignalKind, string> = {
  'test-attribute': 'test attribute',
  id: 'id',
  name: 'name',
  'aria-label': 'accessible label',
  role: 'role',
  href: 'link target',
  attribute: 'attribute',
  type: 'type',
  class: 'class name',
  tag: 'tag',
  position: 'position among siblings',
};

/** One signal in words: `test attribute data-testid="add"`, `link to "/cart"`, `type "button"`. */
function phrase(signal: Signal): string {
  const value = /^[^=]+="(.*)"$/.exec(signal.detail)?.[1];
  switch (signal.kind) {
    case 'id':
      return `id "${signal.detail.replace(/^#/, '')}"`;
    case 'class':
      return `class "${signal.detail.replace(/^\./, '')}"`;
    case 'href':
      return value === undefined ? 'link' : `link to "${value}"`;
    case 'name':
    case 'aria-label':
    case 'role':
    case 'type':
      return value === undefined ? LABELS[signal.kind] : `${LABELS[signal.kind]} "${value}"`;
    default:
      return `${LABELS[signal.kind]} ${signal.detail}`;
  }
}

function attributeKind(name: string, testAttributes: readonly string[]): SignalKind {
  if (testAttributes.includes(name)) return 'test-attribute';
  if (name === 'id') return 'id';
  if (name === 'class') return 'class';
  if (name === 'name' || name === 'aria-label' || name === 'role' || name === 'href' || name === 'type') return name;
  return 'attribute';
}

/** The signals of one CSS selector (the last compound is the element, the others ancestors). */
export function explainSelector(selector: string, testAttributes: readonly string[] = DEFAULT_TEST_ATTRIBUTES): SelectorExplanation {
  let tokens: Selector[] = [];
  try {
    tokens = parse(selector)[0] ?? [];
  } catch {
    // A selector css-what cannot parse has no signals to explain.
    return { selector, signals: [], structural: false };
  }
  const lastCombinator = tokens.reduce((at, t, i) => (['descendant', 'child', 'sibling', 'adjacent'].includes(t.type) ? i : at), -1);
  const signals: Signal[] = [];
  let structural = false;
  tokens.forEach((token, index) => {
    const on = index > lastCombinator ? 'element' : 'ancestor';
    if (token.type === 'attribute') {
      const kind = attributeKind(token.name, testAttributes);
      const detail =
        kind === 'id' ? `#${token.value}` : kind === 'class' ? `.${token.value}` : token.action === 'exists' ? `[${token.name}]` : `${token.name}="${token.value}"`;
      signals.push({ kind, detail, on });
    } else if (token.type === 'tag') {
      signals.push({ kind: 'tag', detail: token.name, on });
    } else if (token.type === 'pseudo' && /^nth-/.test(token.name)) {
      structural = true;
      signals.push({ kind: 'position', detail: `:${token.name}(${String(token.data)})`, on });
    }
  });
  return { selector, signals, structural };
}

/**
 * Explains a locator (or makes one for an element and explains it): which signals its
 * primary selector and fallbacks stand on, and what its fingerprint checks.
 */
export function explainLocator(input: Locator | Element, options: LocatorOptions = {}): LocatorExplanation {
  const testAttributes = options.testAttributes ?? DEFAULT_TEST_ATTRIBUTES;
  const isElement = typeof (input as Element).nodeType === 'number';
  const locator: Locator = isElement ? createLocator(input as Element, options) : (input as Locator);
  const primary = explainSelector(locator.selector, testAttributes);
  const fallbacks = (locator.fallbacks ?? []).map((s) => explainSelector(s, testAttributes));
  const fp = locator.fingerprint;
  const fingerprint = fp
    ? [
        `tag ${fp.tag}`,
        ...Object.entries(fp.attributes ?? {}).map(([k, v]) => `${k}="${v}"`),
        ...(fp.text !== undefined ? [`text "${fp.text}"`] : []),
      ]
    : [];
  const own = primary.signals.filter((s) => s.on === 'element' && s.kind !== 'tag' && s.kind !== 'position');
  const anchors = primary.signals.filter((s) => s.on === 'ancestor' && s.kind !== 'tag' && s.kind !== 'position');
  const parts: string[] = [];
  if (own.length) parts.push(`found by its ${own.map(phrase).join(', ')}`);
  if (anchors.length) parts.push(`inside the element with ${anchors.map(phrase).join(', ')}`);
  if (primary.structural) parts.push('counts positions, which a redeploy may shift');
  if (parts.length === 0) parts.push('found by the page structure only, which a redeploy may change');
  // In words a marketer reads: a fallback is a backup way to find it, the fingerprint what it looks like.
  if (fallbacks.length) parts.push(`${fallbacks.length} backup way${fallbacks.length === 1 ? '' : 's'} to find it if the page changes, each checked against what the element looks like`);
  else parts.push('no backup way to find it if the page changes');
  const shadowDepth = locator.hosts?.length ?? 0;
  if (shadowDepth) parts.push(`through ${shadowDepth} shadow host${shadowDepth === 1 ? '' : 's'}`);
  return { primary, fallbacks, fingerprint, shadowDepth, summary: parts.join('; ') };
}
