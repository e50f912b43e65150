// @vitest-environment node
/**
 * The corpus copy cannot rot silently: every page SOURCE.md lists is in the repository,
 * byte for byte (size and sha256 as the table says), and the folder holds no page the table
 * leaves out (the table is the list the other tests iterate over).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusEntries, corpusPagePath, parseSourceTable } from '../../fixtures/corpus';

describe('corpus pages (test/fixtures/corpus/pages)', () => {
  it('SOURCE.md lists the 60 pages, each once', () => {
    expect(corpusEntries).toHaveLength(60);
    expect(new Set(corpusEntries.map((e) => e.file)).size).toBe(60);
  });

  it.each(corpusEntries.map((e) => [e.file, e] as const))('%s has the size and sha256 of SOURCE.md', (_file, entry) => {
    // readFileSync throws ENOENT for a missing page: the test fails, naming the file.
    const bytes = readFileSync(corpusPagePath(entry.name));
    expect(bytes.length).toBe(entry.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
  });

  it('the folder holds exactly the pages of the table, with the licence beside them', () => {
    const files = readdirSync(corpusDir).sort();
    expect(files.filter((f) => f.endsWith('.html'))).toEqual(corpusEntries.map((e) => e.file).sort());
    expect(files).toEqual(expect.arrayContaining(['SOURCE.md', 'LICENSE.md']));
    expect(readFileSync(`${corpusDir}/LICENSE.md`, 'utf8')).toContain('Apache License');
  });

  it('a malformed page row is an error naming its line, not a page dropped from the run', () => {
    expect(() => parseSourceTable('| file | upstream | bytes | sha256 |\n| a.html | x | 12 | `nothex` |\n')).toThrow(/:2: /);
    expect(parseSourceTable('| b.html | p/b | 3 | `' + 'a'.repeat(64) + '` |')).toEqual([
      { name: 'b', file: 'b.html', upstream: 'p/b', bytes: 3, sha256: 'a'.repeat(64) },
    ]);
  });
});
