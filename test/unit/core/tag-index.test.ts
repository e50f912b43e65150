import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../../lib/core/normalize';
import { createTagIndex } from '../../../lib/core/tag-index';

// The path a click on `#start` has: target first, up to the document.
function pathOf(id: string): EventTarget[] {
  const out: EventTarget[] = [];
  for (let el: Element | null = document.getElementById(id); el; el = el.parentElement) out.push(el);
  return [...out, document, window];
}

function matchIds(selectors: string[], target: string) {
  const result = normalizeConfig({
    version: 1,
    site: 's',
    revision: 1,
    tags: selectors.map((selector, i) => ({ id: `t${i}`, event: `E${i}`, trigger: 'click', target: { selector } })),
  });
  if (!result.ok) throw new Error(result.reason);
  const index = createTagIndex();
  for (const tag of result.tags) index.add(tag);
  return index.match(pathOf(target)).map((m) => `${m.tag.id}@${m.element.id}`);
}

describe('createTagIndex', () => {
  document.body.innerHTML = `
    <ul id="list" class="list"><li id="l1" class="item"></li><li id="l2" class="item" data-sku="B">
      <div id="outer" class="box hot"><div id="inner" class="box" data-role="x"><span id="start" class="icon">+</span></div></div>
    </li></ul>`;
  it.each([
    // The nearest matching element is reported, also when farther ones match too.
    { selectors: ['.box'], target: 'start', want: ['t0@inner'] },
    { selectors: ['.hot .box', '.box.hot'], target: 'start', want: ['t0@inner', 't1@outer'] },
    { selectors: ['#list .icon', '[data-sku="B"] .box', '.item:nth-child(2) > .box'], target: 'start', want: ['t0@start', 't1@inner', 't2@outer'] },
    { selectors: ['.item:nth-child(1) .box', '[data-role="y"]', '.list > .box'], target: 'start', want: [] },
    // Config order, whatever the element order; each tag once.
    { selectors: ['li', 'span, .box', '*'], target: 'start', want: ['t0@l2', 't1@start', 't2@start'] },
    { selectors: ['#inner', '#outer span'], target: 'l1', want: [] },
    // Child chains: every link must hold, the element's own compound too.
    { selectors: ['#l2 > .hot > .box', '#l2 > .box > .icon', '.hot > .box > span.icon', '.box > .box > b.icon'], target: 'start', want: ['t0@inner', 't2@start'] },
    { selectors: ['li:nth-child(2) > div > .box > .icon', 'li:nth-child(1) > div > .box > .icon', 'ul > li > div > div > .icon'], target: 'start', want: ['t0@start', 't2@start'] },
  ])('$selectors on #$target', ({ selectors, target, want }) => {
    expect(matchIds(selectors, target)).toEqual(want);
  });
});

describe('the time budget of one action', () => {
  const tagsOf = (selectors: string[]) => {
    const result = normalizeConfig({ version: 1, site: 's', revision: 1, tags: selectors.map((selector, i) => ({ id: `k${i}`, event: `K${i}`, trigger: 'click', target: { selector } })) });
    if (!result.ok) throw new Error(result.reason);
    return result.tags;
  };

  it('skips what is left once the budget is spent, and says so', () => {
    document.body.innerHTML = '<main id="m" class="x"><button id="b">Go</button></main>';
    const tags = tagsOf([':has(.x) :is(button, a)', '#b']);
    const spent = createTagIndex(undefined, -1);
    const open = createTagIndex();
    for (const tag of tags) spent.add(tag), open.add(tag);
    const path = pathOf('b');
    expect(open.match(path).map((m) => m.tag.id)).toEqual(['k0', 'k1']);
    expect(open.match(path).cut).toBeUndefined();
    const cut = spent.match(path);
    expect([...cut]).toEqual([]);
    expect(cut.cut).toBe(true);
  });

  // What the budget saves per click is measured in npm run bench:safety, not timed here.
});
