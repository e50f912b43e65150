import { afterEach, describe, expect, it } from 'vitest';
import { createPickerController } from '../../../lib/picker/controller';
import { createPickerHandlers } from '../../../lib/picker/handlers';
import { pickerLocators } from '../../../lib/picker/locators';
import { findNear } from '../../../lib/core/properties';
import { PickerRequestSchema, PickerResponseSchemas, type PickerRequest } from '../../../lib/messages/schemas';

const SHOP = `
  <article class="card"><h2 class="title">Blue Shoe</h2><button class="add" data-sku="1">Add to cart</button></article>
  <article class="card"><h2 class="title">Red Hat</h2><button class="add" data-sku="2">Add to cart</button></article>
  <form id="login"><input id="pw" type="password" value="hunter2"></form>
  <div id="own" class="add"></div>`;

function setup() {
  document.body.innerHTML = SHOP;
  const own = document.getElementById('own')!;
  const controller = createPickerController({ locators: pickerLocators, isOwnElement: (el) => el === own });
  const started: (string | undefined)[] = [];
  const handlers = createPickerHandlers({ controller, locators: pickerLocators, ownHost: own, onStart: (id) => started.push(id) });
  // As the content script answers: the request parsed by its schema, the answer checked by its own.
  const ask = <R extends PickerRequest>(request: R) => {
    const parsed = PickerRequestSchema.parse(request) as R;
    const answer = (handlers[parsed.type] as (r: R) => unknown)(parsed);
    const checked = PickerResponseSchemas[parsed.type].safeParse(answer);
    expect(checked.success, JSON.stringify(answer)).toBe(true);
    return answer as never;
  };
  return { controller, ask, started };
}

describe('createPickerHandlers', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('answers every request type with what its answer schema accepts', () => {
    const { ask, started } = setup();
    expect(ask({ type: 'picker:ping' })).toEqual({ ok: true, picking: false });
    expect(ask({ type: 'picker:start', purpose: 'target', requestId: 'r1' })).toEqual({ ok: true });
    expect(started).toEqual(['r1']);
    expect(ask({ type: 'picker:ping' })).toEqual({ ok: true, picking: true });
    expect(ask({ type: 'picker:stop' })).toEqual({ ok: true });
    expect(ask({ type: 'picker:page-info' })).toMatchObject({ url: location.href });
    expect(ask({ type: 'picker:highlight', target: null })).toEqual({ count: 0 });
  });

  it('counts like the runtime resolves, never counting our own overlay host', () => {
    const { ask } = setup();
    // `.add` matches the two buttons and our host; the host is not the page's.
    expect(ask({ type: 'picker:count', targets: [{ selector: '.add' }, null, { selector: '#none' }] })).toEqual({ counts: [2, 0, 0] });
    // A primary match that disagrees with the fingerprint is not a match (lib/core/locator.ts).
    expect(ask({ type: 'picker:count', targets: [{ selector: '.add', fingerprint: { tag: 'a' } }] })).toEqual({ counts: [0] });
  });

  it('says which targets relocation found, how sure it was, and makes a new locator from the element found', () => {
    const { ask } = setup();
    // Made on Red Hat's button when it was the first card: the position now holds Blue Shoe's.
    const moved = { selector: 'article.card:nth-of-type(1) button.add', fallbacks: ['[data-sku="2"]'], fingerprint: { tag: 'button', text: 'Add to cart', attributes: { 'data-sku': '2' } } };
    const answer: { counts: number[]; relocated?: ({ score: number; lead: number } | null)[] } = ask({ type: 'picker:count', targets: [moved, { selector: '.add' }, null] });
    expect(answer.counts).toEqual([1, 2, 0]);
    expect(answer.relocated![0]).toEqual({ score: expect.any(Number), lead: expect.any(Number) });
    expect(answer.relocated![0]!.lead).toBeGreaterThanOrEqual(2);
    expect(answer.relocated!.slice(1)).toEqual([null, null]);
    // Nothing relocated, nothing in the answer.
    expect(ask({ type: 'picker:count', targets: [{ selector: '.add' }] })).toEqual({ counts: [2] });
    // The repair: a locator made from Red Hat's button, whose own selector finds it.
    const repaired: { target: { selector: string } | null } = ask({ type: 'picker:repair-target', target: moved });
    const redHat = document.querySelector('[data-sku="2"]');
    expect(repaired.target).not.toBeNull();
    expect(pickerLocators.resolveLocator(repaired.target as never, document)).toEqual([redHat]);
    expect(pickerLocators.resolveWithReason!(repaired.target as never, document).relocated).toBeUndefined();
    // A target its own selector finds needs no repair.
    expect(ask({ type: 'picker:repair-target', target: { selector: '.add' } })).toEqual({ target: null });
  });

  it('previews property values from the target, says which are incomplete, and refuses secrets', () => {
    const { ask } = setup();
    const answer: { values: { value: unknown; warnings: string[]; refused: boolean }[] } = ask({
      type: 'picker:preview',
      target: { selector: '.add' },
      properties: [
        { name: 'product', source: 'text', selector: '.title' },
        { name: 'half' },
        { name: 'pw', source: 'value', selector: '#pw' },
      ],
    });
    expect(answer.values[0]).toMatchObject({ value: 'Blue Shoe', refused: false });
    expect(answer.values[1]).toEqual({ value: null, warnings: ['the property is not complete yet'], refused: false });
    expect(answer.values[2]!.value).toBeNull();
    expect(answer.values[2]!.refused).toBe(true);
  });

  it('previews from the element picked (not the first match), with two other matches, and after Close', () => {
    const { ask, controller } = setup();
    document.body.insertAdjacentHTML('afterbegin', '<article class="card"><h2 class="title">Green Bag</h2><button class="add" data-sku="0">Add to cart</button></article>');
    const red = document.querySelector('[data-sku="2"]')!;
    controller.pick(red);
    controller.close();
    const answer: { values: { value: unknown; others?: unknown[]; warnings: string[] }[] } = ask({
      type: 'picker:preview',
      target: { selector: '.add' },
      properties: [
        { name: 'product', source: 'text', selector: '.title' },
        { name: 'page', source: 'text', selector: 'h1' },
      ],
    });
    expect(answer.values[0]).toMatchObject({ value: 'Red Hat', others: ['Green Bag', 'Blue Shoe'], warnings: [] });
    // the picker forgets the element once the tag is saved or dropped
    ask({ type: 'picker:stop' });
    const after: { values: { value: unknown }[] } = ask({ type: 'picker:preview', target: { selector: '.add' }, properties: [{ name: 'product', source: 'text', selector: '.title' }] });
    expect(after.values[0]!.value).toBe('Green Bag');
  });

  it('warns when every match sends the same value read from another element', () => {
    const { ask } = setup();
    document.body.insertAdjacentHTML('afterbegin', '<h1 id="shop">The Shop</h1>');
    const answer: { values: { value: unknown; warnings: string[] }[] } = ask({
      type: 'picker:preview',
      target: { selector: '.add' },
      properties: [{ name: 'shop', source: 'text', selector: '#shop' }],
    });
    expect(answer.values[0]!.value).toBe('The Shop');
    expect(answer.values[0]!.warnings).toEqual(['every match sends this same value: check it is read from the clicked record']);
  });

  it('makes a property picked with nothing picked on the page relative to the match in its own record', () => {
    setup();
    const selectors: string[] = [];
    const controller = createPickerController({ locators: pickerLocators, isOwnElement: () => false, onPropertyPicked: (result) => selectors.push(result.selector) });
    // as after Close or in Edit: the tag's target comes with the request, nothing is picked
    controller.start('property', { target: { selector: 'article .add' } });
    controller.pick(document.querySelectorAll('.title')[1]!);
    expect(selectors).toHaveLength(1);
    for (const article of Array.from(document.querySelectorAll('article'))) {
      expect(findNear(article.querySelector('.add')!, selectors[0]!, document)).toBe(article.querySelector('.title'));
    }
    controller.dispose();
  });
});
