import type { z } from 'zod';
import type {
  ConfigSchema,
  FingerprintSchema,
  LocatorSchema,
  OptInSchema,
  PageRuleSchema,
  PropertySchema,
  TagSchema,
  TraitSchema,
  UserIdSchema,
} from './schema';

/** A tag config, version 1 (docs/DESIGN.md, "Tag config"). */
export type TagConfig = z.infer<typeof ConfigSchema>;
/** One tag of a config. */
export type Tag = z.infer<typeof TagSchema>;
/** An element locator: CSS selector, optional fallbacks and fingerprint. */
export type Locator = z.infer<typeof LocatorSchema>;
/** What a locator remembers of its element. */
export type Fingerprint = z.infer<typeof FingerprintSchema>;
/** A page rule of a tag. */
export type PageRule = z.infer<typeof PageRuleSchema>;
/** A property of a tag's event. */
export type Property = z.infer<typeof PropertySchema>;

/** A trait of an identify tag: a property with its recorded opt-in. */
export type Trait = z.infer<typeof TraitSchema>;
/** Where an identify tag's user id comes from. */
export type UserId = z.infer<typeof UserIdSchema>;
/** Who chose to collect a trait, and when. */
export type OptIn = z.infer<typeof OptInSchema>;

/** A problem found in a config: where (a JSON path such as `tags[3].target.selector`) and why. */
export interface ConfigError {
  path: string;
  message: string;
}

/** The outcome of `parseConfig`. */
export type ParseConfigResult = { ok: true; config: TagConfig } | { ok: false; errors: ConfigError[] };
