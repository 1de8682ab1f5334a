/**
 * Delivery of due outbox rows. Each row is claimed with a conditional update
 * before it is sent, so several instances never send the same message; a claim
 * that outlives its holder (crash) expires and the row is retried.
 */
import type { AppContext } from '../context.js';
import { INSTANCE_ID } from '../jobs/lease.js';
import { NotificationEntity, type NotificationRow } from './notifications.entity.js';
import type { Sender } from './senders.js';

/** Minutes to wait before attempt n+1: 1, 5, 15, 60, 240 … then the row is dead. */
export const BACKOFF_MINUTES = [1, 5, 15, 60, 240, 720];
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;

export function nextAttemptDelayMinutes(attempts: number): number | null {
  return attempts >= MAX_ATTEMPTS ? null : BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)]!;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  dead: number;
  skipped: number;
}

export async function deliverDueNotifications(
  ctx: AppContext,
  senders: Sender[],
  opts: { batch?: number; instance?: string } = {},
): Promise<DeliveryReport> {
  const instance = opts.instance ?? INSTANCE_ID;
  const now = ctx.clock.now();
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0, skipped: 0 };
  const due = await ctx.db.read((m) =>
    m
      .createQueryBuilder(NotificationEntity, 'n')
      .where(
        "((n.status IN ('pending', 'failed') AND n.next_attempt_at <= :now) OR (n.status = 'sending' AND n.claimed_until < :now))",
        { now },
      )
      .orderBy('n.next_attempt_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .limit(opts.batch ?? 100)
      .getMany(),
  );
  for (const n of due) {
    const sender = senders.find((s) => s.channel === n.channel);
    if (!sender) {
      report.skipped++;
      continue;
    }
    const claimed = await ctx.db.tx(async (m) => {
      const res = await m
        .getRepository(NotificationEntity)
        .createQueryBuilder()
        .update()
        .set({ status: 'sending', claimedBy: instance, claimedUntil: new Date(now.getTime() + 120_000) })
        // A stale claim (status still 'sending') is taken over only while it is still stale:
        // once one instance re-claims it, claimed_until moves into the future and the
        // others' conditional update matches nothing.
        .where("id = :id AND status = :status AND attempts = :attempts AND (status <> 'sending' OR claimed_until < :now)", {
          id: n.id,
          status: n.status,
          attempts: n.attempts,
          now,
        })
        .execute();
      return (res.affected ?? 0) === 1;
    });
    if (!claimed) {
      report.skipped++;
      continue;
    }
    await attempt(ctx, sender, n, report);
  }
  return report;
}

async function attempt(ctx: AppContext, sender: Sender, n: NotificationRow, report: DeliveryReport) {
  const attempts = n.attempts + 1;
  try {
    await sender.send(n);
    await ctx.db.tx((m) =>
      m.update(NotificationEntity, { id: n.id }, { status: 'sent', attempts, sentAt: ctx.clock.now(), claimedUntil: null, lastError: null }),
    );
    report.sent++;
  } catch (err) {
    const delay = nextAttemptDelayMinutes(attempts);
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    await ctx.db.tx((m) =>
      m.update(NotificationEntity, { id: n.id }, {
        status: delay === null ? 'dead' : 'failed',
        attempts,
        lastError: message,
        claimedUntil: null,
        nextAttemptAt: new Date(ctx.clock.now().getTime() + (delay ?? 0) * 60_000),
      }),
    );
    if (delay === null) report.dead++;
    else report.failed++;
    ctx.logger.warn({ notification: n.id, attempts, err: message }, 'notification delivery failed');
  }
}
