import { fileURLToPath } from 'node:url';

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
  /** Largest request body in bytes; larger ones get 413. Default 4 MiB (about 8,000 richly described tags). */
  bodyLimit?: number;
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
}

/** `RegistryOptions` with every default filled in. */
export type ResolvedRegistryOptions = Required<Omit<RegistryOptions, 'mirrorDir'>> & { mirrorDir: string | undefined };

/** Fills in the documented defaults. */
export function resolveRegistryOptions(options: RegistryOptions = {}): ResolvedRegistryOptions {
  return {
    port: options.port ?? 8787,
    host: options.host ?? '127.0.0.1',
    dbPath: options.dbPath ?? './data/tagpoint.db',
    mirrorDir: options.mirrorDir,
    bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
    cacheMaxAge: options.cacheMaxAge ?? 60,
    runtimeBundlePath: options.runtimeBundlePath ?? DEFAULT_RUNTIME_BUNDLE_PATH,
    allowedOrigins: options.allowedOrigins ?? '*',
    maxMessageLength: options.maxMessageLength ?? 1_000,
    logger: options.logger ?? false,
  };
}
