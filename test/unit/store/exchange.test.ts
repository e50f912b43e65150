import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lib/config';
import { exportConfig, importConfig } from '../../../lib/store/exchange';

const tags = [
  { id: 't1', event: 'Product Added', trigger: 'click' as const, target: { selector: '.add' } },
  { id: 't2', event: 'Signed Up', trigger: 'submit' as const, target: { selector: '#signup' } },
];

describe('export and import', () => {
  it('exports JSON that parseConfig accepts, with the site and revision', () => {
    const result = exportConfig({ site: 'shop', revision: 7, tags });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const parsed = parseConfig(JSON.parse(result.json));
    expect(parsed.ok && parsed.config).toEqual({ version: 1, site: 'shop', revision: 7, tags });
  });

  it('refuses to export what would not validate, with paths', () => {
    const result = exportConfig({ site: 'Not A Site', revision: 0, tags });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['site']);
  });

  it.each([
    ['{', '(file)'],
    [JSON.stringify({ version: 1, site: 'shop', revision: 0, tags: [{ id: 't1', event: 'X', trigger: 'click', target: { selector: 'a[' } }] }), 'tags[0].target.selector'],
    [JSON.stringify({ version: 9, site: 'shop', revision: 0, tags: [] }), 'version'],
  ])('reports errors of a bad file with their paths: %s', (text, path) => {
    const result = importConfig(text, { site: 'shop', tags });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(path);
  });

  it('replaces or merges by id', () => {
    const file = JSON.stringify({ version: 1, site: 'other', revision: 3, tags: [{ ...tags[1], event: 'Account Created' }, { id: 't3', event: 'Page Viewed', trigger: 'pageview' }] });
    const replaced = importConfig(file, { site: 'shop', tags });
    expect(replaced.ok && replaced.tags.map((t) => t.id)).toEqual(['t2', 't3']);
    expect(replaced.ok && replaced.fromSite).toBe('other');
    const merged = importConfig(file, { site: 'shop', tags }, { mode: 'merge' });
    expect(merged.ok && merged.tags.map((t) => `${t.id}:${t.event}`)).toEqual(['t1:Product Added', 't2:Account Created', 't3:Page Viewed']);
  });
});

describe('importConfig of hand-written files', () => {
  const t = { id: 'h1', event: 'Hand Written', trigger: 'click', target: { selector: '#go' } };
  it('takes a file without revision, site or version, or a bare list of tags', () => {
    for (const file of [{ version: 1, site: 'shop', tags: [t] }, { tags: [t] }, [t]]) {
      const result = importConfig(JSON.stringify(file), { site: '127-0-0-1', tags: [] });
      expect(result.ok && result.tags.map((x) => x.id)).toEqual(['h1']);
    }
  });
  it('still checks an envelope field that is there', () => {
    const result = importConfig(JSON.stringify({ revision: -1, tags: [t] }), { site: 'shop', tags: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('revision');
  });
});
