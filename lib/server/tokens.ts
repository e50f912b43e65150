import { createHash, randomBytes } from 'node:crypto';

/** What a token may do: publishers publish and roll back; viewers read history. */
export type TokenRole = 'publisher' | 'viewer';
export const TOKEN_ROLES: readonly TokenRole[] = ['publisher', 'viewer'];

/** Tokens start with this, so a leaked one is recognisable by secret scanners. */
export const TOKEN_PREFIX = 'tp_';

/** A new secret token (256 random bits) and its public id. */
export function generateToken(): { id: string; token: string } {
  return {
    id: `tok_${randomBytes(6).toString('hex')}`,
    token: `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`,
  };
}

/**
 * What the database keeps instead of the token. A fast hash is enough (no salt, no KDF): the
 * token is 256 random bits, not a password that could be guessed from a dictionary.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when `text` has the shape of a token (not whether it is valid). */
export function isTokenShaped(text: string): boolean {
  return text.startsWith(TOKEN_PREFIX) && /^[A-Za-z0-9_-]{10,200}$/.test(text.slice(TOKEN_PREFIX.length));
}
