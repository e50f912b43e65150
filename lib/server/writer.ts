import { Worker } from 'node:worker_threads';
import type { TagConfig } from '../config';
import type { HealthCounterRow } from './publish-tx.mjs';
import type { PublishInput, PublishOutcome, RegistryStore } from './store';

/** Where publishes and rollbacks are committed. */
export interface Writer {
  publish(input: PublishInput & { config: TagConfig }): Promise<PublishOutcome>;
  rollback(input: PublishInput & { revision: number }): Promise<PublishOutcome>;
  /** Adds a batch of health counters (and drops rows older than `retainFrom`, a bucket start in epoch seconds). */
  addHealth(rows: readonly HealthCounterRow[], retainFrom?: number): Promise<void>;
  /** Waits for pending writes, then stops the thread. */
  close(): Promise<void>;
}

type Request =
  | { op: 'publish'; input: PublishInput & { config: TagConfig } }
  | { op: 'rollback'; input: PublishInput & { revision: number } }
  | { op: 'health'; input: { rows: readonly HealthCounterRow[]; retainFrom?: number } };

/**
 * Commits on a worker thread with its own connection to `dbPath`. The commit's fsync can take
 * over 100 ms on a busy disk; on the main thread it would stall every read meanwhile. The
 * transaction is the same as the store's (publish-tx.mjs), so the worker changes where a
 * publish waits, not what it does. The thread starts on first use and again after a crash.
 */
export function createWorkerWriter(dbPath: string): Writer {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(outcome: unknown): void; reject(error: Error): void }>();
  const inFlight = new Set<Promise<unknown>>();

  function start(): Worker {
    const thread = new Worker(new URL('./write-worker.mjs', import.meta.url), { workerData: { dbPath } });
    thread.on('message', (message: { id: number; outcome?: unknown; error?: string }) => {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(`write failed: ${message.error}`));
      else waiter?.resolve(message.outcome!);
    });
    const fail = (error: Error) => {
      if (worker === thread) worker = undefined;
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    };
    thread.on('error', fail);
    thread.on('exit', (code) => fail(new Error(`the write thread stopped (exit code ${code})`)));
    return thread;
  }

  function send<T>(request: Request): Promise<T> {
    worker ??= start();
    const id = nextId++;
    const result = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (outcome: unknown) => void, reject }));
    inFlight.add(result);
    const forget = () => inFlight.delete(result);
    result.then(forget, forget);
    worker.postMessage({ id, ...request });
    return result;
  }

  return {
    publish: (input) => send<PublishOutcome>({ op: 'publish', input }),
    rollback: (input) => send<PublishOutcome>({ op: 'rollback', input }),
    addHealth: async (rows, retainFrom) => void (await send<true>({ op: 'health', input: { rows, retainFrom } })),
    async close() {
      const thread = worker;
      worker = undefined;
      if (!thread) return;
      await Promise.allSettled(inFlight);
      const exited = new Promise((resolve) => thread.once('exit', resolve));
      thread.postMessage({ op: 'close' });
      await exited;
    },
  };
}

/** Commits on the calling thread (an in-memory database, which a second thread cannot open). */
export function createInlineWriter(store: RegistryStore): Writer {
  return {
    publish: async (input) => store.publish(input),
    rollback: async (input) => store.rollback(input),
    addHealth: async (rows, retainFrom) => store.addHealth(rows, retainFrom),
    close: async () => {},
  };
}
