/**
 * Every morning (08:30 network time), once across all instances, each station's
 * staff get one in-app reminder listing the call-backs due today or overdue there.
 * Callers' details in the reminder are masked: notifications are stored like logs.
 */
import { In } from 'typeorm';
import type { AppContext } from '../context.js';
import { UserEntity } from '../auth/users.entity.js';
import { categoryLabel, isDisputeCategory } from '../domain/categories.js';
import { runOnce, type LeaseOutcome } from '../jobs/lease.js';
import type { Job } from '../jobs/scheduler.js';
import { zonedParts } from '../lib/dates.js';
import { maskName, maskPhone, maskPhonesInText } from '../lib/mask.js';
import type { MessageText } from '../notifications/messageText.js';
import { enqueueNotification } from '../notifications/outbox.js';
import type { HotlineCallRow } from './hotline.entity.js';
import { dueFollowUps, stationNames } from './hotline.repository.js';

export const FOLLOW_UP_JOB = 'hotline-follow-up-reminders';
/** Lines listed in one reminder; the rest are counted. */
const MAX_LINES = 20;

export interface FollowUpRunSummary {
  date: string;
  stations: number;
  calls: number;
  reminders: number;
}

/** One reminder line: due date, caller (masked), category and the start of the summary. Pure. */
export function reminderLine(c: HotlineCallRow, today: string): string {
  const who = [c.callerName ? maskName(c.callerName) : '', c.callerPhone ? maskPhone(c.callerPhone) : ''].filter(Boolean).join(' ') || '匿名来电';
  const category = isDisputeCategory(c.category) ? categoryLabel(c.category) : c.category;
  const summary = maskPhonesInText(c.summary).replace(/\s+/g, ' ').slice(0, 40);
  return `· ${c.followUpDate}${c.followUpDate! < today ? '（逾期）' : ''} ${who} [${category}] ${summary}`;
}

export async function runFollowUpReminders(ctx: AppContext, opts: { instance?: string } = {}): Promise<LeaseOutcome<FollowUpRunSummary>> {
  const today = zonedParts(ctx.clock.now(), ctx.config.timeZone).date;
  return runOnce(
    ctx,
    FOLLOW_UP_JOB,
    today,
    async () => {
      const due = await ctx.db.read((m) => dueFollowUps(m, today));
      const byStation = new Map<number, HotlineCallRow[]>();
      for (const c of due) byStation.set(c.stationId, [...(byStation.get(c.stationId) ?? []), c]);
      if (byStation.size === 0) return { date: today, stations: 0, calls: 0, reminders: 0 };
      let reminders = 0;
      await ctx.db.tx(async (m) => {
        const stationIds = [...byStation.keys()];
        const names = await stationNames(m, stationIds);
        const staff = await m.findBy(UserEntity, { role: 'staff', active: true, stationId: In(stationIds) });
        for (const user of staff) {
          const calls = byStation.get(user.stationId!) ?? [];
          const overdue = calls.filter((c) => c.followUpDate! < today).length;
          const lines = calls.slice(0, MAX_LINES).map((c) => reminderLine(c, today));
          if (calls.length > MAX_LINES) lines.push(`……另有 ${calls.length - MAX_LINES} 个`);
          const added = await enqueueNotification(m, ctx.clock, {
            channel: 'in_app',
            kind: 'follow_up_reminder',
            recipientUserId: user.id,
            title: `今日回访提醒：${calls.length} 个待回访${overdue ? `（其中逾期 ${overdue} 个）` : ''}`,
            body: `${names.get(user.stationId!) ?? ''}今天需要回访的来电：\n${lines.join('\n')}\n请在“热线”页面的回访列表中处理。`,
            payload: {
              date: today,
              stationId: user.stationId,
              callIds: calls.map((c) => c.id),
              overdue,
              text: { key: 'follow_up_reminder', params: { station: names.get(user.stationId!) ?? '', calls: calls.length, overdue } } satisfies MessageText,
            },
            dedupeKey: `follow_up_reminder:${today}:${user.id}`,
          });
          if (added) reminders++;
        }
      });
      return { date: today, stations: byStation.size, calls: due.length, reminders };
    },
    { instance: opts.instance, leaseSeconds: 600 },
  );
}

export const followUpReminderJob: Job = {
  name: FOLLOW_UP_JOB,
  schedule: '30 8 * * *',
  run: (ctx) => runFollowUpReminders(ctx),
};
