/**
 * Drafts next month's roster for every station ahead of time (default: the
 * 20th at 02:00 network time), once across all instances, and tells the
 * coordinators about the gaps it could not fill.
 */
import { In } from 'typeorm';
import type { AppContext } from '../context.js';
import { UserEntity } from '../auth/users.entity.js';
import { runOnce, type LeaseOutcome } from '../jobs/lease.js';
import type { Job } from '../jobs/scheduler.js';
import { addMonths, zonedParts } from '../lib/dates.js';
import { notifyUser } from '../notifications/fanout.js';
import { RosterEntity, RotationEntity } from './rosters.entity.js';
import { RostersService } from './rosters.service.js';

export interface DraftRunSummary {
  month: string;
  stations: number;
  shifts: number;
  gaps: number;
  skippedPublished: number;
}

export async function runDraftNextMonth(ctx: AppContext, opts: { instance?: string } = {}): Promise<LeaseOutcome<DraftRunSummary>> {
  const today = zonedParts(ctx.clock.now(), ctx.config.timeZone).date;
  const month = addMonths(today.slice(0, 7), 1);
  return runOnce(
    ctx,
    'draft-next-month',
    month,
    async () => {
      const { stationIds, skippedPublished } = await ctx.db.read(async (m) => {
        const rotations = await m.findBy(RotationEntity, { active: true });
        const all = [...new Set(rotations.map((r) => r.stationId))];
        const published = all.length
          ? (await m.findBy(RosterEntity, { month, stationId: In(all), status: 'published' })).map((r) => r.stationId)
          : [];
        return { stationIds: all.filter((id) => !published.includes(id)), skippedPublished: published.length };
      });
      if (stationIds.length === 0) return { month, stations: 0, shifts: 0, gaps: 0, skippedPublished };
      const roster = await new RostersService(ctx).generate({ month, stationIds }, null, `job:draft-next-month:${month}`);
      const gaps = roster.gaps.filter((g) => stationIds.includes(g.stationId));
      await ctx.db.tx(async (m) => {
        const coordinators = await m.findBy(UserEntity, { role: In(['coordinator']), active: true });
        for (const c of coordinators) {
          await notifyUser(m, ctx.clock, c, {
            kind: 'roster_drafted',
            payload: { month, gaps: gaps.length },
            text: { key: 'roster_drafted', params: { month, stations: stationIds.length, gaps: gaps.length } },
            dedupeKey: `roster_drafted:${month}:${c.id}`,
          });
        }
      });
      return { month, stations: stationIds.length, shifts: roster.shifts.length, gaps: gaps.length, skippedPublished };
    },
    { instance: opts.instance, leaseSeconds: 900 },
  );
}

export const draftNextMonthJob: Job = { name: 'draft-next-month', schedule: (c) => c.rosterDraftCron, run: (ctx) => runDraftNextMonth(ctx) };
