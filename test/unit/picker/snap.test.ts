import { describe, expect, it } from 'vitest';
import { isInteractive, snapToControl } from '../../../lib/picker/snap';

describe('snapToControl', () => {
  it('an icon, a thumbnail or a word inside a control stands for the control', () => {
    document.body.innerHTML = `
      <button id="b"><span><svg><path id="p"/></svg></span> Save</button>
      <a id="a" href="/p/1"><img id="i" alt=""><h3 id="t">Lamp</h3></a>
      <div role="tab" id="tab"><span id="s">Billing</span></div>
      <a id="noref"><span id="n">not a link</span></a>
      <p id="plain"><b id="w">plain</b></p>`;
    const $ = (id: string) => document.getElementById(id)!;
    expect(snapToControl($('p'))).toBe($('b'));
    expect(snapToControl($('i'))).toBe($('a'));
    expect(snapToControl($('t'))).toBe($('a'));
    expect(snapToControl($('s'))).toBe($('tab'));
    // not controls: the element itself
    expect(snapToControl($('n'))).toBe($('n'));
    expect(snapToControl($('w'))).toBe($('w'));
    expect(snapToControl($('b'))).toBe($('b'));
    expect(isInteractive($('noref'))).toBe(false);
    // too far up is not the same control
    expect(snapToControl($('p'), { maxDepth: 1 })).toBe($('p'));
  });
});
