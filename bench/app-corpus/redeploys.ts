/**
 * What a web app's redeploy does to a page, as changes to its model, build and templates
 * (the next version is rendered again, as the app would render it; elements keep their keys).
 */
import { makeOrder, makeProduct, type AppPage, type Copy } from './model';
import type { Build } from './kits';
import { TEMPLATE_EDITS, type Template } from './render';
import { chance, int, pick, rngFor, shuffle, type Rng } from './random';

export const REDEPLOYS = [
  'rehash',
  'utility-shift',
  'template-edit',
  'ab-banner',
  'provider-wrapper',
  'nav-added',
  'rows-reordered',
  'data-refreshed',
  'copy-changed',
  'redeploy-mix',
] as const;
export type Redeploy = (typeof REDEPLOYS)[number];

/** One version of a page: what it shows, how it was built, which templates it used. */
export interface Version {
  page: AppPage;
  build: Build;
  template: Template;
}

const clone = <T>(value: T): T => structuredClone(value);

function rehash(v: Version, rng: Rng): void {
  v.build.seed = int(rng, 1, 1e9);
}

function utilityShift(v: Version, rng: Rng): void {
  v.build.utilitySeed = int(rng, 1, 1e9);
}

function templateEdit(v: Version, rng: Rng): void {
  const edits = shuffle(rng, TEMPLATE_EDITS).slice(0, int(rng, 2, 4));
  v.template.edits = [...new Set([...v.template.edits, ...edits])];
}

const BANNERS = [
  { text: 'Free shipping on orders over $50', cta: 'Shop now' },
  { text: 'Try the new dashboard', cta: 'Switch now' },
  { text: 'Summer sale: 20% off everything', cta: 'See the sale' },
];

function abBanner(v: Version, rng: Rng): void {
  v.page.banner = pick(rng, BANNERS);
  if (v.page.kind === 'shop' && chance(rng, 0.7)) v.page.promoCard = { at: int(rng, 0, 2), title: 'Summer sale', cta: 'Shop the sale' };
}

function providerWrapper(v: Version, rng: Rng): void {
  v.template.providers += int(rng, 1, 3);
}

const NEW_NAV = [
  { key: 'sale', label: 'Sale', href: '/sale' },
  { key: 'gift-cards', label: 'Gift cards', href: '/gift-cards' },
  { key: 'inbox', label: 'Inbox', href: '/app/inbox' },
  { key: 'integrations', label: 'Integrations', href: '/app/integrations' },
];

function navAdded(v: Version, rng: Rng): void {
  const count = int(rng, 1, 2);
  for (const item of shuffle(rng, NEW_NAV).slice(0, count)) {
    if (v.page.nav.some((n) => n.key === item.key)) continue;
    v.page.nav.splice(chance(rng, 0.5) ? 0 : int(rng, 0, v.page.nav.length), 0, item);
  }
  if (v.page.tabs.length && chance(rng, 0.5)) v.page.tabs.splice(1, 0, { key: 'archived', label: 'Archived', href: '/archived' });
}

function rowsReordered(v: Version, rng: Rng): void {
  const p = v.page;
  const how = pick(rng, ['shuffle', 'reverse', 'sort'] as const);
  const reorder = <T>(items: T[], key: (t: T) => number | string): T[] =>
    how === 'shuffle' ? shuffle(rng, items) : how === 'reverse' ? [...items].reverse() : [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  p.products = reorder(p.products, (x) => x.priceCents);
  // the table is sorted again; what shows on the first page is the same set of orders
  p.orders = [...reorder(p.orders.slice(0, p.pageSize), (o) => o.totalCents), ...p.orders.slice(p.pageSize)];
  p.plans = how === 'reverse' ? [...p.plans].reverse() : p.plans;
}

function dataRefreshed(v: Version, rng: Rng): void {
  const p = v.page;
  if (p.products.length) {
    const used = new Set(p.products.map((x) => x.name));
    // some products sold out and gone, new ones listed, prices and ratings changed
    p.products = p.products.filter(() => !chance(rng, 0.12));
    const added = int(rng, 1, 3);
    for (let i = 0; i < added; i++) p.products.splice(int(rng, 0, p.products.length), 0, makeProduct(rng, used, 100 + int(rng, 0, 800)));
    for (const x of p.products) {
      if (chance(rng, 0.3)) x.priceCents = Math.max(900, x.priceCents + pick(rng, [-1000, -500, 500, 1000]));
      x.reviews += int(rng, 0, 5);
      x.rating = Math.min(5, Math.round((x.rating + (rng() - 0.5) / 5) * 10) / 10);
    }
  }
  if (p.orders.length) {
    // new orders on top; the table keeps its page size, so the oldest move to page 2
    const newest = Math.max(...p.orders.map((o) => o.number));
    const added = int(rng, 1, 4);
    const fresh = Array.from({ length: added }, (_, i) => makeOrder(rng, newest + added - i, 400 - i));
    p.orders = [...fresh, ...p.orders];
    for (const o of p.orders) {
      if (chance(rng, 0.15)) o.status = o.status === 'Pending' ? 'Paid' : o.status === 'Paid' ? pick(rng, ['Paid', 'Refunded'] as const) : o.status;
    }
  }
  for (const s of p.stats) s.value = s.value.replace(/\d/g, (d) => (chance(rng, 0.5) ? String(int(rng, 0, 9)) : d));
  for (const plan of p.plans) if (plan.monthly > 0 && chance(rng, 0.3)) plan.monthly += pick(rng, [-5, 5, 10]);
}

const COPY_EDITS: { [K in keyof Copy]?: string[] } = {
  addToCart: ['Add to bag', 'Add to basket', 'Buy now'],
  wishlist: ['Save for later', 'Add to favourites'],
  loadMore: ['Show more', 'Load more products'],
  view: ['Details', 'Open'],
  refund: ['Issue refund', 'Refund order'],
  exportCsv: ['Download CSV', 'Export'],
  save: ['Save changes', 'Update'],
  deleteAccount: ['Close account'],
  submit: ['Sign up', 'Get started', 'Create my account'],
  signIn: ['Log in'],
  subscribe: ['Sign me up', 'Join'],
  next: ['Next page', 'Older'],
  previous: ['Previous page', 'Newer'],
};

const HEADING_EDITS: Record<string, string[]> = {
  shop: ['Shop all', 'Our products'],
  pricing: ['Simple, transparent pricing', 'Pricing'],
  signup: ['Start your free trial', 'Sign up'],
  settings: ['Account settings', 'Your settings'],
  dashboard: ['Recent orders', 'All orders'],
};

function copyChanged(v: Version, rng: Rng): void {
  const p = v.page;
  for (const [key, options] of Object.entries(COPY_EDITS) as [keyof Copy, string[]][]) {
    if (chance(rng, 0.6)) p.copy[key] = pick(rng, options);
  }
  if (chance(rng, 0.7)) p.copy.heading = pick(rng, HEADING_EDITS[p.kind]!);
  for (const item of p.nav) if (chance(rng, 0.2)) item.label = item.label === 'Orders' ? 'My orders' : `Shop ${item.label.toLowerCase()}`;
  for (const plan of p.plans) if (chance(rng, 0.5)) plan.cta = pick(rng, ['Get started', 'Try it free', 'Choose plan', 'Talk to us']);
  for (const s of p.sections) if (chance(rng, 0.3)) s.title = `${s.title} settings`;
}

const STEPS: Record<Exclude<Redeploy, 'redeploy-mix'>, (v: Version, rng: Rng) => void> = {
  rehash,
  'utility-shift': utilityShift,
  'template-edit': templateEdit,
  'ab-banner': abBanner,
  'provider-wrapper': providerWrapper,
  'nav-added': navAdded,
  'rows-reordered': rowsReordered,
  'data-refreshed': dataRefreshed,
  'copy-changed': copyChanged,
};

/** The version after `redeploy`, seeded by `seed` (the original is not changed). */
export function redeploy(original: Version, kind: Redeploy, seed: string): Version {
  const v = clone(original);
  const rng = rngFor(seed, kind);
  if (kind === 'redeploy-mix') for (const step of Object.values(STEPS)) step(v, rng);
  else STEPS[kind](v, rng);
  return v;
}
