import { afterEach, describe, expect, it } from 'vitest';
import { createEventSuppressor, SUPPRESSED_EVENTS } from '../../../lib/picker/suppress';

describe('createEventSuppressor', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  function setup() {
    document.body.innerHTML = '<a id="link" href="#x">link</a><div id="own"><button id="mine">ok</button></div>';
    const seen: string[] = [];
    const link = document.getElementById('link')!;
    for (const type of SUPPRESSED_EVENTS) link.addEventListener(type, () => seen.push(type));
    document.addEventListener('click', () => seen.push('document click'));
    return { seen, link, own: document.getElementById('own')!, mine: document.getElementById('mine')! };
  }

  it('swallows every pointer event before the page sees it, and prevents the default', () => {
    const { seen, link } = setup();
    const swallowed: string[] = [];
    const suppressor = createEventSuppressor({ onSuppressed: (e) => swallowed.push(e.type) });
    for (const type of SUPPRESSED_EVENTS) {
      const event = new Event(type, { bubbles: true, cancelable: true });
      link.dispatchEvent(event);
      expect(event.defaultPrevented, type).toBe(true);
    }
    expect(seen).toEqual([]);
    expect(swallowed).toEqual([...SUPPRESSED_EVENTS]);
    suppressor.stop();
  });

  it('restores the page the moment it stops', () => {
    const { seen, link } = setup();
    const suppressor = createEventSuppressor();
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(seen).toEqual([]);
    suppressor.stop();
    expect(suppressor.active).toBe(false);
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(seen).toEqual(['click', 'document click']);
  });

  it('lets events aimed at our own UI through', () => {
    const { own, mine } = setup();
    let clicked = 0;
    mine.addEventListener('click', () => clicked++);
    const suppressor = createEventSuppressor({ isOwn: (e) => e.composedPath().includes(own) });
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    mine.dispatchEvent(event);
    expect(clicked).toBe(1);
    expect(event.defaultPrevented).toBe(false);
    suppressor.stop();
  });
});
