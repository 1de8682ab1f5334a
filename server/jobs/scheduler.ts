/**
 * Scheduled jobs (node-cron). Each job runs at most once per slot across every
 * instance: it takes a lease row in the database before doing anything.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';

export interface Job {
  name: string;
  /** Cron expression (or one read from the configuration), evaluated in the network's time zone. */
  schedule: string | ((config: Readonly<Config>) => string);
  run(ctx: AppContext): Promise<unknown>;
}

export interface RunningJobs {
  stop(): void;
  idle(): Promise<void>;
}

export function startJobs(ctx: AppContext, list: Job[]): RunningJobs {
  const tasks: ScheduledTask[] = [];
  const inFlight = new Set<Promise<unknown>>();
  for (const job of list) {
    const schedule = typeof job.schedule === 'string' ? job.schedule : job.schedule(ctx.config);
    const task = cron.schedule(
      schedule,
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
  if (list.length) ctx.logger.info({ jobs: list.map((j) => j.name) }, 'scheduled jobs started');
  return {
    stop: () => tasks.forEach((t) => t.stop()),
    idle: async () => {
      await Promise.allSettled([...inFlight]);
    },
  };
}
