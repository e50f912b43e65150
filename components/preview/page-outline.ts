/**
 * Outlines drawn on the previewed page: one box per element with a text label (the event
 * name), inside a shadow root so the page's CSS cannot restyle them and ours cannot leak.
 * Labels are set with `textContent` only. Boxes follow scrolling and resizing.
 */
import type { OutlineDrawer } from '../../lib/preview/agent';

/** The custom element name of the outline host. */
export const OUTLINE_HOST = 'tagpoint-preview-outline';

const CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483646; }
.box { position: fixed; box-sizing: border-box; border: 2px solid #7c3aed; background: rgba(124, 58, 237, 0.08); border-radius: 3px; }
.label { position: absolute; left: -2px; top: -20px; max-width: 320px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;
  font: 600 11px/18px system-ui, sans-serif; color: #fff; background: #7c3aed; padding: 0 6px; border-radius: 3px 3px 3px 0; }
`;

/** Options of `createPageOutline`. */
export interface PageOutlineOptions {
  /** Most boxes drawn at once. Default 2000. */
  maxBoxes?: number;
}

/** Creates the outline layer (attached on first use). */
export function createPageOutline(doc: Document, options: PageOutlineOptions = {}): OutlineDrawer {
  const max = options.maxBoxes ?? 2000;
  let host: HTMLElement | undefined;
  let layer: HTMLDivElement | undefined;
  let items: { element: Element; label: string; box: HTMLDivElement }[] = [];
  let frame = 0;
  const win = doc.defaultView!;

  const ensure = () => {
    if (host && host.isConnected) return layer!;
    host = doc.createElement(OUTLINE_HOST);
    const root = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = CSS;
    layer = doc.createElement('div');
    layer.className = 'layer';
    root.append(style, layer);
    doc.documentElement.append(host);
    return layer;
  };

  const place = () => {
    frame = 0;
    for (const item of items) {
      const r = item.element.getBoundingClientRect();
      const hidden = !item.element.isConnected || (r.width === 0 && r.height === 0);
      item.box.style.display = hidden ? 'none' : 'block';
      item.box.style.left = `${r.left}px`;
      item.box.style.top = `${r.top}px`;
      item.box.style.width = `${r.width}px`;
      item.box.style.height = `${r.height}px`;
    }
  };
  const schedule = () => {
    if (!frame && items.length) frame = win.requestAnimationFrame(place);
  };
  win.addEventListener('scroll', schedule, true);
  win.addEventListener('resize', schedule);

  const clear = () => {
    for (const item of items) item.box.remove();
    items = [];
  };

  return {
    show(list) {
      clear();
      const parent = ensure();
      for (const { element, label } of list.slice(0, max)) {
        const box = doc.createElement('div');
        box.className = 'box';
        box.dataset.testid = 'preview-outline';
        if (label) {
          const tag = doc.createElement('span');
          tag.className = 'label';
          tag.textContent = label;
          box.append(tag);
        }
        parent.append(box);
        items.push({ element, label, box });
      }
      place();
    },
    clear,
    dispose() {
      clear();
      if (frame) win.cancelAnimationFrame(frame);
      win.removeEventListener('scroll', schedule, true);
      win.removeEventListener('resize', schedule);
      host?.remove();
      host = layer = undefined;
    },
  };
}
