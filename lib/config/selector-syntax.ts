import { parse, type Selector } from 'css-what';
import { compileBranch, compileSelector, splitList } from '../core/selector';
import { NTH_ARGUMENT, NTH_PSEUDOS, PSEUDO_CLASSES, PSEUDO_ELEMENTS, SELECTOR_PSEUDOS, WORD_PSEUDOS } from './css-pseudos';
import { MAX_SELECTOR_LENGTH } from './limits';

/** The outcome of checking a CSS selector's syntax. */
export type SelectorCheck = { ok: true } | { ok: false; reason: string };

// One cache per reader: with and without a DOM the same selector may get different answers.
const caches = { dom: new Map<string, SelectorCheck>(), off: new Map<string, SelectorCheck>() };
const CACHE_LIMIT = 5_000;

/**
 * Checks that `selector` is valid CSS and that the runtime compiles it (lib/core
 * `compileSelector`, the compiler the website runtime runs): what passes here, the runtime
 * matches. Where a DOM is available the browser's own parser decides the syntax (it is the
 * one that will run the selector); elsewhere (the registry, the CLI) a CSS selector parser
 * does, refusing the pseudo-classes a browser would not know (css-pseudos.ts), and the
 * core's compiler then compiles each branch as the runtime will.
 */
export function checkSelector(selector: string): SelectorCheck {
  const doc = (globalThis as { document?: Document }).document;
  const dom = !!doc && typeof doc.createDocumentFragment === 'function';
  const cache = dom ? caches.dom : caches.off;
  const cached = cache.get(selector);
  if (cached) return cached;
  const result = selector.trim() === '' ? { ok: false as const, reason: 'it is empty' } : dom ? checkInDom(doc!, selector) : checkOffDom(selector);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(selector, result);
  return result;
}

/** True when `selector` is valid CSS. */
export function isValidSelector(selector: string): boolean {
  return checkSelector(selector).ok;
}

const NOT_COMPILED: SelectorCheck = { ok: false, reason: 'the website runtime cannot compile it' };

function checkInDom(doc: Document, selector: string): SelectorCheck {
  try {
    doc.createDocumentFragment().querySelector(selector);
  } catch (error) {
    return { ok: false, reason: firstLine(error) };
  }
  return compileSelector(selector, MAX_SELECTOR_LENGTH) ? { ok: true } : NOT_COMPILED;
}

function checkOffDom(selector: string): SelectorCheck {
  let parsed: Selector[][];
  try {
    parsed = parse(selector);
  } catch (error) {
    return { ok: false, reason: firstLine(error) };
  }
  const problem = unknownPart(parsed);
  if (problem) return { ok: false, reason: problem };
  return splitList(selector).every((branch) => compileBranch(branch)) ? { ok: true } : NOT_COMPILED;
}

/** What a browser's parser would throw on that css-what lets through, if anything. */
function unknownPart(list: Selector[][]): string | undefined {
  for (const branch of list) {
    for (const token of branch) {
      if ((token.type === 'tag' || token.type === 'universal' || token.type === 'attribute') && token.namespace && token.namespace !== '*') {
        return `the namespace prefix "${token.namespace}|" is not declared`;
      }
      if (token.type === 'pseudo-element' && !PSEUDO_ELEMENTS.includes(token.name)) return `"::${token.name}" is not a known pseudo-element`;
      if (token.type !== 'pseudo') continue;
      const { name, data } = token;
      if (SELECTOR_PSEUDOS.includes(name)) {
        const inner = Array.isArray(data) ? unknownPart(data) : `":${name}()" needs a selector`;
        if (inner) return inner;
      } else if (NTH_PSEUDOS.includes(name)) {
        const m = typeof data === 'string' ? NTH_ARGUMENT.exec(data) : null;
        if (!m) return `":${name}(${typeof data === 'string' ? data : ''})" needs an argument such as 2, odd or 2n+1`;
        if (m[1] !== undefined) {
          if (!name.endsWith('child')) return `":${name}()" takes no "of" selector`;
          const inner = checkOffDom(m[1]);
          if (!inner.ok) return inner.reason;
        }
      } else if (WORD_PSEUDOS.includes(name)) {
        if (typeof data !== 'string' || !/^\s*[\w-]+\s*$/.test(data)) return `":${name}()" needs a word such as en or rtl`;
      } else if (!PSEUDO_CLASSES.includes(name) || data !== null) {
        return `":${name}${data === null ? '' : '()'}" is not a pseudo-class a browser knows`;
      }
    }
  }
  return undefined;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}
