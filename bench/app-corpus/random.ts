/** Seeded randomness for the app corpus: the same seed writes the same pages, byte for byte. */

export type Rng = () => number;

/** mulberry32: small, fast, good enough to shuffle test data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: a seed from a name. */
export function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A generator seeded from several parts (`rngFor(seed, 'shop', 'data')`). */
export function rngFor(...parts: (string | number)[]): Rng {
  return mulberry32(hashSeed(parts.join('/')));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A new array, shuffled (Fisher–Yates). */
export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A build hash of `length` characters derived from `key` (deterministic: the same build
 * seed and key give the same hash, as a bundler's content hash does). Starts with a letter.
 */
export function buildHash(key: string, length: number, alphabet: 'mixed' | 'lower' = 'mixed'): string {
  const rng = mulberry32(hashSeed(key));
  const chars = alphabet === 'mixed' ? ALNUM : LOWER_ALNUM;
  let out = chars[Math.floor(rng() * 26)]!;
  // a real hash of this length nearly always has a digit; make sure, so it reads as one
  while (out.length < length - 1) out += chars[Math.floor(rng() * chars.length)]!;
  return out + String(Math.floor(rng() * 10));
}
