/**
 * tagpoint-extras.js: what only some configs need, kept out of tagpoint.js (which every
 * visitor loads, within its 7 KB budget): the linear matcher of glob and regex page rules
 * (lib/core/patterns.ts, 2.3 KB min+gzip with its messages), the exact selector policy
 * (lib/core/selector-policy.ts; tagpoint.js keeps a conservative pre-check) and the `visible`
 * trigger (visible.ts). tagpoint.js is built lean (lib/core/lean.ts): when a config has a
 * glob or regex rule, a selector the pre-check flags or a visible tag, it loads
 * tagpoint-extras.js from beside itself before taking the config into use (user actions
 * meanwhile are buffered, as while the config loads). Relocation's ranking (lib/core/relocate.ts)
 * is there too, so a config with fingerprints loads it as well. The ES module,
 * tagpoint-debug.js and the extension link both.
 */
import { coreExtras, LEAN, type CoreExtras } from '../core/lean';
import type { createVisibleWatcher } from './visible';

export { LEAN };

/** What tagpoint-extras.js puts on `window.TagpointExtras`. */
export interface Extras extends CoreExtras {
  createVisibleWatcher: typeof createVisibleWatcher;
}

/** The extras once loaded (lean build only), else undefined. */
export const extras = coreExtras as () => Extras | undefined;

let base: string | undefined;

/** Where tagpoint.js was loaded from (auto.ts), so its extras come from beside it. */
export function setPartsBase(src: string): void {
  base = src;
}

/**
 * Loads tagpoint-extras.js once, then calls `done` (also when it fails to load or there is
 * nowhere to load it from: the tags that need it are then skipped).
 */
export function loadExtras(done: () => void): void {
  if (extras() || !base) return done();
  const tag = document.createElement('script');
  tag.onload = tag.onerror = done;
  tag.src = new URL('tagpoint-extras.js', base) as unknown as string;
  document.head.append(tag);
}
