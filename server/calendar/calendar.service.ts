import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { badRequest, conflict, notFound, type ErrorDetail } from '../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { zonedParts } from '../lib/dates.js';
import { assertManages } from '../stations/scope.js';
import { StationEntity } from '../stations/stations.entity.js';
import {
  lockStationsForClosure,
  runRelease,
  startRelease,
  strandedBy,
  total,
  type ClosedDayOutcome,
  type Stranded,
} from '../bookings/closedDay.js';
import { CalendarDayEntity, type CalendarDayRow } from './calendar.entity.js';
import { loadLocalDays, loadWorkingCalendar } from './calendar.repository.js';
import type { CalendarDayDto, CreateCalendarDayInput } from './calendar.schema.js';
import { isCoveredByNationalData, nationalDays } from './workingCalendar.js';

// The calendar's queries live in calendar.repository.ts; rosters and statistics read them from here.
export { loadLocalDays, loadWorkingCalendar };

function presentLocal(r: CalendarDayRow): CalendarDayDto {
  return { id: r.id, date: r.date, kind: r.kind, name: r.name, stationId: r.stationId, source: 'local' };
}

/**
 * The details of the 409 that asks a coordinator to confirm: what to send, and how many live
 * bookings would be cancelled, in all (`bookings`) and per station (`bookings.<stationId>`), as digits.
 */
function confirmationDetails(stranded: Stranded): ErrorDetail[] {
  return [
    { path: 'cancelBookings', message: 'set to true to cancel these bookings; each worker is told by SMS' },
    { path: 'bookings', message: String(total(stranded)) },
    ...[...stranded.bookings].map(([stationId, n]) => ({ path: `bookings.${stationId}`, message: String(n) })),
  ];
}

export class CalendarService {
  /** `batches`: how many cancellations the closure's own transaction and each one after it make (closedDay.ts; tests set them small). */
  constructor(
    private readonly ctx: AppContext,
    private readonly batches: { first?: number; rest?: number } = {},
  ) {}

  async list(from: string, to: string, stationId?: number): Promise<{ days: CalendarDayDto[]; uncoveredYears: number[] }> {
    const local = await this.ctx.db.read((m) => loadLocalDays(m, from, to, stationId));
    const days: CalendarDayDto[] = [
      ...nationalDays(from, to),
      ...local.map((d) => ({ id: d.id, date: d.date, kind: d.kind, name: d.name, stationId: d.stationId, source: 'local' as const })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.source === 'national' ? -1 : 1));
    const uncoveredYears: number[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
      if (!isCoveredByNationalData(`${y}-01-01`)) uncoveredYears.push(y);
    }
    return { days, uncoveredYears };
  }

  /**
   * Add a local day. A closure (holiday) on a day with live bookings at the stations it
   * closes is 409 unless `cancelBookings`: then the bookings are cancelled and each worker is
   * told by SMS (bookings/closedDay.ts) — in the closure's transaction, or for a closure of many
   * stations, the first batch there and the rest in short transactions after it, before the
   * answer. The closure locks the stations it closes first of all: a booking racing it either
   * commits before it (and is counted and cancelled) or sees it. Past days are history: 400.
   */
  async create(input: CreateCalendarDayInput, actor: AuthUser, requestId?: string): Promise<CalendarDayDto> {
    const stationId = input.stationId ?? null;
    const today = this.today();
    if (input.date < today) {
      throw badRequest('A local day cannot be set in the past', [{ path: 'date', message: `must be today (${today}) or later` }]);
    }
    let created: CalendarDayDto;
    let pending: number | null = null;
    try {
      created = await this.ctx.db.tx(async (m) => {
        await lockStationsForClosure(m, stationId);
        if (stationId !== null && !(await m.existsBy(StationEntity, { id: stationId }))) {
          throw badRequest('No such station', [{ path: 'stationId', message: 'no station has this id' }]);
        }
        await assertManages(m, actor, [stationId], stationId === null ? 'set a day for the whole network' : "set another station's days");
        const row = await m.save(CalendarDayEntity, {
          date: input.date,
          kind: input.kind,
          name: input.name,
          stationId,
          scope: stationId ?? 0,
          createdAt: this.ctx.clock.now(),
        });
        let outcome: ClosedDayOutcome | null = null;
        if (row.kind === 'holiday') {
          const stranded = await strandedBy(m, this.ctx, row.date, row.stationId);
          if (total(stranded) && !input.cancelBookings) {
            throw conflict(
              `Closing ${row.date} would cancel ${total(stranded)} live booking(s); send cancelBookings: true to close the day, cancel them and tell each worker by SMS`,
              'conflict',
              confirmationDetails(stranded),
            );
          }
          ({ outcome, pending } = await this.release(m, row, stranded, actor, requestId));
        }
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'calendar_day.create',
          entity: 'calendar_day',
          entityId: row.id,
          details: { date: row.date, kind: row.kind, name: row.name, stationId, ...outcome },
          requestId,
        });
        return outcome ? { ...presentLocal(row), cancelledBookings: outcome.cancelledBookings } : presentLocal(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw conflict(`A local day for ${input.date} already exists ${stationId ? 'for this station' : 'for the whole network'}`);
      }
      throw err;
    }
    if (pending !== null) await this.finish(pending);
    return created;
  }

  /**
   * Remove a local day. Removing an extra working day closes the day again: with live
   * bookings that is 409 unless `cancelBookings`, as for a new closure. A day gone by stays.
   */
  async remove(id: number, actor: AuthUser, requestId?: string, opts: { cancelBookings?: boolean } = {}): Promise<void> {
    // A day's station and kind never change: read first, so that removing an extra working day
    // locks the stations it closes again before anything else (see create).
    const before = await this.ctx.db.read((m) => m.findOneBy(CalendarDayEntity, { id }));
    if (!before) throw notFound('No such local day');
    let pending: number | null = null;
    await this.ctx.db.tx(async (m) => {
      if (before.kind === 'workday') await lockStationsForClosure(m, before.stationId);
      const row = await m.findOneBy(CalendarDayEntity, { id });
      if (!row) throw notFound('No such local day');
      await assertManages(m, actor, [row.stationId], row.stationId === null ? "remove the whole network's days" : "remove another station's days");
      if (row.date < this.today()) throw conflict('This local day has passed; it stays as the record of that day');
      await m.delete(CalendarDayEntity, { id });
      let outcome: ClosedDayOutcome | null = null;
      if (row.kind === 'workday') {
        const stranded = await strandedBy(m, this.ctx, row.date, row.stationId);
        if (total(stranded) && !opts.cancelBookings) {
          throw conflict(
            `Removing this working day closes ${row.date} again and would cancel ${total(stranded)} live booking(s); send cancelBookings=true to remove it, cancel them and tell each worker by SMS`,
            'conflict',
            confirmationDetails(stranded),
          );
        }
        ({ outcome, pending } = await this.release(m, row, stranded, actor, requestId));
      }
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'calendar_day.delete',
        entity: 'calendar_day',
        entityId: id,
        details: { date: row.date, kind: row.kind, name: row.name, stationId: row.stationId, ...outcome },
        requestId,
      });
    });
    if (pending !== null) await this.finish(pending);
  }

  /**
   * Cancel what `day` (just written, or just removed) strands and let the waitlist of that
   * day lapse; everyone is told by SMS. The answer and the audit entry give the whole count
   * (`stranded`), of which the first batch is cancelled here and any rest by `finish`.
   */
  private async release(
    m: Manager,
    day: Pick<CalendarDayRow, 'id' | 'date' | 'stationId'>,
    stranded: Stranded,
    actor: AuthUser,
    requestId?: string,
  ): Promise<{ outcome: ClosedDayOutcome; pending: number | null }> {
    const spec = { date: day.date, stationId: day.stationId, calendarDayId: day.id, actor: { id: actor.id, username: actor.username }, requestId };
    const { pending } = await startRelease(m, this.ctx, spec, this.batches.first);
    return { outcome: { cancelledBookings: total(stranded), closedWaitlist: stranded.waitlist }, pending };
  }

  /**
   * The rest of a big closure's cancellations, batch after batch, once the closure has
   * committed. A failure here leaves the release pending for the job (closedDay.ts) and does
   * not undo the closure, which stands: the answer is still the closure's.
   */
  private async finish(releaseId: number): Promise<void> {
    try {
      await runRelease(this.ctx, releaseId, this.batches.rest);
    } catch (err) {
      this.ctx.logger.warn({ err: (err as Error).message, releaseId }, 'a closure left cancellations for the job to finish');
    }
  }

  /** The network's date now. */
  private today(): string {
    return zonedParts(this.ctx.clock.now(), this.ctx.config.timeZone).date;
  }
}
