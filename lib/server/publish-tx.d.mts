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
