// @vitest-environment node
/**
 * docs/DESIGN.md is cited by the source and the JSON Schema; these checks keep the parts of
 * it that code can read from drifting: its example config, the format's enums and the
 * registry routes it lists.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_MATCHES, PROPERTY_SOURCES, TRIGGERS, URL_PARTS, TRANSFORMS } from '../../../lib/config/limits';
import { designExample } from './example';

const root = resolve(import.meta.dirname, '../../..');
const design = readFileSync(resolve(root, 'docs/DESIGN.md'), 'utf8');
const section = (title: string): string => {
  const start = design.indexOf(`\n## ${title}`);
  expect(start, `docs/DESIGN.md has a "## ${title}" section`).toBeGreaterThan(0);
  const end = design.indexOf('\n## ', start + 1);
  return design.slice(start, end === -1 ? undefined : end);
};
const codeNames = (text: string): Set<string> => new Set([...text.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!));

describe('docs/DESIGN.md', () => {
  it('shows, as its tag config example, exactly the config the unit tests use as "the design example"', () => {
    const json = /```json\n([\s\S]*?)```/.exec(section('Tag config, version 1'))?.[1];
    expect(json, 'a ```json block in "Tag config, version 1"').toBeDefined();
    expect(JSON.parse(json!)).toEqual(designExample());
  });

  it('names every trigger, page match, property source, url part and transform of the format', () => {
    const names = codeNames(section('Tag config, version 1'));
    for (const name of [...TRIGGERS, ...PAGE_MATCHES, ...PROPERTY_SOURCES, ...URL_PARTS, ...TRANSFORMS]) {
      expect(names.has(name), `\`${name}\` in "Tag config, version 1"`).toBe(true);
    }
  });

  it('lists the registry routes lib/server/registry.ts serves, and only those', () => {
    const registry = readFileSync(resolve(root, 'lib/server/registry.ts'), 'utf8');
    const served = [...registry.matchAll(/app\.(get|post|put|delete|patch)\('([^']+)'/g)]
      .map((m) => `${m[1]!.toUpperCase()} ${m[2]!.replace(/:([a-z]+)/g, '<$1>')}`)
      .sort();
    const text = section('Registry contract');
    const listed = [...text.matchAll(/`(GET|POST|PUT|DELETE|PATCH) (\/[^`\s]*)`/g)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(served.length).toBeGreaterThan(0);
    expect(listed).toEqual(served);
  });

  it('points the script tag at the registry path of the live config', () => {
    expect(section('Runtime contract')).toContain('data-config-url=".../v1/sites/shop/config.json"');
    expect(section('The parts and how data flows')).toContain('GET /v1/sites/<site>/config.json');
  });
});
