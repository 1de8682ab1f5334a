/**
 * Calendar feeds for other apps: a station's published duty days (public) and a
 * lawyer's own published shifts (behind a per-user secret token in the URL, because
 * calendar apps cannot send a bearer header). A wrong or missing token answers 404,
 * like an unknown lawyer, so ids cannot be probed; tokens are compared in constant time.
 */
import crypto from 'node:crypto';
import { In } from 'typeorm';
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { conflict, forbidden, notFound } from '../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { UserEntity } from '../auth/users.entity.js';
import { LawyerEntity } from '../lawyers/lawyers.entity.js';
import { addMonths, monthRange, zonedParts } from '../lib/dates.js';
import { lawyerNames, shiftsBetween } from '../rosters/rosters.repository.js';
import { StationEntity } from '../stations/stations.entity.js';
import { renderDutyCalendar, type DutyEvent } from './dutyCalendar.js';
import type { CalendarToken } from './ical.schema.js';

/** 32 random bytes (256 bits), URL-safe: 43 characters. */
export function newCalendarToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Equal-length digests, so the comparison takes the same time whatever the input. */
export function tokensMatch(given: string, stored: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(stored).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The feed window: from the start of last month to the end of the month three months ahead. */
export function feedWindow(today: string): { from: string; to: string } {
  const month = today.slice(0, 7);
  return { from: monthRange(addMonths(month, -1)).from, to: monthRange(addMonths(month, 3)).to };
}

export class CalendarFeeds {
  constructor(private readonly ctx: AppContext) {}

  private get uidDomain(): string {
    try {
      return new URL(this.ctx.config.publicBaseUrl).hostname || 'dutyroster';
    } catch {
      return 'dutyroster';
    }
  }

  private window() {
    return feedWindow(zonedParts(this.ctx.clock.now(), this.ctx.config.timeZone).date);
  }

  async stationFeed(stationId: number): Promise<string> {
    return this.ctx.db.read(async (m) => {
      const station = await m.findOneBy(StationEntity, { id: stationId });
      if (!station || !station.active) throw notFound('No such station');
      const { from, to } = this.window();
      const shifts = await shiftsBetween(m, from, to, { stationIds: [stationId], status: 'published' });
      const names = await lawyerNames(m, shifts.map((s) => s.lawyerId));
      const events: DutyEvent[] = shifts.map((s) => {
        const lawyer = names.get(s.lawyerId);
        return {
          shiftId: s.id,
          version: s.version,
          date: s.date,
          start: s.start,
          end: s.end,
          summary: `值班律师：${lawyer?.name ?? ''}`,
          description: `${station.name} ${s.date} ${s.start}–${s.end} 值班律师 ${lawyer?.name ?? ''}（${lawyer?.firm ?? ''}）。免费法律咨询，电话 ${station.phone}`,
          location: station.address,
          updatedAt: s.updatedAt,
        };
      });
      return renderDutyCalendar({
        name: `${station.name} 值班表`,
        description: `${station.name}的值班律师安排`,
        timeZone: this.ctx.config.timeZone,
        uidDomain: this.uidDomain,
        stamp: this.ctx.clock.now(),
        events,
      });
    });
  }

  async lawyerFeed(lawyerId: number, token: string | undefined): Promise<string> {
    return this.ctx.db.read(async (m) => {
      const users = await m.findBy(UserEntity, { lawyerId, active: true });
      const given = token ?? '';
      // Compare against every linked user's token (no early exit), then decide.
      let ok = false;
      for (const u of users) if (u.calendarToken && tokensMatch(given, u.calendarToken)) ok = true;
      if (!ok || given.length < 20) throw notFound('No such calendar');
      const lawyer = await m.findOneBy(LawyerEntity, { id: lawyerId });
      if (!lawyer) throw notFound('No such calendar');
      const { from, to } = this.window();
      const shifts = await shiftsBetween(m, from, to, { lawyerId, status: 'published' });
      const stationIds = [...new Set(shifts.map((s) => s.stationId))];
      const stations = new Map((stationIds.length ? await m.findBy(StationEntity, { id: In(stationIds) }) : []).map((s) => [s.id, s]));
      const events: DutyEvent[] = shifts.map((s) => {
        const st = stations.get(s.stationId);
        return {
          shiftId: s.id,
          version: s.version,
          date: s.date,
          start: s.start,
          end: s.end,
          summary: `值班：${st?.name ?? ''}`,
          description: `${st?.name ?? ''} ${s.date} ${s.start}–${s.end} 值班。服务站电话 ${st?.phone ?? ''}`,
          location: st?.address ?? '',
          updatedAt: s.updatedAt,
        };
      });
      return renderDutyCalendar({
        name: `${lawyer.name} 的值班`,
        description: `${lawyer.name}在各职工维权服务站的值班安排`,
        timeZone: this.ctx.config.timeZone,
        uidDomain: this.uidDomain,
        stamp: this.ctx.clock.now(),
        events,
      });
    });
  }

  private present(lawyerId: number, token: string): CalendarToken {
    const base = this.ctx.config.publicBaseUrl.replace(/\/+$/, '');
    return { token, lawyerId, url: `${base}/api/ical/lawyers/${lawyerId}.ics?token=${encodeURIComponent(token)}` };
  }

  private lawyerOf(user: AuthUser): number {
    if (user.lawyerId === null) throw forbidden('Only a user linked to a lawyer has a duty calendar');
    return user.lawyerId;
  }

  /** The user's feed token, made on first use (two first uses at once agree on one token). */
  async getToken(user: AuthUser, requestId?: string): Promise<CalendarToken> {
    const lawyerId = this.lawyerOf(user);
    const existing = await this.ctx.db.read((m) => m.findOneBy(UserEntity, { id: user.id }));
    if (existing?.calendarToken) return this.present(lawyerId, existing.calendarToken);
    return this.setToken(user, lawyerId, 'calendar_token.create', true, requestId);
  }

  /** A new token; the old one stops working at once. */
  async rotateToken(user: AuthUser, requestId?: string): Promise<CalendarToken> {
    return this.setToken(user, this.lawyerOf(user), 'calendar_token.rotate', false, requestId);
  }

  private async setToken(user: AuthUser, lawyerId: number, action: 'calendar_token.create' | 'calendar_token.rotate', onlyIfNone: boolean, requestId?: string): Promise<CalendarToken> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await this.ctx.db.tx(async (m: Manager) => {
          const token = newCalendarToken();
          const q = m.getRepository(UserEntity).createQueryBuilder().update().set({ calendarToken: token }).where('id = :id', { id: user.id });
          if (onlyIfNone) q.andWhere('calendar_token IS NULL');
          const res = await q.execute();
          if ((res.affected ?? 0) === 0) {
            const row = await m.findOneBy(UserEntity, { id: user.id });
            if (!row?.calendarToken) throw notFound('No such user');
            return this.present(lawyerId, row.calendarToken);
          }
          await recordAudit(m, this.ctx.clock, { actor: user, action, entity: 'user', entityId: user.id, requestId });
          return this.present(lawyerId, token);
        });
      } catch (err) {
        // 256 random bits never collide in practice; the unique index would say so if they did.
        if (!isUniqueViolation(err) || attempt === 2) throw isUniqueViolation(err) ? conflict('Please try again') : err;
      }
    }
    throw conflict('Please try again');
  }
}
