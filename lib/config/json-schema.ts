import { z } from './zod';
import { ConfigSchema } from './schema';
import { TARGETLESS_TRIGGERS } from './limits';

/** Where the committed JSON Schema of the format lives, relative to the repository root. */
export const JSON_SCHEMA_FILE = 'schema/tag-config.v1.schema.json';

/**
 * The JSON Schema (draft-07, the widest supported by editors) of tag config v1, so editors
 * and other tools validate configs too. Rules that JSON Schema cannot express (unique tag
 * ids and property names, valid CSS and regex syntax) are enforced by `parseConfig` only.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ConfigSchema, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  const tags = (schema.properties as { tags: { items: Record<string, unknown> } }).tags;
  // "target is required unless trigger is pageview" spans two fields; JSON Schema can say it.
  tags.items.if = { properties: { trigger: { enum: [...TARGETLESS_TRIGGERS] } } };
  tags.items.else = { required: ['target'] };
  // Which fields go with which call (semantics.ts checkCall): page on page views, category on
  // page calls; identify with a user id or traits and no properties; traits and userId on nothing else.
  const isCall = (call: string) => ({ properties: { call: { const: call } }, required: ['call'] });
  tags.items.allOf = [
    // A scroll tag has depths and no target; scroll and visible settings go with their trigger only.
    { if: { properties: { trigger: { const: 'scroll' } }, required: ['trigger'] }, then: { required: ['scroll'], not: { required: ['target'] } }, else: { not: { required: ['scroll'] } } },
    { if: { required: ['visible'] }, then: { properties: { trigger: { const: 'visible' } } } },
    { if: isCall('page'), then: { properties: { trigger: { const: 'pageview' } } } },
    { if: { required: ['category'] }, then: isCall('page') },
    {
      if: isCall('identify'),
      then: { not: { required: ['properties'] }, anyOf: [{ required: ['userId'] }, { required: ['traits'], properties: { traits: { minItems: 1 } } }] },
      else: { not: { anyOf: [{ required: ['traits'] }, { required: ['userId'] }] } },
    },
  ];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://tagpoint.dev/schema/tag-config.v1.schema.json',
    title: 'Tagpoint tag config, version 1',
    description: 'A site\'s tags: which user action on which element sends which analytics event. See docs/DESIGN.md in the Tagpoint repository.',
    ...schema,
  };
}
