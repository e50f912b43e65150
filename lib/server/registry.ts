import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parseConfig, type ConfigError } from '../config';
import { authorize, type Permission } from './auth';
import { openDatabase, SCHEMA_VERSION } from './db';
import { bodySchemas, issuesToErrors, RevisionParamsSchema, SiteParamsSchema } from './http-schemas';
import { createLiveCache, matchesIfNoneMatch } from './live-cache';
import { createMirror } from './mirror';
import { resolveRegistryOptions, type RegistryOptions, type ResolvedRegistryOptions } from './options';
import { createRuntimeBundle } from './runtime-bundle';
import { createStore, type PublishOutcome, type RegistryStore, type TokenRecord } from './store';
import { createInlineWriter, createWorkerWriter } from './writer';

/** A running (or ready to run) registry. */
export interface Registry {
  /** The fastify instance, for `inject` in tests or extra routes. */
  readonly app: FastifyInstance;
  readonly store: RegistryStore;
  readonly options: ResolvedRegistryOptions;
  /** Repairs the mirror, starts listening and resolves with the base URL (`http://127.0.0.1:8787`). */
  listen(): Promise<string>;
  /** Stops listening, waits for mirror writes, closes the database. Safe to call twice. */
  close(): Promise<void>;
  /** Same as `close`. */
  stop(): Promise<void>;
}

/** Error body of every non-2xx answer. */
export interface ErrorBody {
  error: string;
  errors?: ConfigError[];
  currentRevision?: number;
}

// Cache-Control: lib/publish's client sends `no-cache` so it always sees the live version.
const API_HEADERS = 'Authorization, Content-Type, If-None-Match, Cache-Control';

/**
 * Creates the config registry: opens (or creates) the SQLite file and builds the HTTP app.
 * Nothing listens until `listen()`.
 */
export function createRegistry(input: RegistryOptions = {}): Registry {
  const options = resolveRegistryOptions(input);
  const store = createStore(openDatabase(options.dbPath));
  const live = createLiveCache(store);
  const writer = options.dbPath === ':memory:' ? createInlineWriter(store) : createWorkerWriter(options.dbPath);
  const mirror = options.mirrorDir ? createMirror(options.mirrorDir) : undefined;
  const bundle = createRuntimeBundle(options.runtimeBundlePath);
  const bodies = bodySchemas(options.maxMessageLength);

  const app = Fastify({ logger: options.logger, bodyLimit: options.bodyLimit, exposeHeadRoutes: true });

  const corsOrigin = (origin: string | undefined): string | undefined => {
    if (!origin) return undefined;
    if (options.allowedOrigins === '*') return '*';
    return options.allowedOrigins.includes(origin) ? origin : undefined;
  };

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    const allowed = corsOrigin(request.headers.origin);
    if (allowed) {
      reply.header('access-control-allow-origin', allowed);
      reply.header('access-control-expose-headers', 'ETag, Location');
      if (allowed !== '*') reply.header('vary', 'Origin');
    }
  });

  // Preflight for the API: the extension publishes from its own origin with a bearer token.
  app.options('*', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    // The public files stay open to every origin even when the API is narrowed (a runtime may send If-None-Match).
    const isPublic = path === '/tagpoint.js' || path.endsWith('/config.json');
    if (isPublic && request.headers.origin) reply.header('access-control-allow-origin', '*');
    if (isPublic || corsOrigin(request.headers.origin)) {
      reply.header('access-control-allow-methods', 'GET, HEAD, POST, OPTIONS');
      reply.header('access-control-allow-headers', API_HEADERS);
      reply.header('access-control-max-age', '600');
    }
    return reply.code(204).send();
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return fail(reply, 413, `the request body is larger than the limit of ${options.bodyLimit} bytes`);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return fail(reply, status, error.message);
    request.log.error(error);
    return fail(reply, 500, 'internal error; the registry log has the details');
  });

  app.setNotFoundHandler((request, reply) => fail(reply, 404, `no such route: ${request.method} ${request.url.split('?')[0]}`));

  app.get('/healthz', async () => {
    store.dataVersion();
    return { status: 'ok', schemaVersion: SCHEMA_VERSION };
  });

  app.get('/tagpoint.js', async (request, reply) => {
    const result = await bundle();
    if (!result.ok) return fail(reply, 404, result.message);
    // Sites load the runtime from any origin; it holds no secrets.
    reply.header('access-control-allow-origin', '*');
    reply.header('etag', result.etag).header('cache-control', 'public, max-age=300');
    if (matchesIfNoneMatch(request.headers['if-none-match'], result.etag)) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(result.body);
  });

  app.get('/v1/sites/:site/config.json', async (request, reply) => {
    const site = siteOf(request, reply);
    if (site === undefined) return reply;
    // Public and read by every page view of the site, from any origin.
    reply.header('access-control-allow-origin', '*');
    const entry = live.get(site);
    if (!entry) return fail(reply, 404, `nothing is published for site "${site}" yet`);
    reply.header('etag', entry.etag).header('cache-control', `public, max-age=${options.cacheMaxAge}`);
    if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(entry.body);
  });

  // Auth runs in onRequest, before the body is read: a caller without a token cannot make us parse megabytes.
  const guard = (permission: Permission) => async (request: FastifyRequest, reply: FastifyReply) => {
    const site = siteOf(request, reply);
    if (site === undefined) return reply;
    const auth = authorize(store, request.headers.authorization, site, permission);
    if (!auth.ok) {
      if (auth.status === 401) reply.header('www-authenticate', 'Bearer');
      return fail(reply, auth.status, auth.error);
    }
    tokens.set(request, auth.token);
  };
  const tokens = new WeakMap<FastifyRequest, TokenRecord>();

  app.get('/v1/sites/:site/versions', { onRequest: guard('read') }, async (request, reply) => {
    const { site } = request.params as { site: string };
    reply.header('cache-control', 'private, no-store');
    return store.listVersions(site);
  });

  app.get('/v1/sites/:site/versions/:revision', { onRequest: guard('read') }, async (request, reply) => {
    const params = RevisionParamsSchema.safeParse(request.params);
    if (!params.success) return fail(reply, 400, 'malformed revision', issuesToErrors(params.error.issues));
    const version = store.getVersion(params.data.site, params.data.revision);
    if (!version) return fail(reply, 404, `site "${params.data.site}" has no revision ${params.data.revision}`);
    reply.header('cache-control', 'private, no-store');
    return reply.type('application/json; charset=utf-8').send(version.json);
  });

  app.post('/v1/sites/:site/versions', { onRequest: guard('publish') }, async (request, reply) => {
    const { site } = request.params as { site: string };
    const body = bodies.publish.safeParse(request.body);
    if (!body.success) return fail(reply, 400, 'the request body must be { config, message?, baseRevision? }', issuesToErrors(body.error.issues));
    const parsed = parseConfig(body.data.config);
    if (!parsed.ok) {
      const count = parsed.errors.length;
      return fail(reply, 422, `the config is not valid: ${count} error${count === 1 ? '' : 's'}`, parsed.errors);
    }
    if (parsed.config.site !== site) {
      return fail(reply, 422, 'the config is for another site', [
        { path: 'site', message: `site is "${parsed.config.site}" but this publishes to "${site}"; they must be the same` },
      ]);
    }
    const outcome = await writer.publish({
      site,
      config: parsed.config,
      author: tokens.get(request)!.label,
      message: body.data.message,
      baseRevision: body.data.baseRevision,
    });
    return answerPublish(site, outcome, body.data.baseRevision, reply);
  });

  app.post('/v1/sites/:site/rollback', { onRequest: guard('publish') }, async (request, reply) => {
    const { site } = request.params as { site: string };
    const body = bodies.rollback.safeParse(request.body);
    if (!body.success) return fail(reply, 400, 'the request body must be { revision, message?, baseRevision? }', issuesToErrors(body.error.issues));
    const outcome = await writer.rollback({
      site,
      revision: body.data.revision,
      author: tokens.get(request)!.label,
      message: body.data.message ?? `Rollback to revision ${body.data.revision}`,
      baseRevision: body.data.baseRevision,
    });
    if (!outcome.ok && outcome.reason === 'unknown-revision') {
      return fail(reply, 404, `site "${site}" has no revision ${body.data.revision} to roll back to`);
    }
    return answerPublish(site, outcome, body.data.baseRevision, reply);
  });

  async function answerPublish(site: string, outcome: PublishOutcome, base: number | undefined, reply: FastifyReply) {
    if (!outcome.ok) {
      const current = outcome.reason === 'conflict' ? outcome.currentRevision : 0;
      return reply.code(409).send({
        error: `the live revision of "${site}" is ${current}, not ${base}: someone published meanwhile; review their changes and publish again`,
        currentRevision: current,
      } satisfies ErrorBody);
    }
    const { revision, json } = outcome.version;
    live.invalidate(site);
    const warnings: string[] = [];
    if (mirror) {
      try {
        await mirror.write(site, revision, json);
      } catch (error) {
        // The database is the truth and the publish is committed; the mirror is repaired at next start.
        app.log.error(error);
        warnings.push(`the static mirror could not be written: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    reply.header('location', `/v1/sites/${site}/versions/${revision}`);
    return reply.code(201).send(warnings.length ? { revision, warnings } : { revision });
  }

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      try {
        await app.close();
        await writer.close();
        await mirror?.idle();
      } finally {
        store.close();
      }
    })());

  return {
    app,
    store,
    options,
    async listen() {
      await mirror?.repair(store);
      await app.listen({ port: options.port, host: options.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      return `http://${host}:${port}`;
    },
    close,
    stop: close,
  };
}

function siteOf(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const params = SiteParamsSchema.safeParse(request.params);
  if (params.success) return params.data.site;
  fail(reply, 400, 'malformed site id', issuesToErrors(params.error.issues));
  return undefined;
}

function fail(reply: FastifyReply, status: number, error: string, errors?: ConfigError[]): FastifyReply {
  return reply.code(status).send(errors ? ({ error, errors } satisfies ErrorBody) : ({ error } satisfies ErrorBody));
}
