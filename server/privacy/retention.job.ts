/**
 * Every night (03:40 network time), once across all instances: personal data past
 * RETENTION_MONTHS since the person's last contact is pseudonymised (see
 * PrivacyService.applyRetention). Statistics stay exactly as they were.
 */
import type { AppContext } from '../context.js';
import { runOnce, type LeaseOutcome } from '../jobs/lease.js';
import type { Job } from '../jobs/scheduler.js';
import { zonedParts } from '../lib/dates.js';
import { PrivacyService, type RetentionSummary } from './privacy.service.js';

export const RETENTION_JOB = 'privacy-retention';

export function runRetention(ctx: AppContext, opts: { instance?: string } = {}): Promise<LeaseOutcome<RetentionSummary>> {
  const today = zonedParts(ctx.clock.now(), ctx.config.timeZone).date;
  return runOnce(ctx, RETENTION_JOB, today, () => new PrivacyService(ctx).applyRetention(), { instance: opts.instance, leaseSeconds: 1800 });
}

export const privacyRetentionJob: Job = {
  name: RETENTION_JOB,
  schedule: '40 3 * * *',
  run: (ctx) => runRetention(ctx),
};
