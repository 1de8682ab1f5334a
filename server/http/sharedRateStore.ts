/**
 * Rate-limit counters shared by every instance through the database.
 *
 * express-rate-limit's MemoryStore counts per process: behind a load balancer with N
 * instances a client would get N times the limit. This store counts in memory and, every
 * second, adds its new hits to the database row of the client's window and reads back the
 * total of every instance. A request is judged on that total plus what this instance has
 * counted since, so the limit holds across instances to within about a second of traffic.
 * Requests never wait for the database. When it cannot be reached the store keeps counting
 * on its own (the limit then holds per instance) and tries again a second later.
 *
 * Windows are fixed and aligned to the epoch, so every instance agrees on them. Clients are
 * stored as a keyed hash of their key (an IP address) with the installation's secret, the
 * one person keys use (privacy/personKey.ts), and rows older than the previous window are
 * deleted.
 */
import crypto from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Clock } from '../context.js';
import type { Db, Manager } from '../db/db.js';
import { secretOf } from '../privacy/personKey.js';

/** One sync's worth of this instance's hits, by client key. */
export interface HitBatch {
  window: number;
  deltas: Map<string, number>;
  /** Every key whose total the sync reads back: the ones with new hits and the ones already known. */
  keys: string[];
}

/**
 * The counting, without I/O: what this instance has seen of each client in the current
 * window (`known`: every instance's total at the last sync; `inflight`: hits being written;
 * `pending`: hits since).
 */
export class RateCounts {
  private window = Number.NaN;
  private known = new Map<string, number>();
  private pending = new Map<string, number>();
  private inflight = new Map<string, number>();

  constructor(readonly windowMs: number) {}

  windowOf(nowMs: number): number {
    return Math.floor(nowMs / this.windowMs);
  }

  private roll(nowMs: number): number {
    const w = this.windowOf(nowMs);
    if (w !== this.window) {
      this.window = w;
      this.known.clear();
      this.pending.clear();
      this.inflight.clear();
    }
    return w;
  }

  total(key: string): number {
    return Math.max(0, (this.known.get(key) ?? 0) + (this.inflight.get(key) ?? 0) + (this.pending.get(key) ?? 0));
  }

  /** Count a request; the client's total in this window, every instance's included. */
  hit(key: string, nowMs: number): ClientRateLimitInfo {
    const w = this.roll(nowMs);
    add(this.pending, key, 1);
    return { totalHits: this.total(key), resetTime: new Date((w + 1) * this.windowMs) };
  }

  /** Take a request back (express-rate-limit's skipSuccessfulRequests). */
  undo(key: string, nowMs: number): void {
    this.roll(nowMs);
    add(this.pending, key, -1);
  }

  forget(key: string): void {
    this.known.delete(key);
    this.pending.delete(key);
    this.inflight.delete(key);
  }

  /** Hand the new hits to a sync; they still count, as in flight, until it settles or fails. Null when there is nothing to do. */
  take(nowMs: number): HitBatch | null {
    const window = this.roll(nowMs);
    if (this.pending.size === 0 && this.known.size === 0) return null;
    const deltas = this.pending;
    this.pending = new Map();
    for (const [k, n] of deltas) add(this.inflight, k, n);
    return { window, deltas, keys: [...new Set([...this.known.keys(), ...deltas.keys()])] };
  }

  /** The batch is written and `totals` are every instance's hits for its keys. */
  settle(batch: HitBatch, totals: Map<string, number>): void {
    if (batch.window !== this.window) return;
    for (const [k, n] of batch.deltas) add(this.inflight, k, -n);
    for (const k of batch.keys) this.known.set(k, totals.get(k) ?? 0);
  }

  /** The batch was not written: its hits are new again. */
  fail(batch: HitBatch): void {
    if (batch.window !== this.window) return;
    for (const [k, n] of batch.deltas) {
      add(this.inflight, k, -n);
      add(this.pending, k, n);
    }
  }
}

function add(m: Map<string, number>, key: string, n: number): void {
  const v = (m.get(key) ?? 0) + n;
  if (v === 0) m.delete(key);
  else m.set(key, v);
}

/** The stored form of a client key: a keyed hash, not the address (an IPv4 address's plain hash is found by trying them all). */
export function bucketOf(secret: string, limiter: string, key: string): string {
  return crypto.createHmac('sha256', secret).update(`rate:${limiter}\n${key}`).digest('hex').slice(0, 32);
}

/** Rows per statement. */
const CHUNK = 200;
/** How long closing waits for the last counts to be written. */
const SHUTDOWN_WAIT_MS = 2000;

export interface SharedRateStoreDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Which limiter this is ('public', 'login'): rows of different limiters never mix. */
  limiter: string;
  /** How often counts are exchanged with the database (ms). */
  syncMs: number;
}

export class SharedRateStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private counts = new RateCounts(60_000);
  private timer: NodeJS.Timeout | null = null;
  /** Syncs run one after another; `queued` counts those not finished. */
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private prunedWindow = Number.NaN;
  private failing = false;

  constructor(private readonly deps: SharedRateStoreDeps) {
    this.prefix = deps.limiter;
  }

  init(options: Options): void {
    this.counts = new RateCounts(options.windowMs);
    // The timer skips a beat while a sync is still running (a slow or unreachable database).
    this.timer = setInterval(() => {
      if (this.queued === 0) void this.sync();
    }, this.deps.syncMs);
    this.timer.unref();
  }

  increment(key: string): ClientRateLimitInfo {
    const now = this.deps.clock.now().getTime();
    const info = this.counts.hit(key, now);
    // Windows follow the app's clock, but express-rate-limit compares resetTime with the wall
    // clock (Date.now()): for the successful-request undo and the RateLimit-Reset header. With
    // a clock set elsewhere (tests, DEMO_NOW) the window would look over already, and every
    // successful sign-in would count against the limit. Hand it the same time left, on its clock.
    return { ...info, resetTime: new Date(Date.now() + (info.resetTime!.getTime() - now)) };
  }

  decrement(key: string): void {
    this.counts.undo(key, this.deps.clock.now().getTime());
  }

  resetKey(key: string): Promise<void> {
    this.counts.forget(key);
    const { db, limiter } = this.deps;
    return db
      .tx(async (m) => m.query('DELETE FROM rate_limit_hits WHERE limiter = ? AND bucket = ?', [limiter, bucketOf(await secretOf(m), limiter, key)]))
      .then(() => undefined, (err) => this.warn(err));
  }

  /**
   * Write this instance's new hits and read every instance's totals (a timer does it every
   * `syncMs`). Resolves once every hit counted before the call has been offered to the
   * database; never rejects (a failure is logged and the hits wait for the next sync).
   */
  sync(): Promise<void> {
    this.queued++;
    const run = this.queue.then(() => this.syncOnce());
    this.queue = run.finally(() => {
      this.queued--;
    });
    return this.queue;
  }

  /** Stop the timer and write what is left; a database that does not answer delays shutdown by at most `SHUTDOWN_WAIT_MS`. */
  async shutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.sync(), new Promise<void>((resolve) => (timeout = setTimeout(resolve, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(timeout);
  }

  private async syncOnce(): Promise<void> {
    const batch = this.counts.take(this.deps.clock.now().getTime());
    if (!batch) return;
    const { db, limiter } = this.deps;
    const prune = this.prunedWindow !== batch.window;
    try {
      const exchange = async (m: Manager) => {
        const secret = await secretOf(m);
        const buckets = new Map(batch.keys.map((k) => [k, bucketOf(secret, limiter, k)]));
        if (prune) await m.query('DELETE FROM rate_limit_hits WHERE limiter = ? AND window_no < ?', [limiter, batch.window - 1]);
        if (batch.deltas.size > 0) await this.write(m, batch, buckets);
        return this.read(m, batch, buckets);
      };
      const totals = batch.deltas.size > 0 || prune ? await db.tx(exchange) : await db.read(exchange);
      this.counts.settle(batch, totals);
      this.prunedWindow = batch.window;
      if (this.failing) this.deps.logger.info({ limiter }, 'rate-limit counts are shared again');
      this.failing = false;
    } catch (err) {
      this.counts.fail(batch);
      this.warn(err);
    }
  }

  /** `buckets`: the stored form of every key of the batch. */
  private async write(m: Manager, batch: HitBatch, buckets: Map<string, string>): Promise<void> {
    const { limiter } = this.deps;
    // In bucket order, so two instances writing the same clients take their row locks in the same order.
    const rows = [...batch.deltas].map(([k, n]) => [limiter, buckets.get(k)!, batch.window, n] as const).sort((a, b) => (a[1] < b[1] ? -1 : 1));
    const upsert =
      this.deps.db.kind === 'mysql'
        ? ' ON DUPLICATE KEY UPDATE hits = hits + VALUES(hits)'
        : ' ON CONFLICT (limiter, bucket, window_no) DO UPDATE SET hits = hits + excluded.hits';
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await m.query(`INSERT INTO rate_limit_hits (limiter, bucket, window_no, hits) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}${upsert}`, chunk.flat());
    }
  }

  private async read(m: Manager, batch: HitBatch, buckets: Map<string, string>): Promise<Map<string, number>> {
    const { limiter } = this.deps;
    const byBucket = new Map([...buckets].map(([k, b]) => [b, k]));
    const stored = [...byBucket.keys()];
    const totals = new Map<string, number>();
    for (let i = 0; i < stored.length; i += CHUNK) {
      const chunk = stored.slice(i, i + CHUNK);
      const rows: { bucket: string; hits: number | string }[] = await m.query(
        `SELECT bucket, hits FROM rate_limit_hits WHERE limiter = ? AND window_no = ? AND bucket IN (${chunk.map(() => '?').join(', ')})`,
        [limiter, batch.window, ...chunk],
      );
      for (const r of rows) totals.set(byBucket.get(r.bucket)!, Number(r.hits));
    }
    return totals;
  }

  private warn(err: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.deps.logger.warn({ limiter: this.deps.limiter, err: String((err as Error)?.message ?? err) }, 'rate-limit counts could not be shared; counting on this instance alone until the database answers');
  }
}
