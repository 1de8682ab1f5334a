/**
 * Rotations, the monthly draft → publish workflow, shift edits and coverage.
 * The generator (generateRoster.ts) decides; this service loads its input,
 * stores its output in one transaction, and records every change in the audit log.
 */
import { seesDraftRosters, visibleRostersWhere } from './rosters.policy.js';
import { In, type FindOptionsWhere } from 'typeorm';
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { badRequest, conflict, notFound, type ErrorDetail } from '../http/errors.js';
import { isOn } from '../http/schemas.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { UserEntity } from '../auth/users.entity.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { isCoveredByNationalData, nationalCoverage, type WorkingCalendar } from '../calendar/workingCalendar.js';
import { addDays, addMonths, eachDate, monthRange, zonedParts } from '../lib/dates.js';
import { notifyUser } from '../notifications/fanout.js';
import { StationEntity, type StationLevel, type StationRow } from '../stations/stations.entity.js';
import { assertManages, managedStationIds, stationsInScope } from '../stations/scope.js';
import { countFairness, spread } from './fairness.js';
import { dutyDates, generateMonthlyRoster, type RosterWarning } from './generateRoster.js';
import {
  RosterEntity,
  RosterGapEntity,
  RotationEntity,
  RotationStateEntity,
  ShiftEntity,
  type RotationRow,
  type ShiftRow,
} from './rosters.entity.js';
import { lawyerNames, latestRotationStates, liveBookingsOn, liveBookingsWithoutShift, loadLawyersForDuty, shiftsBetween, shiftsInLiveSwaps } from './rosters.repository.js';
import type {
  Coverage,
  CreateRotationInput,
  GapDto,
  Roster,
  Rotation,
  Shift,
  UpdateRotationInput,
} from './rosters.schema.js';
import { parseRotationRule } from './rrule.js';
import { BLOCKER_MESSAGES, whyCannotServe } from './shiftRules.js';

export function presentRotation(r: RotationRow): Rotation {
  return {
    id: r.id,
    stationId: r.stationId,
    name: r.name,
    rrule: r.rrule,
    startDate: r.startDate,
    lawyerIds: r.lawyerIds,
    shiftStart: r.shiftStart,
    shiftEnd: r.shiftEnd,
    lawyersPerDay: r.lawyersPerDay,
    active: r.active,
  };
}

export function presentShift(s: ShiftRow, names: Map<number, { name: string; firm: string }>): Shift {
  const l = names.get(s.lawyerId);
  return {
    id: s.id,
    date: s.date,
    stationId: s.stationId,
    lawyerId: s.lawyerId,
    lawyerName: l?.name ?? '',
    firm: l?.firm ?? '',
    start: s.start,
    end: s.end,
    status: s.status,
    source: s.source,
    rotationId: s.rotationId,
    seat: s.seat,
  };
}

const FAIRNESS_LOOKBACK_MONTHS = 12;
/** Rosters are generated for this month up to this many months ahead (a wider window only makes clutter). */
export const MAX_MONTHS_AHEAD = 24;

/** Days on which workers hold bookings but the new draft has no duty: the coordinator must see them before publishing. */
async function bookingsWithoutDuty(m: Manager, stationIds: number[], from: string, to: string): Promise<RosterWarning[]> {
  const days = await liveBookingsWithoutShift(m, stationIds, from, to);
  if (days.length === 0) return [];
  const stations = await m.findBy(StationEntity, { id: In([...new Set(days.map((d) => d.stationId))]) });
  const name = (id: number) => stations.find((s) => s.id === id)?.name ?? String(id);
  return days.map((d) => ({
    code: 'bookings_without_duty',
    message: `${name(d.stationId)} has ${d.bookings} booking(s) on ${d.date} but no duty that day; add a shift or move the bookings before publishing.`,
  }));
}

function provisionalWarning(month: string): RosterWarning | null {
  if (isCoveredByNationalData(`${month}-01`)) return null;
  return {
    code: 'provisional_calendar',
    message: `China's holidays for ${month.slice(0, 4)} are not in the built-in calendar (it covers ${nationalCoverage.firstYear}–${nationalCoverage.lastYear}); this roster is provisional until they are published and the package is updated.`,
  };
}

export class RostersService {
  constructor(private readonly ctx: AppContext) {}

  // ---- rotations -------------------------------------------------------

  async listRotations(stationId?: number): Promise<Rotation[]> {
    const rows = await this.ctx.db.read((m) =>
      m.find(RotationEntity, { where: stationId ? { stationId } : {}, order: { stationId: 'ASC', id: 'ASC' } }),
    );
    return rows.map(presentRotation);
  }

  private async validateRotation(m: Manager, r: Omit<RotationRow, 'id' | 'createdAt' | 'updatedAt'>) {
    const details: ErrorDetail[] = [];
    const parsed = parseRotationRule(r.rrule, r.startDate);
    if (!parsed.ok) details.push({ path: 'rrule', message: parsed.message });
    const station = await m.findOneBy(StationEntity, { id: r.stationId });
    if (!station) details.push({ path: 'stationId', message: 'no station has this id' });
    const lawyers = await loadLawyersForDuty(m, r.startDate, r.startDate, r.lawyerIds);
    for (const id of r.lawyerIds) {
      const l = lawyers.find((x) => x.id === id);
      if (!l) details.push({ path: 'lawyerIds', message: `no lawyer has id ${id}` });
      else if (station && !l.stationIds.includes(station.id)) {
        details.push({ path: 'lawyerIds', message: `${l.name} (id ${id}) does not serve ${station.name}` });
      }
    }
    if (r.lawyersPerDay > r.lawyerIds.length) {
      details.push({ path: 'lawyersPerDay', message: 'cannot exceed the number of lawyers in the rotation' });
    }
    if (details.length) throw badRequest(details[0]!.message, details);
    return parsed.ok ? parsed.rule.text : r.rrule;
  }

  async createRotation(input: CreateRotationInput, actor: AuthUser, requestId?: string): Promise<Rotation> {
    return this.ctx.db.tx(async (m) => {
      await assertManages(m, actor, [input.stationId], "set up another station's rotations");
      const rrule = await this.validateRotation(m, input);
      const now = this.ctx.clock.now();
      const row = await m.save(RotationEntity, { ...input, rrule, createdAt: now, updatedAt: now });
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'rotation.create',
        entity: 'rotation',
        entityId: row.id,
        details: { stationId: row.stationId, rrule, lawyerIds: row.lawyerIds },
        requestId,
      });
      return presentRotation(row);
    });
  }

  async updateRotation(id: number, input: UpdateRotationInput, actor: AuthUser, requestId?: string): Promise<Rotation> {
    return this.ctx.db.tx(async (m) => {
      const row = await m.findOneBy(RotationEntity, { id });
      if (!row) throw notFound('No such rotation');
      await assertManages(m, actor, [row.stationId, input.stationId ?? row.stationId], "change another station's rotations");
      const next = { ...row, ...input, updatedAt: this.ctx.clock.now() };
      if (next.shiftStart >= next.shiftEnd) throw badRequest('shiftStart must be before shiftEnd', [{ path: 'shiftEnd', message: 'must be after shiftStart' }]);
      next.rrule = await this.validateRotation(m, next);
      await m.save(RotationEntity, next);
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'rotation.update',
        entity: 'rotation',
        entityId: id,
        details: { changed: Object.keys(input), rrule: next.rrule, lawyerIds: next.lawyerIds },
        requestId,
      });
      return presentRotation(next);
    });
  }

  async deleteRotation(id: number, actor: AuthUser, requestId?: string): Promise<void> {
    await this.ctx.db.tx(async (m) => {
      const row = await m.findOneBy(RotationEntity, { id });
      if (!row) throw notFound('No such rotation');
      await assertManages(m, actor, [row.stationId], "delete another station's rotations");
      // Shifts it made stay (their rotation_id becomes null); drafts can be regenerated.
      await m.delete(RotationStateEntity, { rotationId: id });
      await m.delete(RotationEntity, { id });
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'rotation.delete',
        entity: 'rotation',
        entityId: id,
        details: { stationId: row.stationId, name: row.name },
        requestId,
      });
    });
  }

  // ---- rosters ---------------------------------------------------------

  /**
   * Make or refresh a month's draft for the given stations (default: every
   * station with an active rotation). Manual edits and swaps are kept; what the
   * generator made before is replaced. A published month needs `force`.
   *
   * What has happened stays as it happened: days before today, and today's published
   * duties, are never rewritten (their consultations were given by, or promised with,
   * the lawyer on them), nor are shifts that a swap still in progress is about. Such
   * shifts are kept like manual edits and still count as the rotation's turns.
   */
  async generate(
    input: { month: string; stationIds?: number[]; force?: boolean },
    actor: AuthUser | null,
    requestId?: string,
  ): Promise<Roster> {
    const { month } = input;
    const { from, to } = monthRange(month);
    const today = zonedParts(this.ctx.clock.now(), this.ctx.config.timeZone).date;
    if (to < today) throw badRequest(`The ${month} roster cannot be generated: the month is over`, [{ path: 'month', message: 'must be this month or later' }]);
    if (month > addMonths(today.slice(0, 7), MAX_MONTHS_AHEAD)) {
      throw badRequest(`The ${month} roster cannot be generated yet: rosters are made at most ${MAX_MONTHS_AHEAD} months ahead`, [
        { path: 'month', message: `must be at most ${MAX_MONTHS_AHEAD} months ahead` },
      ]);
    }
    // Shifts that may be replaced: not yet begun (today's count as begun once published).
    const replaceable = "(date > :today OR (date = :today AND status <> 'published'))";
    try {
      return await this.ctx.db.tx(async (m) => {
        let rotations = await m.find(RotationEntity, { where: { active: true }, order: { id: 'ASC' } });
        let stationIds: number[];
        if (input.stationIds) {
          stationIds = [...new Set(input.stationIds)].sort((a, b) => a - b);
          const found = await m.countBy(StationEntity, { id: In(stationIds) });
          if (found !== stationIds.length) throw badRequest('Unknown station in stationIds', [{ path: 'stationIds', message: 'every id must name a station' }]);
          await assertManages(m, actor, stationIds, "make another station's roster");
        } else {
          // Every station with a rotation — of the coordinator's district, when they coordinate one.
          const managed = await managedStationIds(m, actor);
          stationIds = [...new Set(rotations.map((r) => r.stationId))].filter((id) => !managed || managed.has(id)).sort((a, b) => a - b);
        }
        rotations = rotations.filter((r) => stationIds.includes(r.stationId));
        const existingRosters = stationIds.length ? await m.findBy(RosterEntity, { month, stationId: In(stationIds) }) : [];
        const published = existingRosters.filter((r) => r.status === 'published');
        if (published.length && !input.force) {
          throw conflict(`The ${month} roster is already published for ${published.length} station(s); regenerate with force to replace it (it becomes a draft again)`);
        }
        if (stationIds.length) {
          // A swap in progress is about its shifts as they are: keep them (a regenerated seat would orphan it).
          const inSwaps = await shiftsInLiveSwaps(m);
          const removal = m
            .getRepository(ShiftEntity)
            .createQueryBuilder()
            .delete()
            .where(`month = :month AND station_id IN (:...ids) AND source = 'rotation' AND ${replaceable}`, { month, ids: stationIds, today });
          if (inSwaps.length) removal.andWhere('id NOT IN (:...inSwaps)', { inSwaps });
          await removal.execute();
          await m
            .getRepository(RosterGapEntity)
            .createQueryBuilder()
            .delete()
            .where('month = :month AND station_id IN (:...ids) AND date >= :today', { month, ids: stationIds, today })
            .execute();
          await m.delete(RotationStateEntity, { month, rotationId: In(rotations.map((r) => r.id).concat([0])) });
        }
        const existing = await shiftsBetween(m, from, to);
        const calendar = await loadWorkingCalendar(m, addDays(from, -1), addDays(to, 1));
        const lawyers = await loadLawyersForDuty(m, from, to);
        const states = await latestRotationStates(m, rotations.map((r) => r.id), month);
        const carryFrom = `${addMonths(month, -FAIRNESS_LOOKBACK_MONTHS)}-01`;
        const past = await shiftsBetween(m, carryFrom, addDays(from, -1));
        const carryCalendar = await loadWorkingCalendar(m, addDays(carryFrom, -1), from);

        const result = generateMonthlyRoster({
          month,
          stationIds,
          rotations: rotations.map((r) => ({ ...r })),
          lawyers: lawyers.map((l) => ({
            id: l.id,
            name: l.name,
            stationIds: l.stationIds,
            maxShiftsPerMonth: l.maxShiftsPerMonth,
            active: l.active,
            unavailable: l.unavailable,
          })),
          calendar,
          existingShifts: existing.map((s) => ({ stationId: s.stationId, date: s.date, lawyerId: s.lawyerId, source: s.source })),
          firstDate: today,
          rotationStates: states.map((s) => ({ rotationId: s.rotationId, nextIndex: s.nextIndex, owed: s.owed })),
          fairnessCarry: countFairness(past, carryCalendar),
        });

        // Seats: fill the lowest free seat number at each station and day.
        const taken = new Set(existing.map((s) => `${s.stationId}|${s.date}|${s.seat}`));
        const now = this.ctx.clock.now();
        const rows = result.shifts.map((s) => {
          let seat = 1;
          while (taken.has(`${s.stationId}|${s.date}|${seat}`)) seat++;
          taken.add(`${s.stationId}|${s.date}|${seat}`);
          return {
            stationId: s.stationId,
            date: s.date,
            month,
            seat,
            lawyerId: s.lawyerId,
            rotationId: s.rotationId,
            start: s.start,
            end: s.end,
            status: 'draft' as const,
            source: 'rotation' as const,
            version: 1,
            createdAt: now,
            updatedAt: now,
          };
        });
        for (let i = 0; i < rows.length; i += 300) await m.insert(ShiftEntity, rows.slice(i, i + 300));
        // The month is a draft again at these stations from today on: kept manual shifts too.
        if (stationIds.length) {
          await m
            .getRepository(ShiftEntity)
            .createQueryBuilder()
            .update()
            .set({ status: 'draft' })
            .where(`month = :month AND station_id IN (:...ids) AND ${replaceable}`, { month, ids: stationIds, today })
            .execute();
        }
        const gaps = result.gaps.map((g) => ({
          month,
          stationId: g.stationId,
          date: g.date,
          rotationId: g.rotationId,
          reason: g.reason,
          message: g.message.slice(0, 300),
          candidates: g.candidates as never,
        }));
        for (let i = 0; i < gaps.length; i += 300) await m.insert(RosterGapEntity, gaps.slice(i, i + 300));
        if (result.rotationStates.length) {
          await m.insert(
            RotationStateEntity,
            result.rotationStates.map((s) => ({ rotationId: s.rotationId, month, nextIndex: s.nextIndex, owed: s.owed as never })),
          );
        }
        for (const stationId of stationIds) {
          const row = existingRosters.find((r) => r.stationId === stationId);
          if (row) {
            await m.update(RosterEntity, { id: row.id }, { status: 'draft', generatedAt: now, publishedAt: null, publishedBy: null, version: row.version + 1 });
          } else {
            await m.insert(RosterEntity, { month, stationId, status: 'draft', generatedAt: now, publishedAt: null, publishedBy: null, version: 1 });
          }
        }
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: input.force && published.length ? 'roster.regenerate_published' : 'roster.generate',
          entity: 'roster',
          entityId: month,
          details: { stationIds, shifts: rows.length, gaps: gaps.length, forced: !!input.force },
          requestId,
        });
        const stranded = await bookingsWithoutDuty(m, stationIds, today > from ? today : from, to);
        return this.buildRoster(m, month, stationIds, [...result.warnings, ...stranded]);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('The roster changed while it was being generated; please try again');
      throw err;
    }
  }

  async getRoster(month: string, stationId: number | undefined, viewer: AuthUser, includeChildren = false): Promise<Roster> {
    return this.ctx.db.read(async (m) => {
      // With includeChildren, the station and every station under it (one district of many).
      const area = stationId && includeChildren ? new Set(await stationsInScope(m, stationId, true)) : null;
      const where = visibleRostersWhere(month, area ? undefined : stationId, viewer);
      const rosters = (await m.find(RosterEntity, { where })).filter((r) => !area || area.has(r.stationId));
      const stationIds = stationId && !area ? [stationId] : rosters.map((r) => r.stationId);
      return this.buildRoster(m, month, stationIds, []);
    });
  }

  private async buildRoster(m: Manager, month: string, stationIds: number[], warnings: RosterWarning[]): Promise<Roster> {
    const { from, to } = monthRange(month);
    const rosters = stationIds.length ? await m.findBy(RosterEntity, { month, stationId: In(stationIds) }) : [];
    const shifts = await shiftsBetween(m, from, to, { stationIds });
    const gaps = stationIds.length
      ? await m.find(RosterGapEntity, { where: { month, stationId: In(stationIds) }, order: { date: 'ASC', stationId: 'ASC' } })
      : [];
    const carryFrom = `${addMonths(month, -FAIRNESS_LOOKBACK_MONTHS)}-01`;
    const history = await shiftsBetween(m, carryFrom, to, { stationIds });
    const calendar = await loadWorkingCalendar(m, addDays(carryFrom, -1), addDays(to, 1));
    const rotationLawyers = stationIds.length
      ? (await m.find(RotationEntity, { where: { stationId: In(stationIds), active: true } })).flatMap((r) => r.lawyerIds)
      : [];
    const names = await lawyerNames(m, [...history.map((s) => s.lawyerId), ...rotationLawyers]);
    const named = <T extends { lawyerId: number }>(e: T) => ({ ...e, lawyerName: names.get(e.lawyerId)?.name ?? '' });
    const perLawyer = countFairness(shifts, calendar, [...new Set(rotationLawyers)]).map(named);
    const cumulative = countFairness(history, calendar, [...new Set(rotationLawyers)]).map(named);
    const provisional = provisionalWarning(month);
    const allWarnings = [...warnings];
    if (provisional && !allWarnings.some((w) => w.code === provisional.code)) allWarnings.push(provisional);
    const status: Roster['status'] =
      rosters.length === 0 ? 'empty' : rosters.every((r) => r.status === 'published') ? 'published' : 'draft';
    return {
      month,
      status,
      stations: rosters
        .sort((a, b) => a.stationId - b.stationId)
        .map((r) => ({ stationId: r.stationId, status: r.status, publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null })),
      shifts: shifts.map((s) => presentShift(s, names)),
      gaps: gaps.map(
        (g): GapDto => ({ date: g.date, stationId: g.stationId, rotationId: g.rotationId, reason: g.reason, message: g.message, candidates: g.candidates }),
      ),
      fairness: { perLawyer, cumulative, maxMinusMin: spread(perLawyer) },
      warnings: allWarnings,
    };
  }

  /** Publish a month's draft (all its stations, or some): workers can book against it, lawyers are told. */
  async publish(month: string, stationIds: number[] | undefined, actor: AuthUser | null, requestId?: string): Promise<Roster> {
    return this.ctx.db.tx(async (m) => {
      if (stationIds) await assertManages(m, actor, stationIds, "publish another station's roster");
      const managed = stationIds ? null : await managedStationIds(m, actor);
      const rosters = (await m.find(RosterEntity, { where: stationIds ? { month, stationId: In(stationIds) } : { month } })).filter(
        (r) => !managed || managed.has(r.stationId),
      );
      if (rosters.length === 0) throw notFound(`There is no ${month} roster to publish; generate it first`);
      const drafts = rosters.filter((r) => r.status === 'draft');
      const now = this.ctx.clock.now();
      const ids = drafts.map((r) => r.stationId);
      if (ids.length) {
        await m.update(RosterEntity, { id: In(drafts.map((r) => r.id)) }, { status: 'published', publishedAt: now, publishedBy: actor?.id ?? null });
        await m
          .getRepository(ShiftEntity)
          .createQueryBuilder()
          .update()
          .set({ status: 'published', updatedAt: now })
          .where('month = :month AND station_id IN (:...ids)', { month, ids })
          .execute();
        await this.notifyPublished(m, month, ids);
      }
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'roster.publish',
        entity: 'roster',
        entityId: month,
        details: { stationIds: ids },
        requestId,
      });
      return this.buildRoster(m, month, rosters.map((r) => r.stationId), []);
    });
  }

  private async notifyPublished(m: Manager, month: string, stationIds: number[]) {
    const { from, to } = monthRange(month);
    const shifts = await shiftsBetween(m, from, to, { stationIds });
    const byLawyer = new Map<number, number>();
    for (const s of shifts) byLawyer.set(s.lawyerId, (byLawyer.get(s.lawyerId) ?? 0) + 1);
    if (byLawyer.size === 0) return;
    const users = await m.findBy(UserEntity, { lawyerId: In([...byLawyer.keys()]), active: true });
    for (const u of users) {
      await notifyUser(m, this.ctx.clock, u, {
        kind: 'roster_published',
        payload: { month },
        text: { key: 'roster_published', params: { month, duties: byLawyer.get(u.lawyerId!) ?? 0 } },
      });
    }
  }

  // ---- shifts ----------------------------------------------------------

  async listShifts(q: { from: string; to: string; stationId?: number; lawyerId?: number; status?: string }, viewer: AuthUser): Promise<Shift[]> {
    return this.ctx.db.read(async (m) => {
      // Drafts are the coordinators' working copy; everyone else sees what is published.
      const status = seesDraftRosters(viewer) ? q.status : 'published';
      const rows = await shiftsBetween(m, q.from, q.to, {
        stationIds: q.stationId ? [q.stationId] : undefined,
        lawyerId: q.lawyerId,
        status,
      });
      const names = await lawyerNames(m, rows.map((r) => r.lawyerId));
      return rows.map((r) => presentShift(r, names));
    });
  }

  /** Check that `lawyerId` may take a duty at (stationId, date), replacing `replacing` if given. 409 lawyer_busy if not. */
  async assertCanServe(m: Manager, lawyerId: number, stationId: number, date: string, replacing?: ShiftRow) {
    const [lawyer] = await loadLawyersForDuty(m, date, date, [lawyerId]);
    if (!lawyer) throw badRequest('No such lawyer', [{ path: 'lawyerId', message: 'no lawyer has this id' }]);
    const { from, to } = monthRange(date.slice(0, 7));
    const mine = (await shiftsBetween(m, from, to, { lawyerId })).filter((s) => s.id !== replacing?.id);
    const blocker = whyCannotServe(lawyer, {
      stationId,
      date,
      dutiesThatDay: mine.filter((s) => s.date === date).length,
      dutiesThatMonth: mine.length,
    });
    if (blocker) {
      throw conflict(`${lawyer.name} cannot take this duty: ${BLOCKER_MESSAGES[blocker]}`, 'lawyer_busy', [
        { path: 'lawyerId', message: blocker },
      ]);
    }
    return lawyer;
  }

  async updateShift(id: number, lawyerId: number, reason: string | undefined, actor: AuthUser, requestId?: string): Promise<Shift> {
    try {
      return await this.ctx.db.tx(async (m) => {
        const shift = await m.findOneBy(ShiftEntity, { id });
        if (!shift) throw notFound('No such shift');
        await assertManages(m, actor, [shift.stationId], "change another station's duties");
        if (shift.lawyerId === lawyerId) return presentShift(shift, await lawyerNames(m, [lawyerId]));
        await this.assertCanServe(m, lawyerId, shift.stationId, shift.date, shift);
        const now = this.ctx.clock.now();
        const res = await m
          .getRepository(ShiftEntity)
          .createQueryBuilder()
          .update()
          .set({ lawyerId, source: 'manual', version: shift.version + 1, updatedAt: now })
          .where('id = :id AND version = :v', { id, v: shift.version })
          .execute();
        if ((res.affected ?? 0) !== 1) throw conflict('The shift changed meanwhile; reload and try again');
        const next = { ...shift, lawyerId, source: 'manual' as const, version: shift.version + 1 };
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'shift.reassign',
          entity: 'shift',
          entityId: id,
          details: { date: shift.date, stationId: shift.stationId, from: shift.lawyerId, to: lawyerId, reason: reason ?? null, status: shift.status },
          requestId,
        });
        if (shift.status === 'published') await this.notifyReassigned(m, next, shift.lawyerId);
        return presentShift(next, await lawyerNames(m, [lawyerId]));
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw conflict('That lawyer is already on duty that day', 'lawyer_busy', [{ path: 'lawyerId', message: 'busy' }]);
      }
      throw err;
    }
  }

  private async notifyReassigned(m: Manager, shift: ShiftRow, previousLawyerId: number) {
    const station = await m.findOneBy(StationEntity, { id: shift.stationId });
    const users = await m.findBy(UserEntity, { lawyerId: In([shift.lawyerId, previousLawyerId]), active: true });
    for (const u of users) {
      const gained = u.lawyerId === shift.lawyerId;
      await notifyUser(m, this.ctx.clock, u, {
        kind: 'shift_changed',
        payload: { shiftId: shift.id, date: shift.date },
        text: { key: gained ? 'shift_gained' : 'shift_lost', params: { date: shift.date, station: station?.name ?? '' } },
      });
    }
  }

  /** Add a duty by hand (e.g. to fill a gap). */
  async createShift(
    input: { stationId: number; date: string; lawyerId: number; start?: string; end?: string; reason?: string },
    actor: AuthUser,
    requestId?: string,
  ): Promise<Shift> {
    try {
      return await this.ctx.db.tx(async (m) => {
        const station = await m.findOneBy(StationEntity, { id: input.stationId });
        if (!station) throw badRequest('No such station', [{ path: 'stationId', message: 'no station has this id' }]);
        await assertManages(m, actor, [input.stationId], "add duties at another station");
        await this.assertCanServe(m, input.lawyerId, input.stationId, input.date);
        const month = input.date.slice(0, 7);
        const roster = await m.findOneBy(RosterEntity, { month, stationId: input.stationId });
        const sameDay = await m.findBy(ShiftEntity, { stationId: input.stationId, date: input.date });
        let seat = 1;
        while (sameDay.some((s) => s.seat === seat)) seat++;
        const rotation = await m.findOne(RotationEntity, { where: { stationId: input.stationId, active: true }, order: { id: 'ASC' } });
        const now = this.ctx.clock.now();
        const row = await m.save(ShiftEntity, {
          stationId: input.stationId,
          date: input.date,
          month,
          seat,
          lawyerId: input.lawyerId,
          rotationId: null,
          start: input.start ?? rotation?.shiftStart ?? '09:00',
          end: input.end ?? rotation?.shiftEnd ?? '17:30',
          status: roster?.status === 'published' ? 'published' : 'draft',
          source: 'manual',
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
        if (!roster) {
          await m.insert(RosterEntity, { month, stationId: input.stationId, status: 'draft', generatedAt: null, publishedAt: null, publishedBy: null, version: 1 });
        }
        await m.delete(RosterGapEntity, { month, stationId: input.stationId, date: input.date });
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'shift.create',
          entity: 'shift',
          entityId: row.id,
          details: { date: row.date, stationId: row.stationId, lawyerId: row.lawyerId, reason: input.reason ?? null },
          requestId,
        });
        return presentShift(row, await lawyerNames(m, [row.lawyerId]));
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw conflict('That lawyer is already on duty that day', 'lawyer_busy', [{ path: 'lawyerId', message: 'busy' }]);
      }
      throw err;
    }
  }

  async deleteShift(id: number, actor: AuthUser, requestId?: string): Promise<void> {
    await this.ctx.db.tx(async (m) => {
      const shift = await m.findOneBy(ShiftEntity, { id });
      if (!shift) throw notFound('No such shift');
      await assertManages(m, actor, [shift.stationId], "delete another station's duties");
      const today = zonedParts(this.ctx.clock.now(), this.ctx.config.timeZone).date;
      if (shift.date < today) throw conflict(`The duty on ${shift.date} is history and cannot be deleted; correct who served by changing its lawyer`);
      if (shift.status === 'published') {
        // Workers booked against this day: they must not be left without a duty lawyer unannounced.
        const published = await m.countBy(ShiftEntity, { stationId: shift.stationId, date: shift.date, status: 'published' });
        const booked = published > 1 ? 0 : await liveBookingsOn(m, shift.stationId, shift.date);
        if (booked > 0) {
          throw conflict(
            `Workers hold ${booked} booking(s) on ${shift.date} and this is the day's only duty; give the shift to another lawyer instead, or move or cancel the bookings first`,
          );
        }
      }
      await m.delete(ShiftEntity, { id });
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'shift.delete',
        entity: 'shift',
        entityId: id,
        details: { date: shift.date, stationId: shift.stationId, lawyerId: shift.lawyerId, status: shift.status },
        requestId,
      });
    });
  }

  // ---- coverage --------------------------------------------------------

  async coverage(q: { from: string; to: string; stationId?: number; level?: StationLevel; includeChildren?: string }, viewer: AuthUser): Promise<Coverage> {
    return this.ctx.db.read(async (m) => {
      const where: FindOptionsWhere<StationRow> = { active: true };
      const area = q.stationId && isOn(q.includeChildren) ? new Set(await stationsInScope(m, q.stationId, true)) : null;
      if (q.stationId && !area) where.id = q.stationId;
      if (q.level) where.level = q.level;
      const stations = (await m.find(StationEntity, { where })).filter((s) => !area || area.has(s.id));
      const stationIds = stations.map((s) => s.id);
      const rotations = stationIds.length ? await m.findBy(RotationEntity, { stationId: In(stationIds), active: true }) : [];
      const shifts = await shiftsBetween(m, q.from, q.to, { stationIds, status: seesDraftRosters(viewer) ? undefined : 'published' });
      const names = await lawyerNames(m, shifts.map((s) => s.lawyerId));
      const calendar = await loadWorkingCalendar(m, q.from, q.to);
      const required = requiredDuty(rotations, calendar, q.from, q.to);
      const byStationDay = new Map<string, ShiftRow[]>();
      for (const s of shifts) {
        const k = `${s.stationId}|${s.date}`;
        byStationDay.set(k, [...(byStationDay.get(k) ?? []), s]);
      }
      const dates = eachDate(q.from, q.to);
      let requiredDays = 0;
      let coveredDays = 0;
      let gapDays = 0;
      const levelRank = { district: 0, town: 1, village: 2 } as const;
      const out = stations
        .sort((a, b) => levelRank[a.level] - levelRank[b.level] || a.code.localeCompare(b.code))
        .map((st) => ({
          stationId: st.id,
          name: st.name,
          code: st.code,
          level: st.level,
          parentId: st.parentId,
          days: dates.map((date) => {
            const need = required.get(`${st.id}|${date}`) ?? 0;
            const held = byStationDay.get(`${st.id}|${date}`) ?? [];
            const info = calendar.dayInfo(date, st.id);
            let status: 'covered' | 'partial' | 'gap' | 'closed';
            if (need === 0) status = held.length ? 'covered' : 'closed';
            else if (held.length >= need) status = 'covered';
            else status = held.length ? 'partial' : 'gap';
            if (need > 0) {
              requiredDays++;
              if (status === 'covered') coveredDays++;
              else gapDays++;
            }
            return {
              date,
              required: need,
              assigned: held.length,
              lawyerIds: held.map((h) => h.lawyerId),
              shiftIds: held.map((h) => h.id),
              lawyerNames: held.map((h) => names.get(h.lawyerId)?.name ?? ''),
              published: held.length > 0 && held.every((h) => h.status === 'published'),
              status,
              dayKind: info.kind,
              dayName: info.name,
            };
          }),
        }));
      return { from: q.from, to: q.to, stations: out, summary: { requiredDays, coveredDays, gapDays } };
    });
  }
}

/** Seats required per station and day by the active rotations (the same duty days the generator fills). */
export function requiredDuty(rotations: RotationRow[], calendar: WorkingCalendar, from: string, to: string): Map<string, number> {
  const need = new Map<string, number>();
  for (const r of rotations) {
    const parsed = parseRotationRule(r.rrule, r.startDate);
    if (!parsed.ok) continue;
    for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addMonths(month, 1)) {
      const range = monthRange(month);
      for (const date of dutyDates(parsed.rule, r.stationId, range.from, range.to, (d, s) => calendar.dayInfo(d, s))) {
        if (date < from || date > to) continue;
        const k = `${r.stationId}|${date}`;
        need.set(k, (need.get(k) ?? 0) + r.lawyersPerDay);
      }
    }
  }
  return need;
}
