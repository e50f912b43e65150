import type { RegistryStore, TokenRecord } from './store';

/** What a route needs: `read` (history; viewer or publisher) or `publish` (publisher only). */
export type Permission = 'read' | 'publish';

/** The outcome of checking a request's bearer token against a site. */
export type AuthResult = { ok: true; token: TokenRecord } | { ok: false; status: 401 | 403; error: string };

/** Checks an `Authorization: Bearer <token>` header for `permission` on `site`. */
export function authorize(store: RegistryStore, header: string | undefined, site: string, permission: Permission): AuthResult {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    return { ok: false, status: 401, error: 'a token is required: send the header "Authorization: Bearer <token>" (create one with `tagpoint token create`)' };
  }
  const token = store.findToken(match[1]!);
  if (!token) return { ok: false, status: 401, error: 'the token is not known or was revoked' };
  if (token.site !== site) return { ok: false, status: 403, error: `this token belongs to site "${token.site}", not "${site}"` };
  if (permission === 'publish' && token.role !== 'publisher') {
    return { ok: false, status: 403, error: `this token is a ${token.role} token; publishing and rollback need a publisher token` };
  }
  return { ok: true, token };
}
