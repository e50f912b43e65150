/**
 * The app corpus: generated web-app pages in ten styles (CSS modules, styled-components,
 * emotion, Tailwind, MUI, Chakra, Angular, Vue, Bootstrap, WordPress) and five kinds (shop,
 * pricing, sign-up, settings, dashboard), each with its redeploys. Deterministic: the same
 * seed gives the same HTML. See README.md.
 */
import { createPage, PAGE_KINDS, type PageKind } from './model';
import { STYLES, type Style } from './kits';
import { renderPage } from './render';
import { redeploy, REDEPLOYS, type Redeploy, type Version } from './redeploys';
import { hashSeed } from './random';

export { PAGE_KINDS, REDEPLOYS, STYLES, type PageKind, type Redeploy, type Style };

/** One page of the corpus and the HTML of each of its redeploys. */
export interface AppCase {
  /** `seed-style-kind`, e.g. `1-tailwind-dashboard`. */
  name: string;
  style: Style;
  kind: PageKind;
  seed: number;
  html: string;
  redeploys: Record<Redeploy, string>;
}

/** The first version of a page. */
export function firstVersion(style: Style, kind: PageKind, seed: number): Version {
  return {
    page: createPage(kind, seed, style),
    build: { seed: hashSeed(`${seed}/${style}/${kind}/build`) % 1e9, utilitySeed: 0 },
    template: { edits: [], providers: 0 },
  };
}

/** Renders one version of a page of the corpus. */
export function renderVersion(style: Style, version: Version, seed: number, kind: PageKind): string {
  return renderPage({ ...version, style, pageSeed: hashSeed(`${seed}/${style}/${kind}`) });
}

/** One case: the page and its redeploys. */
export function appCase(style: Style, kind: PageKind, seed: number): AppCase {
  const v1 = firstVersion(style, kind, seed);
  const redeploys = {} as Record<Redeploy, string>;
  for (const r of REDEPLOYS) redeploys[r] = renderVersion(style, redeploy(v1, r, `${seed}/${style}/${kind}`), seed, kind);
  return { name: `${seed}-${style}-${kind}`, style, kind, seed, html: renderVersion(style, v1, seed, kind), redeploys };
}

/** Every style × kind for `seed` (50 pages). */
export function appCorpus(seed: number, filter?: { styles?: readonly Style[]; kinds?: readonly PageKind[] }): AppCase[] {
  const out: AppCase[] = [];
  for (const style of filter?.styles ?? STYLES) for (const kind of filter?.kinds ?? PAGE_KINDS) out.push(appCase(style, kind, seed));
  return out;
}
