/**
 * model + style kit + template → HTML. Elements the benchmark tracks carry bench-only marks
 * (`data-bench-target`, `data-bench-prop`, `data-bench-set`) that the in-page harness reads
 * into JS maps and strips before any locator is made: locators never see them.
 *
 * Keys name the same logical element in every version of a page (`card:p1002/add`,
 * `order:10023/refund`, `nav:orders`): an element whose key is missing after a redeploy is
 * gone (its record was deleted, its button no longer rendered), and the right answer for a
 * locator is then "not found".
 */
import type { AppPage, Order, Plan, Product, Section } from './model';
import { createKit, type Attrs, type Build, type Kit, type Style } from './kits';
import { hashSeed } from './random';

/** Component template edits a redeploy may ship (each one a real kind of refactor). */
export const TEMPLATE_EDITS = ['card-wrapper', 'card-reorder', 'div-to-section', 'table-wrapper', 'cell-wrapper', 'header-wrapper', 'field-wrapper', 'actions-reorder'] as const;
export type TemplateEdit = (typeof TEMPLATE_EDITS)[number];

/** How the templates render: which edits are shipped, and how many provider wrappers sit around the app. */
export interface Template {
  edits: TemplateEdit[];
  providers: number;
}

export interface RenderInput {
  page: AppPage;
  style: Style;
  build: Build;
  template: Template;
  /** Per-page habits (a11y labels on row buttons, generated form ids); fixed for a page across versions. */
  pageSeed: number;
}

interface Mark {
  target?: string;
  prop?: string;
  set?: string;
}

const VOID = new Set(['img', 'input', 'br', 'hr', 'meta', 'link']);

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attrText(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeHtml(v)}"`))
    .join('');
}

function merge(...all: (Attrs | undefined)[]): Attrs {
  const out: Attrs = {};
  for (const attrs of all) {
    if (!attrs) continue;
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class' && out.class) out.class = `${out.class} ${v}`.trim();
      else out[k] = v;
    }
  }
  if (out.class === '') delete out.class;
  return out;
}

function markAttrs(mark?: Mark): Attrs {
  const out: Attrs = {};
  if (mark?.target) out['data-bench-target'] = mark.target;
  if (mark?.prop) out['data-bench-prop'] = mark.prop;
  if (mark?.set) out['data-bench-set'] = mark.set;
  return out;
}

const HEART = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path d="M12 21s-7-4.4-9.5-9A5.5 5.5 0 0 1 12 6a5.5 5.5 0 0 1 9.5 6c-2.5 4.6-9.5 9-9.5 9z"/></svg>';
const CART = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M3 3h2l2 12h11l2-8H6"/></svg>';
const SEARCH = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><circle cx="11" cy="11" r="7"/><path d="M20 20l-4-4"/></svg>';
const CLOSE = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>';

function price(cents: number): string {
  return `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

class Renderer {
  readonly kit: Kit;
  readonly page: AppPage;
  readonly edits: Set<TemplateEdit>;
  /** Row buttons say which record they act on (`aria-label="Refund order #10023"`), as accessible apps do. */
  readonly a11yLabels: boolean;
  /** Form field ids from a framework's id generator (`:r3:`), renumbered by a rebuild. */
  readonly generatedIds: boolean;
  private idCounter = 0;

  constructor(readonly input: RenderInput) {
    this.kit = createKit(input.style, input.build, input.pageSeed);
    this.page = input.page;
    this.edits = new Set(input.template.edits);
    this.a11yLabels = input.pageSeed % 3 === 0;
    this.generatedIds = input.style === 'mui' || input.style === 'chakra' || (input.style === 'styled-components' && input.pageSeed % 2 === 0);
  }

  /** An element of `part`; `extra` attributes are the element's own (href, type, aria-label). */
  el(tag: string, part: string | undefined, extra: Attrs, children: string | string[] = '', mark?: Mark, variant?: string): string {
    const attrs = merge(part ? this.kit.attrs(part, variant) : undefined, extra, markAttrs(mark));
    const open = `<${tag}${attrText(attrs)}>`;
    if (VOID.has(tag)) return open;
    return `${open}${Array.isArray(children) ? children.join('') : children}</${tag}>`;
  }

  /** A component's root, inside its Angular host element when the kit has one. */
  component(component: string, html: string): string {
    const host = this.kit.host(component);
    return host ? `<${host.tag}${attrText(host.attrs)}>${html}</${host.tag}>` : html;
  }

  has(edit: TemplateEdit): boolean {
    return this.edits.has(edit);
  }

  fieldId(name: string): string {
    if (!this.generatedIds) return name;
    this.idCounter++;
    const n = (hashSeed(`${this.input.build.seed}/${name}`) % 40) + this.idCounter;
    return this.input.style === 'chakra' ? `field-:r${n.toString(36)}:` : `:r${n.toString(36)}:`;
  }

  // ---------------------------------------------------------------- layout

  navLinks(where: 'header' | 'sidebar'): string {
    const items = this.page.nav.map((item) =>
      this.el('li', 'app.navItem', {}, this.el('a', 'app.navLink', { href: item.href }, escapeHtml(item.label), { target: `nav:${item.key}`, set: `nav-${where}` })),
    );
    const list = this.el('ul', 'app.navList', {}, items);
    const nav = this.el('nav', 'app.nav', { 'aria-label': where === 'header' ? 'Main' : 'Sidebar' }, list);
    return this.has('header-wrapper') ? `<div class="nav-wrapper">${nav}</div>` : nav;
  }

  header(): string {
    const p = this.page;
    const parts = [this.el('a', 'app.logo', { href: '/' }, escapeHtml(p.brand), { target: 'logo' }), this.navLinks('header')];
    if (p.kind === 'shop') {
      parts.push(
        this.el('form', 'app.search', { role: 'search', action: '/search' }, [
          this.el('input', 'app.searchInput', { type: 'search', name: 'q', placeholder: 'Search products', 'aria-label': 'Search products' }, '', { target: 'search-input' }),
          this.el('button', 'app.searchButton', { type: 'submit', 'aria-label': p.copy.search }, SEARCH, { target: 'search-submit' }),
        ]),
      );
    }
    parts.push(this.el('a', 'app.cartLink', { href: p.kind === 'shop' ? '/cart' : '/login', 'aria-label': p.kind === 'shop' ? 'Cart' : 'Account' }, [CART, '<span>2</span>'], { target: 'cart' }));
    return this.component('app', this.el('header', 'app.header', {}, parts));
  }

  sidebar(): string {
    return this.el('aside', 'app.sidebar', {}, [this.el('a', 'app.logo', { href: '/app' }, escapeHtml(this.page.brand), { target: 'logo' }), this.navLinks('sidebar')]);
  }

  banner(): string {
    const b = this.page.banner;
    if (!b) return '';
    return this.el('div', 'app.banner', { role: 'region', 'aria-label': 'Announcement' }, [
      `<p>${escapeHtml(b.text)}</p>`,
      this.el('a', 'app.bannerLink', { href: '/sale' }, escapeHtml(b.cta)),
      this.el('button', 'app.bannerClose', { type: 'button', 'aria-label': 'Dismiss' }, CLOSE),
    ]);
  }

  footer(): string {
    const items = this.page.footer.map((item) => `<li>${this.el('a', 'app.footerLink', { href: item.href }, escapeHtml(item.label), { target: `footer:${item.key}`, set: 'footer' })}</li>`);
    return this.el('footer', 'app.footer', {}, [
      this.el('ul', 'app.footerList', {}, items),
      this.page.kind === 'shop' || this.page.kind === 'pricing'
        ? `<form class="newsletter" action="/newsletter"><label>Newsletter <input type="email" name="email" autocomplete="email"></label>${this.el('button', undefined, { type: 'submit' }, escapeHtml(this.page.copy.subscribe), { target: 'subscribe' })}</form>`
        : '',
    ]);
  }

  // ---------------------------------------------------------------- shop

  card(product: Product, index: number): string {
    const p = this.page;
    const key = `card:${product.id}`;
    const href = `/products/${product.slug}`;
    const wp = this.input.style === 'wordpress';
    const listTag = wp || p.layout === 'list' ? 'li' : this.input.style === 'tailwind' || this.input.style === 'chakra' ? 'div' : 'article';
    const rootAttrs: Attrs = merge(this.kit.itemExtras('card.root', product, index), p.identity.idAttribute ? { 'data-product-id': product.id } : {});
    const wish = this.el(
      'button',
      'card.wish',
      this.input.style === 'tailwind' ? { type: 'button' } : { type: 'button', 'aria-label': p.copy.wishlist },
      this.input.style === 'tailwind' ? [HEART, `<span class="sr-only">${escapeHtml(p.copy.wishlist)}</span>`] : HEART,
      { target: `${key}/wish`, set: 'card/wish' },
    );
    const add = wp
      ? this.el('a', 'card.add', { href: `?add-to-cart=${product.id.slice(1)}`, 'data-quantity': '1', 'data-product_id': product.id.slice(1), 'aria-label': `Add “${product.name}” to your cart`, rel: 'nofollow' }, escapeHtml(p.copy.addToCart), { target: `${key}/add`, set: 'card/add' })
      : this.el('button', 'card.add', { type: 'button' }, escapeHtml(p.copy.addToCart), { target: `${key}/add`, set: 'card/add' }, 'primary');
    const title = this.el(
      wp ? 'h2' : 'h3',
      'card.title',
      {},
      p.identity.link && !wp ? this.el('a', 'card.titleLink', { href }, escapeHtml(product.name), { target: `${key}/title`, set: 'card/title' }) : escapeHtml(product.name),
      { prop: `${key}/name` },
    );
    const priceEl = this.el(wp ? 'span' : 'p', 'card.price', {}, wp ? `<span class="woocommerce-Price-amount amount"><bdi>${price(product.priceCents)}</bdi></span>` : price(product.priceCents), { prop: `${key}/price` });
    const rating = this.el('div', 'card.rating', { 'aria-label': `${product.rating} out of 5` }, `★ ${product.rating} <span>(${product.reviews})</span>`);
    const image = this.el('img', 'card.image', { src: `/img/${product.slug}.jpg`, alt: p.identity.link ? '' : product.name, width: '240', height: '240' });
    if (wp) {
      // WooCommerce's loop: one link around image, title and price, then the add-to-cart link
      const link = this.el('a', 'card.media', { href }, [image, title, rating, priceEl], { target: `${key}/title`, set: 'card/title' });
      return this.el(listTag, 'card.root', rootAttrs, [link, add, wish], { set: 'card' });
    }
    const media = p.identity.link ? this.el('a', 'card.media', { href, tabindex: '-1', 'aria-hidden': 'true' }, image) : this.el('div', 'card.media', {}, image);
    let bodyParts = [this.el('p', 'card.category', {}, escapeHtml(product.category)), title, rating, priceEl];
    if (this.has('card-reorder')) bodyParts = [bodyParts[0]!, bodyParts[3]!, bodyParts[1]!, bodyParts[2]!];
    let body = this.el(this.has('div-to-section') ? 'section' : 'div', 'card.body', {}, bodyParts);
    if (this.has('card-wrapper')) body = `<div class="card-inner">${body}</div>`;
    const actions = this.el('div', 'card.actions', {}, this.has('actions-reorder') ? [wish, add] : [add]);
    const children = this.has('actions-reorder') ? [media, body, actions] : [media, wish, body, actions];
    let card = this.el(listTag, 'card.root', rootAttrs, children, { set: 'card' });
    if (this.input.style === 'bootstrap') card = `<div class="col">${card}</div>`;
    return this.component('card', card);
  }

  promo(): string {
    const promo = this.page.promoCard!;
    const listTag = this.input.style === 'wordpress' || this.page.layout === 'list' ? 'li' : this.input.style === 'tailwind' || this.input.style === 'chakra' ? 'div' : 'article';
    let card = this.el(listTag, 'card.root', {}, [
      this.el('div', 'card.media', {}, this.el('img', 'card.image', { src: '/img/promo.jpg', alt: '' })),
      this.el('div', 'card.body', {}, [this.el('p', 'card.category', {}, 'Limited time'), this.el('h3', 'card.title', {}, escapeHtml(promo.title))]),
      this.el('div', 'card.actions', {}, this.el('button', 'card.add', { type: 'button' }, escapeHtml(promo.cta), undefined, 'primary')),
    ]);
    if (this.input.style === 'bootstrap') card = `<div class="col">${card}</div>`;
    return this.component('card', card);
  }

  shop(): string {
    const p = this.page;
    const cards = p.products.map((product, i) => this.card(product, i));
    if (p.promoCard) cards.splice(Math.min(p.promoCard.at, cards.length), 0, this.promo());
    const gridTag = this.input.style === 'wordpress' || p.layout === 'list' ? 'ul' : 'div';
    return [
      this.el('div', 'app.toolbar', {}, [
        `<p>${p.products.length} products</p>`,
        this.el('select', 'app.sortSelect', { name: 'sort', 'aria-label': 'Sort by' }, '<option value="featured">Featured</option><option value="price-asc">Price: low to high</option><option value="price-desc">Price: high to low</option>', { target: 'sort' }),
        this.el('button', 'app.filterButton', { type: 'button' }, 'Filters', { target: 'filters' }),
      ]),
      this.el(gridTag, 'card.grid', {}, cards),
      this.el('button', 'shop.loadMore', { type: 'button' }, escapeHtml(p.copy.loadMore), { target: 'load-more' }),
    ].join('');
  }

  // ---------------------------------------------------------------- pricing

  plan(plan: Plan): string {
    const p = this.page;
    const key = `plan:${plan.id}`;
    const cta = p.identity.link
      ? this.el('a', 'plan.cta', { href: `/signup?plan=${plan.id}` }, escapeHtml(plan.cta), { target: `${key}/cta`, set: 'plan/cta' }, plan.highlighted ? 'primary' : undefined)
      : this.el('button', 'plan.cta', { type: 'button' }, escapeHtml(plan.cta), { target: `${key}/cta`, set: 'plan/cta' }, plan.highlighted ? 'primary' : undefined);
    const features = this.el('ul', 'plan.features', {}, plan.features.map((f) => this.el('li', 'plan.feature', {}, escapeHtml(f))));
    let parts = [
      this.el('h3', 'plan.name', {}, escapeHtml(plan.name), { prop: `${key}/name` }),
      this.el('p', 'plan.price', {}, `<span>$</span>${plan.monthly}<span>/mo</span>`, { prop: `${key}/price` }),
      features,
      cta,
    ];
    if (this.has('card-reorder')) parts = [parts[0]!, parts[2]!, parts[1]!, parts[3]!];
    let inner = parts.join('');
    if (this.has('card-wrapper')) inner = `<div class="plan-inner">${inner}</div>`;
    const attrs: Attrs = p.identity.idAttribute ? { 'data-plan': plan.id } : {};
    return this.component('plan', this.el(this.has('div-to-section') ? 'section' : 'div', 'plan.root', attrs, inner, { set: 'plan' }, plan.highlighted ? 'featured' : undefined));
  }

  pricing(): string {
    const p = this.page;
    const faqs = ['Can I change plans later?', 'Do you offer discounts for non-profits?', 'What happens when my trial ends?', 'Can I cancel at any time?'];
    return [
      this.el('div', 'pricing.toggle', { role: 'group', 'aria-label': 'Billing period' }, [
        this.el('button', 'pricing.toggleButton', { type: 'button', 'aria-pressed': 'true' }, escapeHtml(p.copy.monthly), { target: 'billing:monthly', set: 'billing' }),
        this.el('button', 'pricing.toggleButton', { type: 'button', 'aria-pressed': 'false' }, escapeHtml(p.copy.yearly), { target: 'billing:yearly', set: 'billing' }),
      ]),
      this.el('div', 'plan.grid', {}, p.plans.map((plan) => this.plan(plan))),
      this.el('section', 'faq.list', {}, [
        '<h2>Frequently asked questions</h2>',
        ...faqs.map((q, i) => this.el('details', 'faq.item', {}, [this.el('summary', 'faq.question', {}, escapeHtml(q), { target: `faq:${i}`, set: 'faq' }), this.el('p', 'faq.answer', {}, 'Yes. Write to us and we will sort it out.')])),
      ]),
    ].join('');
  }

  // ---------------------------------------------------------------- sign-up

  field(label: string, input: string, id: string): string {
    const f = this.el('div', 'form.field', {}, [this.el('label', 'form.label', { for: id }, escapeHtml(label)), input]);
    return this.has('field-wrapper') ? `<div class="field-row">${f}</div>` : f;
  }

  signup(): string {
    const p = this.page;
    const ids = { email: this.fieldId('email'), name: this.fieldId('name'), password: this.fieldId('password'), plan: this.fieldId('plan') };
    return this.component(
      'form',
      this.el('form', 'form.root', { action: '/signup', method: 'post' }, [
        this.field('Email', this.el('input', 'form.input', { id: ids.email, name: 'email', type: 'email', autocomplete: 'email' }, '', { target: 'field:email' }), ids.email),
        this.field('Full name', this.el('input', 'form.input', { id: ids.name, name: 'name', type: 'text', autocomplete: 'name' }, '', { target: 'field:name' }), ids.name),
        this.field('Password', this.el('input', 'form.input', { id: ids.password, name: 'password', type: 'password', autocomplete: 'new-password' }), ids.password),
        this.field('Plan', this.el('select', 'form.select', { id: ids.plan, name: 'plan' }, '<option value="starter">Starter</option><option value="team">Team</option><option value="business">Business</option>', { target: 'field:plan' }), ids.plan),
        `<label>${this.el('input', 'form.checkbox', { type: 'checkbox', name: 'terms' }, '', { target: 'field:terms' })} I agree to the terms</label>`,
        this.el('button', 'form.submit', { type: 'submit' }, escapeHtml(p.copy.submit), { target: 'signup:submit' }, 'primary'),
        this.el('div', 'form.social', {}, [
          this.el('button', 'form.socialButton', { type: 'button' }, 'Continue with Google', { target: 'social:google', set: 'social' }),
          this.el('button', 'form.socialButton', { type: 'button' }, 'Continue with GitHub', { target: 'social:github', set: 'social' }),
        ]),
        `<p>Already have an account? ${this.el('a', 'form.signinLink', { href: '/login' }, escapeHtml(p.copy.signIn), { target: 'signin' })}</p>`,
      ]),
    );
  }

  // ---------------------------------------------------------------- settings

  section(section: Section): string {
    const p = this.page;
    const key = `section:${section.key}`;
    const fields = section.fields.map((f) => {
      const id = this.fieldId(f.key);
      let control: string;
      if (f.kind === 'toggle') control = this.el('button', 'section.toggle', { type: 'button', role: 'switch', 'aria-checked': 'true', id, 'aria-label': f.label }, '<span></span>', { target: `${key}/${f.key}`, set: 'toggle' });
      else if (f.kind === 'select') control = this.el('select', 'section.input', { id, name: f.name }, '<option>English</option><option>Deutsch</option>', { target: `${key}/${f.key}` });
      else control = this.el('input', 'section.input', { id, name: f.name, type: f.kind }, '', { target: `${key}/${f.key}` });
      const field = this.el('div', 'section.field', {}, [this.el('label', 'section.label', { for: id }, escapeHtml(f.label)), control]);
      return this.has('field-wrapper') ? `<div class="field-row">${field}</div>` : field;
    });
    const save = this.el('button', 'section.save', { type: 'submit' }, escapeHtml(p.copy.save), { target: `${key}/save`, set: 'section/save' }, 'primary');
    const body = this.el(this.has('div-to-section') ? 'section' : 'div', 'section.body', {}, fields);
    const attrs: Attrs = p.identity.idAttribute ? { 'data-section': section.key } : {};
    return this.component('section', this.el('form', 'section.root', merge(attrs, { action: `/settings/${section.key}`, method: 'post' }), [this.el('h2', 'section.title', {}, escapeHtml(section.title), { prop: `${key}/title` }), body, save], { set: 'section' }));
  }

  settings(): string {
    const p = this.page;
    return [
      this.el('nav', 'settings.tabs', { 'aria-label': 'Settings' }, p.tabs.map((tab, i) => this.el('a', 'settings.tab', merge({ href: tab.href }, i === 0 ? { 'aria-current': 'page' } : {}), escapeHtml(tab.label), { target: `tab:${tab.key}`, set: 'tab' }))),
      ...p.sections.map((s) => this.section(s)),
      this.el('div', 'settings.danger', {}, ['<h2>Danger zone</h2><p>This cannot be undone.</p>', this.el('button', 'settings.delete', { type: 'button' }, escapeHtml(p.copy.deleteAccount), { target: 'delete-account' })]),
    ].join('');
  }

  // ---------------------------------------------------------------- dashboard

  rowActions(order: Order, key: string): string {
    const p = this.page;
    const label = (verb: string): Attrs => (this.a11yLabels ? { 'aria-label': `${verb} order #${order.number}` } : {});
    const view = this.el('button', 'table.view', merge({ type: 'button' }, label(p.copy.view)), escapeHtml(p.copy.view), { target: `${key}/view`, set: 'order/view' });
    const refund = order.status === 'Refunded' ? '' : this.el('button', 'table.refund', merge({ type: 'button' }, label(p.copy.refund)), escapeHtml(p.copy.refund), { target: `${key}/refund`, set: 'order/refund' });
    return this.el('div', 'table.actions', {}, this.has('actions-reorder') ? [refund, view] : [view, refund]);
  }

  orderNumber(order: Order, key: string): string {
    return this.page.identity.link
      ? this.el('a', 'table.orderLink', { href: `/app/orders/${order.number}` }, `#${order.number}`, { target: `${key}/link`, set: 'order/link' })
      : `#${order.number}`;
  }

  row(order: Order, index: number): string {
    const key = `order:${order.number}`;
    const wrapCell = (html: string) => (this.has('cell-wrapper') ? `<div class="cell">${html}</div>` : html);
    const cells = [
      { field: 'number', html: this.orderNumber(order, key), prop: `${key}/number` },
      { field: 'customer', html: `<div>${escapeHtml(order.customer)}</div><div class="muted">${escapeHtml(order.email)}</div>` },
      { field: 'date', html: order.date },
      { field: 'total', html: price(order.totalCents), prop: `${key}/total` },
      { field: 'status', html: this.el('span', 'table.status', {}, order.status, { prop: `${key}/status` }, order.status.toLowerCase()) },
      { field: 'actions', html: this.rowActions(order, key) },
    ];
    if (this.page.layout === 'grid-divs') {
      // a data grid (MUI DataGrid, AG Grid): div rows with the record id and a positional row index
      return this.el(
        'div',
        'table.row',
        { role: 'row', 'data-id': String(order.number), 'data-rowindex': String(index), 'aria-rowindex': String(index + 2) },
        cells.map((c, i) => this.el('div', 'table.cell', { role: 'gridcell', 'data-field': c.field, 'aria-colindex': String(i + 1) }, wrapCell(c.html), c.prop ? { prop: c.prop } : undefined)),
        { set: 'order' },
      );
    }
    const attrs: Attrs = this.page.identity.idAttribute ? { 'data-order-id': String(order.number) } : {};
    return this.el('tr', 'table.row', attrs, cells.map((c) => this.el('td', 'table.cell', {}, wrapCell(c.html), c.prop ? { prop: c.prop } : undefined)), { set: 'order' });
  }

  dashboard(): string {
    const p = this.page;
    const heads = ['Order', 'Customer', 'Date', 'Total', 'Status', ''];
    const stats = this.el(
      'div',
      'stat.grid',
      {},
      p.stats.map((s) =>
        this.component(
          'stat',
          this.el('div', 'stat.root', {}, [
            this.el('p', 'stat.label', {}, escapeHtml(s.label)),
            this.el('p', 'stat.value', {}, escapeHtml(s.value), { prop: `stat:${s.key}/value` }),
            this.el('a', 'stat.link', { href: `/app/reports/${s.key}` }, 'View report', { target: `stat:${s.key}/link`, set: 'stat/link' }),
          ], { set: 'stat' }),
        ),
      ),
    );
    const toolbar = this.el('div', 'app.toolbar', {}, [
      this.el('div', 'dash.tabs', { role: 'tablist' }, p.tabs.map((tab, i) => this.el('button', 'dash.tab', { type: 'button', role: 'tab', 'aria-selected': i === 0 ? 'true' : 'false' }, escapeHtml(tab.label), { target: `filter:${tab.key}`, set: 'filter' }))),
      this.el('button', 'dash.export', { type: 'button' }, escapeHtml(p.copy.exportCsv), { target: 'export' }),
    ]);
    const rows = p.orders.slice(0, p.pageSize).map((o, i) => this.row(o, i));
    let table: string;
    if (p.layout === 'grid-divs') {
      table = this.el('div', 'table.root', { role: 'grid', 'aria-rowcount': String(rows.length + 1) }, [
        this.el('div', 'table.head', { role: 'rowgroup' }, `<div role="row">${heads.map((h) => this.el('div', 'table.headCell', { role: 'columnheader' }, h)).join('')}</div>`),
        this.el('div', 'table.body', { role: 'rowgroup' }, rows),
      ]);
    } else {
      table = this.el('table', 'table.root', {}, [
        this.el('thead', 'table.head', {}, `<tr>${heads.map((h) => this.el('th', 'table.headCell', { scope: 'col' }, h)).join('')}</tr>`),
        this.el('tbody', 'table.body', {}, rows),
      ]);
    }
    let wrapped = this.el('div', 'table.wrap', {}, table);
    if (this.has('table-wrapper')) wrapped = `<div class="table-card">${wrapped}</div>`;
    const pager = this.el('nav', 'pager.root', { 'aria-label': 'Pagination' }, [
      this.el('button', 'pager.prev', { type: 'button' }, escapeHtml(p.copy.previous), { target: 'pager:prev' }),
      this.el('span', 'pager.page', {}, 'Page 1 of 4'),
      this.el('button', 'pager.next', { type: 'button' }, escapeHtml(p.copy.next), { target: 'pager:next' }),
    ]);
    return [stats, toolbar, this.component('table', wrapped), pager].join('');
  }

  // ---------------------------------------------------------------- page

  content(): string {
    switch (this.page.kind) {
      case 'shop':
        return this.shop();
      case 'pricing':
        return this.pricing();
      case 'signup':
        return this.signup();
      case 'settings':
        return this.settings();
      case 'dashboard':
        return this.dashboard();
    }
  }

  document(): string {
    const p = this.page;
    const app = p.kind === 'settings' || p.kind === 'dashboard';
    const main = this.el('main', 'app.main', {}, [this.el('h1', 'app.h1', {}, escapeHtml(p.copy.heading), { target: 'heading' }), this.content()]);
    let root = this.el('div', 'app.root', { id: ['root', 'app', '__next', '__nuxt'][this.input.pageSeed % 4]! }, [this.banner(), app ? this.sidebar() : this.header(), main, this.footer()]);
    const providers = ['<div class="ThemeProvider" data-theme="light">', '<div data-rk="">', '<div class="IntlProvider" lang="en">', '<div id="portal-host">'];
    for (let i = 0; i < this.input.template.providers; i++) root = `${providers[i % providers.length]}${root}</div>`;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(p.brand)} — ${escapeHtml(p.copy.heading)}</title>
<style>body{font:14px/1.4 sans-serif;margin:0} img{display:block;background:#ddd} svg{display:inline-block} table{border-collapse:collapse} [role=row]{display:flex;gap:8px}</style>
</head>
<body>
${root}
</body>
</html>
`;
  }
}

/** The HTML of one version of an app page. */
export function renderPage(input: RenderInput): string {
  return new Renderer(input).document();
}
