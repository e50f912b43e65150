import { describe, expect, it } from 'vitest';
import { createElementWalker, parentOf } from '../../../lib/picker/navigate';

describe('createElementWalker', () => {
  it('climbs to the parent, never to body, and retraces its way down', () => {
    document.body.innerHTML = '<section id="s"><article id="a"><h2 id="h">T</h2><button id="b">Go</button></article></section>';
    const $ = (id: string) => document.getElementById(id)!;
    const walker = createElementWalker();
    expect(walker.up($('b'))).toBe($('a'));
    expect(walker.up($('a'))).toBe($('s'));
    expect(walker.up($('s'))).toBe($('s')); // body is the boundary
    expect(walker.down($('s'))).toBe($('a'));
    expect(walker.down($('a'))).toBe($('b')); // the way we came, not the first child
    walker.reset();
    expect(walker.down($('a'))).toBe($('h')); // no trail: first child
    expect(walker.down($('h'))).toBe($('h')); // a leaf stays
  });

  it('crosses out of a shadow root to its host', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const host = document.getElementById('host')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<span id="inner">x</span>';
    expect(parentOf(root.getElementById('inner')!)).toBe(host);
  });
});
