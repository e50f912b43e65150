// The write side of a publish, shared by the store (main thread) and the write worker.
// Plain JavaScript on purpose: a worker thread loads it without a TypeScript loader,
// whether the registry runs under tsx, vitest or a bundle. Types: publish-tx.d.mts.

/**
 * Settings of every connection to the registry's file. WAL lets readers go on while a
 * publish writes; `synchronous = FULL` because a publish answered 201 must survive a power
 * cut; the busy timeout covers another process (second registry, `tagpoint token`) holding the lock.
 * @param {import('better-sqlite3').Database} db
 */
export function configureConnection(db) {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Publish and rollback as IMMEDIATE transactions: the base-revision check and the insert see
 * the same state, so two publishers on one base cannot both pass; a crash leaves the previous
 * version live.
 * @param {import('better-sqlite3').Database} db
 * @param {() => Date} [now]
 */
export function createWriteTransactions(db, now = () => new Date()) {
  const q = {
    ensureSite: db.prepare(`INSERT INTO sites (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`),
    liveRevision: db.prepare(`SELECT live_revision FROM sites WHERE id = ?`).pluck(),
    maxRevision: db.prepare(`SELECT MAX(revision) FROM versions WHERE site = ?`).pluck(),
    getConfig: db.prepare(`SELECT config FROM versions WHERE site = ? AND revision = ?`).pluck(),
    insertVersion: db.prepare(
      `INSERT INTO versions (site, revision, config, published_at, author, message, tag_count) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    setLive: db.prepare(`UPDATE sites SET live_revision = ? WHERE id = ?`),
  };

  function write(input, config) {
    const at = now().toISOString();
    q.ensureSite.run(input.site, at);
    const current = q.liveRevision.get(input.site) ?? 0;
    if (input.baseRevision !== undefined && input.baseRevision !== current) {
      return { ok: false, reason: 'conflict', currentRevision: current };
    }
    // MAX, not live + 1: revisions stay unique even if live ever pointed below the newest.
    const revision = Math.max(current, q.maxRevision.get(input.site) ?? 0) + 1;
    const json = JSON.stringify({ ...config, revision });
    const message = input.message ?? '';
    const tagCount = config.tags.length;
    q.insertVersion.run(input.site, revision, json, at, input.author, message, tagCount);
    q.setLive.run(revision, input.site);
    return { ok: true, version: { revision, publishedAt: at, author: input.author, message, tagCount, json } };
  }

  const publish = db.transaction((input) => write(input, input.config));
  const rollback = db.transaction((input) => {
    const old = q.getConfig.get(input.site, input.revision);
    if (old === undefined) return { ok: false, reason: 'unknown-revision' };
    return write(input, JSON.parse(old));
  });
  return {
    publish: (input) => publish.immediate(input),
    rollback: (input) => rollback.immediate(input),
  };
}

/**
 * Adds health counters, one batch per IMMEDIATE transaction. Rows are additive (`+=`), so two
 * registries flushing into one file, or one flushing twice for the same hour, sum up instead
 * of overwriting each other. `retainFrom` (bucket start, epoch seconds) drops older rows.
 * @param {import('better-sqlite3').Database} db
 */
export function createHealthWrites(db) {
  const upsert = db.prepare(
    `INSERT INTO health (site, tag, bucket, revision, samples, found, relocated, ambiguous, absent, events, last_found, absent_path)
     VALUES (@site, @tag, @bucket, @revision, @samples, @found, @relocated, @ambiguous, @absent, @events, @lastFound, @absentPath)
     ON CONFLICT (site, tag, bucket, revision) DO UPDATE SET
       samples = samples + excluded.samples,
       found = found + excluded.found,
       relocated = relocated + excluded.relocated,
       ambiguous = ambiguous + excluded.ambiguous,
       absent = absent + excluded.absent,
       events = events + excluded.events,
       last_found = MAX(COALESCE(last_found, 0), COALESCE(excluded.last_found, 0)),
       absent_path = COALESCE(excluded.absent_path, absent_path)`,
  );
  const prune = db.prepare(`DELETE FROM health WHERE bucket < ?`);
  const add = db.transaction((rows, retainFrom) => {
    for (const row of rows) upsert.run(row);
    if (retainFrom !== undefined) prune.run(retainFrom);
  });
  return { add: (rows, retainFrom) => add.immediate(rows, retainFrom) };
}
