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
    if (typeof tag.trigger === 'string' && tag.trigger !== 'pageview' && tag.target === undefined) {
      errors.push({
        path: `tags[${index}].target`,
        message: `target is required for a "${tag.trigger}" tag: pick the element it listens to (only "pageview" tags have none)`,
      });
    }
    if (Array.isArray(tag.pages)) {
      tag.pages.forEach((rule, ruleIndex) => {
        if (!isRecord(rule) || rule.match !== 'regex' || typeof rule.value !== 'string') return;
        try {
          new RegExp(rule.value);
        } catch (error) {
          errors.push({
            path: `tags[${index}].pages[${ruleIndex}].value`,
            message: `value is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      });
    }
    if (Array.isArray(tag.properties)) {
      const seen = new Set<string>();
      tag.properties.forEach((property, propertyIndex) => {
        if (!isRecord(property) || typeof property.name !== 'string') return;
        if (seen.has(property.name)) {
          errors.push({
            path: `tags[${index}].properties[${propertyIndex}].name`,
            message: `two properties of this tag are named "${property.name}"; the event can only carry one`,
          });
        }
        seen.add(property.name);
      });
    }
  });
  return errors;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
