import { describe, expect, it } from 'vitest';
import { isKindShown, toggleKind } from '../../../lib/preview/filter';
import type { EntryKind } from '../../../lib/preview/schemas';

const all: EntryKind[] = ['preview', 'live', 'track', 'no-tag', 'notice'];

describe('toggleKind', () => {
  it('unchecking a kind from "all" hides that kind only, and checking it back shows all', () => {
    const hidden = toggleKind({ query: 'x' }, all[3]!, all);
    expect(hidden).toEqual({ query: 'x', kinds: ['preview', 'live', 'track', 'notice'] });
    expect(all.map((k) => isKindShown(hidden, k))).toEqual([true, true, true, false, true]);
    expect(toggleKind(hidden, all[3]!, all)).toEqual({ query: 'x' });
  });

  it('the last shown kind stays checked', () => {
    let filter = {};
    for (const k of all.slice(1)) filter = toggleKind(filter, k, all);
    expect(filter).toEqual({ kinds: [all[0]] });
    expect(toggleKind(filter, all[0]!, all)).toBe(filter);
  });
});
