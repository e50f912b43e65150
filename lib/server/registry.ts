import cors, { type FastifyCorsOptions } from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parseConfig, type ConfigError } from '../config';
import { BeaconSchema } from '../health/beacon';
import { HealthQuerySchema, type BeaconAccepted, type ErrorBody, type HealthReport, type Published, type VersionPage } from '../publish/schemas';
import { authorize, type Permission } from './auth';
import { closeAfterUnreadBody, createServerFactory } from './connections';
import { openDatabase, SCHEMA_VERSION } from './db';
import { buildHealthReport, createAlerter, createHealthAggregator, parseSince } from './health';
import { historyQuerySchema, issuesToErrors, RevisionParamsSchema, SiteParamsSchema, writeBodySchemas } from './http-schemas';
import { createLiveCache, matchesIfNoneMatch } from './live-cache';
import { createMirror } from './mirror';
import { resolveRegistryOptions, type RegistryOptions, type ResolvedRegistryOptions } from './options';
import { createRuntimeBundle } from './runtime-bundle';
import { isRuntimePath, registerHttpSinkRoute } from './http-sink-route';
import { createStore, type PublishOutcome, type RegistryStore, type TokenRecord } from './store';
import { createInlineWriter, createWorkerWriter } from './writer';

/** A running (or ready to run) registry. */
export interface Registry {
  /** The fastify instance, for `inject` in tests or extra routes. */
  readonly app: FastifyInstance;
  readonly store: RegistryStore;
  readonly options: ResolvedRegistryOptions;
  /**
   * Starts listening and resolves with the base URL (`http://127.0.0.1:8787`). The mirror is
   * repaired afterwards, in the background: see `mirrorRepaired`.
   */
  listen(): Promise<string>;
  /** Resolves when the mirror repair started by `listen` has finished (at once without a mirror or before `listen`). */
  mirrorRepaired(): Promise<void>;
  /** Stops listening, waits for mirror writes, closes the database. Safe to call twice. */
  close(): Promise<void>;
  /** Same as `close`. */
  stop(): Promise<void>;
}

export type { ErrorBody };

// Cache-Control: lib/publish's client sends `no-cache` so it always sees the live version.
const API_HEADERS = ['Authorization', 'Content-Type', 'If-None-Match', 'Cache-Control'];
// Public: loaded or sent by every page of a site, from its own origin: the runtime and the parts it
// loads from beside itself (tagpoint-debug.js, ...), configs, health (the health GET needs a token anyway).
const isPublicPath = (path: string) => isRuntimePath(path) || path.endsWith('/config.json') || path.endsWith('/health');

/**
 * Creates the config registry: opens (or creates) the SQLite file and builds the HTTP app.
 * Nothing listens until `listen()`.
 */
export function createRegistry(input: RegistryOptions = {}): Registry {
  const options = resolveRegistryOptions(input);
  const store = createStore(openDatabase(options.dbPath));
  const live = createLiveCache(store);
  const writer = options.dbPath === ':memory:' ? createInlineWriter(store) : createWorkerWriter(options.dbPath);
  const mirror = options.mirrorDir
    ? createMirror(options.mirrorDir, store, {
        repairBatch: options.mirrorRepairBatch,
        syncIntervalMs: options.mirrorSyncIntervalMs,
        onError: (error) => app.log.error(error),
      })
    : undefined;
  const bundle = createRuntimeBundle(options.runtimeBundlePath);
  const bodies = writeBodySchemas(options.maxMessageLength);
  const historyQuery = historyQuerySchema(options.historyMaxPageSize);
  let repaired: Promise<void> = Promise.resolve();

  // Tag ids per published revision, for "unknown tags are ignored". Revisions never change, so
  // entries never go stale; the map is emptied when full (any caller can name old revisions).
  const tagIdCache = new Map<string, ReadonlySet<string>>();
  const tagIdsOf = (site: string, revision: number): ReadonlySet<string> | undefined => {
    const key = `${site} ${revision}`;
    let ids = tagIdCache.get(key);
    if (!ids) {
      const version = store.getVersion(site, revision);
      if (!version) return undefined;
      ids = new Set((JSON.parse(version.json) as { tags: { id: string }[] }).tags.map((tag) => tag.id));
      if (tagIdCache.size >= 1_000) tagIdCache.clear();
      tagIdCache.set(key, ids);
    }
    return ids;
  };
  const alertsCheckedAt = new Map<string, number>();
  const reportOf = (site: string, sinceMs: number, nowMs = options.now()): HealthReport => {
    const live = store.live(site);
    const bucketSeconds = options.healthBucketSeconds;
    const fromBucket = Math.floor(sinceMs / 1000 / bucketSeconds) * bucketSeconds;
    return buildHealthReport({
      site,
      liveRevision: live?.revision ?? 0,
      tags: live ? (JSON.parse(live.json) as { tags: { id: string; event: string }[] }).tags.map(({ id, event }) => ({ id, event })) : [],
      rows: live ? store.healthRows(site, fromBucket) : [],
      sinceMs,
      nowMs,
      bucketSeconds,
      thresholds: options.healthThresholds,
    });
  };
  const alerter = options.alertWebhook
    ? createAlerter(store, (site, sinceMs) => reportOf(site, sinceMs), {
        webhookUrl: options.alertWebhook,
        intervalMs: options.alertIntervalMs,
        now: options.now,
        onError: (error) => app.log.error(error),
      })
    : undefined;
  const health = createHealthAggregator(
    {
      liveRevision: (site) => live.get(site)?.revision ?? 0,
      tagIds: tagIdsOf,
      write: (rows, retainFrom) => writer.addHealth(rows, retainFrom),
      onFlushed: alerter
        ? async (sites) => {
            const nowMs = options.now();
            for (const site of sites) {
              if (nowMs - (alertsCheckedAt.get(site) ?? -Infinity) < options.alertCheckIntervalMs) continue;
              if (alertsCheckedAt.size >= 10_000) alertsCheckedAt.clear();
              alertsCheckedAt.set(site, nowMs);
              await alerter.check(site);
            }
          }
        : undefined,
      onError: (error) => app.log.error(error),
    },
    {
      bucketSeconds: options.healthBucketSeconds,
      revisionWindow: options.healthRevisionWindow,
      flushIntervalMs: options.healthFlushIntervalMs,
      maxPendingRows: options.healthMaxPendingRows,
      retentionSeconds: options.healthRetentionSeconds,
      now: options.now,
    },
  );

  const app = Fastify({
    logger: options.logger,
    bodyLimit: options.smallBodyLimit,
    exposeHeadRoutes: true,
    trustProxy: options.trustProxy,
    serverFactory: createServerFactory(options),
  });
  closeAfterUnreadBody(app, options.unreadBodyLingerMs);

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });

  // The extension publishes from its own origin with a bearer token. The public files stay open
  // to every origin even when the API is narrowed (every page loads them; a runtime may send If-None-Match).
  const corsBase = {
    methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowedHeaders: API_HEADERS,
    exposedHeaders: ['ETag', 'Location', 'Retry-After'],
    maxAge: 600,
  } satisfies FastifyCorsOptions;
  void app.register(cors, {
    delegator: (request, callback) => {
      const origin = isPublicPath(request.url.split('?')[0]!) || options.allowedOrigins === '*' ? '*' : [...options.allowedOrigins];
      callback(null, { ...corsBase, origin });
    },
  });
  void app.register(rateLimit, { global: false });
  type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
  let authFailures: Limiter | undefined;
  // Created on first use: the decorator exists once the plugin has loaded.
  let beacons: Limiter | undefined;
  const beaconLimiter = () =>
    (beacons ??= app.createRateLimit({
      max: options.healthRateLimit,
      timeWindow: options.healthRateWindowMs,
      cache: options.healthRateClients,
    } as Parameters<FastifyInstance['createRateLimit']>[0]));
  const authFailureLimiter = () =>
    (authFailures ??= app.createRateLimit({
      max: options.authFailureLimit,
      timeWindow: options.authFailureWindowMs,
      cache: options.authFailureClients,
    } as Parameters<FastifyInstance['createRateLimit']>[0]));

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? options.smallBodyLimit;
      return fail(reply, 413, `the request body is larger than the limit of ${limit} bytes for ${request.method} ${request.routeOptions.url}`);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return fail(reply, status, error.message);
    request.log.error(error);
    return fail(reply, 500, 'internal error; the registry log has the details');
  });

  app.setNotFoundHandler((request, reply) => fail(reply, 404, `no such route: ${request.method} ${request.url.split('?')[0]}`));

  let mirrorState: 'none' | 'repairing' | 'ok' | 'failed' = mirror ? 'repairing' : 'none';
  app.get('/healthz', async () => {
    store.dataVersion();
    return { status: 'ok' as const, schemaVersion: SCHEMA_VERSION, mirror: mirrorState };
  });

  registerHttpSinkRoute(app, options.runtimeBundlePath);
  app.get('/tagpoint.js', async (request, reply) => {
    const result = await bundle();
    if (!result.ok) return fail(reply, 404, result.message);
    reply.header('etag', result.etag).header('cache-control', 'public, max-age=300');
    if (matchesIfNoneMatch(request.headers['if-none-match'], result.etag)) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(result.body);
  });

  app.get('/v1/sites/:site/config.json', async (request, reply) => {
    const site = siteOf(request, reply);
    if (site === undefined) return reply;
    const entry = live.get(site);
    if (!entry) return fail(reply, 404, `nothing is published for site "${site}" yet`);
    reply.header('etag', entry.etag).header('cache-control', `public, max-age=${options.cacheMaxAge}`);
    if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(entry.body);
  });

  // Auth runs in onRequest, before the body is read: a caller without a token cannot make us parse
  // megabytes (and closeAfterUnreadBody then ends the connection). A client IP with too many failed
  // authentications gets 429 on every authenticated route until its window ends, valid token or
  // not: the limit must not turn into an oracle telling a guessed token from a wrong one.
  const guard = (permission: Permission) => async (request: FastifyRequest, reply: FastifyReply) => {
    const limiter = options.authFailureLimit > 0 ? authFailureLimiter() : undefined;
    if (limiter) {
      const seen = await limiter(request, { increment: false });
      if (!seen.isAllowed && seen.remaining === 0 && seen.ttl > 0) {
        reply.header('retry-after', String(Math.max(1, seen.ttlInSeconds)));
        return fail(reply, 429, `too many failed authentications from this address; retry in ${Math.max(1, seen.ttlInSeconds)} s`);
      }
    }
    const site = siteOf(request, reply);
    if (site === undefined) return reply;
    const auth = authorize(store, request.headers.authorization, site, permission);
    if (!auth.ok) {
      if (auth.status === 401) {
        reply.header('www-authenticate', 'Bearer');
        await limiter?.(request);
      }
      return fail(reply, auth.status, auth.error);
    }
    tokens.set(request, auth.token);
  };
  const tokens = new WeakMap<FastifyRequest, TokenRecord>();

  app.get('/v1/sites/:site/versions', { onRequest: guard('read') }, async (request, reply) => {
    const { site } = request.params as { site: string };
    const query = historyQuery.safeParse(request.query);
    if (!query.success) return fail(reply, 400, 'the query must be ?before=<revision>&limit=<count>', issuesToErrors(query.error.issues));
    const limit = query.data.limit ?? options.historyPageSize;
    // One row more than asked tells whether an older page exists.
    const rows = store.listVersions(site, { before: query.data.before, limit: limit + 1 });
    const versions = rows.slice(0, limit);
    reply.header('cache-control', 'private, no-store');
    return {
      versions,
      total: store.countVersions(site),
      nextBefore: rows.length > limit ? versions[versions.length - 1]!.revision : null,
    } satisfies VersionPage;
  });

  app.get('/v1/sites/:site/versions/:revision', { onRequest: guard('read') }, async (request, reply) => {
    const params = RevisionParamsSchema.safeParse(request.params);
    if (!params.success) return fail(reply, 400, 'malformed revision', issuesToErrors(params.error.issues));
    const version = store.getVersion(params.data.site, params.data.revision);
    if (!version) return fail(reply, 404, `site "${params.data.site}" has no revision ${params.data.revision}`);
    reply.header('cache-control', 'private, no-store');
    return reply.type('application/json; charset=utf-8').send(version.json);
  });

  app.post('/v1/sites/:site/versions', { onRequest: guard('publish'), bodyLimit: options.bodyLimit }, async (request, reply) => {
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

  // Health beacons: anonymous like analytics, from every page of the site. navigator.sendBeacon
  // sends a string as text/plain (no preflight), so text/plain bodies are JSON too.
  app.post('/v1/sites/:site/health', {
      bodyLimit: options.healthBodyLimit,
      onRequest: async (request, reply) => {
        if (options.healthRateLimit <= 0) return;
        const seen = await beaconLimiter()(request);
        if (!seen.isAllowed && seen.isExceeded) {
          reply.header('retry-after', String(Math.max(1, seen.ttlInSeconds)));
          return fail(reply, 429, `too many health beacons from this address; retry in ${Math.max(1, seen.ttlInSeconds)} s`);
        }
      },
    },
    async (request, reply) => {
      const site = siteOf(request, reply);
      if (site === undefined) return reply;
      let body = request.body;
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body);
        } catch {
          return fail(reply, 400, 'the beacon is not JSON');
        }
      }
      const beacon = BeaconSchema.safeParse(body);
      if (!beacon.success) return fail(reply, 400, 'the beacon does not have the documented shape (lib/health/beacon.ts)', issuesToErrors(beacon.error.issues));
      if (beacon.data.site !== site) {
        return fail(reply, 400, 'the beacon is for another site', [{ path: 'site', message: `site is "${beacon.data.site}" but this is the health of "${site}"` }]);
      }
      return reply.code(202).send(health.ingest(beacon.data) satisfies BeaconAccepted);
    },
  );

  app.get('/v1/sites/:site/health', { onRequest: guard('read') }, async (request, reply) => {
    const { site } = request.params as { site: string };
    const query = HealthQuerySchema.safeParse(request.query);
    if (!query.success) return fail(reply, 400, 'the query must be ?since=<ISO date-time or 90m, 24h, 7d>', issuesToErrors(query.error.issues));
    const nowMs = options.now();
    const sinceMs = parseSince(query.data.since, nowMs);
    if (sinceMs === undefined) return fail(reply, 400, 'since is not a date', [{ path: 'since', message: `"${query.data.since}" is not a date` }]);
    // What this process counted but has not stored yet is part of the answer.
    await health.flush();
    reply.header('cache-control', 'private, no-store');
    return reportOf(site, Math.max(sinceMs, nowMs - options.healthRetentionSeconds * 1000), nowMs) satisfies HealthReport;
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
    return reply.code(201).send((warnings.length ? { revision, warnings } : { revision }) satisfies Published);
  }

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      // Connections still open after the grace time are cut (closeGraceMs).
      const cut = setTimeout(() => app.server.closeAllConnections(), options.closeGraceMs);
      cut.unref();
      try {
        await app.close();
        clearTimeout(cut);
        await health.close();
        await writer.close();
        // The repair's failure was logged when it happened; closing must go on.
        await repaired.catch(() => undefined);
        await mirror?.close();
      } finally {
        store.close();
      }
    })());

  return {
    app,
    store,
    options,
    async listen() {
      await app.listen({ port: options.port, host: options.host });
      // Serve first: the database is the truth and answers now; the mirror catches up in bounded batches.
      if (mirror) {
        repaired = mirror.repair().then(
          () => void (mirrorState = 'ok'),
          (error) => {
            mirrorState = 'failed';
            app.log.error(error);
          },
        );
      }
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      return `http://${host}:${port}`;
    },
    mirrorRepaired: () => repaired,
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
