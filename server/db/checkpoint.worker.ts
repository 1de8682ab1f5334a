/**
 * The WAL checkpointer thread (SQLite): copies committed pages from the write-ahead log
 * back into the database file, on a connection and a thread of its own (checkpointer.ts).
 *
 * SQLite otherwise checkpoints inside the COMMIT that takes the log past 1,000 pages, and
 * that COMMIT then waits for two fsyncs: under a stream of bookings that was one COMMIT
 * in ~140, and every booking in its group waited too. A PASSIVE checkpoint never blocks
 * the writers; it copies what it can and is run again after `intervalMs`.
 *
 * Restarting the log (so that it does not grow for good) needs the writer lock, and
 * while a RESTART holds it no booking can begin. So this connection never waits
 * (`busy_timeout = 0`): a RESTART that finds a writer, or a reader still on the log, gives
 * up at once and is tried again on the next pass. With a wait, a RESTART that met a
 * reader (a long export, say) held every writer back for as long as it waited, and
 * writers that met it slept in SQLite's busy handler (1, 2, 5, 10… ms) well past its end.
 * Only a log that has grown past HARD_FRAMES is restarted with a short wait: a bounded
 * stall then, rather than an unbounded file.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const port = parentPort!;
const db = new Database(file);
db.pragma('busy_timeout = 0');
db.pragma('wal_autocheckpoint = 0');

/** Past this many frames (~8 MB) the log is restarted, not just copied back, when nobody is using it. */
const RESTART_FRAMES = 2000;
/** Past this many (~100 MB) it is restarted even if that means waiting (up to WAIT_MS) for the writer and readers of the moment. */
const HARD_FRAMES = 25_000;
const WAIT_MS = 1000;

type Result = { busy: number; log: number; checkpointed: number };

function checkpoint(): void {
  try {
    // Copy what is committed; writers go on meanwhile.
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)') as Result[];
    if (!passive || passive.log <= RESTART_FRAMES) return;
    // A log that is never fully copied between two write transactions is never restarted and
    // grows for good. RESTART copies the few frames the PASSIVE pass left and lets the next
    // writer start the log from its beginning — if nobody is writing or reading the log now.
    if (passive.log <= HARD_FRAMES) {
      db.pragma('wal_checkpoint(RESTART)');
      return;
    }
    db.pragma(`busy_timeout = ${WAIT_MS}`);
    try {
      db.pragma('wal_checkpoint(RESTART)');
    } finally {
      db.pragma('busy_timeout = 0');
    }
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
