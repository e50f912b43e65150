/**
 * What an app page shows, before any styling: the records (products, plans, orders, settings
 * sections), the navigation and the copy. A redeploy changes this model (data refreshed,
 * rows reordered, copy changed, nav items added) or the build (redeploys.ts); render.ts turns
 * model + build into HTML in one of the styles of kits.ts.
 */
import { chance, int, pick, rngFor, shuffle, type Rng } from './random';

export const PAGE_KINDS = ['shop', 'pricing', 'signup', 'settings', 'dashboard'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

export interface NavItem {
  key: string;
  label: string;
  href: string;
}

export interface Product {
  id: string;
  slug: string;
  name: string;
  category: string;
  priceCents: number;
  rating: number;
  reviews: number;
}

export interface Plan {
  id: string;
  name: string;
  monthly: number;
  features: string[];
  cta: string;
  highlighted: boolean;
}

export type OrderStatus = 'Paid' | 'Pending' | 'Refunded' | 'Failed';

export interface Order {
  number: number;
  customer: string;
  email: string;
  date: string;
  totalCents: number;
  status: OrderStatus;
}

export interface Stat {
  key: string;
  label: string;
  value: string;
}

export interface Field {
  key: string;
  label: string;
  kind: 'text' | 'email' | 'toggle' | 'select';
  name: string;
}

export interface Section {
  key: string;
  title: string;
  fields: Field[];
}

/** The words on buttons and headings; copy-changed rewrites some of them. */
export interface Copy {
  addToCart: string;
  wishlist: string;
  loadMore: string;
  heading: string;
  view: string;
  refund: string;
  exportCsv: string;
  save: string;
  deleteAccount: string;
  submit: string;
  signIn: string;
  subscribe: string;
  monthly: string;
  yearly: string;
  next: string;
  previous: string;
  search: string;
}

/** How a page exposes its records' identity (apps differ: a data id, a link, only text). */
export interface Identity {
  /** The item carries its record id in a data attribute (`data-product-id`, `data-row-key`). */
  idAttribute: boolean;
  /** The item's name or number is a link to the record. */
  link: boolean;
}

export interface AppPage {
  kind: PageKind;
  brand: string;
  /** The main navigation: in the header (shop, pricing, sign-up) or the sidebar (settings, dashboard). */
  nav: NavItem[];
  footer: NavItem[];
  copy: Copy;
  identity: Identity;
  /** Layout variant: shop `grid` | `list`; dashboard `table` | `grid-divs`; others `default`. */
  layout: string;
  products: Product[];
  plans: Plan[];
  orders: Order[];
  stats: Stat[];
  sections: Section[];
  tabs: NavItem[];
  /** An A/B test's banner above the content, and (shop) a promo card among the products. */
  banner?: { text: string; cta: string };
  promoCard?: { at: number; title: string; cta: string };
  /** Orders per table page (a refresh pushes the oldest ones to page 2). */
  pageSize: number;
}

const BRANDS = ['Northwind', 'Lumen', 'Parcel', 'Fernway', 'Quartz', 'Tidepool', 'Brightside', 'Oakline'];
const ADJECTIVES = ['Aurora', 'Nimbus', 'Fjord', 'Cedar', 'Halo', 'Ember', 'Juniper', 'Lark', 'Marlow', 'Orbit', 'Pebble', 'Quill', 'Rowan', 'Sable', 'Tundra', 'Vale', 'Willow', 'Zephyr', 'Atlas', 'Birch', 'Coral', 'Dune', 'Echo', 'Flint'];
const NOUNS: Record<string, string[]> = {
  Lighting: ['Desk Lamp', 'Floor Lamp', 'Pendant', 'Wall Light'],
  Seating: ['Lounge Chair', 'Stool', 'Armchair', 'Bench'],
  Tables: ['Side Table', 'Coffee Table', 'Dining Table', 'Desk'],
  Textiles: ['Throw', 'Cushion', 'Rug', 'Curtain'],
  Kitchen: ['Kettle', 'Mug Set', 'Carafe', 'Knife Block'],
};
const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Edsger', 'Frances', 'Tim', 'Radia', 'Dennis', 'Hedy', 'Claude', 'Joan', 'Niklaus', 'Katherine', 'John', 'Sophie', 'Guido'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Dijkstra', 'Allen', 'Berners-Lee', 'Perlman', 'Ritchie', 'Lamarr', 'Shannon', 'Clarke', 'Wirth', 'Johnson', 'Backus', 'Wilson', 'van Rossum'];

export const BASE_COPY: Copy = {
  addToCart: 'Add to cart',
  wishlist: 'Add to wishlist',
  loadMore: 'Load more',
  heading: '',
  view: 'View',
  refund: 'Refund',
  exportCsv: 'Export CSV',
  save: 'Save',
  deleteAccount: 'Delete account',
  submit: 'Create account',
  signIn: 'Sign in',
  subscribe: 'Subscribe',
  monthly: 'Monthly',
  yearly: 'Yearly',
  next: 'Next',
  previous: 'Previous',
  search: 'Search',
};

const HEADINGS: Record<PageKind, string> = {
  shop: 'All products',
  pricing: 'Plans for every team',
  signup: 'Create your account',
  settings: 'Settings',
  dashboard: 'Orders',
};

function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function makeProduct(rng: Rng, used: Set<string>, serial: number): Product {
  for (;;) {
    const category = pick(rng, Object.keys(NOUNS));
    const name = `${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS[category]!)}`;
    if (used.has(name)) continue;
    used.add(name);
    return {
      id: `p${1000 + serial}`,
      slug: slugify(name),
      name,
      category,
      priceCents: pick(rng, [1900, 2900, 4500, 8900, 12900, 21900, 34900, 59900, 129900]) + pick(rng, [0, 0, 0, -100]),
      rating: Math.round((3 + rng() * 2) * 10) / 10,
      reviews: int(rng, 0, 400),
    };
  }
}

export function makeOrder(rng: Rng, number: number, day: number): Order {
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  return {
    number,
    customer: `${first} ${last}`,
    email: `${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}@example.com`,
    date: `2026-${String(1 + ((day / 28) | 0) % 12).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`,
    totalCents: int(rng, 9, 900) * 100 + pick(rng, [0, 50, 99]),
    status: pick(rng, ['Paid', 'Paid', 'Paid', 'Pending', 'Refunded', 'Failed'] as const),
  };
}

function nav(kind: PageKind): NavItem[] {
  const items: [string, string][] =
    kind === 'dashboard' || kind === 'settings'
      ? [['Overview', '/app'], ['Orders', '/app/orders'], ['Customers', '/app/customers'], ['Products', '/app/products'], ['Reports', '/app/reports']]
      : [['New in', '/new'], ['Lighting', '/c/lighting'], ['Seating', '/c/seating'], ['Tables', '/c/tables'], ['Pricing', '/pricing'], ['About', '/about']];
  return items.map(([label, href]) => ({ key: slugify(label), label, href }));
}

const FEATURES = ['Unlimited projects', 'Priority support', 'SSO', 'Audit log', 'Custom domains', '10 GB storage', '100 GB storage', 'API access', 'Team roles', 'Export to CSV'];

/** The page of `kind` for `seed`: records, navigation, copy and layout. */
export function createPage(kind: PageKind, seed: number, style: string): AppPage {
  const rng = rngFor(seed, style, kind, 'model');
  const used = new Set<string>();
  const products = kind === 'shop' ? Array.from({ length: int(rng, 8, 16) }, (_, i) => makeProduct(rng, used, i + 1)) : [];
  const plans: Plan[] =
    kind === 'pricing'
      ? ['Starter', 'Team', 'Business', 'Enterprise'].slice(0, int(rng, 3, 4)).map((name, i) => ({
          id: slugify(name),
          name,
          monthly: [0, 19, 49, 99][i]!,
          features: shuffle(rng, FEATURES).slice(0, 3 + i),
          cta: i === 3 ? 'Contact sales' : i === 0 ? 'Start for free' : 'Start free trial',
          highlighted: i === 1,
        }))
      : [];
  const rows = kind === 'dashboard' ? int(rng, 10, 35) : 0;
  const start = 10000 + int(rng, 0, 80) * 10;
  // newest first, as an orders table lists them
  const orders = Array.from({ length: rows }, (_, i) => makeOrder(rng, start + rows - i, 300 - i));
  const sections: Section[] =
    kind === 'settings'
      ? [
          { key: 'profile', title: 'Profile', fields: [{ key: 'display-name', label: 'Display name', kind: 'text', name: 'displayName' }, { key: 'email', label: 'Email', kind: 'email', name: 'email' }] },
          { key: 'notifications', title: 'Notifications', fields: [{ key: 'weekly', label: 'Weekly digest', kind: 'toggle', name: 'weeklyDigest' }, { key: 'mentions', label: 'Mentions', kind: 'toggle', name: 'mentions' }] },
          { key: 'region', title: 'Language and region', fields: [{ key: 'language', label: 'Language', kind: 'select', name: 'language' }, { key: 'timezone', label: 'Time zone', kind: 'select', name: 'timezone' }] },
          { key: 'privacy', title: 'Privacy', fields: [{ key: 'profile-public', label: 'Public profile', kind: 'toggle', name: 'publicProfile' }] },
        ].slice(0, int(rng, 3, 4)) as Section[]
      : [];
  const layouts: Record<PageKind, string[]> = { shop: ['grid', 'grid', 'list'], dashboard: ['table', 'table', 'grid-divs'], pricing: ['default'], signup: ['default'], settings: ['default'] };
  return {
    kind,
    brand: pick(rng, BRANDS),
    nav: nav(kind),
    footer: [['Help', '/help'], ['Shipping', '/shipping'], ['Returns', '/returns'], ['Privacy', '/privacy'], ['Contact', '/contact']].map(([label, href]) => ({ key: slugify(label!), label: label!, href: href! })),
    copy: { ...BASE_COPY, heading: HEADINGS[kind] },
    identity: { idAttribute: chance(rng, 0.5), link: chance(rng, 0.6) },
    layout: pick(rng, layouts[kind]),
    products,
    plans,
    orders,
    stats:
      kind === 'dashboard'
        ? [
            { key: 'revenue', label: 'Revenue', value: `$${int(rng, 10, 99)},${int(rng, 100, 999)}` },
            { key: 'orders', label: 'Orders', value: String(int(rng, 100, 999)) },
            { key: 'customers', label: 'Customers', value: String(int(rng, 100, 999)) },
            { key: 'conversion', label: 'Conversion', value: `${int(rng, 1, 9)}.${int(rng, 0, 9)}%` },
          ]
        : [],
    sections,
    tabs:
      kind === 'settings'
        ? ['General', 'Account', 'Notifications', 'Billing', 'Security'].map((label) => ({ key: slugify(label), label, href: `/settings/${slugify(label)}` }))
        : kind === 'dashboard'
          ? ['All', 'Paid', 'Pending', 'Refunded'].map((label) => ({ key: slugify(label), label, href: `/app/orders?status=${slugify(label)}` }))
          : [],
    pageSize: rows,
  };
}
