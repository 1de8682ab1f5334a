/**
 * Failed look-ups by code + phone, counted per client in the database so the limit
 * holds across every instance behind the load balancer. Past LOOKUP_FAILURE_LIMIT
 * failures in 10 minutes the client gets 429 until the window slides on.
 */
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../http/errors.js';
import { failedLookupsSince, recordFailedLookup } from './bookings.repository.js';

export const LOOKUP_WINDOW_MINUTES = 10;

export class LookupGuard {
  constructor(private readonly ctx: AppContext) {}

  private since(): Date {
    return new Date(this.ctx.clock.now().getTime() - LOOKUP_WINDOW_MINUTES * 60_000);
  }

  async assertAllowed(clientKey: string): Promise<void> {
    const failures = await this.ctx.db.read((m) => failedLookupsSince(m, clientKey, this.since()));
    if (failures >= this.ctx.config.lookupFailureLimit) {
      throw new AppError(429, 'rate_limited', `Too many failed look-ups; please wait ${LOOKUP_WINDOW_MINUTES} minutes and try again`);
    }
  }

  /** Count the failure and answer 404 (the same for a wrong code and a wrong phone). */
  async fail(clientKey: string, what = 'No booking matches this code and phone number'): Promise<never> {
    await this.ctx.db.tx((m) => recordFailedLookup(m, clientKey, this.ctx.clock.now()));
    throw notFound(what);
  }
}
