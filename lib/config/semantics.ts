import { compilePageRule, patternProblem } from '../core/page-rules';
import { CALLS, MAX_VALUE_LENGTH, PAGE_MATCHES, SCROLL_DEPTH_PROPERTY, TARGETLESS_TRIGGERS, type Call } from './limits';
import type { ConfigError } from './types';

/**
 * Rules that span fields, checked on the raw input so they are reported even when the
 * same config has other mistakes (schema refinements would be skipped then).
 */
export function checkSemantics(input: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  const tags = isRecord(input) ? input.tags : undefined;
  if (!Array.isArray(tags)) return errors;

  const firstIndexById = new Map<string, number>();
  tags.forEach((tag, index) => {
    if (!isRecord(tag)) return;
    if (typeof tag.id === 'string') {
      const first = firstIndexById.get(tag.id);
      if (first === undefined) firstIndexById.set(tag.id, index);
      else errors.push({ path: `tags[${index}].id`, message: `two tags share the id ${tag.id} (tags[${first}] and tags[${index}]); ids must be unique` });
    }
    if (typeof tag.trigger === 'string' && !TARGETLESS_TRIGGERS.includes(tag.trigger) && tag.target === undefined) {
      errors.push({
        path: `tags[${index}].target`,
        message: `target is required for a "${tag.trigger}" tag: pick the element it listens to (only "pageview" and "scroll" tags have none)`,
      });
    }
    // A trigger's own settings go with that trigger only (lib/core/normalize.ts reads them so).
    if (tag.trigger === 'scroll') {
      if (tag.target !== undefined) errors.push({ path: `tags[${index}].target`, message: 'a "scroll" tag has no target: it follows how far the page is scrolled' });
      if (tag.scroll === undefined) errors.push({ path: `tags[${index}].scroll`, message: 'a "scroll" tag needs its depths: scroll: { thresholds: [25, 50, 75, 100] }' });
      const props = Array.isArray(tag.properties) ? tag.properties : [];
      props.forEach((p, i) => {
        if (isRecord(p) && typeof p.name === 'string' && p.name.trim() === SCROLL_DEPTH_PROPERTY)
          errors.push({ path: `tags[${index}].properties[${i}].name`, message: `"${SCROLL_DEPTH_PROPERTY}" is what a scroll tag's event carries its depth in; name this property otherwise` });
      });
    } else if (tag.scroll !== undefined) errors.push({ path: `tags[${index}].scroll`, message: `scroll depths go with the "scroll" trigger, not "${String(tag.trigger)}"` });
    if (tag.visible !== undefined && tag.trigger !== 'visible') errors.push({ path: `tags[${index}].visible`, message: `visibility conditions go with the "visible" trigger, not "${String(tag.trigger)}"` });
    if (Array.isArray(tag.pages)) {
      tag.pages.forEach((rule, ruleIndex) => {
        const problem = pageRuleProblem(rule);
        if (problem) errors.push({ path: `tags[${index}].pages[${ruleIndex}].value`, message: problem });
      });
    }
    for (const field of ['properties', 'traits'] as const) {
      const list = tag[field];
      if (!Array.isArray(list)) continue;
      const seen = new Set<string>();
      list.forEach((property, propertyIndex) => {
        if (!isRecord(property) || typeof property.name !== 'string') return;
        if (seen.has(property.name)) {
          errors.push({
            path: `tags[${index}].${field}[${propertyIndex}].name`,
            message: `two ${field} of this tag are named "${property.name}"; the call can only carry one`,
          });
        }
        seen.add(property.name);
      });
    }
    errors.push(...checkCall(tag, index));
  });
  return errors;
}

/**
 * Which fields go with which call (lib/core/normalize.ts applies the same rules, so the
 * runtime skips exactly the tags refused here): `page` only on page views, with an optional
 * category; `identify` with traits and/or a user id and no properties (any trigger: a form
 * submit mostly, or a page view of a signed-in page that shows the user's id); traits and
 * user id on nothing else.
 */
function checkCall(tag: Record<string, unknown>, index: number): ConfigError[] {
  const call = tag.call ?? 'track';
  if (!CALLS.includes(call as Call)) return [];
  const at = (field: string, message: string) => ({ path: `tags[${index}].${field}`, message });
  const errors: ConfigError[] = [];
  if (call === 'page' && typeof tag.trigger === 'string' && tag.trigger !== 'pageview') {
    errors.push(at('call', `a page call is made on page views: set trigger to "pageview" (not "${tag.trigger}"), or use track`));
  }
  if (tag.category !== undefined && call !== 'page') errors.push(at('category', `category belongs to a page call; this tag makes a ${call} call`));
  for (const field of ['traits', 'userId'] as const) {
    if (tag[field] !== undefined && call !== 'identify') errors.push(at(field, `${field} belong${field === 'traits' ? '' : 's'} to an identify call; this tag makes a ${call} call (set call to "identify")`));
  }
  if (call === 'identify') {
    if (tag.properties !== undefined) errors.push(at('properties', 'an identify call sends traits, not properties: move them to traits (each with its opt-in)'));
    if (tag.userId === undefined && !(Array.isArray(tag.traits) && tag.traits.length > 0)) {
      errors.push(at('traits', 'an identify call needs a user id or at least one trait'));
    }
  }
  return errors;
}

/**
 * Why the runtime's own page-rule compiler (lib/core compilePageRule) refuses a rule the
 * schema's shape allows, if it does: the runtime skips a tag with a refused rule, so the
 * strict parser refuses it too. Malformed shapes are the schema's to report.
 */
function pageRuleProblem(rule: unknown): string | undefined {
  if (!isRecord(rule) || !PAGE_MATCHES.includes(rule.match as never) || typeof rule.value !== 'string') return undefined;
  if (!rule.value || rule.value.length > MAX_VALUE_LENGTH || compilePageRule(rule, MAX_VALUE_LENGTH)) return undefined;
  const problem = patternProblem(rule.match, rule.value);
  if (problem) return `value is ${problem}`;
  return `the website runtime cannot compile this "${String(rule.match)}" rule`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
