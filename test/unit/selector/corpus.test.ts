/**
 * Saved real pages (test/fixtures/corpus) in happy-dom: every picked element's locator
 * resolves to exactly it, and survives a re-hash of generated class names. The same check
 * runs on every page in real Chromium in test/e2e/selector.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { LocatorSchema } from '../../../lib/config';
import { createLocator, isHashedClass, resolveLocator } from '../../../lib/selector';
import { readCorpusPage } from '../../fixtures/corpus';

const PAGES = ['daringfireball-1', 'ars-1', 'lwn-1', 'v8-blog', 'heise', 'theverge', 'wapo-1', 'gitlab-blog'];
const TAGGABLE = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button]';

function load(name: string): void {
  // A missing page throws (ENOENT, or not in SOURCE.md's table): the test fails, it never skips.
  const html = readCorpusPage(name)
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<link\b[^>]*>/gi, '')
    .replace(/<(iframe|noscript|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '');
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  document.body.innerHTML = body;
}

describe.each(PAGES)('corpus page %s', (name) => {
  it('every picked element resolves to exactly itself, before and after class names are re-hashed', () => {
    load(name);
    const picked = Array.from(document.body.querySelectorAll(TAGGABLE));
    expect(picked.length).toBeGreaterThan(0);
    const step = Math.max(1, Math.floor(picked.length / 20));
    const chosen = picked.filter((_, i) => i % step === 0);
    const locators = chosen.map((el) => createLocator(el));
    chosen.forEach((el, i) => {
      expect(LocatorSchema.safeParse(locators[i]).success).toBe(true);
      expect(resolveLocator(locators[i]!, document), JSON.stringify(locators[i])).toEqual([el]);
    });
    for (const el of Array.from(document.body.querySelectorAll('[class]'))) {
      const next = Array.from(el.classList).map((c) => (isHashedClass(c) ? `${c}x9` : c));
      el.setAttribute('class', next.join(' '));
    }
    chosen.forEach((el, i) => {
      expect(resolveLocator(locators[i]!, document), JSON.stringify(locators[i])).toEqual([el]);
    });
  });
});
