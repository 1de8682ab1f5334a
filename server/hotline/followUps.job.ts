/**
 * Every morning (08:30 network time), once across all instances, each station's
 * staff get one in-app reminder listing the call-backs due today or overdue there.
 * Callers' details in the reminder are masked: notifications are stored like logs.
 */
import { In } from 'typeorm';
import type { AppContext } from '../context.js';
import { UserEntity } from '../auth/users.entity.js';
import { runOnce, type LeaseOutcome } from '../jobs/lease.js';
import type { Job } from '../jobs/scheduler.js';
import { zonedParts } from '../lib/dates.js';
import { maskName, maskPhone, maskPhonesInText } from '../lib/mask.js';
import { notifyUser } from '../notifications/fanout.js';
import type { FollowUpItem } from '../notifications/messageText.js';
import { followUpLine } from '../notifications/staffText.js';
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

/** One call as a reminder lists it: due date, caller (masked), category and the start of the summary (numbers in it masked). Pure. */
export function reminderItem(c: HotlineCallRow, today: string): FollowUpItem {
  const who = [c.callerName ? maskName(c.callerName) : '', c.callerPhone ? maskPhone(c.callerPhone) : ''].filter(Boolean).join(' ');
  return {
    due: c.followUpDate!,
    overdue: c.followUpDate! < today,
    caller: who || null,
    category: c.category,
    summary: maskPhonesInText(c.summary).replace(/\s+/g, ' ').slice(0, 40),
  };
}

/** The same as a Chinese reminder's line. */
export const reminderLine = (c: HotlineCallRow, today: string): string => followUpLine(reminderItem(c, today), 'zh');

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
          const items = calls.slice(0, MAX_LINES).map((c) => reminderItem(c, today));
          const added = await notifyUser(m, ctx.clock, user, {
            kind: 'follow_up_reminder',
            text: { key: 'follow_up_reminder', params: { station: names.get(user.stationId!) ?? '', calls: calls.length, overdue, items } },
            payload: { date: today, stationId: user.stationId, callIds: calls.map((c) => c.id), overdue },
            dedupeKey: `follow_up_reminder:${today}:${user.id}`,
            inAppOnly: true,
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
