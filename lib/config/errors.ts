import type { z } from 'zod';
import { formatPath } from './path';
import type { ConfigError } from './types';

/**
 * Turns zod issues into errors a marketer can act on: where (JSON path) and why, in plain
 * words, naming the allowed values and suggesting the closest one for a typo.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ path: formatPath([...issue.path, key]), message: unknownKeyMessage(key, issue.path, input) });
      }
      continue;
    }
    errors.push({ path: formatPath(issue.path), message: messageOf(issue, input) });
  }
  return errors;
}

function messageOf(issue: z.core.$ZodIssue, input: unknown): string {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(input, issue.path);
      if (value === undefined) return `${field} is required`;
      return `${field} must be ${article(issue.expected)}, not ${describe(value)}`;
    }
    case 'invalid_value': {
      const value = valueAt(input, issue.path);
      const allowed = issue.values.map((v) => JSON.stringify(v));
      if (allowed.length === 1) return `${field} must be ${allowed[0]}, not ${describe(value)}`;
      const hint = typeof value === 'string' ? closest(value, issue.values.map(String)) : undefined;
      return `${field} must be one of ${allowed.join(', ')}; got ${describe(value)}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    }
    case 'too_big':
      return `${field} is too ${issue.origin === 'array' ? 'long' : 'big'}: at most ${issue.maximum} ${unit(issue.origin)}`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return `${field} must not be empty`;
      return `${field} is too ${issue.origin === 'array' ? 'short' : 'small'}: at least ${issue.minimum} ${unit(issue.origin)}`;
    case 'invalid_union': {
      const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
      const value = valueAt(input, issue.path);
      if (discriminator && options) {
        const names = options.map(String);
        const hint = typeof value === 'string' ? closest(value, names) : undefined;
        if (value === undefined) return `${discriminator} is required; use one of ${names.join(', ')}`;
        return `${discriminator} ${describe(value)} is not known; use one of ${names.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`;
      }
      if (value === undefined) return `${field} is required`;
      return `${field} must be a text, a number or true/false, not ${describe(value)}`;
    }
    case 'invalid_format':
    case 'custom':
    default:
      return issue.message;
  }
}

function unknownKeyMessage(key: string, path: readonly PropertyKey[], input: unknown): string {
  const holder = valueAt(input, path);
  const known = KNOWN_KEYS[holderKind(path, holder)] ?? [];
  const hint = closest(key, known);
  return `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; a typo here would silently change what the tag does`;
}

const KNOWN_KEYS: Record<string, string[]> = {
  config: ['version', 'site', 'revision', 'tags'],
  tag: ['id', 'event', 'trigger', 'target', 'pages', 'properties', 'enabled', 'description'],
  locator: ['selector', 'fallbacks', 'fingerprint'],
  fingerprint: ['tag', 'text', 'attributes'],
  page: ['match', 'value'],
  property: ['name', 'source', 'value', 'selector', 'attribute', 'transform', 'part', 'param'],
};

function holderKind(path: readonly PropertyKey[], _holder: unknown): string {
  const last = path[path.length - 1];
  const beforeLast = path[path.length - 2];
  if (path.length === 0) return 'config';
  if (beforeLast === 'tags') return 'tag';
  if (last === 'target') return 'locator';
  if (last === 'fingerprint') return 'fingerprint';
  if (beforeLast === 'pages') return 'page';
  if (beforeLast === 'properties') return 'property';
  return '';
}

function fieldName(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string') return key;
  }
  return 'the config';
}

function unit(origin: string): string {
  if (origin === 'string') return 'characters';
  if (origin === 'array') return 'items';
  return '';
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'a text',
  int: 'a whole number (integer)',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  array: 'a list',
  object: 'an object',
};

function article(expected: string): string {
  return EXPECTED_WORDS[expected] ?? (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
}

/** Shows a user's value in a message without echoing a huge string. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The candidate closest to `word` by edit distance, when it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}
