/**
 * The WAL checkpointer thread (SQLite): copies committed pages from the write-ahead log
 * back into the database file, on a connection and a thread of its own (checkpointer.ts).
 *
 * SQLite otherwise checkpoints inside the COMMIT that takes the log past 1,000 pages, and
 * that COMMIT then waits for two fsyncs: under a stream of bookings that was one COMMIT
 * in ~140, and every booking in its group waited too. A PASSIVE checkpoint never blocks
 * the writers; it copies what it can and is run again after `intervalMs`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const port = parentPort!;
const db = new Database(file);
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');

/** Past this many frames (~8 MB) the log is restarted, not just copied back. */
const RESTART_FRAMES = 2000;

function checkpoint(): void {
  try {
    // Copy what is committed; writers go on meanwhile.
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    // A log that is never fully copied between two write transactions is never restarted and
    // grows for good. RESTART waits for the writer of the moment, copies the few frames
    // the PASSIVE pass left and lets the next writer start the log from its beginning.
    if (passive && passive.log > RESTART_FRAMES) db.pragma('wal_checkpoint(RESTART)');
  } catch (err) {
    port.postMessage({ type: 'error', message: String((err as Error).message) });
  }
}

const timer = setInterval(checkpoint, intervalMs);
port.on('message', (msg: unknown) => {
  if (msg !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  port.close();
});
port.postMessage({ type: 'ready' });
