/**
 * The lean build: tagpoint.js (every visitor loads it; 7 KB budget) is built with
 * `__TAGPOINT_LEAN__` (scripts/build-runtime.ts) and without what only some configs need:
 * the linear matcher of glob and regex page rules (patterns.ts, with the glob translation), the
 * exact selector policy (selector-policy.ts), the words of sensitive fields (sensitive-words.ts),
 * the readers of url, query, attribute and value properties (properties.ts `readOther`) and the
 * visible trigger. Those come with tagpoint-extras.js, which
 * puts them on `window.TagpointExtras`; the runtime loads it before it takes a config that
 * needs them into use (lib/runtime/extras.ts). Every other build links them.
 */
import type { PatternResult } from './patterns';
import type { RuntimeProperty, RuntimeTarget } from './normalize';
import type { PropertyValue } from './properties';

declare const __TAGPOINT_LEAN__: boolean | undefined;

/** True in tagpoint.js, built without the extras. */
export const LEAN = typeof __TAGPOINT_LEAN__ != 'undefined' && __TAGPOINT_LEAN__;

/** What lib/core uses of tagpoint-extras.js. */
export interface CoreExtras {
  /** page-rules.ts `patternOfRule`: the linear matcher with the glob translation. */
  patternOfRule(match: unknown, value: string): PatternResult | undefined;
  selectorOracle(selector: string): string | undefined;
  fieldMark(el: Element): string | undefined;
  sensitiveWord(name: string): string | undefined;
  /** properties.ts `readOther`: url, query, attribute and value sources. */
  readOther(prop: RuntimeProperty, el: Element | null, max: number, doc: Document): PropertyValue;
  /** relocate.ts `relocateRanked`: relocation's ranking, with the near text. */
  relocateRanked(target: RuntimeTarget, scope: ParentNode, deadline: number | undefined, found: Element[]): Element[] | undefined;
}

/** The extras once loaded (lean build only), else undefined. */
export const coreExtras = (): CoreExtras | undefined => (window as { TagpointExtras?: CoreExtras }).TagpointExtras;

/**
 * Set while a lean reading (normalizeConfig) meets what only the extras can answer, so the
 * runtime loads them and reads the config again; reset at the start of each reading.
 */
export const lacking = { extras: false };
