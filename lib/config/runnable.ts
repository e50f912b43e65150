import { normalizeConfig } from '../core/normalize';
import type { ConfigError } from './types';

/**
 * Valid means runnable: a config the strict checks accept is handed to the website
 * runtime's own reader (lib/core `normalizeConfig`), and every tag it would skip becomes an
 * error at that tag. The checks before it (schema.ts, semantics.ts, selector-syntax.ts) call
 * the same core compilers field by field and say what is wrong where, so this is the
 * backstop that makes "the runtime skips a tag the parser accepted" impossible rather than
 * merely tested (test/unit/config/runtime-agreement.test.ts).
 *
 * Only where a DOM is available (the extension, the editor's Save): the runtime compiles
 * selectors with the browser's parser. Off the DOM (the registry, the CLI) the selector
 * check compiles each branch with the core's compiler after a CSS parser instead.
 */
export function checkRunnable(config: unknown): ConfigError[] {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc || typeof doc.createDocumentFragment !== 'function') return [];
  const read = normalizeConfig(config);
  if (!read.ok) return [{ path: '(root)', message: `the website runtime cannot read this config: ${read.reason}` }];
  return read.invalid.map((skipped) => ({
    path: `tags[${skipped.index}]`,
    message: `the website runtime would skip this tag (${skipped.reason}); please report this as a Tagpoint bug, the checks above should have said why`,
  }));
}
