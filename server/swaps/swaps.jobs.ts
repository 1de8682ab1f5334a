/**
 * Swap housekeeping. Expiry moves each swap by compare-and-set, so it is safe on every
 * instance at once and runs hourly (a missed hour costs nothing). Offer reminders run once
 * a day across instances (a lease per day), and each message has a dedupe key besides.
 */
import type { AppContext } from '../context.js';
import { runOnce, type LeaseOutcome } from '../jobs/lease.js';
import type { Job } from '../jobs/scheduler.js';
import { zonedParts } from '../lib/dates.js';
import { SwapsService } from './swaps.service.js';

export function runSwapExpiry(ctx: AppContext): Promise<{ expired: number }> {
  return new SwapsService(ctx).expireDue();
}

export function runOpenOfferReminders(ctx: AppContext, opts: { instance?: string } = {}): Promise<LeaseOutcome<{ offers: number; reminded: number }>> {
  const today = zonedParts(ctx.clock.now(), ctx.config.timeZone).date;
  return runOnce(ctx, 'swap-offer-reminders', today, () => new SwapsService(ctx).remindOpenOffers(), { instance: opts.instance, leaseSeconds: 600 });
}

export const swapExpiryJob: Job = { name: 'swap-expiry', schedule: '7 * * * *', run: (ctx) => runSwapExpiry(ctx) };
export const swapOfferReminderJob: Job = { name: 'swap-offer-reminders', schedule: '0 9 * * *', run: (ctx) => runOpenOfferReminders(ctx) };
