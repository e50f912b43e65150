import type { TagConfig } from '../config';
import type { Db } from './db';
import type { VersionSummary } from '../publish/schemas';
import { createHealthWrites, createWriteTransactions, type HealthCounterRow } from './publish-tx.mjs';
import { generateToken, hashToken, type TokenRole } from './tokens';

/** One entry of a site's history, as `GET /v1/sites/:site/versions` lists it (the client's VersionSummarySchema). */
export type { VersionSummary };

/** A stored version with its config, serialized as it is served. */
export interface StoredVersion extends VersionSummary {
  /** The config JSON, its `revision` set to this version's. */
  json: string;
}

/** A token as the database knows it (never the token itself). */
export interface TokenRecord {
  id: string;
  site: string;
  role: TokenRole;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What a publish (or rollback) asks for. */
export interface PublishInput {
  site: string;
  /** Who publishes: the token's label. */
  author: string;
  message?: string;
  /** The live revision the publisher started from; 0 = "nothing was live". Omitted = publish regardless. */
  baseRevision?: number;
}

/** The outcome of a publish or rollback. */
export type PublishOutcome =
  | { ok: true; version: StoredVersion }
  | { ok: false; reason: 'conflict'; currentRevision: number }
  | { ok: false; reason: 'unknown-revision' };

/** The registry's data: sites, their versions, tokens. Synchronous, over one SQLite connection. */
export interface RegistryStore {
  /** The live version of a site, or undefined when nothing is published. */
  live(site: string): StoredVersion | undefined;
  /** Versions of a site, newest first: at most `limit`, only revisions below `before` when given. */
  listVersions(site: string, page?: { before?: number; limit?: number }): VersionSummary[];
  /** How many versions a site has. */
  countVersions(site: string): number;
  /** Every revision number of a site, oldest first (for repairing the mirror). */
  revisions(site: string): number[];
  /** The live revision of a site; 0 when nothing is published. One indexed read: the mirror re-checks it before and after each rename. */
  liveRevision(site: string): number;
  /** Every site with something published and its live revision. */
  liveRevisions(): { site: string; revision: number }[];
  getVersion(site: string, revision: number): StoredVersion | undefined;
  /**
   * Stores `config` as the site's next revision and makes it live, in one IMMEDIATE transaction:
   * two publishers on the same base cannot both pass the base check, and a crash leaves the
   * previous version live.
   */
  publish(input: PublishInput & { config: TagConfig }): PublishOutcome;
  /** Publishes an old version's config again as a new revision; history is never rewritten. */
  rollback(input: PublishInput & { revision: number }): PublishOutcome;
  /** Creates a token; the returned `token` is the only time the secret exists outside its holder. */
  createToken(input: { site: string; role: TokenRole; label?: string }): TokenRecord & { token: string };
  /** Revokes by id or by the token itself; undefined when neither is known. */
  revokeToken(idOrToken: string): TokenRecord | undefined;
  /** The non-revoked token matching `token`. */
  findToken(token: string): TokenRecord | undefined;
  listTokens(site?: string): TokenRecord[];
  /** Every site with something published (for repairing the mirror). */
  liveSites(): string[];
  /** Adds health counters on this connection (the registry sends them through its writer thread instead). */
  addHealth(rows: readonly HealthCounterRow[], retainFrom?: number): void;
  /** Health counter rows of a site from bucket `fromBucket` (epoch seconds) on, ordered by tag, bucket, revision. */
  healthRows(site: string, fromBucket: number): HealthCounterRow[];
  /** The last alert state recorded for a tag (what the webhook was last told). */
  alertState(site: string, tag: string): { state: string; alertedAt: number } | undefined;
  setAlertState(site: string, tag: string, state: string, alertedAt: number): void;
  /** Changes whenever another connection commits: lets a cache notice a publish by another process. */
  dataVersion(): number;
  close(): void;
}

interface VersionRow {
  revision: number;
  published_at: string;
  author: string;
  message: string;
  tag_count: number;
  config: string;
}

interface TokenRow {
  id: string;
  site: string;
  role: TokenRole;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

/** Wraps an open database (see `openDatabase`) in the registry's operations. */
export function createStore(db: Db, now: () => Date = () => new Date()): RegistryStore {
  const q = {
    live: db.prepare<[string], VersionRow>(
      `SELECT v.revision, v.published_at, v.author, v.message, v.tag_count, v.config
         FROM sites s JOIN versions v ON v.site = s.id AND v.revision = s.live_revision WHERE s.id = ?`,
    ),
    list: db.prepare<[string, number, number], Omit<VersionRow, 'config'>>(
      `SELECT revision, published_at, author, message, tag_count FROM versions WHERE site = ? AND revision < ? ORDER BY revision DESC LIMIT ?`,
    ),
    count: db.prepare<[string], number>(`SELECT COUNT(*) FROM versions WHERE site = ?`).pluck(),
    revisions: db.prepare<[string], number>(`SELECT revision FROM versions WHERE site = ? ORDER BY revision`).pluck(),
    liveRevision: db.prepare<[string], number>(`SELECT live_revision FROM sites WHERE id = ?`).pluck(),
    liveRevisions: db.prepare<[], { site: string; revision: number }>(
      `SELECT id AS site, live_revision AS revision FROM sites WHERE live_revision > 0 ORDER BY id`,
    ),
    get: db.prepare<[string, number], VersionRow>(
      `SELECT revision, published_at, author, message, tag_count, config FROM versions WHERE site = ? AND revision = ?`,
    ),
    ensureSite: db.prepare(`INSERT INTO sites (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`),
    insertToken: db.prepare(`INSERT INTO tokens (id, site, role, label, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`),
    tokenByHash: db.prepare<[string], TokenRow>(`SELECT id, site, role, label, created_at, revoked_at FROM tokens WHERE hash = ?`),
    tokenById: db.prepare<[string], TokenRow>(`SELECT id, site, role, label, created_at, revoked_at FROM tokens WHERE id = ?`),
    revoke: db.prepare(`UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`),
    tokens: db.prepare<[], TokenRow>(`SELECT id, site, role, label, created_at, revoked_at FROM tokens ORDER BY created_at, id`),
    liveSites: db.prepare<[], string>(`SELECT id FROM sites WHERE live_revision > 0 ORDER BY id`).pluck(),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    healthRows: db.prepare<[string, number], HealthCounterRow>(
      `SELECT site, tag, bucket, revision, samples, found, relocated, ambiguous, absent, events, last_found AS lastFound, absent_path AS absentPath
         FROM health WHERE site = ? AND bucket >= ? ORDER BY tag, bucket, revision`,
    ),
    alertState: db.prepare<[string, string], { state: string; alertedAt: number }>(
      `SELECT state, alerted_at AS alertedAt FROM health_alerts WHERE site = ? AND tag = ?`,
    ),
    setAlertState: db.prepare(
      `INSERT INTO health_alerts (site, tag, state, alerted_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (site, tag) DO UPDATE SET state = excluded.state, alerted_at = excluded.alerted_at`,
    ),
  };
  const healthWrites = createHealthWrites(db);

  const toVersion = (row: VersionRow): StoredVersion => ({ ...toSummary(row), json: row.config });

  const writes = createWriteTransactions(db, now);
  const createTokenTx = db.transaction((input: { site: string; role: TokenRole; label?: string }) => {
    const at = now().toISOString();
    const { id, token } = generateToken();
    const label = input.label?.trim() || id;
    q.ensureSite.run(input.site, at);
    q.insertToken.run(id, input.site, input.role, label, hashToken(token), at);
    return { id, token, site: input.site, role: input.role, label, createdAt: at, revokedAt: null };
  });

  return {
    live: (site) => {
      const row = q.live.get(site);
      return row ? toVersion(row) : undefined;
    },
    listVersions: (site, page = {}) => q.list.all(site, page.before ?? Number.MAX_SAFE_INTEGER, page.limit ?? -1).map(toSummary),
    countVersions: (site) => q.count.get(site) ?? 0,
    revisions: (site) => q.revisions.all(site),
    liveRevision: (site) => q.liveRevision.get(site) ?? 0,
    liveRevisions: () => q.liveRevisions.all(),
    getVersion: (site, revision) => {
      const row = q.get.get(site, revision);
      return row ? toVersion(row) : undefined;
    },
    publish: (input) => writes.publish(input),
    rollback: (input) => writes.rollback(input),
    createToken: (input) => createTokenTx.immediate(input),
    revokeToken: (idOrToken) => {
      const row = q.tokenById.get(idOrToken) ?? q.tokenByHash.get(hashToken(idOrToken));
      if (!row) return undefined;
      if (!row.revoked_at) {
        const at = now().toISOString();
        q.revoke.run(at, row.id);
        row.revoked_at = at;
      }
      return toToken(row);
    },
    findToken: (token) => {
      const row = q.tokenByHash.get(hashToken(token));
      return row && !row.revoked_at ? toToken(row) : undefined;
    },
    listTokens: (site) => q.tokens.all().map(toToken).filter((t) => site === undefined || t.site === site),
    liveSites: () => q.liveSites.all(),
    addHealth: (rows, retainFrom) => healthWrites.add(rows, retainFrom),
    healthRows: (site, fromBucket) => q.healthRows.all(site, fromBucket),
    alertState: (site, tag) => q.alertState.get(site, tag),
    setAlertState: (site, tag, state, alertedAt) => void q.setAlertState.run(site, tag, state, alertedAt),
    dataVersion: () => q.dataVersion.get()!,
    close: () => db.close(),
  };
}

function toSummary(row: Omit<VersionRow, 'config'>): VersionSummary {
  return {
    revision: row.revision,
    publishedAt: row.published_at,
    author: row.author,
    message: row.message,
    tagCount: row.tag_count,
  };
}

function toToken(row: TokenRow): TokenRecord {
  return { id: row.id, site: row.site, role: row.role, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at };
}
