/**
 * The main thread's side of the booking thread (placement.worker.ts).
 *
 * On SQLite the database work of a booking — about ten statements, the rules and a share
 * of a COMMIT — costs as much CPU as the HTTP work around it, and better-sqlite3 runs it
 * on the thread that runs it all. The booking thread takes it over: the main thread
 * parses and validates the request, hands the booking over (a small message), and
 * answers when the thread says it is committed. Everything else stays on the main
 * thread's connection.
 *
 * The thread starts on first use (or `warmUp`) and is restarted after a crash. A booking
 * in flight when it died gets an error (a 500). Its transaction either committed whole or
 * not at all; if it committed, the booking page's retry with the same Idempotency-Key
 * gets it back. A thread that cannot start at all (it cannot open the database) leaves
 * the bookings to the main thread (`ThreadUnavailable`). `close` lets the bookings in
 * flight finish first.
 */
import type { Worker } from 'node:worker_threads';
import type { AppContext } from '../context.js';
import { AppError } from '../http/errors.js';
import type { Lang } from '../http/messages.js';
import { startWorker } from '../lib/threads.js';
import type { AppointmentSource } from './appointments.entity.js';
import type { BookingInput } from './bookings.schema.js';
import { PhoneRefusal } from './lookupGuard.js';
import type { IdempotencyClaim, Placement } from './placement.js';

export interface PlacementThreadData {
  url: string;
  config: unknown;
}

export interface PlacementRequest {
  id: number;
  input: unknown;
  source: string;
  /** The worker's language, for the booking's SMS. */
  lang: Lang;
  claim?: unknown;
  /** The main thread's clock (ms since the epoch): the rules run at this instant. */
  now: number;
}

export interface SerialisedError {
  /** `phoneRefusal`: the error was a PhoneRefusal, which the public routes count as a failed look-up. */
  app?: { status: number; code: AppError['code']; message: string; details?: AppError['details']; phoneRefusal?: true };
  name?: string;
  message: string;
  code?: string;
}

export type PlacementReply = { id: number; ok: Placement } | { id: number; error: SerialisedError };

type Control = { type: 'ready' } | { type: 'closed' } | { type: 'failed'; error: SerialisedError };

export function serialiseError(err: unknown): SerialisedError {
  if (err instanceof AppError) {
    const app: NonNullable<SerialisedError['app']> = { status: err.status, code: err.code, message: err.message, details: err.details };
    if (err instanceof PhoneRefusal) app.phoneRefusal = true;
    return { app, message: err.message };
  }
  const e = err as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(err),
    code: typeof e?.code === 'string' ? e.code : undefined,
  };
}

export function deserialiseError(s: SerialisedError): Error {
  if (s.app?.phoneRefusal) return new PhoneRefusal(s.app.message);
  if (s.app) return new AppError(s.app.status, s.app.code, s.app.message, s.app.details);
  const err = new Error(s.message) as Error & { code?: string };
  if (s.name) err.name = s.name;
  if (s.code) err.code = s.code;
  return err;
}

/** The thread could not start (it never opened the database): the caller places the booking itself. */
export class ThreadUnavailable extends Error {
  constructor(reason: string) {
    super(`the booking thread is unavailable: ${reason}`);
  }
}

export class PlacementThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (p: Placement) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closing: Promise<void> | null = null;
  /** Set when a thread failed before it was ready: from then on the main thread places bookings. */
  private broken: string | null = null;

  constructor(private readonly ctx: AppContext) {}

  /** False once the thread has failed to start; bookings then run on the main thread. */
  get usable(): boolean {
    return this.broken === null;
  }

  /** Start the thread now rather than on the first booking. */
  warmUp(): void {
    this.start();
  }

  place(input: BookingInput, source: AppointmentSource, lang: Lang = 'zh', claim?: IdempotencyClaim): Promise<Placement> {
    if (this.broken) return Promise.reject(new ThreadUnavailable(this.broken));
    if (this.closing) return Promise.reject(new Error('the booking thread is shutting down'));
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Placement>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref(); // a booking in flight keeps the process alive
      const msg: PlacementRequest = { id, input, source, lang, claim, now: this.ctx.clock.now().getTime() };
      worker.postMessage(msg);
    });
  }

  /** Let the bookings in flight finish, then stop the thread. */
  close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    this.closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), 10_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ type: 'close' });
    });
    return this.closing;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The thread's connection leaves checkpoints to the checkpointer thread.
    this.ctx.db.startCheckpointer(this.ctx.logger);
    const data: PlacementThreadData = { url: this.ctx.db.url, config: this.ctx.config };
    const worker = startWorker(new URL('./placement.worker.ts', import.meta.url), data);
    let ready = false;
    let failure: string | null = null;
    worker.on('message', (msg: PlacementReply | Control) => {
      if ('type' in msg) {
        if (msg.type === 'ready') ready = true;
        if (msg.type === 'failed') failure = `it could not open the database (${msg.error.message})`;
        return;
      }
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if ('ok' in msg) waiting.resolve(msg.ok);
      else waiting.reject(deserialiseError(msg.error));
    });
    worker.on('error', (err) => {
      failure ??= ready ? null : `it failed while starting (${err.message})`;
      this.ctx.logger.error({ err: serialiseError(err) }, 'the booking thread failed');
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      // A thread that never got ready will not do better next time: the main thread takes over.
      if (!ready && !this.closing) {
        this.broken = failure ?? `it stopped while starting (exit code ${code})`;
        this.ctx.logger.error({ reason: this.broken }, 'the booking thread could not start; bookings are placed on the main thread');
      }
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const p of lost) {
        // Bookings sent to a thread that never opened the database were never started: the caller may place them itself.
        p.reject(this.broken && !ready ? new ThreadUnavailable(this.broken) : new Error(`the booking thread stopped (exit code ${code}) before answering`));
      }
    });
    // An idle thread does not keep the process alive (shutdown closes it explicitly).
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
