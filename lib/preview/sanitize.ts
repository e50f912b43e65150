/**
 * Turns untrusted values from the page into small, flat, inert data: strings cut to a
 * length, properties flattened to primitives, nested objects summarised as capped JSON.
 * Nothing here calls a getter or method of the input beyond own enumerable keys, and
 * structured-cloned `postMessage` data has neither.
 */
import { FORBIDDEN_KEYS } from '../config/limits';
import { DEFAULT_PREVIEW_LIMITS, type PreviewLimits } from './limits';

/** A property value as the log keeps it. */
export type Primitive = string | number | boolean | null;

/** Cuts a string to `max` characters, marking the cut with an ellipsis. */
export function capString(value: string, max: number = DEFAULT_PREVIEW_LIMITS.maxString): string {
  return value.length > max ? `${value.slice(0, Math.max(0, max - 1))}…` : value;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A JSON-ish summary of a nested value, built with budgets rather than JSON.stringify. */
function summarise(value: unknown, depth: number, budget: { left: number }, limits: PreviewLimits): string {
  if (budget.left <= 0) return '…';
  budget.left--;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(capString(value, 100));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return JSON.stringify(typeof value);
  if (depth >= limits.maxDepth) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => summarise(v, depth + 1, budget, limits));
    return `[${items.join(',')}${value.length > 20 ? ',…' : ''}]`;
  }
  if (!isPlainRecord(value)) return '{}';
  const keys = Object.keys(value);
  const parts = keys.slice(0, 20).map((k) => `${JSON.stringify(capString(k, 50))}:${summarise(value[k], depth + 1, budget, limits)}`);
  return `{${parts.join(',')}${keys.length > 20 ? ',…' : ''}}`;
}

/** One value made primitive: strings capped, non-finite numbers null, objects summarised. */
export function sanitizeValue(value: unknown, limits: PreviewLimits = DEFAULT_PREVIEW_LIMITS): Primitive {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return capString(value, limits.maxString);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'object') return capString(summarise(value, 0, { left: 200 }, limits), limits.maxString);
  return null;
}

/**
 * Properties made flat and small: at most `maxProperties` keys (the rest dropped, counted
 * under `…`), reserved keys skipped, names and values capped. Always a null-prototype-free
 * fresh object.
 */
export function sanitizeProperties(input: unknown, limits: PreviewLimits = DEFAULT_PREVIEW_LIMITS): Record<string, Primitive> {
  const out: Record<string, Primitive> = {};
  if (!isPlainRecord(input)) return out;
  let kept = 0;
  let dropped = 0;
  for (const key of Object.keys(input)) {
    if (FORBIDDEN_KEYS.includes(key)) continue;
    if (kept >= limits.maxProperties) {
      dropped++;
      continue;
    }
    Object.defineProperty(out, capString(key, 100), { value: sanitizeValue(input[key], limits), enumerable: true, writable: true, configurable: true });
    kept++;
  }
  if (dropped) out['…'] = `${dropped} more properties not shown`;
  return out;
}
