/**
 * Failed look-ups by code + phone, counted per client in the database so the limit
 * holds across every instance behind the load balancer. Past LOOKUP_FAILURE_LIMIT
 * failures in 10 minutes the client gets 429 until the window slides on.
 *
 * A public request refused for what a phone number already holds (PhoneRefusal) is a
 * look-up too: whoever knows a worker's number (their employer, say) could otherwise ask
 * again and again whether that worker has booked a consultation. It is counted alike.
 */
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../http/errors.js';
import { failedLookupsSince, recordFailedLookup } from './bookings.repository.js';

export const LOOKUP_WINDOW_MINUTES = 10;
/** How long a client's failure count read for a booking is trusted (LookupGuard.recent). */
const COUNT_TRUSTED_MS = 1000;
/** Clients remembered at most (forgotten all at once past it: they are read again). */
const MAX_REMEMBERED = 10_000;

/**
 * A 409 that tells something about the bookings of a phone number (an overlap, too many
 * upcoming, already waiting). It crosses the booking thread's boundary as such (placementThread.ts).
 */
export class PhoneRefusal extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
    this.name = 'PhoneRefusal';
  }
}

export class LookupGuard {
  /**
   * Clients' failure counts as last read, for bookings (probe): each booking would
   * otherwise pay a read (on MySQL a round trip) for a count that is nearly always 0.
   * A count is trusted for a second, and only at the clock reading it was taken at, so
   * another instance's failures show within a second, as with the shared rate limits;
   * this instance's own are added at once.
   */
  private readonly recent = new Map<string, { failures: number; readAt: number; clockAt: number }>();

  constructor(private readonly ctx: AppContext) {}

  private since(): Date {
    return new Date(this.ctx.clock.now().getTime() - LOOKUP_WINDOW_MINUTES * 60_000);
  }

  private refuseAt(failures: number): void {
    if (failures >= this.ctx.config.lookupFailureLimit) {
      throw new AppError(429, 'rate_limited', `Too many failed look-ups; please wait ${LOOKUP_WINDOW_MINUTES} minutes and try again`);
    }
  }

  private failuresOf(clientKey: string): Promise<number> {
    return this.ctx.db.read((m) => failedLookupsSince(m, clientKey, this.since()));
  }

  async assertAllowed(clientKey: string): Promise<void> {
    this.refuseAt(await this.failuresOf(clientKey));
  }

  /** assertAllowed on a count at most a second old (see `recent`). */
  private async assertAllowedRecently(clientKey: string): Promise<void> {
    const now = Date.now();
    const clockAt = this.ctx.clock.now().getTime();
    const known = this.recent.get(clientKey);
    if (known && now - known.readAt < COUNT_TRUSTED_MS && Math.abs(clockAt - known.clockAt) < COUNT_TRUSTED_MS) {
      this.refuseAt(known.failures);
      return;
    }
    const failures = await this.failuresOf(clientKey);
    if (this.recent.size >= MAX_REMEMBERED) this.recent.clear();
    this.recent.set(clientKey, { failures, readAt: now, clockAt });
    this.refuseAt(failures);
  }

  /** Count the failure and answer 404 (the same for a wrong code and a wrong phone). */
  async fail(clientKey: string, what = 'No booking matches this code and phone number'): Promise<never> {
    await this.record(clientKey);
    throw notFound(what);
  }

  /**
   * Run a public request that anyone may make for any phone number: past the limit it is
   * not run at all (429), and a PhoneRefusal it ends in counts as a failed look-up.
   */
  async probe<T>(clientKey: string, run: () => Promise<T>): Promise<T> {
    await this.assertAllowedRecently(clientKey);
    try {
      return await run();
    } catch (err) {
      if (err instanceof PhoneRefusal) await this.record(clientKey);
      throw err;
    }
  }

  private async record(clientKey: string): Promise<void> {
    await this.ctx.db.tx((m) => recordFailedLookup(m, clientKey, this.ctx.clock.now()));
    const known = this.recent.get(clientKey);
    if (known) known.failures++;
  }
}
