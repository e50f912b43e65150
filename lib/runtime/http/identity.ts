/**
 * Who the visitor is, kept the way analytics.js (analytics-next) keeps it, so a site that
 * moves between analytics.js and Tagpoint's HTTP sink keeps its visitors' ids:
 *
 * - `ajs_anonymous_id` and `ajs_user_id`, each in localStorage (JSON-encoded) and in a
 *   first-party cookie (the raw value, `path=/`, one year, `SameSite=Lax`, on the site's top
 *   domain: the shortest parent domain that takes a cookie, none on an IP or `localhost`);
 * - read from localStorage first, then the cookie, as analytics-next's universal storage does;
 * - a new anonymous id is a random UUID v4.
 *
 * Traits are not kept (analytics.js keeps them in `ajs_user_traits`): they are personal data
 * and no later call needs them. Storage that throws (blocked cookies, sandboxed frames) is
 * replaced by memory for this page.
 */

/** Options of `createIdentity`. */
export interface IdentityOptions {
  /** Cookie domain; default: the site's top domain, found as analytics.js finds it. */
  cookieDomain?: string;
  /** Days the cookies live. Default 365, as analytics.js. */
  cookieDays?: number;
}

/** The visitor's ids. */
export interface Identity {
  anonymousId(): string;
  /** The identified user, or null. */
  userId(): string | null;
  setUserId(id: string): void;
}

export const ANONYMOUS_ID_KEY = 'ajs_anonymous_id';
export const USER_ID_KEY = 'ajs_user_id';

/** A random UUID v4 (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  const h = [...b].map((x) => (x + 256).toString(16).slice(1)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// analytics.js stores JSON (`"abc"`); an older or foreign writer may have stored the bare value.
function decode(raw: string | null | undefined): string | null {
  if (raw == null || raw === '') return null;
  try {
    const value = JSON.parse(raw);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  } catch {
    // analytics.js also stores plain strings: a value that is not JSON is the id itself.
    return raw;
  }
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split('; ')) {
    const eq = part.indexOf('=');
    if (part.slice(0, eq) === name) {
      try {
        return decode(decodeURIComponent(part.slice(eq + 1)));
      } catch {
        // A malformed cookie value (bad %-escape) is no id.
        return null;
      }
    }
  }
  return null;
}

/** The shortest parent domain of `hostname` that accepts a cookie (analytics-next's `tld`). */
export function topDomain(hostname: string): string | undefined {
  const parts = hostname.split('.');
  // An IP address or a single label (localhost) takes host-only cookies.
  if (parts.length <= 1 || (parts.length === 4 && Number(parts[3]) > 0)) return undefined;
  for (let i = parts.length - 2; i >= 0; i--) {
    const domain = parts.slice(i).join('.');
    try {
      document.cookie = `__tld__=1; domain=.${domain}; path=/`;
      if (readCookie('__tld__')) {
        document.cookie = `__tld__=; domain=.${domain}; path=/; max-age=0`;
        return domain;
      }
    } catch {
      // Cookies refused (sandbox, policy): no shared domain, ids stay on this host.
      return undefined;
    }
  }
  return undefined;
}

/** Reads and keeps the visitor's ids. */
export function createIdentity(options: IdentityOptions = {}): Identity {
  const memory = new Map<string, string>();
  let domain: string | undefined | null = options.cookieDomain ?? null;
  const days = options.cookieDays ?? 365;

  const read = (key: string): string | null => {
    if (memory.has(key)) return memory.get(key)!;
    let value: string | null = null;
    try {
      value = decode(localStorage.getItem(key));
    } catch {
      // Storage blocked: try the cookie.
    }
    try {
      value ??= readCookie(key);
    } catch {
      // Cookies blocked too: memory only.
    }
    if (value !== null) memory.set(key, value);
    return value;
  };

  const write = (key: string, value: string) => {
    memory.set(key, value);
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Full or blocked: the cookie and memory keep it.
    }
    try {
      if (domain === null) domain = topDomain(location.hostname);
      document.cookie = `${key}=${encodeURIComponent(value)}; path=/; max-age=${days * 86400}; SameSite=Lax${domain ? `; domain=.${domain}` : ''}`;
    } catch {
      // Blocked: memory keeps it for this page.
    }
  };

  return {
    anonymousId() {
      let id = read(ANONYMOUS_ID_KEY);
      if (!id) write(ANONYMOUS_ID_KEY, (id = uuid()));
      return id;
    },
    userId: () => read(USER_ID_KEY),
    setUserId: (id) => write(USER_ID_KEY, id),
  };
}
