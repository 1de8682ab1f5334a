/**
 * Run-once leases in the database. A job run is keyed by (job, slot) — e.g.
 * ('draft-next-month', '2027-01') or ('send-notifications', '2026-12-01T09:05').
 * The first instance to insert the row runs the work; every other instance
 * hits the unique index and skips. A run whose holder died (lease expired while
 * still 'running') can be taken over by exactly one instance.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import { JobRunEntity } from './jobRun.entity.js';

export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

export type LeaseOutcome<T> = { ran: true; result: T } | { ran: false; reason: 'taken' | 'done' };

export async function runOnce<T>(
  ctx: AppContext,
  job: string,
  slot: string,
  work: () => Promise<T>,
  opts: { leaseSeconds?: number; instance?: string } = {},
): Promise<LeaseOutcome<T>> {
  const instance = opts.instance ?? INSTANCE_ID;
  const leaseMs = (opts.leaseSeconds ?? 600) * 1000;
  const now = ctx.clock.now();
  let acquired = false;
  try {
    await ctx.db.tx((m) =>
      m.insert(JobRunEntity, {
        job,
        slot,
        status: 'running',
        instance,
        startedAt: now,
        leaseUntil: new Date(now.getTime() + leaseMs),
        finishedAt: null,
        details: null,
      }),
    );
    acquired = true;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  if (!acquired) {
    // Take over a run whose holder died, if its lease has run out.
    const taken = await ctx.db.tx(async (m) => {
      const res = await m
        .getRepository(JobRunEntity)
        .createQueryBuilder()
        .update()
        .set({ instance, status: 'running', startedAt: now, leaseUntil: new Date(now.getTime() + leaseMs), finishedAt: null })
        // A holder that died (lease ran out) or a run that failed may be taken over, by one instance.
        .where('job = :job AND slot = :slot AND ((status = :running AND lease_until < :now) OR status = :failed)', {
          job,
          slot,
          running: 'running',
          failed: 'failed',
          now,
        })
        .execute();
      return (res.affected ?? 0) === 1;
    });
    if (!taken) {
      const row = await ctx.db.read((m) => m.findOneBy(JobRunEntity, { job, slot }));
      return { ran: false, reason: row?.status === 'running' ? 'taken' : 'done' };
    }
  }
  try {
    const result = await work();
    await ctx.db.tx((m) =>
      m.update(JobRunEntity, { job, slot }, { status: 'done', finishedAt: ctx.clock.now(), details: summarise(result) as never }),
    );
    return { ran: true, result };
  } catch (err) {
    await ctx.db
      .tx((m) =>
        m.update(JobRunEntity, { job, slot }, {
          status: 'failed',
          finishedAt: ctx.clock.now(),
          details: { error: err instanceof Error ? err.message.slice(0, 500) : String(err) } as never,
        }),
      )
      .catch(() => undefined);
    throw err;
  }
}

function summarise(result: unknown): Record<string, unknown> | null {
  if (result && typeof result === 'object' && !Array.isArray(result)) return result as Record<string, unknown>;
  return result === undefined ? null : { result };
}
