import type { Locator, OptIn, PageRule, Property, Tag, Trait, UserId } from '../config/types';
import { TARGETLESS_TRIGGERS, type Call, type PropertySource, type Trigger, type UrlPart, type Transform } from '../config/limits';
import { defaultPageRules, rulesForScope, type PageScope } from './page-rules';
import { suggestEventName } from './naming';

/** A property row while being edited: every field optional, empty strings allowed. */
export interface PropertyInput {
  /** Stable row key (not saved). */
  key: string;
  name: string;
  source: PropertySource;
  value?: string;
  selector?: string;
  attribute?: string;
  part?: UrlPart;
  param?: string;
  transform?: Transform | '';
}

/** A trait (or the user id) of an identify tag while being edited: a property row and its opt-in. */
export interface TraitInput extends PropertyInput {
  /** Set when the person at the editor opted in to collecting it; saving needs it. */
  optIn?: OptIn;
}

/** The tag editor's working copy. */
export interface TagDraft {
  id: string;
  event: string;
  trigger: Trigger;
  /** The Segment call; `track` unless the editor chose page or identify. */
  call: Call;
  /** A page call's category. */
  category?: string;
  /** An identify call's user id (its `name` is unused). */
  userId?: TraitInput;
  /** An identify call's traits (properties are not sent by identify). */
  traits: TraitInput[];
  target?: Locator;
  /** How many elements the target matched when picked or last edited. */
  targetCount?: number;
  scope: PageScope | 'custom';
  pages: PageRule[];
  /**
   * The page the target was picked on: what "This page only" and "Pages under …" mean, so
   * the editor shows the rules that will be saved even after the tab moved to another page.
   * A saved tag opened for editing: the tab's URL then.
   */
  pageUrl?: string;
  properties: PropertyInput[];
  enabled: boolean;
  description?: string;
  /** A scroll tag's depths as typed ("25, 50, 75, 100"); saved as `scroll.thresholds`. */
  scrollThresholds?: string;
  /** A visible tag's conditions as typed: percent in view, seconds in view, once per element or page. */
  visibleMinPercent?: string;
  visibleMinSeconds?: string;
  visibleOnce?: 'element' | 'page';
  /** True until first saved. */
  isNew: boolean;
}

/** The depths a new scroll tag starts with, as GTM's scroll-depth trigger suggests them. */
export const DEFAULT_SCROLL_THRESHOLDS = '25, 50, 75, 100';

let counter = 0;
/** A fresh row key. */
export function rowKey(): string {
  counter += 1;
  return `p${counter}`;
}

/** A new draft for an element just picked on `url`. */
export function draftFromPick(input: { id: string; url: string; locator: Locator; count: number; label: string; isForm: boolean; tag: string }): TagDraft {
  const trigger: Trigger = input.isForm ? 'submit' : /^(?:select|textarea)$/.test(input.tag) ? 'change' : 'click';
  return {
    id: input.id,
    event: suggestEventName(input.label, { trigger, tag: input.tag }),
    trigger,
    call: 'track',
    traits: [],
    target: input.locator,
    targetCount: input.count,
    scope: 'this-path',
    pages: defaultPageRules(input.url),
    pageUrl: input.url,
    properties: [],
    enabled: true,
    isNew: true,
  };
}

/**
 * A new page-view tag for `url`: no element to pick (a page view is the page itself), this
 * page only until the author widens it.
 */
export function draftForPageView(input: { id: string; url: string }): TagDraft {
  return {
    id: input.id,
    event: suggestEventName('', { trigger: 'pageview' }),
    trigger: 'pageview',
    call: 'track',
    traits: [],
    scope: 'this-path',
    pages: defaultPageRules(input.url),
    pageUrl: input.url,
    properties: [],
    enabled: true,
    isNew: true,
  };
}

/** The scope radio a set of rules corresponds to on `url`. */
export function scopeOfRules(pages: readonly PageRule[], url: string): PageScope | 'custom' {
  const same = (a: readonly PageRule[], b: readonly PageRule[]) => a.length === b.length && a.every((r, i) => r.match === b[i]!.match && r.value === b[i]!.value);
  for (const scope of ['this-path', 'prefix', 'whole-site'] as const) if (same(pages, rulesForScope(url, scope))) return scope;
  return 'custom';
}

/** A draft for editing a saved tag. */
export function draftFromTag(tag: Tag, url: string): TagDraft {
  return {
    id: tag.id,
    event: tag.event,
    trigger: tag.trigger,
    ...(tag.target ? { target: tag.target } : {}),
    scope: scopeOfRules(tag.pages ?? [], url),
    pages: [...(tag.pages ?? [])],
    pageUrl: url,
    properties: (tag.properties ?? []).map(rowOf),
    call: tag.call ?? 'track',
    ...(tag.category ? { category: tag.category } : {}),
    ...(tag.userId ? { userId: { ...rowOf({ ...tag.userId, name: '' } as UserId & { name: string }), optIn: tag.userId.optIn } } : {}),
    traits: (tag.traits ?? []).map((t) => ({ ...rowOf(t), optIn: t.optIn })),
    enabled: tag.enabled !== false,
    ...(tag.description ? { description: tag.description } : {}),
    ...(tag.scroll ? { scrollThresholds: tag.scroll.thresholds.join(', ') } : {}),
    ...(tag.visible?.minPercent !== undefined ? { visibleMinPercent: String(tag.visible.minPercent) } : {}),
    ...(tag.visible?.minDuration !== undefined ? { visibleMinSeconds: String(tag.visible.minDuration / 1000) } : {}),
    ...(tag.visible?.once ? { visibleOnce: tag.visible.once } : {}),
    isNew: false,
  };
}

/** A new scroll-depth tag for `url` (no element: it follows the page). */
export function draftForScroll(input: { id: string; url: string }): TagDraft {
  return { ...draftForPageView(input), event: suggestEventName('', { trigger: 'scroll' }), trigger: 'scroll', scrollThresholds: DEFAULT_SCROLL_THRESHOLDS };
}

/** "25, 50 75%" → [25, 50, 75]; a word that is not a number stays NaN, for parseTag to refuse at its path. */
export function parseThresholds(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .map((t) => t.replace(/%$/, ''))
    .filter(Boolean)
    .map(Number);
}

/** An editor row for a saved property, trait or user id. */
function rowOf(p: Property | Trait | (UserId & { name: string })): PropertyInput {
  const row: PropertyInput = { key: rowKey(), name: p.name, source: p.source };
  if (p.source === 'static') row.value = String(p.value);
  if ('selector' in p && p.selector) row.selector = p.selector;
  if (p.source === 'attribute') row.attribute = p.attribute;
  if (p.source === 'url' && p.part) row.part = p.part;
  if (p.source === 'query') row.param = p.param;
  if ('transform' in p && p.transform) row.transform = p.transform;
  return row;
}

/** The property as the config format wants it (unvalidated). */
export function propertyToConfig(row: PropertyInput): Record<string, unknown> {
  const out: Record<string, unknown> = { name: row.name.trim(), source: row.source };
  switch (row.source) {
    case 'static':
      out.value = row.value ?? '';
      break;
    case 'attribute':
      out.attribute = (row.attribute ?? '').trim();
      break;
    case 'url':
      if (row.part) out.part = row.part;
      break;
    case 'query':
      out.param = (row.param ?? '').trim();
      break;
  }
  if ((row.source === 'text' || row.source === 'attribute' || row.source === 'value') && row.selector?.trim()) out.selector = row.selector.trim();
  if ((row.source === 'text' || row.source === 'attribute' || row.source === 'value') && row.transform) out.transform = row.transform;
  return out;
}

/** A trait or user id as the config format wants it: the property fields and the opt-in (unvalidated). */
export function traitToConfig(row: TraitInput, named: boolean): Record<string, unknown> {
  const { name, ...rest } = propertyToConfig(row);
  return { ...(named ? { name } : {}), ...rest, ...(row.optIn ? { optIn: row.optIn } : {}) };
}

/** The tag the draft stands for, ready for `parseTag` (which has the last word). */
export function draftToTag(draft: TagDraft): Record<string, unknown> {
  const tag: Record<string, unknown> = { id: draft.id, event: draft.event.trim(), trigger: draft.trigger };
  if (draft.target && !TARGETLESS_TRIGGERS.includes(draft.trigger)) tag.target = draft.target;
  if (draft.trigger === 'scroll') tag.scroll = { thresholds: parseThresholds(draft.scrollThresholds ?? DEFAULT_SCROLL_THRESHOLDS) };
  if (draft.trigger === 'visible') {
    const visible: Record<string, unknown> = {};
    if (draft.visibleMinPercent?.trim()) visible.minPercent = Number(draft.visibleMinPercent.trim().replace(/%$/, ''));
    // Typed in seconds, stored in ms; "1.5" is 1500.
    if (draft.visibleMinSeconds?.trim()) visible.minDuration = Math.round(Number(draft.visibleMinSeconds.trim().replace(/s$/, '')) * 1000);
    if (draft.visibleOnce === 'page') visible.once = 'page';
    if (Object.keys(visible).length) tag.visible = visible;
  }
  if (draft.pages.length > 0) tag.pages = draft.pages;
  // Track is the default and stays implicit, so configs made before calls existed are unchanged.
  if (draft.call !== 'track') tag.call = draft.call;
  if (draft.call === 'page' && draft.category?.trim()) tag.category = draft.category.trim();
  if (draft.call === 'identify') {
    // Properties are not an identify call's; a trait without opt-in is left for parseTag to refuse, with its path.
    if (draft.userId) tag.userId = traitToConfig(draft.userId, false);
    if (draft.traits.length > 0) tag.traits = draft.traits.map((t) => traitToConfig(t, true));
  } else if (draft.properties.length > 0) tag.properties = draft.properties.map(propertyToConfig);
  tag.enabled = draft.enabled;
  if (draft.description?.trim()) tag.description = draft.description.trim();
  return tag;
}
