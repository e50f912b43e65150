/** Freeze mode's page side (lib/picker/freeze.ts): which handlers stop, what passes, forced hover, thaw. */
import { afterEach, describe, expect, it } from 'vitest';
import { createFreeze, FROZEN_HOVER_ATTRIBUTE, type Freeze } from '../../../lib/picker/freeze';

let freeze: Freeze | undefined;
afterEach(() => {
  freeze?.stop();
  freeze = undefined;
  document.head.innerHTML = '';
});

describe('createFreeze', () => {
  it("stops the page's leave, focus, key and press handlers until thawed; our own overlay's events pass", () => {
    document.body.innerHTML = '<nav id="menu"><a id="item" href="#x">Item</a></nav><div id="own"></div>';
    const heard: string[] = [];
    const menu = document.getElementById('menu')!;
    for (const type of ['mouseleave', 'focusout', 'keydown', 'mousedown', 'click']) menu.addEventListener(type, () => heard.push(type));
    document.addEventListener('keydown', () => heard.push('document keydown'));
    freeze = createFreeze({ isOwn: (e) => (e.target as Element).id === 'own' });
    const item = document.getElementById('item')!;
    menu.dispatchEvent(new MouseEvent('mouseleave'));
    item.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    item.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    item.dispatchEvent(click);
    expect(heard).toEqual([]);
    // A frozen link does not navigate either.
    expect(click.defaultPrevented).toBe(true);
    const own: string[] = [];
    document.getElementById('own')!.addEventListener('click', () => own.push('click'));
    document.getElementById('own')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(own).toEqual(['click']);
    freeze.stop();
    menu.dispatchEvent(new MouseEvent('mouseleave'));
    item.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(heard).toEqual(['mouseleave', 'keydown', 'document keydown']);
  });

  it('keeps the hover styles of the hovered elements with a copy of each :hover rule, inside @media too, and takes them away on thaw', () => {
    document.head.innerHTML = '<style>.menu:hover .panel { display: block; } @media (min-width: 1px) { a:hover { color: red; } } .x { color: blue; }</style>';
    document.body.innerHTML = '<div class="menu"><div class="panel">P</div></div>';
    const menu = document.querySelector('.menu')!;
    freeze = createFreeze({ hovered: [menu] });
    expect(menu.hasAttribute(FROZEN_HOVER_ATTRIBUTE)).toBe(true);
    expect(freeze.hoverRules).toBe(2);
    const css = document.querySelector('style[data-tagpoint-freeze]')!.textContent!;
    expect(css).toContain(`.menu[${FROZEN_HOVER_ATTRIBUTE}] .panel`);
    expect(css).toMatch(/@media \(min-width: 1px\) \{ a\[data-tagpoint-hover\]/);
    expect(css).not.toContain('.x');
    freeze.stop();
    expect(menu.hasAttribute(FROZEN_HOVER_ATTRIBUTE)).toBe(false);
    expect(document.querySelector('style[data-tagpoint-freeze]')).toBeNull();
  });
});
