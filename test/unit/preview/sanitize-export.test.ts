import { describe, expect, it } from 'vitest';
import { capString, sanitizeProperties, sanitizeValue } from '../../../lib/preview/sanitize';
import { csvCell, entriesToCsv, entriesToJson } from '../../../lib/preview/export';
import { previewLimits } from '../../../lib/preview/limits';
import { createRateLimiter } from '../../../lib/preview/rate';
import { filterEntries } from '../../../lib/preview/filter';
import type { LogEntry } from '../../../lib/preview/schemas';

describe('sanitize', () => {
  it.each([
    ['a string', 'abc', 'abc'],
    ['a number', 3.5, 3.5],
    ['NaN', Number.NaN, null],
    ['Infinity', Number.POSITIVE_INFINITY, null],
    ['a boolean', false, false],
    ['undefined', undefined, null],
    ['a function', () => 1, null],
    ['an array', [1, 'a', { b: 2 }], '[1,"a",{"b":2}]'],
    ['an object', { a: { b: { c: { d: { e: 1 } } } } }, '{"a":{"b":{"c":{"d":{…}}}}}'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeValue(input)).toEqual(expected);
  });

  it('cuts long strings', () => {
    expect(capString('x'.repeat(600), 500)).toHaveLength(500);
    expect(sanitizeValue('y'.repeat(10_000))).toHaveLength(500);
  });

  it('caps the number of properties and drops reserved keys', () => {
    const input: Record<string, number> = JSON.parse('{"__proto__": 1, "constructor": 2}');
    for (let i = 0; i < 80; i++) input[`p${i}`] = i;
    const out = sanitizeProperties(input, previewLimits({ maxProperties: 10 }));
    expect(Object.keys(out)).toHaveLength(11);
    expect(out['…']).toBe('70 more properties not shown');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).not.toContain('__proto__');
  });

  it('refuses non-plain objects as properties', () => {
    expect(sanitizeProperties([1, 2])).toEqual({});
    expect(sanitizeProperties('x')).toEqual({});
    expect(sanitizeProperties(new Date(0))).toEqual({});
  });
});

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+1', "'+1+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    [42, '42'],
    [null, ''],
  ])('cell %j -> %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  const entries: LogEntry[] = [
    { id: 'a-1', time: 0, kind: 'preview', url: 'http://x/', event: '=cmd|calc', tag: 't1', trigger: 'click', properties: { price: 2, name: '@x' } },
    {
      id: 'a-2',
      time: 1000,
      kind: 'no-tag',
      url: 'http://x/',
      trigger: 'click',
      candidates: [{ tag: 't2', event: 'Checkout', reason: 'page-rule-failed', onPage: 1, distance: 0 }],
    },
  ];

  it('writes one row per entry, neutralising formulas in every cell', () => {
    const rows = entriesToCsv(entries).split('\r\n');
    expect(rows[0]).toBe('time,kind,event,tag,trigger,url,element,properties,why not fired');
    expect(rows[1]).toBe(`1970-01-01T00:00:00.000Z,preview,'=cmd|calc,t1,click,http://x/,,"{""price"":2,""name"":""@x""}",`);
    expect(rows[2]).toContain('Checkout: page rule failed');
    expect(rows).toHaveLength(4);
  });

  it('JSON export holds the entries as they are', () => {
    const parsed = JSON.parse(entriesToJson(entries, { exportedAt: 0 }));
    expect(parsed).toEqual({ format: 'tagpoint-preview-log', version: 1, exportedAt: '1970-01-01T00:00:00.000Z', entries });
  });

  it('filters by kind and searches text and properties', () => {
    expect(filterEntries(entries, { kinds: ['no-tag'] }).map((e) => e.id)).toEqual(['a-2']);
    expect(filterEntries(entries, { query: '@X' }).map((e) => e.id)).toEqual(['a-1']);
    expect(filterEntries(entries, { query: 'checkout' }).map((e) => e.id)).toEqual(['a-2']);
    expect(filterEntries(entries, { query: '  ' })).toHaveLength(2);
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then the sustained rate', () => {
    let now = 0;
    const rate = createRateLimiter({ perSecond: 10, burst: 5, now: () => now });
    const first = Array.from({ length: 8 }, () => rate.take());
    expect(first).toEqual([true, true, true, true, true, false, false, false]);
    now += 300; // 3 tokens
    expect(Array.from({ length: 4 }, () => rate.take())).toEqual([true, true, true, false]);
    expect(rate.dropped).toBe(4);
  });
});
