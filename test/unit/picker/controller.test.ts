import { afterEach, describe, expect, it } from 'vitest';
import { createPickerController, type PickerControllerOptions } from '../../../lib/picker/controller';
import { pickerLocators } from '../../../lib/picker/locators';

const SHOP = `
  <section class="grid">
    <article class="card"><h2 class="title">Blue Shoe</h2><button class="add" data-sku="1">Add to cart</button></article>
    <article class="card"><h2 class="title">Red Hat</h2><button class="add" data-sku="2">Add to cart</button></article>
    <article class="card"><h2 class="title">Green Scarf</h2><button class="add" data-sku="3">Add to cart</button></article>
  </section>
  <form id="login"><input id="email" type="email" value="jane@example.com"><input id="pw" type="password" value="x"></form>
  <div id="own"></div>`;

function setup(extra: Partial<PickerControllerOptions> = {}) {
  document.body.innerHTML = SHOP;
  const own = document.getElementById('own')!;
  const events: unknown[][] = [];
  const controller = createPickerController({
    locators: pickerLocators,
    isOwnElement: (el) => el === own || own.contains(el),
    onPicked: (selection, element) => events.push(['picked', selection.locator.selector, selection.count, element.tag]),
    onTargetChanged: (selection) => events.push(['changed', selection.locator.selector, selection.count]),
    onPropertyPicked: (r) => events.push(['property', r.selector, r.text, r.warnings.length]),
    onPropertyRefused: (reason) => events.push(['refused', reason]),
    onCancelled: () => events.push(['cancelled']),
    ...extra,
  });
  return { controller, events, buttons: [...document.querySelectorAll('button')] };
}

describe('createPickerController', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('picks an element: locator, count, outlines, and stops suppressing the page', () => {
    const { controller, events, buttons } = setup();
    controller.start('target');
    expect(controller.getState().mode).toBe('picking');
    controller.pick(buttons[1]!);
    const state = controller.getState();
    expect(state.mode).toBe('selected');
    expect(state.selection?.count).toBe(1);
    expect(state.selection?.boxes).toHaveLength(1);
    expect(document.querySelectorAll(state.selection!.locator.selector)).toContain(buttons[1]);
    expect(state.selection?.explanation).toMatch(/^found by /);
    expect(events).toEqual([['picked', state.selection!.locator.selector, 1, 'button']]);

    // Picking ended: the page's clicks are its own again.
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    buttons[0]!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(false);
  });

  it('widens to all similar elements and back', () => {
    const { controller, events, buttons } = setup();
    controller.start('target');
    controller.pick(buttons[0]!);
    controller.setScope('similar');
    expect(controller.getState().selection).toMatchObject({ scope: 'similar', count: 3 });
    expect(controller.getState().selection!.boxes).toHaveLength(3);
    controller.setScope('only');
    expect(controller.getState().selection).toMatchObject({ scope: 'only', count: 1 });
    expect(events.filter((e) => e[0] === 'changed').map((e) => e[2])).toEqual([3, 1]);
  });

  it('counts what the tag fires on: the whole locator, shadow hosts and fingerprint included', () => {
    const { controller } = setup();
    const host = document.createElement('promo-box');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<button class="promo" data-sku="9">Get it</button>';
    controller.start('target');
    controller.pick(host.shadowRoot!.querySelector('button')!);
    const selection = controller.getState().selection!;
    expect(selection.locator.hosts).toEqual(['promo-box']);
    expect(selection.count).toBe(1);
    // After a redeploy the selector's match is another product's button: it no longer counts.
    controller.start('target');
    controller.pick(document.querySelectorAll('button')[2]!);
    expect(controller.getState().selection!.count).toBe(1);
    const card = document.querySelectorAll('article')[2]!;
    card.querySelector('h2')!.textContent = 'Purple Sock';
    card.querySelector('button')!.textContent = 'Sold out';
    controller.refresh();
    expect(document.querySelectorAll(controller.getState().selection!.locator.selector)).toHaveLength(1);
    expect(controller.getState().selection!.count).toBe(0);
  });

  it('validates a hand-edited selector live and counts its matches', () => {
    const { controller, events, buttons } = setup();
    controller.start('target');
    controller.pick(buttons[0]!);
    controller.editSelector('button[');
    expect(controller.getState().selection?.error).toBeTruthy();
    expect(controller.getState().selection?.draft).toBe('button[');
    controller.editSelector('.card .add');
    expect(controller.getState().selection).toMatchObject({ error: undefined, count: 3 });
    expect(events.at(-1)).toEqual(['changed', '.card .add', 3]);
  });

  it('refuses a password field as a property source and keeps picking', () => {
    const { controller, events } = setup();
    controller.start('property');
    controller.pick(document.getElementById('pw')!);
    expect(events).toEqual([['refused', 'password fields can never be a property source']]);
    expect(controller.getState().mode).toBe('picking');
    expect(controller.getState().notice?.kind).toBe('error');
    controller.pick(document.getElementById('email')!);
    expect(events.at(-1)?.[0]).toBe('property');
    expect(controller.getState().mode).toBe('idle');
  });

  it('gives a property picked in a card a selector that reads each card its own value', async () => {
    const { findNear } = await import('../../../lib/core/properties');
    const { controller, events, buttons } = setup();
    controller.start('target');
    controller.pick(buttons[1]!);
    controller.start('property');
    controller.pick(document.querySelectorAll('h2')[1]!);
    const [kind, selector, text] = events.at(-1)!;
    expect([kind, text]).toEqual(['property', 'Red Hat']);
    // The runtime looks the property up near whichever button was clicked.
    expect(buttons.map((b) => findNear(b, selector as string, document)?.textContent)).toEqual(['Blue Shoe', 'Red Hat', 'Green Scarf']);
  });

  it('ignores synthetic clicks a page script could dispatch (only real input picks)', () => {
    const { controller, events, buttons } = setup();
    controller.start('target');
    const forged = new MouseEvent('click', { bubbles: true, cancelable: true });
    buttons[0]!.dispatchEvent(forged);
    expect(forged.defaultPrevented).toBe(true); // still swallowed while picking
    expect(events).toEqual([]);
    expect(controller.getState().mode).toBe('picking');
    controller.dispose();
  });

  it('cancels on Escape and reports it', () => {
    const { controller, events } = setup();
    controller.start('target');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(controller.getState().mode).toBe('idle');
    expect(events).toEqual([['cancelled']]);
  });

  it('outlines a tag of the list on request, -1 for an invalid selector', () => {
    const { controller } = setup();
    expect(controller.highlight({ selector: '.add' })).toBe(3);
    expect(controller.getState().highlight?.boxes).toHaveLength(3);
    expect(controller.highlight({ selector: '.add[' })).toBe(-1);
    expect(controller.highlight(undefined)).toBe(0);
    expect(controller.getState().highlight).toBeUndefined();
  });

  it('outlines what the tag fires on, not what its selector alone matches', () => {
    const { controller } = setup();
    // A redeploy moved `.add` off "Red Hat"'s button; its fingerprint and fallback still find it.
    document.querySelectorAll('.add')[1]!.className = 'add-v2';
    const moved = {
      selector: '.add',
      fallbacks: ['[data-sku="2"]'],
      fingerprint: { tag: 'button', text: 'Add to cart', attributes: { 'data-sku': '2' } },
    };
    expect(controller.highlight(moved)).toBe(1);
    expect(controller.highlight({ selector: '.add' })).toBe(2);
    // Hosts it is not in: nothing, as on the live site.
    expect(controller.highlight({ selector: '.add', hosts: ['.no-such-host'] })).toBe(0);
    // A locator the runtime refuses is -1, as an invalid selector.
    expect(controller.highlight({ selector: '.add', fallbacks: ['input[value^="a"]'] })).toBe(-1);
  });

  it('never counts or outlines its own UI', () => {
    const { controller } = setup();
    document.getElementById('own')!.innerHTML = '<button class="add">mine</button>';
    expect(controller.highlight({ selector: '.add' })).toBe(3);
  });
});
