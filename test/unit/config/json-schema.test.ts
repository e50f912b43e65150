// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, JSON_SCHEMA_FILE } from '../../../lib/config';
import { designExample, withEdit } from './example';

const committed = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../..', JSON_SCHEMA_FILE), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(committed);

describe('JSON Schema of tag config v1', () => {
  it('is current: the committed file equals what `npm run schema` writes', () => {
    expect(committed).toEqual(configJsonSchema());
  });

  it('validates the docs/DESIGN.md example', () => {
    expect(validate(designExample()), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['unknown field in a tag', (c: any) => (c.tags[0].triger = 'click')],
    ['unknown trigger', (c: any) => (c.tags[0].trigger = 'tap')],
    ['bad site id', (c: any) => (c.site = 'Shop!')],
    ['click tag without target', (c: any) => delete c.tags[0].target],
    ['unknown property source', (c: any) => (c.tags[0].properties[0].source = 'txt')],
    ['wrong version', (c: any) => (c.version = 2)],
    ['unknown top-level field', (c: any) => (c.extra = true)],
  ])('rejects %s', (_name, edit) => {
    expect(validate(withEdit(edit))).toBe(false);
  });

  const optIn = { by: 'Ada', at: '2026-05-01T09:30:00Z' };
  const identify = { id: 'i', event: 'Signed Up', trigger: 'submit', call: 'identify', target: { selector: 'form' }, traits: [{ name: 'email', source: 'value', selector: '#email', optIn }] };
  it.each([
    ['a page call with a category', { id: 'p', event: 'Product', trigger: 'pageview', call: 'page', category: 'Shop' }],
    ['an identify call with traits', identify],
    ['an identify call with only a user id', { ...identify, traits: undefined, userId: { source: 'value', selector: '#email', optIn } }],
  ])('accepts %s', (_name, tag) => {
    expect(validate(withEdit((c) => (c.tags[0] = JSON.parse(JSON.stringify(tag)))))).toBe(true);
  });

  it.each([
    ['a page call on a click', { id: 'p', event: 'P', trigger: 'click', call: 'page', target: { selector: 'a' } }],
    ['a category on a track call', { id: 'p', event: 'P', trigger: 'pageview', category: 'Shop' }],
    ['traits on a track call', { ...identify, call: 'track' }],
    ['an identify call with properties', { ...identify, properties: [{ name: 'a', source: 'static', value: 1 }] }],
    ['an identify call with nothing to send', { ...identify, traits: [] }],
    ['a trait without opt-in', { ...identify, traits: [{ name: 'email', source: 'value', selector: '#email' }] }],
    ['an opt-in time without zone', { ...identify, traits: [{ name: 'email', source: 'value', optIn: { by: 'Ada', at: '2026-05-01T09:30:00' } }] }],
    ['a static user id', { ...identify, userId: { source: 'static', value: 'everyone', optIn } }],
  ])('rejects %s', (_name, tag) => {
    expect(validate(withEdit((c) => (c.tags[0] = JSON.parse(JSON.stringify(tag)))))).toBe(false);
  });

  it('lets a pageview tag go without target', () => {
    expect(validate(withEdit((c) => (c.tags[0] = { id: 'p', event: 'Page Viewed', trigger: 'pageview' })))).toBe(true);
  });
});
