/**
 * The realistic mix (issue 13), made in the page from its real elements, seeded: what users
 * paste and import, not only the shapes our compiler knows. About 30% long DevTools-style paths
 * (`html > body:nth-of-type(1) > main:nth-of-type(1) > … > button:nth-of-type(1)`, or with
 * `:nth-child`), 20% that match nothing here, attribute operators (`^=`, `$=`, `~=`, `|=`, `*=`),
 * SVG targets, sibling combinators, and the rest ids, classes, attributes, anchored and generic.
 * Past 1,000 tags, the selectors are for other pages' elements (as in the recorded mix).
 */
export function realisticSelectors({ n, seed }: { n: number; seed: number }): string[] {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const pick = <T,>(list: ArrayLike<T>): T => list[Math.floor(rnd() * list.length)]!;
  const all = Array.from(document.querySelectorAll('body *'));
  const cards = Array.from(document.querySelectorAll('.card'));
  const path = (el: Element, ofType: boolean) => {
    const steps: string[] = [];
    for (let x: Element | null = el; x; x = x.parentElement) {
      const kids = x.parentElement ? Array.from(x.parentElement.children) : [x];
      const k = ofType ? kids.filter((c) => c.localName === x!.localName).indexOf(x) + 1 : kids.indexOf(x) + 1;
      steps.unshift(x.localName === 'html' ? 'html' : `${x.localName}:${ofType ? 'nth-of-type' : 'nth-child'}(${k})`);
    }
    return steps.join(' > ');
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const card = pick(cards);
    const id = card.id;
    let sel: string;
    if (r < 0.3) sel = path(pick(all), rnd() < 0.6);
    else if (r < 0.4) sel = pick([`a[href^="/p/${id.slice(2)}"]`, `[data-testid$="-${id.slice(2)}"]`, `[class~="add"][data-testid="add-${id.slice(2)}"]`, `[data-sku|="SKU"] .price`, `a[href*="/c/${i % 20}"]`]);
    else if (r < 0.45) sel = pick([`#${id} svg.glyph`, `#${id} [viewBox="0 0 24 24"]`, `button.add > svg path`, `svg circle`]);
    else if (r < 0.5) sel = pick([`#${id} h2.title + p.desc span`, `#${id} .price ~ s.was`, `.nav-item:nth-child(${(i % 20) + 1}) + li a`]);
    else if (r < 0.8) sel = pick([`#${id} .add`, `[data-testid="wish-${id.slice(2)}"]`, `.${card.classList[1]} .badge`, `button.add`, `.card .title a`, `#${id} > .actions > button.wish`]);
    // Matches nothing on this page: one part changed, as for another page's element.
    else sel = pick([path(pick(all), true).replace(/\((\d+)\)$/, '(9$1)'), `#${id}-gone .add`, `[data-testid="add-${id.slice(2)}-x"]`, `.card.v${i} h2`]);
    // Past 1,000 tags a config covers other pages: as in the recorded mix, those selectors are for
    // elements this page does not have (a class of another page's element on the rightmost part).
    const j = Math.floor(i / 1000);
    out.push(j ? `${sel}.v${j}` : sel);
  }
  return out;
}
