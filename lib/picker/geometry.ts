/** A box in viewport coordinates (CSS px), as the overlay draws it. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The element's border box in viewport coordinates. */
export function boxOf(el: Element): Box {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

/** True when the box can be seen in a viewport of this size (partly is enough). */
export function isBoxVisible(box: Box, viewport: { width: number; height: number }): boolean {
  return box.width > 0 && box.height > 0 && box.x + box.width > 0 && box.y + box.height > 0 && box.x < viewport.width && box.y < viewport.height;
}

/** The hover label: tag name, first class or id, and size ("button.add · 120×32"). */
export function labelOf(el: Element, box: Box = boxOf(el)): string {
  let name = el.localName;
  if (el.id && /^[A-Za-z][\w-]{0,30}$/.test(el.id)) name += `#${el.id}`;
  else {
    const cls = [...el.classList].find((c) => /^[A-Za-z][\w-]{0,30}$/.test(c));
    if (cls) name += `.${cls}`;
  }
  return `${name} · ${Math.round(box.width)}×${Math.round(box.height)}`;
}

/**
 * Where the label goes: above the box when there is room, else inside its top edge;
 * kept inside the viewport horizontally.
 */
export function labelPosition(box: Box, viewport: { width: number; height: number }, label = { width: 160, height: 20 }): { x: number; y: number } {
  const y = box.y - label.height - 2 >= 0 ? box.y - label.height - 2 : Math.max(0, Math.min(box.y + 2, viewport.height - label.height));
  const x = Math.max(0, Math.min(box.x, viewport.width - label.width));
  return { x, y };
}

/** How far down the picking banner reaches from the top of the viewport, in CSS px. */
export const BANNER_ZONE = 64;

/**
 * True when the hovered element sits where the picking banner is (a top navigation): the
 * banner then moves to the bottom, so what is picked is seen. The banner's text lets the
 * pointer through as well (only its button takes it).
 */
export function isBannerInTheWay(box: Box | undefined): boolean {
  return !!box && box.y < BANNER_ZONE && box.height < 400;
}
