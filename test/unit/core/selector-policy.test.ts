/**
 * The selector policy (lib/core/selector-policy.ts): which selectors could observe a field's
 * value or state. Table-driven: hostile vectors (case, escapes, comments, namespaces,
 * nesting, whitespace) are refused; selectors people paste from DevTools or the picker
 * writes, and a button's value (its label), are allowed. selector-policy-agreement.test.ts
 * checks that the strict parser and the runtime's reader refuse exactly these.
 */
import { describe, expect, it } from 'vitest';
import { canonicalSelector, isStateAttribute, selectorOracle, selectorPolicyMessage } from '../../../lib/core/selector-policy';
import { ALLOWED, REFUSED } from './selector-policy-cases';

describe('selectorOracle', () => {
  it.each(REFUSED)('refuses %j (%s)', (selector) => {
    expect(selectorOracle(selector)).toBeTruthy();
    expect(selectorPolicyMessage(selector)).toMatch(/^selector tests a field's (value|state): /);
  });

  it.each(ALLOWED)('allows %j', (selector) => {
    expect(selectorOracle(selector)).toBeUndefined();
    expect(selectorPolicyMessage(selector)).toBeUndefined();
  });

  it('says which part and why', () => {
    expect(selectorPolicyMessage('body:has(input[name=csrf][value^="7f"]) h1')).toMatch(/^selector tests a field's value: \[value\^=7f\] \(.*button/);
    expect(selectorPolicyMessage('form input:placeholder-shown')).toMatch(/^selector tests a field's state: :placeholder-shown/);
    expect(selectorPolicyMessage('option[selected]')).toMatch(/^selector tests a field's state: \[selected\]/);
  });

  it('reads escapes, comments and strings as the CSS tokenizer does', () => {
    expect(canonicalSelector('[V\\61 LUE="a b]"]/* x */.c\\:d')).toBe('[value=a_b_].c_d');
    expect(canonicalSelector("a[title='it\\'s']")).toBe('a[title=it__s]');
    expect(canonicalSelector('"/* not a comment */"')).toBe('___not_a_comment___');
    // Non-ASCII letters never read as ASCII (browsers fold attribute names in ASCII only).
    expect(canonicalSelector('[chec\u212Aed]')).toBe('[chec_ed]');
  });

  it('costs time linear in the selector: long hostile inputs finish', () => {
    // Each shape would take quadratic or exponential time in a backtracking regex gone wrong;
    // a wrong one here never returns (the test times out), a right one returns at once.
    for (const s of ['[' + 'a'.repeat(2000), ':' + 'a-'.repeat(1000), '"\\'.repeat(700), '/*' + '*'.repeat(2000), 'input' + '[type=x]'.repeat(250), '('.repeat(1000) + ')'.repeat(1000)]) {
      expect(typeof (selectorOracle(s) ?? '')).toBe('string');
    }
  });
});

describe('isStateAttribute', () => {
  it.each(['value', 'VALUE', 'checked', 'selected', 'aria-invalid'])('%s is a state attribute', (name) => expect(isStateAttribute(name)).toBe(true));
  it.each(['values', 'data-value', 'aria-valuenow', 'name', 'type', 'data-checked'])('%s is not', (name) => expect(isStateAttribute(name)).toBe(false));
});
