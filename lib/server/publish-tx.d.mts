import type { Database } from 'better-sqlite3';
import type { TagConfig } from '../config';
import type { PublishInput, PublishOutcome } from './store';

/** Pragmas of every connection to the registry's file. */
export function configureConnection(db: Database): void;

/** Publish and rollback as IMMEDIATE transactions on `db`. */
export function createWriteTransactions(
  db: Database,
  now?: () => Date,
): {
  publish(input: PublishInput & { config: TagConfig }): PublishOutcome;
  rollback(input: PublishInput & { revision: number }): PublishOutcome;
};

/** One health counter row as flushed: weighted counts of one tag, bucket and revision. */
export interface HealthCounterRow {
  site: string;
  tag: string;
  /** Bucket start, epoch seconds. */
  bucket: number;
  revision: number;
  /** Beacons counted (unweighted). */
  samples: number;
  found: number;
  relocated: number;
  ambiguous: number;
  absent: number;
  events: number;
  /** Last time the target was found or relocated, epoch ms; null when never. */
  lastFound: number | null;
  /** The last generalised path where the target was absent; null when never. */
  absentPath: string | null;
}

/** Health counter upserts (additive) as IMMEDIATE transactions on `db`. */
export function createHealthWrites(db: Database): { add(rows: readonly HealthCounterRow[], retainFrom?: number): void };
