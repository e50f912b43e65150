import { parseConfig, SITE_ID_PATTERN, type ConfigError, type TagConfig } from '../config';
import type { z } from '../config/zod';
import {
  ErrorBodySchema,
  HealthReportSchema,
  HealthSchema,
  PublishedSchema,
  type HealthReport,
  VersionPageSchema,
  type PublishBody,
  type Published,
  type RollbackBody,
  type VersionPage,
} from './schemas';

/** Why a registry call failed, in terms a UI can act on. */
export type RegistryErrorKind =
  | 'network' // no answer: registry down, wrong URL, offline, CORS refused
  | 'timeout'
  | 'unauthorized' // 401: token missing, unknown or revoked
  | 'forbidden' // 403: token of another site, or a viewer token
  | 'not-found'
  | 'conflict' // 409: someone published meanwhile; `currentRevision` says what is live now
  | 'invalid' // 422: the config has errors; `errors` lists each with its path
  | 'too-large' // 413
  | 'rate-limited' // 429: too many failed authentications from this address; `retryAfter` says when to try again
  | 'bad-request' // 400, or a malformed argument caught before sending
  | 'server' // 5xx
  | 'bad-response'; // an answer that does not have the documented shape

/** A failed registry call. */
export interface RegistryError {
  kind: RegistryErrorKind;
  message: string;
  /** HTTP status, when there was an answer. */
  status?: number;
  errors?: ConfigError[];
  currentRevision?: number;
  /** Seconds to wait before trying again (429). */
  retryAfter?: number;
}

/** Every client method resolves (never rejects) to one of these. */
export type RegistryResult<T> = { ok: true; value: T } | { ok: false; error: RegistryError };

/** Options of `createRegistryClient`. */
export interface RegistryClientOptions {
  /** Registry root, such as `https://tags.example.com` or `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** Bearer token; needed for everything but `getLive` and `health`. */
  token?: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Abort a request after this many milliseconds. Default 15,000. */
  timeoutMs?: number;
}

/**
 * Options of a publish or rollback: `message`, and `baseRevision`, the live revision the draft
 * was based on (0 when nothing was live). When set, the registry refuses with `conflict` if
 * another publish happened since. Omit it to publish regardless.
 */
export type PublishOptions = Omit<PublishBody, 'config'>;

/** Which page of the history: revisions below `before` (the previous page's `nextBefore`), at most `limit` (the registry caps it). */
export interface HistoryPageOptions {
  before?: number;
  limit?: number;
}

/** A typed, validated client of the registry's HTTP API. Uses only `fetch`: runs in the extension and in Node. */
export interface RegistryClient {
  health(): Promise<RegistryResult<true>>;
  /** The live config, or null when the site has published nothing yet. Always revalidated, never a stale cache. */
  getLive(site: string): Promise<RegistryResult<TagConfig | null>>;
  /** One page of the history, newest first; `nextBefore` asks for the next. */
  listVersions(site: string, page?: HistoryPageOptions): Promise<RegistryResult<VersionPage>>;
  getVersion(site: string, revision: number): Promise<RegistryResult<TagConfig>>;
  publish(site: string, config: TagConfig, options?: PublishOptions): Promise<RegistryResult<Published>>;
  rollback(site: string, revision: number, options?: PublishOptions): Promise<RegistryResult<Published>>;
  /** Tag health of the site's live tags since `since` (ISO date-time, or `90m`, `24h`, `7d`; default 24h). Viewer token. */
  tagHealth(site: string, options?: { since?: string }): Promise<RegistryResult<HealthReport>>;
}

const STATUS_KINDS: Record<number, RegistryErrorKind> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  422: 'invalid',
  429: 'rate-limited',
};

/** Creates a client for the registry at `options.baseUrl`. */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response | RegistryError> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    // The live config is cacheable for a minute; the editor must diff against what is live now.
    // `cache: 'no-cache'` says so to browsers, the header to caches that ignore the mode (happy-dom, proxies).
    if (method === 'GET') headers['cache-control'] = 'no-cache';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-cache',
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'timeout', message: `the registry did not answer within ${timeoutMs} ms` };
      return { kind: 'network', message: `could not reach the registry at ${base}: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    read: (json: unknown) => RegistryResult<T>,
    onNotFound?: () => RegistryResult<T>,
  ): Promise<RegistryResult<T>> {
    const response = await request(method, path, body);
    if (!(response instanceof Response)) return { ok: false, error: response };
    let json: unknown;
    try {
      const text = await response.text();
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: reported to the caller as a bad response, with the status.
      return failure('bad-response', `the registry's answer (${response.status}) is not JSON; is ${base} a Tagpoint registry?`, response.status);
    }
    if (response.ok) return read(json);
    if (response.status === 404 && onNotFound) return onNotFound();
    const parsed = ErrorBodySchema.safeParse(json);
    const kind = STATUS_KINDS[response.status] ?? (response.status >= 500 ? 'server' : 'bad-request');
    if (!parsed.success) return failure(kind, `the registry answered ${response.status}`, response.status);
    return {
      ok: false,
      error: {
        kind,
        status: response.status,
        message: parsed.data.error,
        ...(parsed.data.errors ? { errors: parsed.data.errors } : {}),
        ...(parsed.data.currentRevision !== undefined ? { currentRevision: parsed.data.currentRevision } : {}),
        ...(retryAfterOf(response) !== undefined ? { retryAfter: retryAfterOf(response) } : {}),
      },
    };
  }

  const sitePath = (site: string) => `/v1/sites/${encodeURIComponent(site)}`;
  const badSite = (site: string) =>
    SITE_ID_PATTERN.test(site) ? undefined : failure('bad-request', `"${site}" is not a site id: lower-case letters, digits and dashes`);

  return {
    health: () => call('GET', '/healthz', undefined, (json) => shaped(HealthSchema, json, () => true as const)),
    getLive: async (site) =>
      badSite(site) ?? call('GET', `${sitePath(site)}/config.json`, undefined, readConfig, () => ({ ok: true, value: null })),
    listVersions: async (site, page = {}) => {
      const query = new URLSearchParams();
      if (page.before !== undefined) query.set('before', String(page.before));
      if (page.limit !== undefined) query.set('limit', String(page.limit));
      const suffix = query.size ? `?${query}` : '';
      return badSite(site) ?? call('GET', `${sitePath(site)}/versions${suffix}`, undefined, (json) => shaped(VersionPageSchema, json, (v) => v));
    },
    getVersion: async (site, revision) =>
      badSite(site) ?? call('GET', `${sitePath(site)}/versions/${revision}`, undefined, readConfig),
    publish: async (site, config, publishOptions = {}) =>
      badSite(site) ??
      call('POST', `${sitePath(site)}/versions`, { config, ...publishOptions } satisfies PublishBody, (json) => shaped(PublishedSchema, json, (v) => v)),
    rollback: async (site, revision, publishOptions = {}) =>
      badSite(site) ??
      call('POST', `${sitePath(site)}/rollback`, { revision, ...publishOptions } satisfies RollbackBody, (json) => shaped(PublishedSchema, json, (v) => v)),
    tagHealth: async (site, healthOptions = {}) => {
      const suffix = healthOptions.since !== undefined ? `?${new URLSearchParams({ since: healthOptions.since })}` : '';
      return badSite(site) ?? call('GET', `${sitePath(site)}/health${suffix}`, undefined, (json) => shaped(HealthReportSchema, json, (v) => v));
    },
  };
}

function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

function readConfig(json: unknown): RegistryResult<TagConfig> {
  const parsed = parseConfig(json);
  if (parsed.ok) return { ok: true, value: parsed.config };
  return { ok: false, error: { kind: 'bad-response', message: 'the registry sent a config that is not valid', errors: parsed.errors } };
}

function shaped<S extends z.ZodType, T>(schema: S, json: unknown, map: (value: z.infer<S>) => T): RegistryResult<T> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: map(parsed.data) };
  return failure('bad-response', 'the registry answered with an unexpected shape');
}

function failure(kind: RegistryErrorKind, message: string, status?: number): { ok: false; error: RegistryError } {
  return { ok: false, error: status === undefined ? { kind, message } : { kind, message, status } };
}
