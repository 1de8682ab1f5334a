/**
 * The booking feature's scheduled jobs. Each is a plain `run(ctx)` (tests call it
 * directly); the scheduler runs them with node-cron on every instance, and a lease
 * row per job and minute (runOnce) lets only one instance do the work.
 */
import { In, LessThan } from 'typeorm';
import type { AppContext } from '../context.js';
import type { Job } from '../jobs/scheduler.js';
import { runOnce } from '../jobs/lease.js';
import { JobRunEntity } from '../jobs/jobRun.entity.js';
import { zonedParts } from '../lib/dates.js';
import { AppointmentEntity, IdempotencyKeyEntity, LookupFailureEntity, PhoneGuardEntity } from './appointments.entity.js';
import { lockAppointment } from './bookings.repository.js';
import { releaseClaimOf } from './ledger.js';
import { WaitlistService } from './waitlist.service.js';
import { resumeClosedDayReleases } from './closedDay.js';

/** The lease slot of a run: the local minute it started in. */
function minuteSlot(ctx: AppContext): string {
  const { date, time } = zonedParts(ctx.clock.now(), ctx.config.timeZone);
  return `${date}T${time}`;
}

/** Bookings nobody checked in NO_SHOW_GRACE_MINUTES after their start become no-shows; their seats are released. */
export async function markNoShows(ctx: AppContext, batch = 500): Promise<{ marked: number }> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - ctx.config.booking.noShowGraceMinutes * 60_000);
  let marked = 0;
  for (;;) {
    const due = await ctx.db.read((m) =>
      m
        .createQueryBuilder(AppointmentEntity, 'a')
        .where("a.status = 'booked' AND a.start_at <= :cutoff", { cutoff })
        .orderBy('a.start_at', 'ASC')
        .limit(batch)
        .getMany(),
    );
    if (due.length === 0) break;
    const done = await ctx.db.tx(async (m) => {
      let n = 0;
      for (const a of due) {
        // Conditional: a check-in at this very moment wins.
        if (!(await lockAppointment(m, a, ['booked'], { status: 'no_show' }, now))) continue;
        await releaseClaimOf(m, a.id);
        n++;
      }
      return n;
    });
    marked += done;
    if (due.length < batch || done === 0) break;
  }
  return { marked };
}

/** Old idempotency keys, failed look-ups, phone guards and this feature's job leases. */
export async function purgeBookingLeftovers(ctx: AppContext): Promise<Record<string, number>> {
  const now = ctx.clock.now().getTime();
  const dayAgo = new Date(now - 24 * 3600_000);
  const weekAgo = new Date(now - 7 * 24 * 3600_000);
  return ctx.db.tx(async (m) => ({
    idempotencyKeys: (await m.delete(IdempotencyKeyEntity, { createdAt: LessThan(dayAgo) })).affected ?? 0,
    lookupFailures: (await m.delete(LookupFailureEntity, { failedAt: LessThan(dayAgo) })).affected ?? 0,
    phoneGuards: (await m.delete(PhoneGuardEntity, { touchedAt: LessThan(dayAgo) })).affected ?? 0,
    jobRuns: (await m.delete(JobRunEntity, { job: In(LEASED_JOBS), startedAt: LessThan(weekAgo) })).affected ?? 0,
  }));
}

const LEASED_JOBS = ['booking-no-shows', 'waitlist-holds', 'booking-housekeeping', 'closed-day-releases'];

export const noShowJob: Job = {
  name: 'booking-no-shows',
  schedule: '*/5 * * * *',
  run: (ctx) => runOnce(ctx, 'booking-no-shows', minuteSlot(ctx), () => markNoShows(ctx)),
};

export const waitlistHoldsJob: Job = {
  name: 'waitlist-holds',
  schedule: '* * * * *',
  run: (ctx) => runOnce(ctx, 'waitlist-holds', minuteSlot(ctx), () => new WaitlistService(ctx).expireHolds()),
};

export const bookingHousekeepingJob: Job = {
  name: 'booking-housekeeping',
  schedule: '23 * * * *',
  run: (ctx) => runOnce(ctx, 'booking-housekeeping', minuteSlot(ctx), () => purgeBookingLeftovers(ctx)),
};

/** A closure's cancellations that an instance left half-done (it stopped): finished in batches (closedDay.ts). */
export const closedDayReleasesJob: Job = {
  name: 'closed-day-releases',
  schedule: '* * * * *',
  run: (ctx) => runOnce(ctx, 'closed-day-releases', minuteSlot(ctx), () => resumeClosedDayReleases(ctx)),
};

export const bookingJobs: Job[] = [noShowJob, waitlistHoldsJob, bookingHousekeepingJob, closedDayReleasesJob];
