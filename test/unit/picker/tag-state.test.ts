import { describe, expect, it } from 'vitest';
import { describeRelocation, describeTagState, tagPageState } from '../../../lib/picker/tag-state';
import type { Tag } from '../../../lib/config/types';

const url = 'https://shop.example/products/42';
const click = (pages?: Tag['pages']): Pick<Tag, 'pages' | 'trigger'> => ({ trigger: 'click', pages });

describe('tagPageState', () => {
  it.each<[Pick<Tag, 'pages' | 'trigger'>, string | undefined, number | undefined, string]>([
    [click(), url, 1, 'matches 1'],
    [click([{ match: 'path-prefix', value: '/products/' }]), url, 3, 'matches 3'],
    [click(), url, 0, 'matches nothing'],
    [click(), url, -1, 'matches nothing'],
    [click([{ match: 'path-prefix', value: '/cart' }]), url, 1, 'not on this page'],
    [{ trigger: 'pageview' }, url, undefined, 'fires on page view'],
    [click(), url, undefined, 'state unknown'],
    [click(), undefined, 1, 'state unknown'],
  ])('%j on %s with count %s → %s', (tag, at, count, words) => {
    expect(describeTagState(tagPageState(tag, at, count))).toBe(words);
  });
});

describe('a relocated match', () => {
  it('keeps its count and says how sure relocation was, in words', () => {
    const state = tagPageState({ trigger: 'click' }, 'https://shop.test/', 1, { score: 5, lead: 3 });
    expect(state).toEqual({ kind: 'matches', count: 1, relocated: { score: 5, lead: 3 } });
    expect(describeTagState(state)).toBe('matches 1');
    expect(describeRelocation({ score: 5, lead: 3 })).toBe('its selector no longer finds it; found again by what it says (5 points, 3 ahead of the next element)');
    expect(describeRelocation({ score: 4, lead: 99 })).toContain('no other element comes close');
  });
});
