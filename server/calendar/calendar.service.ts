import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { badRequest, conflict, notFound, type ErrorDetail } from '../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { zonedParts } from '../lib/dates.js';
import { assertManages } from '../stations/scope.js';
import { StationEntity } from '../stations/stations.entity.js';
import { bookingsClosedBy, countByStation, releaseClosedDay, type ClosedDayOutcome } from '../bookings/closedDay.js';
import type { AppointmentRow } from '../bookings/appointments.entity.js';
import { CalendarDayEntity, type CalendarDayRow } from './calendar.entity.js';
import { loadLocalDays, loadWorkingCalendar } from './calendar.repository.js';
import type { CalendarDayDto, CreateCalendarDayInput } from './calendar.schema.js';
import { isCoveredByNationalData, nationalDays, type WorkingCalendar } from './workingCalendar.js';

// The calendar's queries live in calendar.repository.ts; rosters and statistics read them from here.
export { loadLocalDays, loadWorkingCalendar };

function presentLocal(r: CalendarDayRow): CalendarDayDto {
  return { id: r.id, date: r.date, kind: r.kind, name: r.name, stationId: r.stationId, source: 'local' };
}

/**
 * The details of the 409 that asks a coordinator to confirm: what to send, and how many live
 * bookings would be cancelled, in all (`bookings`) and per station (`bookings.<stationId>`), as digits.
 */
function confirmationDetails(bookings: readonly AppointmentRow[]): ErrorDetail[] {
  return [
    { path: 'cancelBookings', message: 'set to true to cancel these bookings; each worker is told by SMS' },
    { path: 'bookings', message: String(bookings.length) },
    ...[...countByStation(bookings)].map(([stationId, n]) => ({ path: `bookings.${stationId}`, message: String(n) })),
  ];
}

export class CalendarService {
  constructor(private readonly ctx: AppContext) {}

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
   * closes is 409 unless `cancelBookings`: then the bookings are cancelled in the same
   * transaction and each worker is told by SMS (bookings/closedDay.ts). Past days are history: 400.
   */
  async create(input: CreateCalendarDayInput, actor: AuthUser, requestId?: string): Promise<CalendarDayDto> {
    const stationId = input.stationId ?? null;
    const today = this.today();
    if (input.date < today) {
      throw badRequest('A local day cannot be set in the past', [{ path: 'date', message: `must be today (${today}) or later` }]);
    }
    let created: CalendarDayDto;
    try {
      created = await this.ctx.db.tx(async (m) => {
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
          const closed = await this.strandedBy(m, row);
          if (closed.bookings.length && !input.cancelBookings) {
            throw conflict(
              `Closing ${row.date} would cancel ${closed.bookings.length} live booking(s); send cancelBookings: true to close the day, cancel them and tell each worker by SMS`,
              'conflict',
              confirmationDetails(closed.bookings),
            );
          }
          outcome = await this.release(m, row, closed, actor, requestId);
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
    if (created.kind === 'holiday') await this.sweepAfterCommit(created.id!, actor, requestId);
    return created;
  }

  /**
   * Remove a local day. Removing an extra working day closes the day again: with live
   * bookings that is 409 unless `cancelBookings`, as for a new closure. A day gone by stays.
   */
  async remove(id: number, actor: AuthUser, requestId?: string, opts: { cancelBookings?: boolean } = {}): Promise<void> {
    await this.ctx.db.tx(async (m) => {
      const row = await m.findOneBy(CalendarDayEntity, { id });
      if (!row) throw notFound('No such local day');
      await assertManages(m, actor, [row.stationId], row.stationId === null ? "remove the whole network's days" : "remove another station's days");
      if (row.date < this.today()) throw conflict('This local day has passed; it stays as the record of that day');
      await m.delete(CalendarDayEntity, { id });
      let outcome: ClosedDayOutcome | null = null;
      if (row.kind === 'workday') {
        const closed = await this.strandedBy(m, row);
        if (closed.bookings.length && !opts.cancelBookings) {
          throw conflict(
            `Removing this working day closes ${row.date} again and would cancel ${closed.bookings.length} live booking(s); send cancelBookings=true to remove it, cancel them and tell each worker by SMS`,
            'conflict',
            confirmationDetails(closed.bookings),
          );
        }
        outcome = await this.release(m, row, closed, actor, requestId);
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
  }

  /** The live bookings stranded at the stations that `day` (just written or removed in this transaction) leaves closed. */
  private async strandedBy(m: Manager, day: CalendarDayRow): Promise<{ calendar: WorkingCalendar; bookings: AppointmentRow[] }> {
    const calendar = await loadWorkingCalendar(m, day.date, day.date);
    return { calendar, bookings: await bookingsClosedBy(m, this.ctx, day.date, day.stationId, calendar) };
  }

  /** Cancel them, and let the waitlist of those days lapse; everyone is told by SMS. */
  private release(
    m: Manager,
    day: CalendarDayRow,
    closed: { calendar: WorkingCalendar; bookings: AppointmentRow[] },
    actor: AuthUser,
    requestId?: string,
  ): Promise<ClosedDayOutcome> {
    return releaseClosedDay(m, this.ctx, { date: day.date, stationId: day.stationId, calendar: closed.calendar }, closed.bookings, {
      actor,
      requestId,
      calendarDayId: day.id,
    });
  }

  /**
   * MySQL only: a booking whose transaction read the calendar just before the closure was
   * committed can land on the closed day (SQLite's write transactions never overlap, and a
   * booking reads the calendar inside its own). Look once more, after the commit, and cancel
   * what slipped in: the coordinator asked for the day to be closed.
   */
  private async sweepAfterCommit(calendarDayId: number, actor: AuthUser, requestId?: string): Promise<void> {
    if (this.ctx.db.kind !== 'mysql') return;
    await this.ctx.db.tx(async (m) => {
      const day = await m.findOneBy(CalendarDayEntity, { id: calendarDayId });
      if (!day) return;
      const outcome = await this.release(m, day, await this.strandedBy(m, day), actor, requestId);
      if (outcome.cancelledBookings + outcome.closedWaitlist === 0) return;
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: 'calendar_day.sweep',
        entity: 'calendar_day',
        entityId: day.id,
        details: { date: day.date, ...outcome },
        requestId,
      });
    });
  }

  /** The network's date now. */
  private today(): string {
    return zonedParts(this.ctx.clock.now(), this.ctx.config.timeZone).date;
  }
}
