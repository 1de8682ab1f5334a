/**
 * Checkpointing a SQLite database's write-ahead log on a thread of its own
 * (checkpoint.worker.ts), so that no COMMIT of the request threads waits for it.
 * Started by whoever writes a lot (the booking thread); the connections of the process
 * then stop checkpointing on their own (wal_autocheckpoint = 0).
 */
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { startWorker } from '../lib/threads.js';

export class Checkpointer {
  private readonly worker: Worker;
  private closed: Promise<void> | null = null;

  /** `onLost` runs if the thread dies on its own (the caller turns SQLite's own checkpoints back on). */
  constructor(file: string, logger: Logger, onLost: () => void, intervalMs = 200) {
    this.worker = startWorker(new URL('./checkpoint.worker.ts', import.meta.url), { file, intervalMs });
    this.worker.on('exit', (code) => {
      if (this.closed) return;
      logger.error({ code }, 'the checkpoint thread stopped; SQLite checkpoints in COMMIT again');
      onLost();
    });
    this.worker.on('message', (msg: { type: string; message?: string }) => {
      if (msg.type === 'error') logger.warn({ err: { message: msg.message } }, 'WAL checkpoint failed');
    });
    this.worker.on('error', (err) => logger.error({ err: { message: err.message } }, 'the checkpoint thread failed'));
    this.worker.unref();
  }

  /** A last checkpoint, then the thread stops. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate(), 10_000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage('close');
    });
    return this.closed;
  }
}
