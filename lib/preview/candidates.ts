/**
 * Why-not-fired: given the element a user acted on and the tags the runtime considered
 * (its `not-fired` debug messages), rank the tags by how near their targets are, so "no
 * tag fired" can name the few that were almost right.
 */
import type { NotFiredReason } from '../runtime/debug-protocol';
import type { Tag } from '../config/types';
import { resolveLocator } from '../core/locator';
import type { Candidate } from './schemas';

/** A `not-fired` report of one tag (from lib/runtime's debug bridge). */
export interface NotFiredInput {
  tag: string;
  event: string;
  reason: NotFiredReason;
  detail?: string;
}

/** Options of `rankCandidates`. */
export interface RankOptions {
  /** Most candidates returned. Default 50. */
  max?: number;
  /** Most target elements measured per tag (a tag matching 10,000 cards stays cheap). Default 200. */
  maxElementsPerTag?: number;
}

/**
 * Steps in the DOM tree between two nodes (up to their nearest common ancestor and down),
 * or null when they share none (another document, a detached node).
 */
export function domDistance(a: Node, b: Node): number | null {
  const depthOf = new Map<Node, number>();
  let depth = 0;
  for (let n: Node | null = a; n; n = parentOf(n)) depthOf.set(n, depth++);
  let up = 0;
  for (let n: Node | null = b; n; n = parentOf(n)) {
    const d = depthOf.get(n);
    if (d !== undefined) return d + up;
    up++;
  }
  return null;
}

/** Parent across shadow boundaries, so targets inside components are measured too. */
function parentOf(node: Node): Node | null {
  if (node.parentNode) {
    const p = node.parentNode;
    return p.nodeType === 11 && (p as ShadowRoot).host ? (p as ShadowRoot).host : p;
  }
  return null;
}

/** The elements a tag's target matches, never throwing. */
export function safeResolve(tag: Pick<Tag, 'target'> | undefined, root: ParentNode): Element[] {
  return tag?.target ? resolveLocator(tag.target, root) : [];
}

const REASON_ORDER: Record<NotFiredReason, number> = { 'page-rule-failed': 0, 'over-budget': 1, 'selector-mismatch': 2, disabled: 3, invalid: 4 };

/**
 * The considered tags with their reason, target count on the page and distance from the
 * acted-on element, nearest first; tags whose target is not on the page come last.
 */
export function rankCandidates(
  acted: Element | undefined,
  notFired: readonly NotFiredInput[],
  tags: ReadonlyMap<string, Tag>,
  root: ParentNode,
  options: RankOptions = {},
): Candidate[] {
  const max = options.max ?? 50;
  const perTag = options.maxElementsPerTag ?? 200;
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const nf of notFired) {
    if (seen.has(nf.tag)) continue;
    seen.add(nf.tag);
    const elements = safeResolve(tags.get(nf.tag), root);
    let distance: number | null = null;
    if (acted) {
      for (const el of elements.slice(0, perTag)) {
        const d = domDistance(acted, el);
        if (d !== null && (distance === null || d < distance)) distance = d;
      }
    }
    out.push({
      tag: nf.tag,
      event: nf.event || tags.get(nf.tag)?.event || '',
      reason: nf.reason,
      ...(nf.detail ? { detail: nf.detail.slice(0, 500) } : {}),
      onPage: elements.length,
      distance,
    });
  }
  out.sort((x, y) => {
    if (x.distance !== y.distance) {
      if (x.distance === null) return 1;
      if (y.distance === null) return -1;
      return x.distance - y.distance;
    }
    return REASON_ORDER[x.reason] - REASON_ORDER[y.reason];
  });
  return out.slice(0, max);
}

/** A sentence for one candidate, for people reading the log (also used by the CSV export). */
export function describeCandidate(c: Candidate): string {
  const where = c.onPage === 0 ? 'its target is not on this page' : `its target matches ${c.onPage} element${c.onPage === 1 ? '' : 's'} here`;
  switch (c.reason) {
    case 'page-rule-failed':
      return `page rule failed: the tag is limited to other pages (${where})`;
    case 'selector-mismatch':
      return c.distance === null
        ? `selector did not match the clicked element (${where})`
        : `selector did not match the clicked element; the nearest target is ${c.distance} step${c.distance === 1 ? '' : 's'} away`;
    case 'disabled':
      return `disabled (${where})`;
    case 'invalid':
      return `invalid tag${c.detail ? `: ${c.detail}` : ''}`;
    case 'over-budget':
      return `not tested: this action's time budget ran out first (the config's selectors without a key, such as :has() or :is() alone, cost too much per click; ${where})`;
  }
}
