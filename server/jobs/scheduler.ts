/**
 * Scheduled jobs (node-cron). Each job runs at most once per slot across every
 * instance: it takes a lease row in the database before doing anything.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from '../context.js';

export interface Job {
  name: string;
  /** Cron expression, evaluated in the network's time zone. */
  schedule: string;
  run(ctx: AppContext): Promise<unknown>;
}

/** Jobs features register. */
export const jobs: Job[] = [];

export interface RunningJobs {
  stop(): void;
  idle(): Promise<void>;
}

export function startJobs(ctx: AppContext, list: Job[] = jobs): RunningJobs {
  const tasks: ScheduledTask[] = [];
  const inFlight = new Set<Promise<unknown>>();
  for (const job of list) {
    const task = cron.schedule(
      job.schedule,
      () => {
        const p = job
          .run(ctx)
          .catch((err) => ctx.logger.error({ err, job: job.name }, 'job failed'))
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      },
      { timezone: ctx.config.timeZone, name: job.name, noOverlap: true },
    );
    tasks.push(task);
  }
  if (list.length) ctx.logger.info({ jobs: list.map((j) => `${j.name} (${j.schedule})`) }, 'scheduled jobs started');
  return {
    stop: () => tasks.forEach((t) => t.stop()),
    idle: async () => {
      await Promise.allSettled([...inFlight]);
    },
  };
}
