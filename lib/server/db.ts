import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { configureConnection } from './publish-tx.mjs';

/** A better-sqlite3 connection. */
export type Db = Database.Database;

/**
 * Schema migrations, applied in order; `PRAGMA user_version` counts how many ran. Append only:
 * a database already in use has run the earlier ones.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sites (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     live_revision INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE versions (
     site TEXT NOT NULL REFERENCES sites(id),
     revision INTEGER NOT NULL,
     config TEXT NOT NULL,
     published_at TEXT NOT NULL,
     author TEXT NOT NULL,
     message TEXT NOT NULL DEFAULT '',
     tag_count INTEGER NOT NULL,
     PRIMARY KEY (site, revision)
   ) WITHOUT ROWID;
   CREATE TABLE tokens (
     id TEXT PRIMARY KEY,
     site TEXT NOT NULL REFERENCES sites(id),
     role TEXT NOT NULL CHECK (role IN ('publisher', 'viewer')),
     label TEXT NOT NULL,
     hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );`,
  // Tag health: additive counters per site, tag, time bucket and config revision (see health/).
  `CREATE TABLE health (
     site TEXT NOT NULL,
     tag TEXT NOT NULL,
     bucket INTEGER NOT NULL,
     revision INTEGER NOT NULL,
     samples INTEGER NOT NULL,
     found REAL NOT NULL,
     relocated REAL NOT NULL,
     ambiguous REAL NOT NULL,
     absent REAL NOT NULL,
     events REAL NOT NULL,
     last_found INTEGER,
     absent_path TEXT,
     PRIMARY KEY (site, tag, bucket, revision)
   ) WITHOUT ROWID;
   CREATE INDEX health_by_bucket ON health (bucket);
   CREATE TABLE health_alerts (
     site TEXT NOT NULL,
     tag TEXT NOT NULL,
     state TEXT NOT NULL,
     alerted_at INTEGER NOT NULL,
     PRIMARY KEY (site, tag)
   ) WITHOUT ROWID;`,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (creating when needed) the registry's SQLite file and brings its schema up to date.
 * Connection settings (WAL, synchronous = FULL, busy timeout): `configureConnection`.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    configureConnection(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(`the database has schema version ${current}, newer than this Tagpoint knows (${MIGRATIONS.length}); update Tagpoint`);
    }
    for (let version = current; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]!);
    if (current !== MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
