/**
 * Style kits: the class names and scoped attributes each way of styling an app puts on the
 * same component part, as its build tool emits them. `part` ids are `component.part`
 * (`card.title`, `table.refund`); a kit answers with the attributes for one element.
 *
 * What a rebuild changes (the build seed) is what the real tools change: CSS-modules suffixes,
 * styled-components and emotion hashes, MUI/Chakra `css-…` classes, Angular's `_ngcontent-…`
 * ids, Vue's `data-v-…` hashes, WordPress layout-container numbers. Utility classes (Tailwind,
 * Bootstrap) move with `utilitySeed` (a restyle), authored names stay.
 */
import { buildHash, chance, hashSeed, mulberry32, pick, type Rng } from './random';

export const STYLES = ['css-modules', 'styled-components', 'emotion', 'tailwind', 'mui', 'chakra', 'angular', 'vue', 'bootstrap', 'wordpress'] as const;
export type Style = (typeof STYLES)[number];

/** What the build did: a new seed re-hashes generated names; a utility seed restyles utilities. */
export interface Build {
  seed: number;
  utilitySeed: number;
}

export type Attrs = Record<string, string>;

export interface Kit {
  style: Style;
  /** Attributes of an element that is `part` (`card.title`), optionally in a `variant` (`primary`). */
  attrs(part: string, variant?: string): Attrs;
  /** Angular: the host element a component is rendered into (`<app-product-card _nghost-…>`). */
  host(component: string): { tag: string; attrs: Attrs } | undefined;
  /** Per-item classes WordPress and Angular add to repeated items (`post-123`, `ng-star-inserted`). */
  itemExtras(part: string, record: { id: string; category?: string }, index: number): Attrs;
}

const pascal = (s: string) => s.replace(/(^|[-_.])([a-z])/g, (_, __, c: string) => c.toUpperCase());
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

function split(part: string): [string, string] {
  const [component = 'app', name = 'root'] = part.split('.');
  return [component, name];
}

/** Component names as a React app would call them. */
const COMPONENTS: Record<string, string> = {
  app: 'Layout',
  card: 'ProductCard',
  shop: 'ProductList',
  plan: 'PlanCard',
  pricing: 'Pricing',
  faq: 'Faq',
  form: 'SignupForm',
  settings: 'Settings',
  section: 'SettingsSection',
  stat: 'StatCard',
  table: 'OrdersTable',
  dash: 'Dashboard',
  pager: 'Pagination',
};

function componentName(component: string): string {
  return COMPONENTS[component] ?? pascal(component);
}

/** Parts styled by a shared component (a Button, a Link) rather than their own component. */
const SHARED: Record<string, string> = {
  'card.add': 'Button',
  'card.wish': 'IconButton',
  'shop.loadMore': 'Button',
  'plan.cta': 'Button',
  'form.submit': 'Button',
  'form.socialButton': 'Button',
  'section.save': 'Button',
  'settings.delete': 'Button',
  'table.view': 'Button',
  'table.refund': 'Button',
  'dash.export': 'Button',
  'pager.prev': 'Button',
  'pager.next': 'Button',
  'app.searchButton': 'IconButton',
  'app.bannerClose': 'IconButton',
  'table.status': 'Badge',
  'pricing.toggleButton': 'ToggleButton',
};

/** Leaf parts most apps leave unstyled (their parent's styles reach them). */
const UNSTYLED = new Set(['card.titleLink', 'card.image', 'plan.feature', 'table.orderLink', 'app.navItem', 'form.label', 'faq.answer', 'section.label']);

function cssModules(build: Build): Kit['attrs'] {
  return (part, variant): Attrs => {
    if (UNSTYLED.has(part)) return {};
    const [component, name] = split(part);
    const shared = SHARED[part];
    const module = shared ?? componentName(component);
    const local = shared ? 'root' : name;
    const classes = [`${module}_${local}__${buildHash(`${build.seed}/${module}/${local}`, 5)}`];
    if (variant) classes.push(`${module}_${variant}__${buildHash(`${build.seed}/${module}/${variant}`, 5)}`);
    return { class: classes.join(' ') };
  };
}

function styledComponents(build: Build, displayNames: boolean): Kit['attrs'] {
  return (part, variant): Attrs => {
    if (UNSTYLED.has(part)) return {};
    const [component, name] = split(part);
    const shared = SHARED[part];
    const id = buildHash(`${build.seed}/sc/${shared ?? part}`, 6);
    const css = buildHash(`${build.seed}/sc-css/${part}/${variant ?? ''}`, 6);
    const label = shared ?? `${componentName(component)}__${pascal(name)}`;
    return { class: displayNames ? `${label}-sc-${id.toLowerCase()}-0 ${css}` : `sc-${id} ${css}` };
  };
}

function emotion(build: Build, labels: boolean): Kit['attrs'] {
  return (part, variant): Attrs => {
    if (UNSTYLED.has(part)) return {};
    const [component, name] = split(part);
    const hash = buildHash(`${build.seed}/emotion/${part}/${variant ?? ''}`, 6, 'lower');
    return { class: labels ? `css-${hash}-${SHARED[part] ?? componentName(component) + pascal(name)}` : `css-${hash}` };
  };
}

/** Tailwind utilities per part (what a developer wrote in the JSX). */
const TAILWIND: Record<string, string> = {
  'app.root': 'min-h-screen bg-gray-50',
  'app.header': 'sticky top-0 z-10 flex items-center justify-between border-b bg-white px-6 py-3',
  'app.logo': 'text-lg font-bold text-gray-900',
  'app.nav': 'hidden md:block',
  'app.navList': 'flex gap-6',
  'app.navLink': 'text-sm font-medium text-gray-700 hover:text-gray-900',
  'app.search': 'relative flex items-center',
  'app.searchInput': 'w-64 rounded-md border border-gray-300 px-3 py-1.5 text-sm',
  'app.searchButton': 'absolute right-1 rounded p-1 text-gray-500 hover:text-gray-700',
  'app.cartLink': 'relative p-2 text-gray-700',
  'app.main': 'mx-auto max-w-7xl px-6 py-8',
  'app.h1': 'text-2xl font-bold tracking-tight text-gray-900',
  'app.toolbar': 'mt-4 flex items-center justify-between',
  'app.sortSelect': 'rounded-md border-gray-300 text-sm',
  'app.filterButton': 'rounded-md border px-3 py-1.5 text-sm',
  'app.banner': 'flex items-center justify-center gap-3 bg-indigo-600 px-4 py-2 text-sm text-white',
  'app.bannerLink': 'font-semibold underline',
  'app.bannerClose': 'ml-4 rounded p-1 hover:bg-indigo-500',
  'app.footer': 'mt-16 border-t bg-white py-8',
  'app.footerList': 'flex justify-center gap-6 text-sm text-gray-500',
  'app.footerLink': 'hover:text-gray-700',
  'app.sidebar': 'fixed inset-y-0 w-60 border-r bg-white p-4',
  'card.grid': 'mt-6 grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-4',
  'card.root': 'group relative flex flex-col rounded-lg border border-gray-200 bg-white p-4 shadow-sm',
  'card.media': 'aspect-square overflow-hidden rounded-md bg-gray-100',
  'card.image': 'h-full w-full object-cover',
  'card.wish': 'absolute right-3 top-3 rounded-full bg-white/80 p-2 text-gray-400 hover:text-red-500',
  'card.body': 'mt-4 flex flex-1 flex-col',
  'card.category': 'text-xs uppercase tracking-wide text-gray-500',
  'card.title': 'mt-1 text-sm font-medium text-gray-900',
  'card.rating': 'mt-1 text-xs text-yellow-600',
  'card.price': 'mt-2 text-lg font-semibold text-gray-900',
  'card.actions': 'mt-4',
  'card.add': 'w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500',
  'shop.loadMore': 'mx-auto mt-8 block rounded-md border px-4 py-2 text-sm',
  'plan.grid': 'mt-10 grid gap-8 lg:grid-cols-3',
  'plan.root': 'flex flex-col rounded-2xl border p-8',
  'plan.name': 'text-lg font-semibold text-gray-900',
  'plan.price': 'mt-4 text-4xl font-bold tracking-tight',
  'plan.features': 'mt-6 space-y-2 text-sm',
  'plan.cta': 'mt-8 rounded-md bg-indigo-600 px-3 py-2 text-center text-sm font-semibold text-white',
  'pricing.toggle': 'mt-6 inline-flex rounded-full bg-gray-100 p-1',
  'pricing.toggleButton': 'rounded-full px-4 py-1 text-sm',
  'faq.list': 'mt-16 divide-y',
  'faq.item': 'py-4',
  'faq.question': 'cursor-pointer font-medium',
  'form.root': 'mx-auto mt-8 max-w-md space-y-4 rounded-lg bg-white p-8 shadow',
  'form.field': 'flex flex-col gap-1',
  'form.input': 'rounded-md border border-gray-300 px-3 py-2',
  'form.select': 'rounded-md border border-gray-300 px-3 py-2',
  'form.checkbox': 'h-4 w-4 rounded border-gray-300',
  'form.submit': 'w-full rounded-md bg-indigo-600 py-2 font-semibold text-white',
  'form.social': 'grid grid-cols-2 gap-3',
  'form.socialButton': 'rounded-md border py-2 text-sm',
  'form.signinLink': 'font-medium text-indigo-600',
  'settings.tabs': 'flex gap-4 border-b',
  'settings.tab': 'border-b-2 border-transparent px-1 py-2 text-sm',
  'section.root': 'mt-6 rounded-lg border bg-white p-6',
  'section.title': 'text-base font-semibold',
  'section.body': 'mt-4 space-y-4',
  'section.field': 'flex items-center justify-between',
  'section.input': 'rounded-md border px-3 py-1.5',
  'section.toggle': 'relative inline-flex h-6 w-11 rounded-full bg-gray-200',
  'section.save': 'mt-4 rounded-md bg-indigo-600 px-3 py-2 text-sm text-white',
  'settings.danger': 'mt-10 rounded-lg border border-red-200 p-6',
  'settings.delete': 'rounded-md bg-red-600 px-3 py-2 text-sm text-white',
  'stat.grid': 'grid grid-cols-4 gap-4',
  'stat.root': 'rounded-lg bg-white p-4 shadow',
  'stat.label': 'text-sm text-gray-500',
  'stat.value': 'mt-1 text-2xl font-semibold',
  'stat.link': 'mt-2 text-xs text-indigo-600',
  'table.wrap': 'mt-6 overflow-x-auto rounded-lg border',
  'table.root': 'min-w-full divide-y divide-gray-200 text-sm',
  'table.head': 'bg-gray-50',
  'table.headCell': 'px-4 py-2 text-left font-medium text-gray-500',
  'table.body': 'divide-y divide-gray-200 bg-white',
  'table.row': 'hover:bg-gray-50',
  'table.cell': 'whitespace-nowrap px-4 py-2',
  'table.status': 'inline-flex rounded-full bg-green-100 px-2 text-xs font-semibold text-green-800',
  'table.actions': 'flex gap-2',
  'table.view': 'rounded border px-2 py-1 text-xs',
  'table.refund': 'rounded border border-red-300 px-2 py-1 text-xs text-red-600',
  'dash.tabs': 'mt-4 flex gap-2',
  'dash.tab': 'rounded-md px-3 py-1 text-sm',
  'dash.export': 'rounded-md border px-3 py-1.5 text-sm',
  'pager.root': 'mt-4 flex items-center justify-between',
  'pager.prev': 'rounded border px-3 py-1 text-sm',
  'pager.next': 'rounded border px-3 py-1 text-sm',
  'pager.page': 'px-2 text-sm',
};

/** Utility classes a restyle moves (spacing steps, colours, sizes). */
function shiftUtility(rng: Rng, cls: string): string | undefined {
  const m = /^((?:[a-z]+:)*)([a-z-]+?)-(\d+(?:\.\d)?)$/.exec(cls);
  if (m && chance(rng, 0.35)) {
    const n = Number(m[3]);
    return `${m[1]}${m[2]}-${Math.max(0, n + pick(rng, [-1, 1, 2]))}`;
  }
  const color = /^((?:[a-z]+:)*)(bg|text|border)-(gray|indigo|red|green|yellow)-(\d+)$/.exec(cls);
  if (color && chance(rng, 0.4)) {
    const hue = { gray: 'slate', indigo: 'violet', red: 'rose', green: 'emerald', yellow: 'amber' }[color[3] as 'gray'];
    return `${color[1]}${color[2]}-${hue}-${color[4]}`;
  }
  if (/^text-(xs|sm|base|lg|xl|2xl)$/.test(cls) && chance(rng, 0.3)) return pick(rng, ['text-sm', 'text-base', 'text-lg']);
  if (/^(rounded|rounded-md|rounded-lg)$/.test(cls) && chance(rng, 0.3)) return pick(rng, ['rounded-md', 'rounded-lg', 'rounded-xl']);
  if (/^(shadow|shadow-sm)$/.test(cls) && chance(rng, 0.3)) return pick(rng, ['shadow-md', 'shadow']);
  if (chance(rng, 0.05)) return undefined; // removed
  return cls;
}

function utilities(list: string, build: Build, key: string, extras: string[]): string {
  if (!build.utilitySeed) return list;
  const rng = mulberry32(hashSeed(`${build.utilitySeed}/${key}`));
  const out = list.split(' ').filter(Boolean).map((c) => shiftUtility(rng, c)).filter((c): c is string => !!c);
  if (chance(rng, 0.3)) out.push(pick(rng, extras));
  return out.join(' ');
}

function tailwind(build: Build): Kit['attrs'] {
  return (part): Attrs => {
    const list = TAILWIND[part];
    if (!list) return {};
    return { class: utilities(list, build, part, ['transition', 'tracking-tight', 'antialiased', 'leading-6', 'focus:outline-none']) };
  };
}

/** MUI components per part, with their variant classes. */
const MUI: Record<string, [string, string[]]> = {
  'app.root': ['Box', []],
  'app.header': ['AppBar', ['positionSticky', 'colorPrimary']],
  'app.nav': ['Toolbar', ['regular']],
  'app.navList': ['List', ['padding']],
  'app.navItem': ['ListItem', ['gutters']],
  'app.navLink': ['Link', ['underlineHover']],
  'app.searchInput': ['InputBase', ['input']],
  'app.searchButton': ['IconButton', ['sizeMedium']],
  'app.cartLink': ['IconButton', ['sizeMedium']],
  'app.main': ['Container', ['maxWidthLg']],
  'app.h1': ['Typography', ['h4']],
  'app.banner': ['Alert', ['standardInfo']],
  'app.bannerClose': ['IconButton', ['sizeSmall']],
  'app.footer': ['Box', []],
  'app.sidebar': ['Drawer', ['docked']],
  'app.sortSelect': ['NativeSelect', ['select']],
  'app.filterButton': ['Button', ['outlined', 'sizeMedium']],
  'card.grid': ['Grid', ['container', 'spacing-xs-3']],
  'card.root': ['Card', []],
  'card.media': ['CardMedia', []],
  'card.body': ['CardContent', []],
  'card.category': ['Typography', ['overline']],
  'card.title': ['Typography', ['h6']],
  'card.rating': ['Rating', ['sizeSmall']],
  'card.price': ['Typography', ['body1']],
  'card.actions': ['CardActions', ['spacing']],
  'card.add': ['Button', ['contained', 'containedPrimary', 'sizeMedium']],
  'card.wish': ['IconButton', ['sizeSmall']],
  'shop.loadMore': ['Button', ['outlined', 'sizeLarge']],
  'plan.grid': ['Grid', ['container']],
  'plan.root': ['Paper', ['elevation1']],
  'plan.name': ['Typography', ['h5']],
  'plan.price': ['Typography', ['h3']],
  'plan.features': ['List', ['dense']],
  'plan.feature': ['ListItem', ['dense']],
  'plan.cta': ['Button', ['contained', 'fullWidth']],
  'pricing.toggle': ['ToggleButtonGroup', []],
  'pricing.toggleButton': ['ToggleButton', ['sizeMedium']],
  'faq.item': ['Accordion', ['rounded']],
  'faq.question': ['AccordionSummary', []],
  'faq.answer': ['AccordionDetails', []],
  'form.root': ['Paper', ['elevation2']],
  'form.field': ['FormControl', ['fullWidth']],
  'form.label': ['FormLabel', []],
  'form.input': ['InputBase', ['input']],
  'form.select': ['NativeSelect', ['select']],
  'form.checkbox': ['Checkbox', ['colorPrimary']],
  'form.submit': ['Button', ['contained', 'fullWidth', 'sizeLarge']],
  'form.socialButton': ['Button', ['outlined']],
  'form.signinLink': ['Link', ['underlineAlways']],
  'settings.tabs': ['Tabs', ['flexContainer']],
  'settings.tab': ['Tab', ['textColorPrimary']],
  'section.root': ['Card', []],
  'section.title': ['CardHeader', ['title']],
  'section.body': ['CardContent', []],
  'section.field': ['FormControl', []],
  'section.input': ['InputBase', ['input']],
  'section.toggle': ['Switch', ['switchBase']],
  'section.save': ['Button', ['contained', 'sizeSmall']],
  'settings.danger': ['Paper', ['outlined']],
  'settings.delete': ['Button', ['contained', 'containedError']],
  'stat.grid': ['Grid', ['container']],
  'stat.root': ['Paper', ['elevation1']],
  'stat.label': ['Typography', ['overline']],
  'stat.value': ['Typography', ['h5']],
  'stat.link': ['Link', ['underlineHover']],
  'table.wrap': ['TableContainer', []],
  'table.root': ['Table', []],
  'table.head': ['TableHead', []],
  'table.headCell': ['TableCell', ['head', 'sizeMedium']],
  'table.body': ['TableBody', []],
  'table.row': ['TableRow', ['hover']],
  'table.cell': ['TableCell', ['body', 'sizeMedium']],
  'table.orderLink': ['Link', ['underlineHover']],
  'table.status': ['Chip', ['filled', 'sizeSmall']],
  'table.view': ['Button', ['text', 'sizeSmall']],
  'table.refund': ['Button', ['text', 'textError', 'sizeSmall']],
  'dash.tabs': ['Tabs', []],
  'dash.tab': ['Tab', []],
  'dash.export': ['Button', ['outlined']],
  'pager.root': ['Pagination', ['ul']],
  'pager.prev': ['PaginationItem', ['previousNext']],
  'pager.next': ['PaginationItem', ['previousNext']],
  'pager.page': ['PaginationItem', ['page']],
};

function mui(build: Build): Kit['attrs'] {
  return (part, variant): Attrs => {
    const def = MUI[part];
    const hash = buildHash(`${build.seed}/mui/${part}/${variant ?? ''}`, 7, 'lower');
    if (!def) return UNSTYLED.has(part) ? {} : { class: `css-${hash}` };
    const [component, variants] = def;
    const classes = [`Mui${component}-root`, ...variants.map((v) => `Mui${component}-${v}`)];
    if (variant) classes.push(`Mui${component}-${variant}`);
    classes.push(`css-${hash}`);
    return { class: classes.join(' ') };
  };
}

/** Chakra's own class names (`chakra-button`); most elements get only `css-…`. */
const CHAKRA: Record<string, string> = {
  'app.h1': 'chakra-heading',
  'card.root': 'chakra-card',
  'card.body': 'chakra-card__body',
  'card.title': 'chakra-heading',
  'card.price': 'chakra-text',
  'card.category': 'chakra-text',
  'card.add': 'chakra-button',
  'card.wish': 'chakra-button',
  'card.actions': 'chakra-card__footer',
  'card.grid': 'chakra-stack',
  'card.image': 'chakra-image',
  'shop.loadMore': 'chakra-button',
  'app.navLink': 'chakra-link',
  'app.footerLink': 'chakra-link',
  'app.searchInput': 'chakra-input',
  'app.searchButton': 'chakra-button',
  'app.banner': 'chakra-alert',
  'app.bannerClose': 'chakra-button',
  'plan.root': 'chakra-card',
  'plan.name': 'chakra-heading',
  'plan.price': 'chakra-text',
  'plan.cta': 'chakra-button',
  'pricing.toggleButton': 'chakra-button',
  'faq.item': 'chakra-accordion__item',
  'faq.question': 'chakra-accordion__button',
  'form.root': 'chakra-stack',
  'form.field': 'chakra-form-control',
  'form.label': 'chakra-form__label',
  'form.input': 'chakra-input',
  'form.select': 'chakra-select',
  'form.checkbox': 'chakra-checkbox__input',
  'form.submit': 'chakra-button',
  'form.socialButton': 'chakra-button',
  'form.signinLink': 'chakra-link',
  'settings.tabs': 'chakra-tabs__tablist',
  'settings.tab': 'chakra-tabs__tab',
  'section.root': 'chakra-card',
  'section.title': 'chakra-heading',
  'section.input': 'chakra-input',
  'section.toggle': 'chakra-switch__track',
  'section.save': 'chakra-button',
  'settings.delete': 'chakra-button',
  'stat.root': 'chakra-stat',
  'stat.label': 'chakra-stat__label',
  'stat.value': 'chakra-stat__number',
  'stat.link': 'chakra-link',
  'table.root': 'chakra-table',
  'table.status': 'chakra-badge',
  'table.view': 'chakra-button',
  'table.refund': 'chakra-button',
  'table.orderLink': 'chakra-link',
  'dash.tab': 'chakra-button',
  'dash.export': 'chakra-button',
  'pager.prev': 'chakra-button',
  'pager.next': 'chakra-button',
};

function chakra(build: Build): Kit['attrs'] {
  return (part, variant): Attrs => {
    if (UNSTYLED.has(part)) return {};
    const hash = buildHash(`${build.seed}/chakra/${part}/${variant ?? ''}`, 6, 'lower');
    const own = CHAKRA[part];
    return { class: own ? `${own} css-${hash}` : `css-${hash}` };
  };
}

/** Class names a developer writes in a component's template (Angular, Vue): short, scoped. */
function authored(part: string, variant?: string): string {
  const [component, name] = split(part);
  const shared = SHARED[part];
  if (shared === 'Button') return variant ? `btn btn-${variant}` : 'btn';
  if (shared === 'IconButton') return 'icon-btn';
  const base = name === 'root' ? kebab(componentName(component)) : kebab(name);
  return variant ? `${base} ${base}--${variant}` : base;
}

/** Angular component index per component (the `c12` of `_ngcontent-abc-c12`). */
const NG_COMPONENTS = Object.keys(COMPONENTS);

function angular(build: Build, pageSeed: number): Pick<Kit, 'attrs' | 'host'> {
  const modern = pageSeed % 2 === 0;
  const appId = modern ? `ng-c${1000000000 + (hashSeed(`${build.seed}/ng`) % 999999999)}` : buildHash(`${build.seed}/ngapp`, 3, 'lower').replace(/[0-9]/g, 'x');
  const scope = (component: string) => (modern ? `${appId.slice(0, 4)}${(hashSeed(`${build.seed}/${component}`) % 9e9) + 1e9}` : `${appId}-c${NG_COMPONENTS.indexOf(component) + (build.seed % 7) * 3 + 1}`);
  return {
    attrs(part, variant) {
      const [component] = split(part);
      const out: Attrs = { [`_ngcontent-${scope(component)}`]: '' };
      if (!UNSTYLED.has(part)) out.class = authored(part, variant);
      return out;
    },
    host(component) {
      if (component === 'app') return undefined;
      return { tag: `app-${kebab(componentName(component)).replace(/-?card$/, '-card')}`, attrs: { [`_nghost-${scope(component)}`]: '' } };
    },
  };
}

function vue(build: Build): Kit['attrs'] {
  return (part, variant): Attrs => {
    const [component, name] = split(part);
    const block = kebab(componentName(component));
    const out: Attrs = { [`data-v-${buildHash(`${build.seed}/vue/${component}`, 8, 'lower').replace(/[g-z]/g, (c) => 'abcdef'[c.charCodeAt(0) % 6]!)}`]: '' };
    if (UNSTYLED.has(part)) return out;
    const shared = SHARED[part];
    if (shared === 'Button') out.class = variant ? `btn btn--${variant}` : 'btn';
    else out.class = name === 'root' ? block : `${block}__${kebab(name)}`;
    return out;
  };
}

const BOOTSTRAP: Record<string, string> = {
  'app.header': 'navbar navbar-expand-lg bg-body-tertiary',
  'app.logo': 'navbar-brand',
  'app.nav': 'collapse navbar-collapse',
  'app.navList': 'navbar-nav me-auto mb-2 mb-lg-0',
  'app.navItem': 'nav-item',
  'app.navLink': 'nav-link',
  'app.search': 'd-flex',
  'app.searchInput': 'form-control me-2',
  'app.searchButton': 'btn btn-outline-success',
  'app.cartLink': 'btn btn-link position-relative',
  'app.main': 'container py-4',
  'app.h1': 'h2 mb-3',
  'app.toolbar': 'd-flex justify-content-between align-items-center mb-3',
  'app.sortSelect': 'form-select form-select-sm w-auto',
  'app.filterButton': 'btn btn-outline-secondary btn-sm',
  'app.banner': 'alert alert-info d-flex justify-content-between mb-0 rounded-0',
  'app.bannerLink': 'alert-link',
  'app.bannerClose': 'btn-close',
  'app.footer': 'py-4 mt-5 border-top',
  'app.footerList': 'nav justify-content-center',
  'app.footerLink': 'nav-link px-2 text-body-secondary',
  'app.sidebar': 'd-flex flex-column flex-shrink-0 p-3 bg-body-tertiary',
  'card.grid': 'row row-cols-1 row-cols-md-3 g-4',
  'card.root': 'card h-100',
  'card.image': 'card-img-top',
  'card.wish': 'btn btn-light btn-sm position-absolute top-0 end-0 m-2',
  'card.body': 'card-body',
  'card.category': 'card-subtitle mb-2 text-body-secondary small',
  'card.title': 'card-title h5',
  'card.rating': 'small text-warning',
  'card.price': 'card-text fw-bold',
  'card.actions': 'card-footer bg-transparent border-top-0',
  'card.add': 'btn btn-primary w-100',
  'shop.loadMore': 'btn btn-outline-primary d-block mx-auto mt-4',
  'plan.grid': 'row row-cols-1 row-cols-md-3 mb-3 text-center',
  'plan.root': 'card mb-4 rounded-3 shadow-sm',
  'plan.name': 'card-header py-3 my-0 fw-normal',
  'plan.price': 'card-title pricing-card-title',
  'plan.features': 'list-unstyled mt-3 mb-4',
  'plan.cta': 'w-100 btn btn-lg btn-primary',
  'pricing.toggle': 'btn-group',
  'pricing.toggleButton': 'btn btn-outline-primary',
  'faq.list': 'accordion',
  'faq.item': 'accordion-item',
  'faq.question': 'accordion-button',
  'faq.answer': 'accordion-body',
  'form.root': 'card card-body mx-auto',
  'form.field': 'mb-3',
  'form.label': 'form-label',
  'form.input': 'form-control',
  'form.select': 'form-select',
  'form.checkbox': 'form-check-input',
  'form.submit': 'btn btn-primary w-100 py-2',
  'form.social': 'd-grid gap-2 d-md-flex',
  'form.socialButton': 'btn btn-outline-dark',
  'settings.tabs': 'nav nav-tabs',
  'settings.tab': 'nav-link',
  'section.root': 'card mb-4',
  'section.title': 'card-header',
  'section.body': 'card-body',
  'section.field': 'mb-3 form-check form-switch',
  'section.input': 'form-control',
  'section.toggle': 'form-check-input',
  'section.save': 'btn btn-primary',
  'settings.danger': 'card border-danger',
  'settings.delete': 'btn btn-danger',
  'stat.grid': 'row g-3',
  'stat.root': 'card text-bg-light',
  'stat.label': 'card-subtitle text-muted',
  'stat.value': 'card-title fs-3',
  'stat.link': 'card-link',
  'table.wrap': 'table-responsive',
  'table.root': 'table table-striped table-hover align-middle',
  'table.head': 'table-light',
  'table.status': 'badge text-bg-success',
  'table.actions': 'btn-group btn-group-sm',
  'table.view': 'btn btn-outline-secondary',
  'table.refund': 'btn btn-outline-danger',
  'dash.tabs': 'nav nav-pills',
  'dash.tab': 'nav-link',
  'dash.export': 'btn btn-sm btn-outline-secondary',
  'pager.root': 'pagination',
  'pager.page': 'page-item',
  'pager.prev': 'page-link',
  'pager.next': 'page-link',
};

function bootstrap(build: Build): Kit['attrs'] {
  return (part): Attrs => {
    const list = BOOTSTRAP[part];
    if (!list) return {};
    if (!build.utilitySeed) return { class: list };
    const rng = mulberry32(hashSeed(`${build.utilitySeed}/bs/${part}`));
    // a restyle moves spacing utilities and swaps button colours; component classes stay
    const out = list
      .split(' ')
      .map((c) => {
        const spacing = /^([mp][tbsexy]?)-(\d)$/.exec(c);
        if (spacing && chance(rng, 0.5)) return `${spacing[1]}-${Math.min(5, Number(spacing[2]) + 1)}`;
        if (/^btn-(primary|outline-primary)$/.test(c) && chance(rng, 0.3)) return c.replace('primary', pick(rng, ['dark', 'success']));
        return c;
      });
    if (chance(rng, 0.25)) out.push(pick(rng, ['shadow-sm', 'rounded-3', 'fw-semibold']));
    return { class: out.join(' ') };
  };
}

const WORDPRESS: Record<string, string> = {
  'app.root': 'wp-site-blocks',
  'app.header': 'wp-block-template-part site-header',
  'app.logo': 'wp-block-site-title',
  'app.nav': 'wp-block-navigation is-layout-flex',
  'app.navList': 'wp-block-navigation__container',
  'app.navItem': 'wp-block-navigation-item menu-item menu-item-type-post_type menu-item-object-page',
  'app.navLink': 'wp-block-navigation-item__content',
  'app.search': 'wp-block-search__inside-wrapper',
  'app.searchInput': 'wp-block-search__input',
  'app.searchButton': 'wp-block-search__button wp-element-button',
  'app.cartLink': 'wc-block-mini-cart__button',
  'app.main': 'wp-block-group site-main',
  'app.h1': 'wp-block-query-title woocommerce-products-header__title page-title',
  'app.toolbar': 'woocommerce-notices-wrapper',
  'app.sortSelect': 'orderby',
  'app.banner': 'wp-block-group has-background woocommerce-store-notice',
  'app.bannerLink': 'wp-block-button__link',
  'app.bannerClose': 'woocommerce-store-notice__dismiss-link',
  'app.footer': 'wp-block-template-part site-footer',
  'app.footerList': 'wp-block-page-list',
  'app.footerLink': 'wp-block-pages-list__item__link',
  'card.grid': 'products columns-4',
  'card.root': 'product type-product status-publish instock has-post-thumbnail shipping-taxable purchasable product-type-simple',
  'card.media': 'woocommerce-LoopProduct-link woocommerce-loop-product__link',
  'card.image': 'attachment-woocommerce_thumbnail size-woocommerce_thumbnail',
  'card.wish': 'tinvwl_add_to_wishlist_button tinvwl-icon-heart',
  'card.title': 'woocommerce-loop-product__title',
  'card.rating': 'star-rating',
  'card.price': 'price',
  'card.add': 'button wp-element-button product_type_simple add_to_cart_button ajax_add_to_cart',
  'shop.loadMore': 'button wp-element-button load-more',
  'plan.grid': 'wp-block-columns is-layout-flex',
  'plan.root': 'wp-block-column is-layout-flow',
  'plan.name': 'wp-block-heading',
  'plan.price': 'has-large-font-size',
  'plan.features': 'wp-block-list',
  'plan.cta': 'wp-block-button__link wp-element-button',
  'faq.list': 'wp-block-group',
  'faq.item': 'wp-block-details',
  'form.root': 'wpforms-form',
  'form.field': 'wpforms-field',
  'form.label': 'wpforms-field-label',
  'form.input': 'wpforms-field-medium',
  'form.submit': 'wpforms-submit',
  'form.socialButton': 'nsl-button',
  'form.signinLink': 'wp-login-link',
  'settings.tabs': 'woocommerce-MyAccount-navigation',
  'settings.tab': 'woocommerce-MyAccount-navigation-link',
  'section.root': 'woocommerce-EditAccountForm edit-account',
  'section.title': 'wp-block-heading',
  'section.field': 'woocommerce-form-row form-row',
  'section.input': 'woocommerce-Input input-text',
  'section.save': 'woocommerce-Button button',
  'settings.delete': 'button delete-account',
  'table.root': 'woocommerce-orders-table shop_table shop_table_responsive my_account_orders',
  'table.row': 'woocommerce-orders-table__row order',
  'table.cell': 'woocommerce-orders-table__cell',
  'table.headCell': 'woocommerce-orders-table__header',
  'table.view': 'woocommerce-button button view',
  'table.refund': 'woocommerce-button button refund',
  'table.status': 'order-status',
  'stat.root': 'wp-block-group',
  'dash.export': 'button export',
  'pager.root': 'woocommerce-pagination',
  'pager.prev': 'woocommerce-button woocommerce-button--previous',
  'pager.next': 'woocommerce-button woocommerce-button--next',
};

function wordpress(build: Build): Kit['attrs'] {
  return (part): Attrs => {
    const list = WORDPRESS[part];
    // block themes add numbered layout containers, renumbered by any template change
    const container = /grid|root|main|header|footer|nav$/.test(part) ? ` wp-container-core-group-is-layout-${1 + (hashSeed(`${build.seed}/${part}`) % 40)}` : '';
    if (!list) return container ? { class: container.trim() } : {};
    return { class: list + container };
  };
}

/** The kit for `style` under `build`; `pageSeed` picks per-page habits (displayName labels, Angular's id format). */
export function createKit(style: Style, build: Build, pageSeed: number): Kit {
  const none = () => undefined;
  const noExtras = () => ({});
  switch (style) {
    case 'css-modules':
      return { style, attrs: cssModules(build), host: none, itemExtras: noExtras };
    case 'styled-components':
      return { style, attrs: styledComponents(build, pageSeed % 2 === 1), host: none, itemExtras: noExtras };
    case 'emotion':
      return { style, attrs: emotion(build, pageSeed % 2 === 1), host: none, itemExtras: noExtras };
    case 'tailwind':
      return { style, attrs: tailwind(build), host: none, itemExtras: noExtras };
    case 'mui':
      return { style, attrs: mui(build), host: none, itemExtras: noExtras };
    case 'chakra':
      return { style, attrs: chakra(build), host: none, itemExtras: noExtras };
    case 'angular': {
      const ng = angular(build, pageSeed);
      return { style, ...ng, itemExtras: () => ({ class: 'ng-star-inserted' }) };
    }
    case 'vue':
      return { style, attrs: vue(build), host: none, itemExtras: noExtras };
    case 'bootstrap':
      return { style, attrs: bootstrap(build), host: none, itemExtras: noExtras };
    case 'wordpress':
      return {
        style,
        attrs: wordpress(build),
        host: none,
        // WooCommerce's loop classes: the post id, the category, and `first`/`last` by column
        itemExtras: (part, record, index): Attrs =>
          part === 'card.root' ? { class: `post-${record.id.replace(/\D/g, '')} product_cat-${(record.category ?? 'misc').toLowerCase()}${index % 4 === 0 ? ' first' : index % 4 === 3 ? ' last' : ''}` } : {},
      };
  }
}
