// The registry's write thread: publishes commit here, with their fsync, so the main thread
// keeps answering reads while the disk is slow. Plain JavaScript: see publish-tx.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configureConnection, createHealthWrites, createWriteTransactions } from './publish-tx.mjs';

const db = new Database(workerData.dbPath);
configureConnection(db);
const tx = createWriteTransactions(db);
const health = createHealthWrites(db);

parentPort.on('message', (message) => {
  if (message.op === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const outcome =
      message.op === 'publish'
        ? tx.publish(message.input)
        : message.op === 'rollback'
          ? tx.rollback(message.input)
          : (health.add(message.input.rows, message.input.retainFrom), true);
    parentPort.postMessage({ id: message.id, outcome });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
