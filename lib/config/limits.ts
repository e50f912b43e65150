/**
 * Limits of the tag-config format v1. They are part of the public contract: the editor,
 * the registry and the runtime all enforce the same numbers. Plain constants (no zod) so
 * the website runtime can import them without pulling in a validator.
 */

/** The config format version this code reads and writes. */
export const CONFIG_VERSION = 1;

/** Most tags one config may hold. Segment's Visual Tagger stopped at 50. */
export const MAX_TAGS = 20_000;
/** Most page rules on one tag. */
export const MAX_PAGE_RULES = 50;
/** Most properties on one tag. */
export const MAX_PROPERTIES = 50;
/** Most traits on one identify tag. */
export const MAX_TRAITS = 50;
/** Most fallback selectors on one locator. */
export const MAX_FALLBACKS = 8;
/** Most shadow hosts a locator goes through (nested open shadow roots). */
export const MAX_SHADOW_HOSTS = 8;
/** Most attributes kept in an element fingerprint. */
export const MAX_FINGERPRINT_ATTRIBUTES = 8;
/** Most texts a fingerprint's `record` keeps to recognise the element's record (row, card). */
export const MAX_RECORD_KEYS = 3;
/** Longest record key text (the runtime compares texts cut at this length). */
export const MAX_RECORD_KEY_LENGTH = 64;

/** Longest CSS selector (primary or fallback). */
export const MAX_SELECTOR_LENGTH = 2_000;
/** Longest event name. Segment recommends short "Object Action" names. */
export const MAX_EVENT_NAME_LENGTH = 200;
/** Longest property name. */
export const MAX_PROPERTY_NAME_LENGTH = 100;
/** Longest static property value, page-rule value or other free string. */
export const MAX_VALUE_LENGTH = 2_000;
/** Longest description or fingerprint text sample. */
export const MAX_TEXT_LENGTH = 1_000;
/** Longest name of who opted in to collecting a trait (`optIn.by`). */
export const MAX_OPT_IN_BY_LENGTH = 200;
/** Longest tag id. */
export const MAX_TAG_ID_LENGTH = 64;

/** Site ids: lower-case letters, digits and dashes, 1 to 64 characters, starting alphanumeric. */
export const SITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Tag ids: letters, digits, `_` and `-`. */
export const TAG_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Attribute names a property or fingerprint may name. */
export const ATTRIBUTE_NAME_PATTERN = /^[A-Za-z_:][-A-Za-z0-9_:.]{0,99}$/;

/**
 * Names that must never become object keys: a config is data, and a property named
 * `__proto__` would otherwise reach an object's prototype in naive consumers.
 */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'prototype', 'constructor'];

/**
 * When a trait's opt-in was recorded (`optIn.at`): a UTC time as `new Date().toISOString()`
 * writes it (`2026-05-01T09:30:00.000Z`; the fraction is optional). One pattern for the
 * strict parser and the runtime's reader, so both refuse the same.
 */
export const ISO_TIME_PATTERN = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/**
 * What makes a tag fire. `scroll` fires once per page view at each of its depth thresholds
 * (percent of the page scrolled through), with the threshold as `scroll_depth`; it and
 * `pageview` have no target.
 */
export const TRIGGERS = ['click', 'submit', 'change', 'pageview', 'visible', 'scroll'] as const;
/** Triggers without a target element. */
export const TARGETLESS_TRIGGERS: readonly string[] = ['pageview', 'scroll'];
/** Most depth thresholds of one scroll tag. */
export const MAX_SCROLL_THRESHOLDS = 20;
/** Longest a `visible` tag may ask its element to stay in view, in ms (10 minutes). */
export const MAX_VISIBLE_DURATION_MS = 600_000;
/** The property a scroll tag's event carries its threshold in (percent). */
export const SCROLL_DEPTH_PROPERTY = 'scroll_depth';
/** How a page rule compares itself with the current URL. */
export const PAGE_MATCHES = ['exact', 'path-exact', 'path-prefix', 'contains', 'glob', 'regex'] as const;
/** Where a property takes its value from. */
export const PROPERTY_SOURCES = ['static', 'text', 'attribute', 'value', 'url', 'query'] as const;
/** Which part of the URL a `url` property reads. */
export const URL_PARTS = ['href', 'path', 'host', 'hash', 'title'] as const;
/**
 * The Segment call a tag makes: `track` (default) an event with properties; `page` a page
 * view, `analytics.page(category, name, properties)`, only from `pageview` tags; `identify`
 * the visitor, `analytics.identify(userId, traits)`, usually on a sign-up form's submit.
 */
export const CALLS = ['track', 'page', 'identify'] as const;
/** Sources a `userId` may read: one visitor's own id, never a value every visitor shares. */
export const USER_ID_SOURCES = ['text', 'attribute', 'value', 'query'] as const;
/** Conversions applied to an element-read value. */
export const TRANSFORMS = ['number', 'lowercase', 'uppercase', 'boolean'] as const;

export type Trigger = (typeof TRIGGERS)[number];
export type PageMatch = (typeof PAGE_MATCHES)[number];
export type PropertySource = (typeof PROPERTY_SOURCES)[number];
export type UrlPart = (typeof URL_PARTS)[number];
export type Transform = (typeof TRANSFORMS)[number];
export type Call = (typeof CALLS)[number];
export type UserIdSource = (typeof USER_ID_SOURCES)[number];
