import { z } from '../config/zod';
import { LocatorSchema, PropertySchema } from '../config/schema';
import { MAX_SELECTOR_LENGTH, MAX_TEXT_LENGTH, MAX_VALUE_LENGTH } from '../config/limits';

const TabId = z.number().int().nonnegative();
const Selector = z.string().max(MAX_SELECTOR_LENGTH);
const Text = z.string().max(MAX_TEXT_LENGTH);
const Url = z.string().max(MAX_VALUE_LENGTH * 4);
/** What the picker is picking for: the tag's target, or the element a property reads. */
export const PickPurposeSchema = z.enum(['target', 'property']);

/** A short description of a picked element, for labels in the editor. */
export const ElementSummarySchema = z.strictObject({
  tag: z.string().max(64),
  text: Text,
  /** Form field type, lower case (`password`, `email`), when the element is an input. */
  inputType: z.string().max(64).optional(),
  /** The element is a `<form>` itself (the editor then suggests the `submit` trigger). */
  isForm: z.boolean(),
  /** Attribute names the element has, for the `attribute` property source. */
  attributes: z.array(z.string().max(100)).max(50),
});
export type ElementSummary = z.infer<typeof ElementSummarySchema>;

/**
 * Commands from the extension's own pages (popup, side panel) to the background worker.
 * The background only accepts them from extension pages (see `isFromExtensionPage`).
 */
export const BackgroundRequestSchema = z.discriminatedUnion('type', [
  /** Injects the picker into the tab (if needed) and starts picking a target. */
  z.strictObject({ type: z.literal('start-picking'), tabId: TabId }),
  /** Injects the picker into the tab if it is not there yet, without starting to pick. */
  z.strictObject({ type: z.literal('ensure-picker'), tabId: TabId }),
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;

/** The background's answer to a BackgroundRequest. */
export const BackgroundResponseSchema = z.union([
  z.strictObject({ ok: z.literal(true) }),
  z.strictObject({ ok: z.literal(false), error: Text }),
]);
export type BackgroundResponse = z.infer<typeof BackgroundResponseSchema>;

/** Commands to the picker content script, sent with `tabs.sendMessage` by extension pages. */
export const PickerRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('picker:ping') }),
  /** `target`: for a property, the tag's locator (the property is made relative to its match in the same record). */
  z.strictObject({ type: z.literal('picker:start'), purpose: PickPurposeSchema, requestId: z.string().max(64).optional(), target: LocatorSchema.optional() }),
  z.strictObject({ type: z.literal('picker:stop') }),
  z.strictObject({ type: z.literal('picker:page-info') }),
  /** Counts each target's matches on the page (the tag list's states); null for no target. */
  z.strictObject({ type: z.literal('picker:count'), targets: z.array(LocatorSchema.nullable()).max(20_000) }),
  /**
   * A tag whose target was found by relocation: a new locator made from the element found, so
   * the tag can be updated to it ("Update to this element"); null when nothing was relocated.
   */
  z.strictObject({ type: z.literal('picker:repair-target'), target: LocatorSchema }),
  /** Outlines what a tag's target stands for on the page, as the runtime resolves it (null clears). */
  z.strictObject({ type: z.literal('picker:highlight'), target: LocatorSchema.nullable(), scroll: z.boolean().optional() }),
  /** The values the properties would take right now: for the element picked when it is a match (else the first), and two other matches. */
  z.strictObject({
    type: z.literal('picker:preview'),
    target: LocatorSchema.optional(),
    properties: z.array(z.unknown()).max(100),
  }),
]);
export type PickerRequest = z.infer<typeof PickerRequestSchema>;

/** One property's value right now, or why there is none. */
export const PropertyPreviewSchema = z.strictObject({
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  /** Why the value is null or dubious: no element found, refused source, looks like an email… */
  warnings: z.array(Text).max(10),
  refused: z.boolean(),
  /** The values for up to two other matches of the tag ("Aurora Desk Lamp, Nimbus Floor Lamp, …"), so a property reading one record for all shows. */
  others: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).max(2).optional(),
});
export type PropertyPreview = z.infer<typeof PropertyPreviewSchema>;

/** Answers of the picker to its requests (one schema per request type). */
export const PickerResponseSchemas = {
  'picker:ping': z.strictObject({ ok: z.literal(true), picking: z.boolean() }),
  'picker:start': z.strictObject({ ok: z.literal(true) }),
  'picker:stop': z.strictObject({ ok: z.literal(true) }),
  'picker:page-info': z.strictObject({ url: Url, title: Text }),
  'picker:count': z.strictObject({
    counts: z.array(z.number().int().min(-1)),
    /** Per target: the ranking's score and lead when relocation found its element, else null. */
    relocated: z.array(z.strictObject({ score: z.number(), lead: z.number() }).nullable()).optional(),
  }),
  'picker:repair-target': z.strictObject({ target: LocatorSchema.nullable() }),
  'picker:highlight': z.strictObject({ count: z.number().int().min(-1) }),
  'picker:preview': z.strictObject({ values: z.array(PropertyPreviewSchema) }),
} as const;

/** The answer type of each picker request. */
export type PickerResponse<T extends PickerRequest['type']> = z.infer<(typeof PickerResponseSchemas)[T]>;

/**
 * The picker's request handlers, one per request type, each typed by its request and its
 * answer schema: the content script cannot answer something its callers would refuse.
 */
export type PickerHandlers = {
  [T in PickerRequest['type']]: (request: Extract<PickerRequest, { type: T }>) => PickerResponse<T>;
};

/**
 * Events the picker content script broadcasts with `runtime.sendMessage` (side panel and
 * popup listen). Listeners accept them only from a content script of this extension in a
 * tab (see `isFromContentScript`).
 */
export const PickerEventSchema = z.discriminatedUnion('type', [
  /** The user clicked an element to tag; `count` is how many elements the locator matches. */
  z.strictObject({
    type: z.literal('picker:picked'),
    url: Url,
    locator: LocatorSchema,
    count: z.number().int().min(0),
    element: ElementSummarySchema,
  }),
  /** The user changed the target in the overlay (hand-edited selector, "all similar"). */
  z.strictObject({
    type: z.literal('picker:target-changed'),
    locator: LocatorSchema,
    count: z.number().int().min(0),
  }),
  /** The user picked the element a property reads. */
  z.strictObject({
    type: z.literal('picker:property-picked'),
    requestId: z.string().max(64).optional(),
    selector: Selector,
    element: ElementSummarySchema,
    /** What the element's text reads right now. */
    text: Text,
    warnings: z.array(Text).max(10),
  }),
  /** The user picked an element that may not be a property source (password, payment field). */
  z.strictObject({
    type: z.literal('picker:property-refused'),
    requestId: z.string().max(64).optional(),
    reason: Text,
  }),
  z.strictObject({ type: z.literal('picker:cancelled') }),
  /** The page navigated (SPA route change) while the picker was loaded. */
  z.strictObject({ type: z.literal('picker:url-changed'), url: Url }),
]);
export type PickerEvent = z.infer<typeof PickerEventSchema>;

/** Validates an incoming value against a schema: the parsed message, or undefined. */
export function parseMessage<T>(schema: z.ZodType<T>, input: unknown): T | undefined {
  const result = schema.safeParse(input);
  return result.success ? result.data : undefined;
}

// PropertySchema is re-exported for callers that validate preview properties one by one.
export { PropertySchema };
