import { parse } from 'css-what';

/** The outcome of checking a CSS selector's syntax. */
export type SelectorCheck = { ok: true } | { ok: false; reason: string };

const cache = new Map<string, SelectorCheck>();
const CACHE_LIMIT = 5_000;

/**
 * Checks that `selector` is valid CSS. Where a DOM is available the browser's own parser
 * decides (it is the one that will run the selector); elsewhere (the registry, the CLI)
 * a CSS selector parser does.
 */
export function checkSelector(selector: string): SelectorCheck {
  const cached = cache.get(selector);
  if (cached) return cached;
  const result = selector.trim() === '' ? { ok: false as const, reason: 'it is empty' } : checkUncached(selector);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(selector, result);
  return result;
}

/** True when `selector` is valid CSS. */
export function isValidSelector(selector: string): boolean {
  return checkSelector(selector).ok;
}

function checkUncached(selector: string): SelectorCheck {
  const doc = (globalThis as { document?: Document }).document;
  if (doc && typeof doc.createDocumentFragment === 'function') {
    try {
      doc.createDocumentFragment().querySelector(selector);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: firstLine(error) };
    }
  }
  try {
    parse(selector);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: firstLine(error) };
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}
