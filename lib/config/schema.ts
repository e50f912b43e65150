import { z } from './zod';
import {
  ATTRIBUTE_NAME_PATTERN,
  CALLS,
  CONFIG_VERSION,
  FORBIDDEN_KEYS,
  ISO_TIME_PATTERN,
  MAX_EVENT_NAME_LENGTH,
  MAX_SCROLL_THRESHOLDS,
  MAX_VISIBLE_DURATION_MS,
  MAX_FALLBACKS,
  MAX_FINGERPRINT_ATTRIBUTES,
  MAX_RECORD_KEYS,
  MAX_RECORD_KEY_LENGTH,
  MAX_OPT_IN_BY_LENGTH,
  MAX_PAGE_RULES,
  MAX_PROPERTIES,
  MAX_PROPERTY_NAME_LENGTH,
  MAX_SELECTOR_LENGTH,
  MAX_SHADOW_HOSTS,
  MAX_TAGS,
  MAX_TEXT_LENGTH,
  MAX_TRAITS,
  MAX_VALUE_LENGTH,
  PAGE_MATCHES,
  SITE_ID_PATTERN,
  TAG_ID_PATTERN,
  TRANSFORMS,
  TRIGGERS,
  URL_PARTS,
} from './limits';
import { checkSelector } from './selector-syntax';
import { isStateAttribute, selectorPolicyMessage } from '../core/selector-policy';

/**
 * A CSS selector that the browser (or, off the browser, a CSS parser) accepts and that cannot
 * observe a field's value or state (lib/core/selector-policy.ts, which the runtime applies too).
 */
export const SelectorSchema = z
  .string()
  .min(1)
  .max(MAX_SELECTOR_LENGTH)
  .superRefine((selector, ctx) => {
    const check = checkSelector(selector);
    if (!check.ok) return ctx.addIssue({ code: 'custom', message: `selector is not valid CSS: ${check.reason}` });
    const refused = selectorPolicyMessage(selector);
    if (refused) ctx.addIssue({ code: 'custom', message: refused });
  });

// The length limit counts the raw string, as the runtime's reader does (lib/core normalize):
// a name over the limit only by its spaces would pass a trimmed check and be skipped there.
const NonEmpty = (max: number) => z.string().max(max).trim().min(1);

const SafeName = (max: number) =>
  NonEmpty(max).refine((name) => !FORBIDDEN_KEYS.includes(name), {
    message: `this name is reserved; choose another than ${FORBIDDEN_KEYS.join(', ')}`,
  });

const AttributeName = z
  .string()
  .regex(ATTRIBUTE_NAME_PATTERN, 'attribute name must be a plain HTML attribute name such as data-sku or href');

/**
 * A few facts about the element a locator was made for, so a fallback selector is only
 * trusted when it finds an element that still looks like the original.
 */
export const FingerprintSchema = z.strictObject({
  tag: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'tag must be a lower-case element name such as button'),
  text: z.string().max(MAX_TEXT_LENGTH).optional(),
  /**
   * The words beside the element (lib/core/near-text.ts: the nearest heading, label, legend
   * or caption around it), so a copy edit of its own text does not lose it.
   */
  near: z.string().max(MAX_TEXT_LENGTH).optional(),
  attributes: z
    .record(AttributeName, z.string().max(MAX_VALUE_LENGTH))
    .refine((attrs) => Object.keys(attrs).length <= MAX_FINGERPRINT_ATTRIBUTES, {
      message: `a fingerprint keeps at most ${MAX_FINGERPRINT_ATTRIBUTES} attributes`,
    })
    .superRefine((attrs, ctx) => {
      // The runtime never compares them (lib/core/fingerprint.ts): a match would tell the value.
      for (const name of Object.keys(attrs))
        if (isStateAttribute(name))
          ctx.addIssue({ code: 'custom', path: [name], message: `a fingerprint never records a field's value or state: remove ${name}` });
    })
    .optional(),
  /**
   * For an element inside a repeated item (a row, a card): `item` finds the item from the
   * element (`closest`), and the item must hold an element whose text is one of `keys` (what
   * told this record apart from the others when the locator was made: an order number, a
   * product name). Without it the element is another record's, and does not match.
   */
  record: z
    .strictObject({
      item: SelectorSchema,
      keys: z.array(z.string().min(1).max(MAX_RECORD_KEY_LENGTH)).min(1).max(MAX_RECORD_KEYS),
    })
    .optional(),
});

/**
 * An element locator (lib/selector): a plain CSS selector plus optional fallbacks and fingerprint.
 * For an element inside open shadow roots, `hosts` lists the shadow hosts' selectors, outermost
 * first, each relative to the tree its host lives in; `selector` and `fallbacks` are then relative
 * to the innermost shadow root (see lib/selector/README.md).
 */
export const LocatorSchema = z.strictObject({
  selector: SelectorSchema,
  fallbacks: z.array(SelectorSchema).max(MAX_FALLBACKS).optional(),
  fingerprint: FingerprintSchema.optional(),
  hosts: z.array(SelectorSchema).min(1).max(MAX_SHADOW_HOSTS).optional(),
});

/** A rule on the page URL; any matching rule of a tag lets it fire. */
export const PageRuleSchema = z.strictObject({
  match: z.enum(PAGE_MATCHES),
  value: z.string().min(1).max(MAX_VALUE_LENGTH),
});

const Transform = z.enum(TRANSFORMS).optional();
const ElementSelector = SelectorSchema.optional();
const PropertyName = SafeName(MAX_PROPERTY_NAME_LENGTH);

// Where a value comes from, one shape per source; a property, a trait and a user id each add
// their own fields (name, opt-in) to the same shapes, so all three read the page alike.
const SOURCE_SHAPES = {
  static: { source: z.literal('static'), value: z.union([z.string().max(MAX_VALUE_LENGTH), z.number(), z.boolean()]) },
  text: { source: z.literal('text'), selector: ElementSelector, transform: Transform },
  attribute: { source: z.literal('attribute'), attribute: AttributeName, selector: ElementSelector, transform: Transform },
  value: { source: z.literal('value'), selector: ElementSelector, transform: Transform },
  url: { source: z.literal('url'), part: z.enum(URL_PARTS).optional() },
  query: { source: z.literal('query'), param: NonEmpty(MAX_PROPERTY_NAME_LENGTH) },
};

function sourced<E extends z.ZodRawShape>(extra: E) {
  const s = SOURCE_SHAPES;
  return [
    z.strictObject({ ...extra, ...s.static }),
    z.strictObject({ ...extra, ...s.text }),
    z.strictObject({ ...extra, ...s.attribute }),
    z.strictObject({ ...extra, ...s.value }),
    z.strictObject({ ...extra, ...s.url }),
    z.strictObject({ ...extra, ...s.query }),
  ] as const;
}

/** Where each event property takes its value from. */
export const PropertySchema = z.discriminatedUnion('source', sourced({ name: PropertyName }));

/**
 * The record that a person chose to collect one personal trait: who (`by`, a name or email
 * of the person at the keyboard of the editor) and when (`at`, ISO 8601), with an optional
 * `purpose`. Every trait and user id carries one, so a privacy review reads from the config
 * alone what an identify tag collects, who decided it and why.
 */
export const OptInSchema = z.strictObject({
  by: NonEmpty(MAX_OPT_IN_BY_LENGTH),
  at: z.string().regex(ISO_TIME_PATTERN, 'at must be a UTC time as ISO 8601, such as 2026-05-01T09:30:00Z'),
  purpose: z.string().max(MAX_TEXT_LENGTH).optional(),
});

/**
 * A trait of an `identify` call (email, name, ...): read like a property, and personal data
 * by nature, so it needs its own recorded `optIn`. Sensitive fields stay unreadable whatever
 * it says (lib/core/sensitive.ts).
 */
export const TraitSchema = z.discriminatedUnion('source', sourced({ name: PropertyName, optIn: OptInSchema }));

/** Where an `identify` call's user id comes from: one visitor's own value, with its opt-in. */
export const UserIdSchema = z.discriminatedUnion('source', [
  z.strictObject({ optIn: OptInSchema, ...SOURCE_SHAPES.text }),
  z.strictObject({ optIn: OptInSchema, ...SOURCE_SHAPES.attribute }),
  z.strictObject({ optIn: OptInSchema, ...SOURCE_SHAPES.value }),
  z.strictObject({ optIn: OptInSchema, ...SOURCE_SHAPES.query }),
]);

/** One tag: which user action on which element, on which pages, sends which event. */
export const TagSchema = z.strictObject({
  id: z.string().regex(TAG_ID_PATTERN, 'id must be 1 to 64 letters, digits, "_" or "-"'),
  event: NonEmpty(MAX_EVENT_NAME_LENGTH),
  trigger: z.enum(TRIGGERS),
  target: LocatorSchema.optional(),
  /** A `scroll` tag's depths: percent of the page scrolled through (1 to 100), each fired once per page view. */
  scroll: z
    .strictObject({
      thresholds: z.array(z.number().int().min(1).max(100)).min(1).max(MAX_SCROLL_THRESHOLDS).refine((list) => new Set(list).size === list.length, 'thresholds must differ'),
    })
    .optional(),
  /**
   * A `visible` tag's conditions: the share of the element in view (`minPercent`, default
   * 50; an element taller than the window counts when it fills that share of the window),
   * for how long without a break (`minDuration`, ms, default 0), and whether it fires once
   * per element (default) or once per page view (`once: "page"`).
   */
  visible: z
    .strictObject({
      minPercent: z.number().int().min(1).max(100).optional(),
      minDuration: z.number().int().min(0).max(MAX_VISIBLE_DURATION_MS).optional(),
      once: z.enum(['element', 'page']).optional(),
    })
    .optional(),
  pages: z.array(PageRuleSchema).max(MAX_PAGE_RULES).optional(),
  properties: z.array(PropertySchema).max(MAX_PROPERTIES).optional(),
  /** The Segment call; default `track`. See CALLS and the rules in semantics.ts. */
  call: z.enum(CALLS).optional(),
  /** The page's category, for a `page` call: `analytics.page(category, event, properties)`. */
  category: NonEmpty(MAX_EVENT_NAME_LENGTH).optional(),
  /** For an `identify` call: the user id. Without it the visitor stays anonymous. */
  userId: UserIdSchema.optional(),
  /** For an `identify` call: the traits it collects, each with its opt-in. */
  traits: z.array(TraitSchema).max(MAX_TRAITS).optional(),
  enabled: z.boolean().optional(),
  description: z.string().max(MAX_TEXT_LENGTH).optional(),
});

/** A config's tag-health settings (site-wide, kept across publishes from the extension). */
export const HealthSettingsSchema = z.strictObject({
  /** The share of page views that send a health beacon, 0 (off) to 1 (all). */
  sample: z.number().min(0).max(1),
});

/** A whole tag config, version 1: what a site publishes and the runtime loads. */
export const ConfigSchema = z.strictObject({
  version: z.literal(CONFIG_VERSION),
  site: z.string().regex(SITE_ID_PATTERN, 'site id must be lower-case letters, digits and dashes (1 to 64)'),
  revision: z.number().int().min(0),
  tags: z.array(TagSchema).max(MAX_TAGS),
  /**
   * Tag health (README "Tag health"): the share of page views whose runtime reports, 0 to 1.
   * With it, tagpoint.js reports without a `data-health` attribute on its script tag; a
   * `data-health` attribute overrides it (`data-health="0"` turns it off on that page).
   * Absent or 0: off.
   */
  health: HealthSettingsSchema.optional(),
});
