/**
 * The runtime's tolerant reading of a tag config. Unlike `parseConfig` (lib/config, strict,
 * zod), it takes any config whose `version` it knows and skips each tag that is invalid,
 * saying why, so one bad tag never costs the others. It reads only the fields it knows
 * and copies them, so prototype keys or extra fields in the input reach nothing.
 */
import {
  CONFIG_VERSION,
  FORBIDDEN_KEYS,
  ISO_TIME_PATTERN,
  MAX_EVENT_NAME_LENGTH,
  MAX_FALLBACKS,
  MAX_OPT_IN_BY_LENGTH,
  MAX_PROPERTY_NAME_LENGTH,
  MAX_SELECTOR_LENGTH,
  MAX_SHADOW_HOSTS,
  MAX_TAGS,
  MAX_VALUE_LENGTH,
  TAG_ID_PATTERN,
  TRIGGERS,
  USER_ID_SOURCES,
  type Call,
  type Transform,
  type Trigger,
} from '../config/limits';
import type { Fingerprint } from '../config/types';
import { compilePageRule, type PageTest } from './page-rules';
import { compileSelector, type CompiledSelector } from './selector';
import { coreExtras, lacking, LEAN } from './lean';
import { selectorOracle } from './selector-policy';

/** A property of a runtime tag, checked field by field. */
export interface RuntimeProperty {
  name: string;
  source: 'static' | 'text' | 'attribute' | 'value' | 'url' | 'query';
  value?: string | number | boolean;
  selector?: string;
  attribute?: string;
  part?: string;
  param?: string;
  transform?: Transform;
}

/** A selector of a locator with its compiled branches. */
export interface RuntimeSelector {
  selector: string;
  branches: CompiledSelector[];
}

/** A tag's target: the primary selector, fallbacks, fingerprint and shadow hosts, compiled. */
export interface RuntimeTarget extends RuntimeSelector {
  fallbacks: RuntimeSelector[];
  fingerprint?: Fingerprint;
  /** The shadow hosts' selectors, outermost first (lib/core/locator.ts). */
  hosts?: RuntimeSelector[];
}

/** A tag the runtime can use. */
export interface RuntimeTag {
  /** Position in the config; events fire in this order. */
  index: number;
  id: string;
  event: string;
  trigger: Trigger;
  /** The Segment call it makes. */
  call: Call;
  /** A page call's category. */
  category?: string;
  /** An identify call's user id source. */
  userId?: RuntimeProperty;
  target?: RuntimeTarget;
  /** Absent: every page. */
  pages?: PageTest[];
  /** What the call carries: the event's properties, or an identify call's traits. */
  properties: RuntimeProperty[];
  enabled: boolean;
  /** A scroll or visible tag's own settings (`scroll`, `visible`), as given: visible.ts reads them defensively. */
  settings?: unknown;
}

/** A tag skipped, and why. */
export interface InvalidTag {
  index: number;
  tag: string;
  /** The trigger it named, as a string ("undefined" when none). */
  trigger: string;
  reason: string;
}

/** The outcome of reading a config. */
export type NormalizeResult =
  | {
      ok: true;
      site: string;
      revision: number;
      tags: RuntimeTag[];
      invalid: InvalidTag[];
      /** Lean build only (lean.ts): some tag needs tagpoint-extras.js (a glob or regex rule, a flagged
       * selector, a value, attribute, query or URL read, a user id, a visible tag), not loaded. */
      lacking?: boolean;
    }
  | { ok: false; reason: string };


// Marks the reading as lacking tagpoint-extras.js when they are not in (lean build only).
const needExtras = () => LEAN && !coreExtras() && (lacking.extras = true);

// Why a tag or config is refused, for the debug log; tagpoint.js (lean) has no debug log, so
// it carries none of these words (lean.ts).
const why = (reason: string): string => (LEAN ? '' : reason);

// Arrays pass too: they then lack every field read and fail on that.
function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object';
}

const str = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const text = (value: unknown, max: number): value is string => str(value, max) && !!value.trim();

/**
 * Checks what could do harm: a reserved name, a non-primitive static value. Other fields
 * are read defensively when the tag fires (a bad selector or source gives `null`), which
 * keeps this file small; only named fields are ever read.
 */
function isProperty(raw: Record<string, unknown>): raw is RuntimeProperty & Record<string, unknown> {
  const { name, source, value } = raw;
  return (
    text(name, MAX_PROPERTY_NAME_LENGTH) &&
    !FORBIDDEN_KEYS.includes(name.trim()) &&
    (source !== 'static' || typeof value === 'number' || typeof value === 'boolean' || str(value, MAX_VALUE_LENGTH))
  );
}

// A trait or user id is read only with its recorded opt-in (who, when), as the strict parser asks.
const hasOptIn = ({ optIn: o }: Record<string, unknown>) => isRecord(o) && text(o.by, MAX_OPT_IN_BY_LENGTH) && ISO_TIME_PATTERN.test(o.at as string);

// A selector that could observe a field's value or state is refused wherever a config holds
// one (target, fallbacks, hosts, a record's item, properties, user id), as the strict parser
// refuses it: one match more or less would leak a bit of the field (selector-policy.ts).
// tagpoint.js (lean.ts) holds only this conservative pre-check: a selector it finds nothing in
// cannot be an oracle (the policy's patterns need one of these words, or an escape or comment
// to hide one); one it flags waits for the exact policy of tagpoint-extras.js, refused meanwhile.
const MAY_OBSERVE = /\\[\da-z]|\/\*|\[[^\]]*(value|checked|selected|invalid)|:[-\w]*(checked|indeterminate|default|placeholder|valid|range|autofill|blank|dir)/i;
const isOracle = (selector: unknown): boolean => {
  if (selector === undefined) return false;
  const s = String(selector);
  if (!LEAN) return !!selectorOracle(s);
  const extras = coreExtras();
  return MAY_OBSERVE.test(s) && (extras ? !!extras.selectorOracle(s) : (lacking.extras = true));
};

function readSelector(value: unknown): RuntimeSelector | undefined {
  const branches = compileSelector(value, MAX_SELECTOR_LENGTH);
  return branches && !isOracle(value) ? { selector: value as string, branches } : undefined;
}

/** Compiles a locator (`{ selector, fallbacks?, fingerprint?, hosts? }`); a string says what is wrong. */
export function readTarget(target: unknown): RuntimeTarget | string {
  if (!isRecord(target)) return why('no target');
  const primary = readSelector(target.selector);
  if (!primary) return why('bad selector');
  const { fingerprint: fp, fallbacks, hosts } = target;
  // Fallbacks are only trusted with a fingerprint to check them against.
  const fingerprint = isRecord(fp) && typeof fp.tag === 'string' ? (fp as Fingerprint) : undefined;
  if (isOracle(fingerprint?.record?.item)) return why('bad fingerprint');
  // Relocation's ranking (relocate.ts) comes with tagpoint-extras.js in the lean build.
  if (fingerprint) needExtras();
  const out: RuntimeTarget = { ...primary, fallbacks: [], fingerprint };
  if (fingerprint && Array.isArray(fallbacks)) out.fallbacks = fallbacks.slice(0, MAX_FALLBACKS).map(readSelector).filter((f) => f) as RuntimeSelector[];
  if (hosts !== undefined) {
    // A host that cannot be read would widen the tag to every tree: the tag is refused.
    const read = Array.isArray(hosts) && hosts.length <= MAX_SHADOW_HOSTS ? hosts.map(readSelector) : [];
    if (!read.length || !read.every((h) => h)) return why('bad hosts');
    out.hosts = read as RuntimeSelector[];
  }
  return out;
}

function readTag(raw: unknown, index: number, ids: Set<string>): RuntimeTag | string {
  if (!isRecord(raw)) return why('bad tag');
  const { id, event, trigger, target, pages, enabled, call = 'track', category, userId, traits, properties: props, scroll, visible } = raw;
  if (typeof id !== 'string' || !TAG_ID_PATTERN.test(id) || ids.has(id)) return why('bad or duplicate id');
  if (!text(event, MAX_EVENT_NAME_LENGTH)) return why('bad event');
  if (!TRIGGERS.includes(trigger as Trigger)) return why('bad trigger');
  // The rules of lib/config/semantics.ts checkCall: page on page views, with a category or
  // none; identify with traits or a user id (with its opt-in) and no properties; track (the
  // default) with neither. An identify tag's traits are what its call carries: read as properties.
  const identify = call === 'identify';
  const properties = identify ? traits : props;
  if (
    (call === 'page' ? trigger !== 'pageview' || (category !== undefined && !text(category, MAX_EVENT_NAME_LENGTH)) : category !== undefined) ||
    (identify
      ? props !== undefined ||
        (userId === undefined
          ? !(properties as unknown[] | undefined)?.length
          : !USER_ID_SOURCES.includes((userId as RuntimeProperty).source as 'text') || !hasOptIn(userId as Record<string, unknown>) || isOracle((userId as RuntimeProperty).selector))
      : (call !== 'track' && call !== 'page') || traits !== undefined || userId !== undefined)
  )
    return why('bad call');
  const tag: RuntimeTag = {
    index,
    id,
    event: event.trim(),
    trigger: trigger as Trigger,
    call: call as Call,
    category: category as string | undefined,
    userId: userId as RuntimeProperty | undefined,
    properties: [],
    enabled: enabled !== false,
  };
  // A user id is read with the words of sensitive fields; visible and scroll tags need the watcher.
  if (userId || trigger == 'visible' || trigger == 'scroll') needExtras();
  // As the strict parser: a scroll tag has its depths and no target; settings only with their trigger.
  if (trigger == 'scroll' ? !isRecord(scroll) || target !== undefined : scroll !== undefined || (visible !== undefined && trigger != 'visible')) return why('bad trigger settings');
  tag.settings = scroll || visible;
  if ((trigger !== 'pageview' && trigger !== 'scroll') || target !== undefined) {
    const t = readTarget(target);
    if (typeof t === 'string') return t;
    tag.target = t;
  }
  if (pages !== undefined) {
    if (!Array.isArray(pages)) return why('bad pages');
    // A bad rule is not dropped: that would widen the tag to more pages.
    const tests = pages.map((rule) => compilePageRule(rule, MAX_VALUE_LENGTH));
    if (!tests.every((t) => t)) return why('bad page rule');
    if (tests.length) tag.pages = tests as PageTest[];
  }
  if (properties !== undefined) {
    if (!Array.isArray(properties)) return why('bad properties');
    const names = new Set<string>();
    for (const p of properties) {
      if (!isRecord(p) || !isProperty(p) || isOracle(p.selector) || names.has(p.name) || (identify && !hasOptIn(p))) return why('bad property');
      names.add(p.name);
      tag.properties.push(p);
      // value, attribute, query, url: read with the words of sensitive fields (lean.ts).
      if (/^[vaqu]/.test(String(p.source))) needExtras();
    }
  }
  return tag;
}

/** Reads a config tolerantly; `maxTags` caps how many tags are read (default MAX_TAGS). */
export function normalizeConfig(input: unknown, maxTags = MAX_TAGS): NormalizeResult {
  if (!isRecord(input)) return { ok: false, reason: why('not a config') };
  if (input.version !== CONFIG_VERSION) return { ok: false, reason: why('unknown version') };
  if (!Array.isArray(input.tags)) return { ok: false, reason: why('no tags') };
  lacking.extras = false;
  const revision = Number(input.revision) || 0;
  const site = String(input.site).slice(0, 64);
  const tags: RuntimeTag[] = [];
  const invalid: InvalidTag[] = [];
  const ids = new Set<string>();
  // Tags past `maxTags` are ignored.
  const raws = input.tags.slice(0, maxTags);
  for (let index = 0; index < raws.length; index++) {
    const raw = raws[index];
    let result: RuntimeTag | string;
    try {
      result = readTag(raw, index, ids);
    } catch {
      // A hostile config's getter threw: this tag is skipped, the others are read.
      result = why('bad tag');
    }
    if (typeof result === 'string') {
      const { id, trigger } = isRecord(raw) ? raw : {};
      invalid.push({ index, tag: id ? String(id).slice(0, 64) : `#${index}`, reason: result, trigger: String(trigger) });
    } else {
      ids.add(result.id);
      tags.push(result);
    }
  }
  return { ok: true, site, revision, tags, invalid, lacking: lacking.extras };
}
