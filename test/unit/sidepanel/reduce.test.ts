// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { PickerEvent } from '../../../lib/messages';
import { draftFromTag } from '../../../lib/picker/editor-draft';
import { initialSidePanelState, otherEvents, reduceSidePanel, refusedRowProblem, tagStates, type SidePanelAction, type SidePanelState } from '../../../lib/sidepanel/reduce';
import type { SiteDrafts } from '../../../lib/store/drafts';

const url = 'https://shop.example/products/1';
const element = { tag: 'button', text: 'Add to cart', isForm: false, attributes: ['data-sku', 'class'] };
const tag = (id: string, event: string, extra: object = {}) => ({ id, event, trigger: 'click' as const, target: { selector: `.${id}` }, ...extra });
const drafts = (tags: ReturnType<typeof tag>[]): SiteDrafts => ({ site: 'shop-example', revision: 1, tags, invalid: [], updatedAt: 1 });
const run = (state: SidePanelState, ...actions: SidePanelAction[]) => actions.reduce(reduceSidePanel, state);
const picker = (event: PickerEvent, newId = 'tnew'): SidePanelAction => ({ type: 'picker', event, newId });
const start = () => run(initialSidePanelState({ tabId: 1, generation: 0 }), { type: 'session', session: { tabId: 1, url, generation: 1 }, site: 'shop-example' });

describe('reduceSidePanel', () => {
  it('a pick without an editor starts a new tag; a pick while editing retargets the draft and forgets the old rows\u2019 refusals', () => {
    const picked = run(start(), picker({ type: 'picker:picked', url, locator: { selector: '.add' }, count: 2, element }));
    expect(picked.editor?.draft).toMatchObject({ id: 'tnew', event: 'Product Added', isNew: true, target: { selector: '.add' }, targetCount: 2 });

    const row = { key: 'r1', name: 'sku', source: 'attribute' as const, attribute: 'data-sku' };
    let s = run(start(), { type: 'edit', draft: { ...draftFromTag(tag('t1', 'Product Added'), url), properties: [row] } });
    s = run(s, { type: 'pick-row', key: 'r1' }, picker({ type: 'picker:property-refused', reason: 'a password field' }), { type: 'previews', keys: ['r1'], values: [{ value: 'S-1', warnings: [], refused: false }] });
    expect(s.editor?.rows.r1).toEqual({ refusal: 'Refused: a password field', preview: { value: 'S-1', warnings: [], refused: false } });
    s = run(s, { type: 'errors', errors: [{ path: 'event', message: 'x' }] }, picker({ type: 'picker:picked', url, locator: { selector: '.other' }, count: 1, element }));
    expect(s.editor?.draft).toMatchObject({ id: 't1', isNew: false, target: { selector: '.other' }, targetCount: 1 });
    expect(s.editor?.errors).toEqual([]);
    expect(s.editor?.rows.r1).toEqual({ preview: { value: 'S-1', warnings: [], refused: false } });
  });

  it('a pick on another page while a new tag is open moves its page rule there; custom rules stay the author\u2019s', () => {
    const other = 'https://shop.example/signup';
    let s = run(start(), picker({ type: 'picker:picked', url, locator: { selector: '.add' }, count: 1, element }));
    const first = s.editor!.draft;
    expect(first.pageUrl).toBe(url);
    s = run(s, { type: 'session', session: { tabId: 1, url: other, generation: 2 }, site: 'shop-example' });
    // nothing picked yet on the new page: the rule still names the page the target is on
    expect(s.editor?.draft.pages).toEqual(first.pages);
    s = run(s, picker({ type: 'picker:picked', url: other, locator: { selector: '#signup' }, count: 1, element }));
    expect(s.editor?.draft).toMatchObject({ scope: 'this-path', pages: [{ match: 'path-exact', value: '/signup' }], pageUrl: other });
    const custom = [{ match: 'glob' as const, value: '/products/**' }];
    s = run(s, { type: 'change', draft: { ...s.editor!.draft, scope: 'custom', pages: custom } }, picker({ type: 'picker:picked', url, locator: { selector: '.add' }, count: 1, element }));
    expect(s.editor?.draft.pages).toEqual(custom);
  });

  it('an element picked for a property fills only the row being picked, with a name from its text and its attributes', () => {
    const rows = [
      { key: 'r1', name: '', source: 'text' as const },
      { key: 'r2', name: 'price', source: 'text' as const },
    ];
    let s = run(start(), { type: 'edit', draft: { ...draftFromTag(tag('t1', 'Product Added'), url), properties: rows } });
    // No row being picked: the event changes nothing.
    const before = s;
    s = run(s, picker({ type: 'picker:property-picked', selector: '.name', element, text: 'Blue Shoe', warnings: [] }));
    expect(s).toBe(before);
    s = run(s, { type: 'pick-row', key: 'r1' }, picker({ type: 'picker:property-picked', selector: '.name', element: { ...element, text: 'Blue Shoe!' }, text: 'Blue Shoe!', warnings: [] }));
    expect(s.editor?.draft.properties).toEqual([{ ...rows[0], selector: '.name', name: 'blue_shoe' }, rows[1]]);
    expect(s.editor?.rows).toEqual({ r1: { refusal: undefined, attributes: ['data-sku', 'class'] } });
    expect(s.editor?.pickingRow).toBeUndefined();
  });

  it('another site\u2019s page drops the drafts and counts; the same site keeps them', () => {
    let s = run(start(), { type: 'drafts', drafts: drafts([tag('t1', 'A')]) }, { type: 'counts', counts: new Map([['t1', 3]]) });
    const same = run(s, { type: 'session', session: { tabId: 1, url: 'https://shop.example/cart', generation: 2 }, site: 'shop-example' });
    expect(same.drafts?.tags).toHaveLength(1);
    expect(same.counts.get('t1')).toBe(3);
    s = run(s, { type: 'session', session: { tabId: 1, url: 'https://blog.example/', generation: 2 }, site: 'blog-example' });
    expect(s.drafts).toBeUndefined();
    expect(s.counts.size).toBe(0);
  });

  it('derives the tag list\u2019s states, the other tags\u2019 event names and a refused row from the one state', () => {
    let s = run(
      start(),
      { type: 'drafts', drafts: drafts([tag('t1', 'A'), tag('t2', 'B'), tag('t3', 'C', { pages: [{ match: 'path', value: '/elsewhere' }] })]) },
      { type: 'counts', counts: new Map([['t1', 2], ['t2', 0]]) },
    );
    expect([...tagStates(s)]).toEqual([
      ['t1', { kind: 'matches', count: 2 }],
      ['t2', { kind: 'broken' }],
      ['t3', { kind: 'not-on-page' }],
    ]);
    s = run(s, { type: 'edit', draft: { ...draftFromTag(tag('t2', 'B'), url), properties: [{ key: 'r1', name: 'x', source: 'text' }] } });
    expect(otherEvents(s)).toEqual(['A', 'C']);
    expect(refusedRowProblem(s.editor!)).toBeUndefined();
    s = run(s, { type: 'previews', keys: ['r1'], values: [{ value: null, warnings: ['a password field'], refused: true }] });
    expect(refusedRowProblem(s.editor!)).toMatchObject({ path: 'properties' });
  });
});
