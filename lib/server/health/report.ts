import type { HealthReport, TagHealth, TagHealthState } from '../../publish/schemas';
import type { HealthCounterRow } from '../publish-tx.mjs';
import type { HealthThresholds } from './thresholds';

/** What `buildHealthReport` works from. */
export interface HealthReportInput {
  site: string;
  liveRevision: number;
  /** Tags of the live config, in its order. */
  tags: readonly { id: string; event: string }[];
  /** Counter rows of the site from `sinceMs` on, ordered by tag, bucket, revision (`store.healthRows`). */
  rows: readonly HealthCounterRow[];
  sinceMs: number;
  nowMs: number;
  bucketSeconds: number;
  thresholds: HealthThresholds;
}

/** The state one bucket's counts show, or undefined when it has too few beacons to judge. */
export function classifyCounts(row: Pick<HealthCounterRow, 'samples' | 'found' | 'relocated' | 'ambiguous' | 'absent'>, thresholds: HealthThresholds): Exclude<TagHealthState, 'no-traffic'> | undefined {
  if (row.samples < thresholds.minSamples) return undefined;
  const views = row.found + row.relocated + row.ambiguous + row.absent;
  if (views <= 0) return undefined;
  if (row.absent / views >= thresholds.brokenAbsent) return 'broken';
  if ((row.absent + row.ambiguous) / views >= thresholds.degradedMissing || row.relocated / views >= thresholds.degradedRelocated) return 'degraded';
  return 'healthy';
}

/**
 * Per tag of the live config: totals over the window, and its state. Each (bucket, revision)
 * row with enough beacons is judged on its own (`classifyCounts`); the tag's state is the last
 * judgement, and `stateSince` the first row of the run of equal judgements that ends there
 * (so "broken since 14:00, revision 7"). No judged row in `noTrafficAfterSeconds` is `no-traffic`.
 */
export function buildHealthReport(input: HealthReportInput): HealthReport {
  const byTag = new Map<string, HealthCounterRow[]>();
  for (const row of input.rows) {
    const list = byTag.get(row.tag);
    if (list) list.push(row);
    else byTag.set(row.tag, [row]);
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

  const tags = input.tags.map(({ id, event }): TagHealth => {
    const rows = byTag.get(id) ?? [];
    const sum = { samples: 0, found: 0, relocated: 0, ambiguous: 0, absent: 0, events: 0 };
    let lastFound = 0;
    let absentPath: string | null = null;
    let state: TagHealthState = 'no-traffic';
    let since: { at: string; revision: number } | null = null;
    let lastJudgedEnd = 0;
    for (const row of rows) {
      sum.samples += row.samples;
      sum.found += row.found;
      sum.relocated += row.relocated;
      sum.ambiguous += row.ambiguous;
      sum.absent += row.absent;
      sum.events += row.events;
      lastFound = Math.max(lastFound, row.lastFound ?? 0);
      if (row.absentPath && row.absent > 0) absentPath = row.absentPath;
      const judged = classifyCounts(row, input.thresholds);
      if (!judged) continue;
      if (judged !== state || since === null) {
        state = judged;
        since = { at: iso(row.bucket * 1000), revision: row.revision };
      }
      lastJudgedEnd = (row.bucket + input.bucketSeconds) * 1000;
    }
    if (since && input.nowMs - lastJudgedEnd > input.thresholds.noTrafficAfterSeconds * 1000) {
      state = 'no-traffic';
      since = { at: iso(lastJudgedEnd), revision: since.revision };
    }
    const views = sum.found + sum.relocated + sum.ambiguous + sum.absent;
    return {
      id,
      event,
      state,
      stateSince: since,
      views: Math.round(views),
      samples: sum.samples,
      found: pct(sum.found, views),
      relocated: pct(sum.relocated, views),
      ambiguous: pct(sum.ambiguous, views),
      absent: pct(sum.absent, views),
      events: Math.round(sum.events),
      lastFound: lastFound > 0 ? iso(lastFound) : null,
      absentPath,
    };
  });

  return {
    site: input.site,
    since: iso(input.sinceMs),
    until: iso(input.nowMs),
    bucketSeconds: input.bucketSeconds,
    liveRevision: input.liveRevision,
    tags,
  };
}

/** `since` of the query (ISO or `90m` / `24h` / `7d`) as epoch ms; undefined when it is not a date. */
export function parseSince(since: string | undefined, nowMs: number): number | undefined {
  if (since === undefined) return nowMs - 24 * 3600_000;
  const span = /^(\d+)([mhd])$/.exec(since);
  if (span) return nowMs - Number(span[1]) * { m: 60_000, h: 3600_000, d: 86_400_000 }[span[2] as 'm' | 'h' | 'd'];
  const ms = Date.parse(since);
  return Number.isNaN(ms) ? undefined : ms;
}
