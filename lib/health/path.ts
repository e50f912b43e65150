/**
 * Page paths as a health beacon carries them: ids, numbers and hashes replaced by `:id`, so a
 * beacon says "/orders/:id" and never which order. Dependency-free: the runtime calls it before
 * sending, the registry again on receipt (it is idempotent), so a path that reaches the store
 * has been generalised whatever the client did.
 */

/** Longest path kept, in characters; longer ones are cut at a segment boundary. */
export const MAX_BEACON_PATH_LENGTH = 256;

// A segment that names one thing rather than a kind of page. Each test is linear in the segment.
const NUMBER = /^[0-9][0-9_.,-]*$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{8,}$/i;
const HAS_DIGIT = /[0-9]/;
const EMAIL_OR_ESCAPE = /[@%]/;

/** True when a path segment looks like an identifier, a number, a hash, an e-mail or an encoded value. */
export function isIdentifierSegment(segment: string): boolean {
  if (segment === '' || segment === ':id') return false;
  if (NUMBER.test(segment) || UUID.test(segment) || EMAIL_OR_ESCAPE.test(segment)) return true;
  if (HEX.test(segment) && HAS_DIGIT.test(segment)) return true;
  // Long tokens with digits (order-8F3K2Q, base64 ids, session slugs); short ones like "v2" or "step-3" stay.
  if (segment.length >= 12 && HAS_DIGIT.test(segment)) return true;
  if (segment.length > 48) return true;
  return false;
}

/**
 * The path of `input` (a path or a full URL) without query, fragment, identifiers or a trailing
 * slash, lower-cased, at most `MAX_BEACON_PATH_LENGTH` characters: `/Orders/8812/?x=1` → `/orders/:id`.
 */
export function generalizePath(input: string): string {
  let path = input;
  const scheme = path.indexOf('://');
  if (scheme !== -1) {
    const slash = path.indexOf('/', scheme + 3);
    path = slash === -1 ? '/' : path.slice(slash);
  }
  const cut = path.search(/[?#]/);
  if (cut !== -1) path = path.slice(0, cut);
  const out: string[] = [];
  let length = 0;
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    const segment = isIdentifierSegment(raw) ? ':id' : raw.toLowerCase().replace(/[^a-z0-9._~:-]/g, '-');
    if (length + segment.length + 1 > MAX_BEACON_PATH_LENGTH) break;
    out.push(segment);
    length += segment.length + 1;
  }
  return `/${out.join('/')}`;
}
