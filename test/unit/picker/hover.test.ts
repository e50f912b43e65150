import { describe, expect, it, vi } from 'vitest';
import { createHoverTracker } from '../../../lib/picker/hover';

describe('createHoverTracker', () => {
  it('looks the element up once per frame however many moves arrive, and ignores our own UI', () => {
    document.body.innerHTML = '<button id="a">A</button><div id="own"></div>';
    const a = document.getElementById('a')!;
    const own = document.getElementById('own')!;
    const frames: (() => void)[] = [];
    let under: Element = a;
    const spy = vi.spyOn(document, 'elementFromPoint').mockImplementation(() => under);
    const hovered: (Element | null)[] = [];
    const tracker = createHoverTracker({
      isOwn: (el) => el === own,
      onHover: (el) => hovered.push(el),
      raf: (cb) => frames.push(cb),
      cancelRaf: () => undefined,
    });
    for (let i = 0; i < 50; i++) window.dispatchEvent(new MouseEvent('pointermove', { clientX: i, clientY: 5 }));
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(hovered).toEqual([a]);

    // Same element again: no new report.
    window.dispatchEvent(new MouseEvent('pointermove', { clientX: 60, clientY: 5 }));
    frames.shift()!();
    expect(hovered).toEqual([a]);

    under = own;
    window.dispatchEvent(new MouseEvent('pointermove', { clientX: 70, clientY: 5 }));
    frames.shift()!();
    expect(hovered).toEqual([a, null]);

    tracker.stop();
    window.dispatchEvent(new MouseEvent('pointermove', { clientX: 80, clientY: 5 }));
    expect(frames).toHaveLength(0);
    spy.mockRestore();
  });
});
