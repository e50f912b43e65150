import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from '../config/zod';

/** A product of the demo catalog (`demo/shop/catalog.json`). */
export const ProductSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  sku: z.string(),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  category: z.string(),
  priceCents: z.number().int().nonnegative(),
  description: z.string(),
  hue: z.number(),
  rating: z.number(),
  reviews: z.number().int(),
});
export type Product = z.infer<typeof ProductSchema>;

/** The pages of the shop, each a fragment in `demo/shop/pages/<name>.html`. */
export const SHOP_PAGES = ['home', 'products', 'product', 'cart', 'signup', 'app', 'events', 'not-found'] as const;
export type ShopPage = (typeof SHOP_PAGES)[number];

/** Templates and catalog of the shop, read once. */
export interface ShopTemplates {
  layout: string;
  pages: Record<ShopPage, string>;
  catalog: Product[];
}

/** Reads `layout.html`, `pages/*.html` and `catalog.json` from the shop folder; throws on a bad catalog. */
export function loadShopTemplates(rootDir: string): ShopTemplates {
  const read = (file: string) => readFileSync(path.join(rootDir, file), 'utf8');
  const pages = Object.fromEntries(SHOP_PAGES.map((name) => [name, read(`pages/${name}.html`)])) as Record<ShopPage, string>;
  const catalog = z.array(ProductSchema).parse(JSON.parse(read('catalog.json')));
  return { layout: read('layout.html'), pages, catalog };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** JSON safe to place inside a `<script>` element (no `</script>`, no `<!--`). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** "$1,299.00" for 129900. */
export function formatPrice(cents: number): string {
  return usd.format(cents / 100);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word[0] ?? '')
    .join('')
    .toUpperCase();
}

/** One product card of a grid. */
export function productCard(product: Product): string {
  const href = `/products/${product.slug}`;
  return `    <article class="ProductCard_card__x7Hq2" data-product-id="${escapeHtml(product.id)}" data-price-cents="${product.priceCents}">
      <a class="ProductCard_media__Jt5e1" href="${href}" style="--hue: ${product.hue}" tabindex="-1" aria-hidden="true"><span>${escapeHtml(initials(product.name))}</span></a>
      <div class="ProductCard_body__c2Vn8">
        <p class="ProductCard_category__R0w3d">${escapeHtml(product.category)}</p>
        <h3 class="ProductCard_title__3kLmz"><a href="${href}">${escapeHtml(product.name)}</a></h3>
        <div class="Rating_rating__h8Ys2" aria-label="${product.rating} out of 5">★ ${product.rating} <span>(${product.reviews})</span></div>
        <p class="ProductCard_price__9QwE1">${escapeHtml(formatPrice(product.priceCents))}</p>
      </div>
      <button type="button" class="Button_button__k3Jd8 Button_primary__Tq9xW">Add to cart</button>
    </article>`;
}

/** Where the shop's analytics and Tagpoint scripts point. */
export interface ShopScripts {
  /** Base URL serving analytics-next's bundles and settings, in place of cdn.segment.com. */
  cdnUrl: string;
  writeKey: string;
  /** `host:port/v1` of the collector. */
  apiHost: string;
  /** `http` or `https`. */
  protocol: string;
  /** The Tagpoint runtime bundle. */
  runtimeUrl: string;
  /** The live config the runtime loads. */
  configUrl: string;
}

/**
 * Segment's analytics.js snippet (5.2.0), unchanged but for the script URL: `_cdn` sends
 * the library's chunks and settings to the local stand-in instead of cdn.segment.com.
 */
export function analyticsSnippet(s: ShopScripts): string {
  const options = { integrations: { 'Segment.io': { apiHost: s.apiHost, protocol: s.protocol } } };
  return `<script>
!function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){if(window[i].initialized)return window[i][e].apply(window[i],arguments);var n=Array.prototype.slice.call(arguments);if(["track","screen","alias","group","page","identify"].indexOf(e)>-1){var c=document.querySelector("link[rel='canonical']");n.push({__t:"bpc",c:c&&c.getAttribute("href")||void 0,p:location.pathname,u:location.href,s:location.search,t:document.title,r:document.referrer})}n.unshift(e);analytics.push(n);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src=analytics._cdn+"/analytics.js/v1/"+key+"/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics._cdn=${scriptJson(s.cdnUrl)};analytics._writeKey=${scriptJson(s.writeKey)};analytics.SNIPPET_VERSION="5.2.0";
analytics.load(${scriptJson(s.writeKey)}, ${scriptJson(options)});
analytics.page();
}}();
</script>`;
}

/** The Tagpoint script tag, as a site owner would paste it (docs/DESIGN.md, "Runtime contract"). */
export function tagpointScript(s: ShopScripts): string {
  return `<script async src="${escapeHtml(s.runtimeUrl)}" data-config-url="${escapeHtml(s.configUrl)}"></script>`;
}

/** What `renderShopPage` needs for one page. */
export interface RenderOptions {
  title: string;
  /** Values of the page fragment's `{{name}}` placeholders, already HTML. */
  html?: Record<string, string>;
  /** Extra scripts at the end of the body, already HTML. */
  scripts?: string;
  /** Without analytics and Tagpoint (the Events page watches the others, it is not part of the shop). */
  bare?: boolean;
  bodyClass?: string;
}

function fill(template: string, values: Record<string, string>): string {
  // One pass, so a value that happens to contain "{{x}}" is never expanded again.
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => (Object.hasOwn(values, name) ? values[name]! : match));
}

/** A whole HTML page: the layout around a page fragment. */
export function renderShopPage(templates: ShopTemplates, page: ShopPage, scripts: ShopScripts, options: RenderOptions): string {
  const content = fill(templates.pages[page], options.html ?? {});
  return fill(templates.layout, {
    title: escapeHtml(options.title),
    analytics: options.bare ? '' : analyticsSnippet(scripts),
    tagpoint: options.bare ? '' : tagpointScript(scripts),
    bodyClass: escapeHtml(options.bodyClass ?? `page-${page}`),
    content,
    scripts: options.scripts ?? '',
  });
}

/** The HTML of every page of the shop, by route. Returns undefined for an unknown path. */
export function renderShopRoute(
  templates: ShopTemplates,
  pathname: string,
  scripts: ShopScripts,
  collectorUrl: string,
): { status: number; html: string } | undefined {
  const { catalog } = templates;
  if (pathname === '/' || pathname === '/index.html') {
    const featured = [3, 11, 0, 23].map((i) => productCard(catalog[i % catalog.length]!)).join('\n');
    return { status: 200, html: renderShopPage(templates, 'home', scripts, { title: 'Home', html: { featured } }) };
  }
  if (pathname === '/products/') {
    const cards = catalog.map(productCard).join('\n');
    return { status: 200, html: renderShopPage(templates, 'products', scripts, { title: 'All products', html: { cards } }) };
  }
  const productMatch = /^\/products\/([a-z0-9-]+)$/.exec(pathname);
  if (productMatch) {
    const index = catalog.findIndex((p) => p.slug === productMatch[1]);
    if (index === -1) return undefined;
    const p = catalog[index]!;
    const related = [1, 2, 3].map((k) => productCard(catalog[(index + k * 5) % catalog.length]!)).join('\n');
    const html = {
      id: escapeHtml(p.id),
      sku: escapeHtml(p.sku),
      name: escapeHtml(p.name),
      category: escapeHtml(p.category),
      price: escapeHtml(formatPrice(p.priceCents)),
      description: escapeHtml(p.description),
      hue: String(p.hue),
      initials: escapeHtml(initials(p.name)),
      rating: String(p.rating),
      reviews: String(p.reviews),
      related,
    };
    return { status: 200, html: renderShopPage(templates, 'product', scripts, { title: p.name, html }) };
  }
  if (pathname === '/cart') {
    const html = { catalogJson: scriptJson(catalog) };
    return { status: 200, html: renderShopPage(templates, 'cart', scripts, { title: 'Cart', html }) };
  }
  if (pathname === '/signup') {
    return { status: 200, html: renderShopPage(templates, 'signup', scripts, { title: 'Sign up' }) };
  }
  if (pathname === '/app' || pathname === '/app/' || /^\/app\/[a-z-]+$/.test(pathname)) {
    const extra = '<script src="/static/app.js" defer></script>';
    return { status: 200, html: renderShopPage(templates, 'app', scripts, { title: 'My account', scripts: extra }) };
  }
  if (pathname === '/events') {
    const extra = '<script src="/static/events.js" defer></script>';
    const html = { collectorUrl: escapeHtml(collectorUrl) };
    return { status: 200, html: renderShopPage(templates, 'events', scripts, { title: 'Events', html, scripts: extra, bare: true }) };
  }
  return undefined;
}
