import { afterEach, describe, expect, it } from 'vitest';
import { matchNearest, previewElements } from '../../../lib/picker/reference';

describe('matchNearest', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it("finds the tag's match in the property element's own record, else the picked one, else the first", () => {
    document.body.innerHTML = `
      <h1 id="head">Shop</h1>
      <ul><li><b>A</b><button>+</button></li><li><b>B</b><button>+</button></li><li><b>C</b><button>+</button></li></ul>`;
    const buttons = Array.from(document.querySelectorAll('button'));
    const titles = Array.from(document.querySelectorAll('b'));
    titles.forEach((title, i) => expect(matchNearest(title, buttons, buttons[0])).toBe(buttons[i]));
    // outside every record all are as near: the one picked wins, else the first
    const head = document.getElementById('head')!;
    expect(matchNearest(head, buttons, buttons[2])).toBe(buttons[2]);
    expect(matchNearest(head, buttons, null)).toBe(buttons[0]);
    expect(matchNearest(head, [], buttons[0])).toBeUndefined();
    // the tag's element itself
    expect(matchNearest(buttons[1]!, buttons)).toBe(buttons[1]);
  });
});

describe('previewElements', () => {
  it('previews the picked element when it matches, with up to two others', () => {
    document.body.innerHTML = '<i></i><i></i><i></i><i></i>';
    const all = Array.from(document.querySelectorAll('i'));
    expect(previewElements(all, all[2])).toEqual({ primary: all[2], others: [all[0], all[1]] });
    expect(previewElements(all, document.body)).toEqual({ primary: all[0], others: [all[1], all[2]] });
    expect(previewElements([all[0]!], null)).toEqual({ primary: all[0], others: [] });
    expect(previewElements([], null)).toEqual({ primary: undefined, others: [] });
  });
});
