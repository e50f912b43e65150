import { fileURLToPath } from 'node:url';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './health/thresholds';

/** Where `.output/runtime/tagpoint.js` lands when the runtime is built from this checkout. */
export const DEFAULT_RUNTIME_BUNDLE_PATH = fileURLToPath(new URL('../../.output/runtime/tagpoint.js', import.meta.url));

/** Options of `createRegistry`. Every field has a default, documented beside it. */
export interface RegistryOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback only: put a reverse proxy in front to expose it). */
  host?: string;
  /** SQLite file; its folder is created. Default `./data/tagpoint.db` (relative to the working directory). */
  dbPath?: string;
  /** Static mirror folder: every publish writes `<dir>/<site>/config.<revision>.json` and `<dir>/<site>/config.json`. Default: none. */
  mirrorDir?: string;
  /** Largest body of a publish, in bytes; larger ones get 413. Default 4 MiB (about 8,000 richly described tags). */
  bodyLimit?: number;
  /** Largest body of every other write route (rollback: a revision number and a message), in bytes. Default 16 KiB. */
  smallBodyLimit?: number;
  /**
   * How long `close()` lets open connections finish before cutting them, in ms. Default 2,000:
   * a request in flight completes, but a socket a browser opened and never used (Chromium
   * preconnects) does not hold the shutdown for the connection timeout.
   */
  closeGraceMs?: number;
  /** `Cache-Control: max-age` of the live config, in seconds: how long a browser or CDN may show an old version. Default 60. */
  cacheMaxAge?: number;
  /** The runtime bundle served at `/tagpoint.js`. Default `.output/runtime/tagpoint.js` of this checkout. */
  runtimeBundlePath?: string;
  /**
   * Origins allowed to call the API from a browser (CORS). Default `'*'`: the API authenticates by
   * bearer token only, never by cookie, so a page that does not hold a token gains nothing from CORS.
   */
  allowedOrigins?: '*' | readonly string[];
  /** Longest publish message, in characters. Default 1,000. */
  maxMessageLength?: number;
  /** Fastify's request log (pino, to stdout). Default false. */
  logger?: boolean;

  /**
   * Longest time from a request's first byte to its last body byte, in ms; then the connection is
   * closed (a slow body, valid token or not). Default 30,000: a 4 MiB publish over a 2 Mbit/s uplink.
   */
  requestTimeout?: number;
  /** Longest time to receive a request's headers, in ms (slowloris). Default 10,000. */
  headersTimeout?: number;
  /** How long an idle keep-alive connection stays open, in ms. Default 5,000. */
  keepAliveTimeout?: number;
  /** A socket with no traffic at all for this long is closed, in ms. Default 60,000. */
  connectionTimeout?: number;
  /**
   * When the registry answers before reading the body (401, 403, 413, 429), it closes the connection:
   * the rest of the body is read and discarded for at most this long, in ms, so the client can read
   * the answer, then the socket is destroyed. Default 1,000.
   */
  unreadBodyLingerMs?: number;
  /**
   * Failed authentications (401) allowed per client IP and window before every authenticated
   * route answers 429 with `Retry-After` to that IP. Default 20.
   */
  authFailureLimit?: number;
  /** The window of `authFailureLimit`, in ms. Default 60,000. */
  authFailureWindowMs?: number;
  /** Client IPs the failed-auth limiter remembers (least recently seen forgotten first): bounds its memory. Default 10,000. */
  authFailureClients?: number;
  /**
   * Take the client IP from `X-Forwarded-For` (fastify's `trustProxy`): set it behind a reverse
   * proxy, or every visitor shares the proxy's IP in the rate limits. Default false.
   */
  trustProxy?: boolean;
  /** Versions per page of `GET /versions` when `limit` is not given. Default 50. */
  historyPageSize?: number;
  /** Largest `limit` a client may ask for in `GET /versions`. Default 200. */
  historyMaxPageSize?: number;
  /** Immutable mirror files written per batch during the repair at start, before yielding to requests. Default 50. */
  mirrorRepairBatch?: number;
  /**
   * How often the mirror checks whether another process committed (SQLite's `data_version`) and
   * brings live files in line, in ms; 0 turns it off. Default 1,000. This heals the mirror when
   * another registry on the same file died between its commit and its mirror write.
   */
  mirrorSyncIntervalMs?: number;

  /** Largest health beacon, in bytes (`POST /health`). Default 64 KiB (about 1,000 tags). */
  healthBodyLimit?: number;
  /** Beacons accepted per client IP and `healthRateWindowMs`; more get 429. 0 = no limit. Default 300 (a visitor sends one per page view). */
  healthRateLimit?: number;
  /** The window of `healthRateLimit`, in ms. Default 60,000. */
  healthRateWindowMs?: number;
  /** Client IPs the beacon limiter remembers (least recently seen forgotten first). Default 10,000. */
  healthRateClients?: number;
  /** Length of one health counter bucket, in seconds. Default 3,600 (per-hour rows). */
  healthBucketSeconds?: number;
  /** Beacons count for the live revision and the ones just before it, this many in all; others are ignored. Default 5. */
  healthRevisionWindow?: number;
  /** How often beacon counters go to SQLite, in ms (one transaction, on the writer thread). Default 1,000. */
  healthFlushIntervalMs?: number;
  /** Most counter rows held in memory between flushes; one more flushes at once. Default 50,000. */
  healthMaxPendingRows?: number;
  /** Counter rows older than this are deleted, in seconds. Default 30 days. */
  healthRetentionSeconds?: number;
  /** Overrides of the health thresholds (lib/server/health/thresholds.ts). */
  healthThresholds?: Partial<HealthThresholds>;
  /** POST a Slack-compatible `{ text, blocks }` here when a tag becomes broken or degraded, and when it recovers. Default: none. */
  alertWebhook?: string;
  /** At most one problem alert per tag per this many ms. Default 24 h. */
  alertIntervalMs?: number;
  /** How often a site with new beacons is checked for alerts, in ms. Default 60,000. */
  alertCheckIntervalMs?: number;
  /** The clock of tag health (buckets, reports, alert times), in ms since the epoch. Default `Date.now`; tests drive their own. */
  now?: () => number;
}

/** `RegistryOptions` with every default filled in. */
export type ResolvedRegistryOptions = Required<Omit<RegistryOptions, 'mirrorDir' | 'alertWebhook' | 'healthThresholds'>> & {
  mirrorDir: string | undefined;
  alertWebhook: string | undefined;
  healthThresholds: HealthThresholds;
};

/** Fills in the documented defaults. */
export function resolveRegistryOptions(options: RegistryOptions = {}): ResolvedRegistryOptions {
  const historyPageSize = options.historyPageSize ?? 50;
  return {
    port: options.port ?? 8787,
    host: options.host ?? '127.0.0.1',
    dbPath: options.dbPath ?? './data/tagpoint.db',
    mirrorDir: options.mirrorDir,
    bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
    smallBodyLimit: options.smallBodyLimit ?? 16 * 1024,
    closeGraceMs: options.closeGraceMs ?? 2_000,
    cacheMaxAge: options.cacheMaxAge ?? 60,
    runtimeBundlePath: options.runtimeBundlePath ?? DEFAULT_RUNTIME_BUNDLE_PATH,
    allowedOrigins: options.allowedOrigins ?? '*',
    maxMessageLength: options.maxMessageLength ?? 1_000,
    logger: options.logger ?? false,
    requestTimeout: options.requestTimeout ?? 30_000,
    headersTimeout: options.headersTimeout ?? 10_000,
    keepAliveTimeout: options.keepAliveTimeout ?? 5_000,
    connectionTimeout: options.connectionTimeout ?? 60_000,
    unreadBodyLingerMs: options.unreadBodyLingerMs ?? 1_000,
    authFailureLimit: options.authFailureLimit ?? 20,
    authFailureWindowMs: options.authFailureWindowMs ?? 60_000,
    authFailureClients: options.authFailureClients ?? 10_000,
    trustProxy: options.trustProxy ?? false,
    historyPageSize,
    historyMaxPageSize: Math.max(options.historyMaxPageSize ?? 200, historyPageSize),
    mirrorRepairBatch: options.mirrorRepairBatch ?? 50,
    mirrorSyncIntervalMs: options.mirrorSyncIntervalMs ?? 1_000,
    healthBodyLimit: options.healthBodyLimit ?? 64 * 1024,
    healthRateLimit: options.healthRateLimit ?? 300,
    healthRateWindowMs: options.healthRateWindowMs ?? 60_000,
    healthRateClients: options.healthRateClients ?? 10_000,
    healthBucketSeconds: options.healthBucketSeconds ?? 3_600,
    healthRevisionWindow: options.healthRevisionWindow ?? 5,
    healthFlushIntervalMs: options.healthFlushIntervalMs ?? 1_000,
    healthMaxPendingRows: options.healthMaxPendingRows ?? 50_000,
    healthRetentionSeconds: options.healthRetentionSeconds ?? 30 * 24 * 3600,
    healthThresholds: { ...DEFAULT_HEALTH_THRESHOLDS, ...options.healthThresholds },
    alertWebhook: options.alertWebhook,
    alertIntervalMs: options.alertIntervalMs ?? 24 * 3600_000,
    alertCheckIntervalMs: options.alertCheckIntervalMs ?? 60_000,
    now: options.now ?? Date.now,
  };
}
