import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { collectedTraits, parseConfig, type ConfigError, type TagConfig } from '../config';
import { createRegistryClient, type HealthReport } from '../publish';
import { createStore, type RegistryStore } from './store';
import { openDatabase } from './db';
import { resolveRegistryOptions } from './options';
import { createRegistry } from './registry';
import { TOKEN_ROLES, type TokenRole } from './tokens';
import { readSitemap } from './sitemap';
import { checkPages, CheckStepsSchema, formatCheckJunit, formatCheckTable, isBrokenPage, type CheckStep } from './check';

/** Where the CLI writes and what it reads from its environment; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` closes then. */
  stopSignal(): Promise<string>;
}

/** Exit codes: 0 done, 1 failed (invalid config, refused publish, busy port), 2 wrong usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const USAGE = `Usage: tagpoint <command> [options]

  serve                     Run the config registry.
      --port N              TCP port (default 8787; 0 picks a free one)
      --host H              interface (default 127.0.0.1)
      --db FILE             SQLite file, created if missing (default ./data/tagpoint.db)
      --mirror DIR          also write every published config to DIR/<site>/ for a CDN
      --runtime FILE        bundle served at /tagpoint.js (default .output/runtime/tagpoint.js)
      --cache-max-age S     Cache-Control max-age of the live config (default 60)
      --body-limit BYTES    largest publish body (default 4194304)
      --request-timeout MS  close a request whose body is not in after MS (default 30000)
      --headers-timeout MS  close a connection whose headers are not in after MS (default 10000)
      --keep-alive-timeout MS  idle keep-alive connections close after MS (default 5000)
      --auth-failure-limit N   failed authentications per client IP and minute before 429 (default 20; 0 = off)
      --trust-proxy         take the client IP from X-Forwarded-For (behind a reverse proxy)
      --history-page-size N versions per page of GET /versions (default 50)
      --mirror-sync-ms MS   how often the mirror catches up with other processes' commits (default 1000; 0 = off)
      --alert-webhook URL   POST a Slack-compatible message when a tag becomes broken or degraded, and recovers
      --health-rate-limit N health beacons per client IP and minute (default 300; 0 = no limit)
      --health-bucket-seconds S  length of one health counter bucket (default 3600)

  token create --site S --role publisher|viewer [--label L] [--db FILE] [--json]
                            Create a token; it is printed once, only its hash is stored.
  token revoke <id|token> [--db FILE]
                            Revoke a token by its id (tok_...) or by the token itself.
  token list [--site S] [--db FILE]
                            List tokens (ids, roles, labels; never the secrets).

  validate FILE             Check a tag config; exit 1 with every error and its path.

  publish FILE --registry URL --site S [--token T] [-m|--message M] [--base N]
                            Validate, then publish FILE as the site's next revision.
                            The token may come from TAGPOINT_TOKEN instead of --token.
                            --base N refuses to publish unless revision N is live.

  health --registry URL --site S [--token T] [--since 24h] [--json]
                            Print the health of the site's live tags (viewer token; TAGPOINT_TOKEN works).
                            --since: an ISO date-time or 90m, 24h, 7d.

  check (--config FILE | --registry URL --site S [--revision N --token T]) TARGET...
        [--urls FILE] [--sitemap URL|FILE] [--max-urls N] [--base-url URL]
        [--steps FILE] [--format table|json|junit] [--timeout MS]
                            Load each TARGET (a URL, or a saved .html file checked as if at
                            --base-url) in headless Chromium and say, per tag whose page rule
                            applies, whether its target is found, relocated, ambiguous or absent.
                            Exit 1 when one is absent or ambiguous (or a page cannot be checked).
                            --registry takes the site's live config, or with --revision N that
                            revision (a viewer token; TAGPOINT_TOKEN works); --config FILE checks
                            drafts exported from the side panel. --urls reads targets one a line;
                            --sitemap adds a sitemap's pages (indexes followed; at most --max-urls, 500);
                            --steps is JSON: [{"click": sel} | {"fill": sel, "value": v} | {"waitFor": sel}].

  help                      Show this text.
`;

class UsageError extends Error {}

/** Runs one CLI command; resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, io);
      case 'token':
        return await token(rest, io);
      case 'validate':
        return await validate(rest, io);
      case 'publish':
        return await publish(rest, io);
      case 'health':
        return await health(rest, io);
      case 'check':
        return await check(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        if (command === undefined) {
          io.err(USAGE);
          return EXIT.usage;
        }
        io.out(USAGE);
        return EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`tagpoint: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    io.err(`tagpoint: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}

function args<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T, positionals = 0) {
  const parsed = parseArgs({ args: [...argv], options, allowPositionals: positionals > 0, strict: true });
  if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
  return parsed;
}

function integer(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a whole number from ${min}, not "${value}"`);
  return Number(value);
}

async function serve(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = args(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    mirror: { type: 'string' },
    runtime: { type: 'string' },
    'cache-max-age': { type: 'string' },
    'body-limit': { type: 'string' },
    'request-timeout': { type: 'string' },
    'headers-timeout': { type: 'string' },
    'keep-alive-timeout': { type: 'string' },
    'auth-failure-limit': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'history-page-size': { type: 'string' },
    'mirror-sync-ms': { type: 'string' },
    'alert-webhook': { type: 'string' },
    'health-rate-limit': { type: 'string' },
    'health-bucket-seconds': { type: 'string' },
  });
  const webhook = values['alert-webhook'];
  if (webhook !== undefined && !/^https?:\/\/\S+$/.test(webhook)) throw new UsageError(`--alert-webhook must be an http(s) URL, not "${webhook}"`);
  const port = integer(values.port, 'port', 0);
  if (port !== undefined && port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`);
  const registry = createRegistry({
    port,
    host: values.host,
    dbPath: values.db,
    mirrorDir: values.mirror,
    runtimeBundlePath: values.runtime,
    cacheMaxAge: integer(values['cache-max-age'], 'cache-max-age', 0),
    bodyLimit: integer(values['body-limit'], 'body-limit', 1),
    requestTimeout: integer(values['request-timeout'], 'request-timeout', 1),
    headersTimeout: integer(values['headers-timeout'], 'headers-timeout', 1),
    keepAliveTimeout: integer(values['keep-alive-timeout'], 'keep-alive-timeout', 0),
    authFailureLimit: integer(values['auth-failure-limit'], 'auth-failure-limit', 0),
    trustProxy: values['trust-proxy'],
    historyPageSize: integer(values['history-page-size'], 'history-page-size', 1),
    mirrorSyncIntervalMs: integer(values['mirror-sync-ms'], 'mirror-sync-ms', 0),
    alertWebhook: webhook,
    healthRateLimit: integer(values['health-rate-limit'], 'health-rate-limit', 0),
    healthBucketSeconds: integer(values['health-bucket-seconds'], 'health-bucket-seconds', 1),
  });
  let url: string;
  try {
    url = await registry.listen();
  } catch (error) {
    await registry.close();
    const code = (error as { code?: string }).code;
    const where = `${registry.options.host}:${registry.options.port}`;
    if (code === 'EADDRINUSE') throw new Error(`port ${registry.options.port} is already in use on ${registry.options.host}; stop the other server or choose another --port`);
    if (code === 'EACCES') throw new Error(`not allowed to listen on ${where}; choose a port above 1023`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new Error(`cannot listen on host ${registry.options.host}: no such interface here`);
    throw error;
  }
  const { dbPath, mirrorDir } = registry.options;
  io.out(`Tagpoint registry listening on ${url}`);
  io.out(`  database ${dbPath}${mirrorDir ? `, static mirror ${mirrorDir}` : ''}`);
  io.out(`  live config: ${url}/v1/sites/<site>/config.json  runtime: ${url}/tagpoint.js`);
  if (registry.options.alertWebhook) io.out(`  tag health alerts go to ${new URL(registry.options.alertWebhook).origin}`);
  const signal = await io.stopSignal();
  io.out(`Received ${signal}, closing.`);
  await registry.close();
  return EXIT.ok;
}

async function token(argv: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'create') {
    const { values } = args(rest, {
      site: { type: 'string' },
      role: { type: 'string' },
      label: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (!values.site) throw new UsageError('token create needs --site');
    if (!values.role || !TOKEN_ROLES.includes(values.role as TokenRole)) throw new UsageError('token create needs --role publisher or --role viewer');
    const site = parseConfig({ version: 1, site: values.site, revision: 0, tags: [] });
    if (!site.ok) throw new UsageError(`--site: ${site.errors[0]!.message}`);
    const created = withStore(values.db, (store) => store.createToken({ site: values.site!, role: values.role as TokenRole, label: values.label }));
    if (values.json) {
      io.out(JSON.stringify({ id: created.id, site: created.site, role: created.role, label: created.label, token: created.token }));
    } else {
      io.out(`Created ${created.role} token ${created.id} for site "${created.site}" (label "${created.label}").`);
      io.out('The token is shown only this once; store it now:');
      io.out(created.token);
    }
    return EXIT.ok;
  }
  if (action === 'revoke') {
    const { values, positionals } = args(rest, { db: { type: 'string' } }, 1);
    if (!positionals[0]) throw new UsageError('token revoke needs the token id (tok_...) or the token');
    const revoked = withStore(values.db, (store) => store.revokeToken(positionals[0]!));
    if (!revoked) {
      io.err(`tagpoint: no token matches "${positionals[0]!.slice(0, 12)}${positionals[0]!.length > 12 ? '...' : ''}"`);
      return EXIT.failed;
    }
    io.out(`Revoked token ${revoked.id} (${revoked.role} of site "${revoked.site}", label "${revoked.label}") at ${revoked.revokedAt}.`);
    return EXIT.ok;
  }
  if (action === 'list') {
    const { values } = args(rest, { site: { type: 'string' }, db: { type: 'string' } });
    const list = withStore(values.db, (store) => store.listTokens(values.site));
    if (list.length === 0) io.out('No tokens.');
    for (const t of list) io.out(`${t.id}  ${t.site}  ${t.role.padEnd(9)}  ${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}  ${t.label}`);
    return EXIT.ok;
  }
  throw new UsageError(action ? `unknown token action "${action}"; use create, revoke or list` : 'token needs an action: create, revoke or list');
}

function withStore<T>(dbPath: string | undefined, use: (store: RegistryStore) => T): T {
  const store = createStore(openDatabase(resolveRegistryOptions({ dbPath }).dbPath));
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** Reads and validates a config file; prints every problem. */
async function loadConfig(file: string, io: CliIo): Promise<TagConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`${file}: cannot read it (${(error as { code?: string }).code ?? String(error)})`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.err(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const parsed = parseConfig(json);
  if (!parsed.ok) {
    printErrors(io, `${file}: ${parsed.errors.length} error${parsed.errors.length === 1 ? '' : 's'}`, parsed.errors);
    return undefined;
  }
  return parsed.config;
}

/** What the config collects about visitors, for a privacy review (identify tags only). */
function printTraits(io: CliIo, config: TagConfig): void {
  const traits = collectedTraits(config);
  if (!traits.length) return;
  io.out(`collects ${traits.length} personal trait${traits.length === 1 ? '' : 's'} (identify calls):`);
  for (const t of traits) {
    io.out(`  ${t.tag} "${t.event}": ${t.name} from ${t.from}, opted in by ${t.optIn.by} at ${t.optIn.at}${t.optIn.purpose ? ` for ${t.optIn.purpose}` : ''}`);
  }
}

function printErrors(io: CliIo, title: string, errors: readonly ConfigError[]): void {
  io.err(title);
  for (const e of errors) io.err(`  ${e.path}: ${e.message}`);
}

async function validate(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = args(argv, {}, 1);
  if (!positionals[0]) throw new UsageError('validate needs a FILE');
  const config = await loadConfig(positionals[0], io);
  if (!config) return EXIT.failed;
  io.out(`${positionals[0]}: valid tag config for site "${config.site}", ${config.tags.length} tag${config.tags.length === 1 ? '' : 's'}`);
  printTraits(io, config);
  return EXIT.ok;
}

async function publish(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = args(
    argv,
    {
      registry: { type: 'string' },
      site: { type: 'string' },
      token: { type: 'string' },
      message: { type: 'string', short: 'm' },
      base: { type: 'string' },
    },
    1,
  );
  const file = positionals[0];
  if (!file) throw new UsageError('publish needs a FILE');
  if (!values.registry) throw new UsageError('publish needs --registry URL');
  if (!values.site) throw new UsageError('publish needs --site');
  const tokenValue = values.token ?? io.env.TAGPOINT_TOKEN;
  if (!tokenValue) throw new UsageError('publish needs --token T (or the TAGPOINT_TOKEN environment variable)');
  const baseRevision = integer(values.base, 'base', 0);
  const config = await loadConfig(file, io);
  if (!config) return EXIT.failed;
  if (config.site !== values.site) {
    io.err(`${file}: the config is for site "${config.site}", not --site ${values.site}; nothing published`);
    return EXIT.failed;
  }
  const client = createRegistryClient({ baseUrl: values.registry, token: tokenValue });
  const result = await client.publish(values.site, config, { message: values.message, baseRevision });
  if (!result.ok) {
    const { error } = result;
    const extra = error.kind === 'conflict' ? ` (live revision: ${error.currentRevision})` : '';
    printErrors(io, `tagpoint: publish refused${error.status ? ` (${error.status})` : ''}: ${error.message}${extra}`, error.errors ?? []);
    return EXIT.failed;
  }
  io.out(`Published ${values.site} revision ${result.value.revision} (${config.tags.length} tag${config.tags.length === 1 ? '' : 's'}).`);
  for (const warning of result.value.warnings ?? []) io.err(`warning: ${warning}`);
  return EXIT.ok;
}

async function health(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = args(argv, {
    registry: { type: 'string' },
    site: { type: 'string' },
    token: { type: 'string' },
    since: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.registry) throw new UsageError('health needs --registry URL');
  if (!values.site) throw new UsageError('health needs --site');
  const tokenValue = values.token ?? io.env.TAGPOINT_TOKEN;
  if (!tokenValue) throw new UsageError('health needs --token T (or the TAGPOINT_TOKEN environment variable): a viewer token is enough');
  const client = createRegistryClient({ baseUrl: values.registry, token: tokenValue });
  const result = await client.tagHealth(values.site, { since: values.since });
  if (!result.ok) {
    printErrors(io, `tagpoint: health failed${result.error.status ? ` (${result.error.status})` : ''}: ${result.error.message}`, result.error.errors ?? []);
    return EXIT.failed;
  }
  if (values.json) io.out(JSON.stringify(result.value, null, 2));
  else for (const line of formatHealthTable(result.value)) io.out(line);
  return EXIT.ok;
}

const FORMATS = ['table', 'json', 'junit'] as const;

async function check(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = args(
    argv,
    {
      config: { type: 'string' },
      registry: { type: 'string' },
      site: { type: 'string' },
      urls: { type: 'string' },
      'base-url': { type: 'string' },
      steps: { type: 'string' },
      format: { type: 'string' },
      timeout: { type: 'string' },
      sitemap: { type: 'string' },
      'max-urls': { type: 'string' },
      revision: { type: 'string' },
      token: { type: 'string' },
    },
    Infinity,
  );
  const format = (values.format ?? 'table') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  if (!values.config === !values.registry) throw new UsageError('check needs --config FILE or --registry URL --site S (one of them)');
  if (values.registry && !values.site) throw new UsageError('check --registry needs --site');
  const targets = [...positionals];
  if (values.urls) targets.push(...(await readFile(values.urls, 'utf8')).split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#')));
  const maxUrls = integer(values['max-urls'], 'max-urls', 1);
  if (values.sitemap) {
    const read = await readSitemap(values.sitemap, { maxUrls });
    if (!read.ok) {
      io.err(`tagpoint: check: sitemap ${read.error}`);
      return EXIT.failed;
    }
    if (read.truncated) io.err(`tagpoint: check: the sitemap lists more pages; checking the first ${read.urls.length} (--max-urls)`);
    if (!read.urls.length) io.err(`tagpoint: check: the sitemap ${values.sitemap} lists no pages`);
    targets.push(...read.urls);
  }
  if (!targets.length) throw new UsageError('check needs at least one URL or saved HTML file (arguments, --urls FILE or --sitemap)');
  const revision = integer(values.revision, 'revision', 0);
  if (revision !== undefined && !values.registry) throw new UsageError('check --revision needs --registry URL --site S');
  let config: unknown;
  if (values.config) {
    config = await loadConfig(values.config, io);
    if (!config) return EXIT.failed;
  } else if (revision !== undefined) {
    const tokenValue = values.token ?? io.env.TAGPOINT_TOKEN;
    if (!tokenValue) throw new UsageError('check --revision needs --token T (or the TAGPOINT_TOKEN environment variable): a viewer token is enough');
    const result = await createRegistryClient({ baseUrl: values.registry!, token: tokenValue }).getVersion(values.site!, revision);
    if (!result.ok) {
      printErrors(io, `tagpoint: check: revision ${revision} of ${values.site}${result.error.status ? ` (${result.error.status})` : ''}: ${result.error.message}`, result.error.errors ?? []);
      return EXIT.failed;
    }
    config = result.value;
  } else {
    const url = `${values.registry!.replace(/\/+$/, '')}/v1/sites/${encodeURIComponent(values.site!)}/config.json`;
    const res = await fetch(url, { headers: { 'cache-control': 'no-cache' } });
    if (!res.ok) {
      io.err(`tagpoint: check: ${url} answered ${res.status}; is the site published?`);
      return EXIT.failed;
    }
    config = await res.json();
  }
  let steps: CheckStep[] | undefined;
  if (values.steps) {
    const parsed = CheckStepsSchema.safeParse(JSON.parse(await readFile(values.steps, 'utf8')));
    if (!parsed.success) {
      printErrors(io, `${values.steps}: not a list of steps`, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      return EXIT.failed;
    }
    steps = parsed.data;
  }
  const tty = process.stderr.isTTY && io.err === processIo().err;
  const results = await checkPages({
    config,
    targets,
    baseUrl: values['base-url'],
    steps,
    timeout: integer(values.timeout, 'timeout', 1),
    onPage: tty ? (r, i) => io.err(`checked ${i + 1}/${targets.length}: ${r.url}`) : undefined,
  });
  if (format === 'json') io.out(JSON.stringify({ broken: results.filter(isBrokenPage).length, pages: results }, null, 2));
  else if (format === 'junit') io.out(formatCheckJunit(results));
  else for (const line of formatCheckTable(results)) io.out(line);
  return results.some(isBrokenPage) ? EXIT.failed : EXIT.ok;
}

/** The health report as a table for a terminal: one row per tag, problems first. */
export function formatHealthTable(report: HealthReport): string[] {
  const time = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');
  const lines = [`Tag health of "${report.site}" from ${time(report.since)} to ${time(report.until)} UTC, live revision ${report.liveRevision}`];
  if (report.tags.length === 0) return [...lines, 'No live tags.'];
  const order = { broken: 0, degraded: 1, 'no-traffic': 2, healthy: 3 } as const;
  const rows = [...report.tags]
    .sort((a, b) => order[a.state] - order[b.state])
    .map((t) => [
      t.id,
      t.event.length > 28 ? `${t.event.slice(0, 27)}…` : t.event,
      t.state,
      t.stateSince ? `${time(t.stateSince.at)} r${t.stateSince.revision}` : '—',
      String(t.views),
      `${t.found}%`,
      `${t.relocated}%`,
      `${t.absent}%`,
      String(t.events),
      time(t.lastFound),
      t.absentPath ?? '',
    ]);
  const header = ['TAG', 'EVENT', 'STATE', 'SINCE', 'VIEWS', 'FOUND', 'RELOC', 'ABSENT', 'EVENTS', 'LAST FOUND', 'ABSENT ON'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = new Set([4, 5, 6, 7, 8]);
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [...lines, format(header), ...rows.map(format)];
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** The real process: stdout/stderr, environment, SIGINT/SIGTERM. */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    stopSignal: () =>
      new Promise((resolve) => {
        const onSignal = (signal: string) => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve(signal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}

/** Entry of `bin/tagpoint.mjs`. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runCli(argv, processIo());
}
