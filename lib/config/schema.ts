import { z } from './zod';
import {
  ATTRIBUTE_NAME_PATTERN,
  CONFIG_VERSION,
  FORBIDDEN_KEYS,
  MAX_EVENT_NAME_LENGTH,
  MAX_FALLBACKS,
  MAX_FINGERPRINT_ATTRIBUTES,
  MAX_PAGE_RULES,
  MAX_PROPERTIES,
  MAX_PROPERTY_NAME_LENGTH,
  MAX_SELECTOR_LENGTH,
  MAX_SHADOW_HOSTS,
  MAX_TAGS,
  MAX_TEXT_LENGTH,
  MAX_VALUE_LENGTH,
  PAGE_MATCHES,
  SITE_ID_PATTERN,
  TAG_ID_PATTERN,
  TRANSFORMS,
  TRIGGERS,
  URL_PARTS,
} from './limits';
import { checkSelector } from './selector-syntax';

/** A CSS selector that the browser (or, off the browser, a CSS parser) accepts. */
export const SelectorSchema = z
  .string()
  .min(1)
  .max(MAX_SELECTOR_LENGTH)
  .superRefine((selector, ctx) => {
    const check = checkSelector(selector);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: `selector is not valid CSS: ${check.reason}` });
  });

const NonEmpty = (max: number) => z.string().trim().min(1).max(max);

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
  attributes: z
    .record(AttributeName, z.string().max(MAX_VALUE_LENGTH))
    .refine((attrs) => Object.keys(attrs).length <= MAX_FINGERPRINT_ATTRIBUTES, {
      message: `a fingerprint keeps at most ${MAX_FINGERPRINT_ATTRIBUTES} attributes`,
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

/** Where each event property takes its value from. */
export const PropertySchema = z.discriminatedUnion('source', [
  z.strictObject({
    name: PropertyName,
    source: z.literal('static'),
    value: z.union([z.string().max(MAX_VALUE_LENGTH), z.number(), z.boolean()]),
  }),
  z.strictObject({ name: PropertyName, source: z.literal('text'), selector: ElementSelector, transform: Transform }),
  z.strictObject({
    name: PropertyName,
    source: z.literal('attribute'),
    attribute: AttributeName,
    selector: ElementSelector,
    transform: Transform,
  }),
  z.strictObject({ name: PropertyName, source: z.literal('value'), selector: ElementSelector, transform: Transform }),
  z.strictObject({ name: PropertyName, source: z.literal('url'), part: z.enum(URL_PARTS).optional() }),
  z.strictObject({ name: PropertyName, source: z.literal('query'), param: NonEmpty(MAX_PROPERTY_NAME_LENGTH) }),
]);

/** One tag: which user action on which element, on which pages, sends which event. */
export const TagSchema = z.strictObject({
  id: z.string().regex(TAG_ID_PATTERN, 'id must be 1 to 64 letters, digits, "_" or "-"'),
  event: NonEmpty(MAX_EVENT_NAME_LENGTH),
  trigger: z.enum(TRIGGERS),
  target: LocatorSchema.optional(),
  pages: z.array(PageRuleSchema).max(MAX_PAGE_RULES).optional(),
  properties: z.array(PropertySchema).max(MAX_PROPERTIES).optional(),
  enabled: z.boolean().optional(),
  description: z.string().max(MAX_TEXT_LENGTH).optional(),
});

/** A whole tag config, version 1: what a site publishes and the runtime loads. */
export const ConfigSchema = z.strictObject({
  version: z.literal(CONFIG_VERSION),
  site: z.string().regex(SITE_ID_PATTERN, 'site id must be lower-case letters, digits and dashes (1 to 64)'),
  revision: z.number().int().min(0),
  tags: z.array(TagSchema).max(MAX_TAGS),
});
