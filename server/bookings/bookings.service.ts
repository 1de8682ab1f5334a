/**
 * Consultation bookings: slots and availability, the worker's own booking (by code +
 * phone), and the desk's view (list, walk-ins, check-in, outcome, no-show).
 */
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import type { Lang } from '../http/messages.js';
import { eachDate, formatInstant, zonedParts } from '../lib/dates.js';
import { AppointmentEntity, newAppointmentRow, type AppointmentRow } from './appointments.entity.js';
import { canTransition, dayAvailability, isWalkInDay, lawyerNameAt, type DayAvailability, type DutyShift } from './appointmentRules.js';
import {
  activeStation,
  claimSeat,
  dutyShiftsOf,
  insertWithCode,
  loadSchedule,
  lockAppointment,
  lockPhone,
  stationNames,
} from './bookings.repository.js';
import { normalizeBookingCode } from './bookingCode.js';
import { notifyCancelled, notifyEnv, notifyRescheduled, withdrawReminder } from './bookings.notify.js';
import { assertCanRecordVisit, assertCanRegisterWalkIn, seesWorkerDetails } from './bookings.policy.js';
import { stationScopes, type StationScope } from '../stations/scope.js';
import { presentAppointment, presentBooking } from './bookings.present.js';
import type {
  Appointment,
  AppointmentListQuery,
  Booking,
  BookingInput,
  CodePhoneInput,
  RescheduleInput,
  UpdateAppointmentInput,
  WalkInInput,
} from './bookings.schema.js';
import { requestHash } from './idempotency.js';
import { placeBookingOnce, type Placement } from './placement.js';
import { placeGroup, type GroupItem } from './placementGroup.js';
import { BookingGroups } from './bookingGroups.js';
import { PlacementThread, ThreadUnavailable } from './placementThread.js';
import {
  assertPhoneMayBook,
  cancelAppointment,
  offerFreedSeat,
  releaseClaimOf,
  requireStation,
  resolveSlot,
  slotOptions,
  slotsOfDay,
} from './ledger.js';
import { LookupGuard } from './lookupGuard.js';
import { lockStationShared } from './closedDay.js';
import { logPersonalDataView } from '../privacy/accessLog.js';
import { computeSlots } from './slots.js';

const BOOKING_SCOPE = 'appointment.create';
/** MySQL booking groups: how many transactions at once, and how many bookings at most in one. */
const GROUPS_IN_FLIGHT = 2;
const GROUP_SIZE = 64;

export interface PublicSlot {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  lawyerName: string;
}

export class BookingsService {
  private readonly lookups: LookupGuard;
  /** SQLite on a file: online bookings are placed on a thread of their own (placementThread.ts). */
  private readonly thread: PlacementThread | null;
  /** MySQL: online bookings that arrive together are placed in one transaction (placementGroup.ts). */
  private readonly groups: BookingGroups<GroupItem, Placement> | null;

  constructor(private readonly ctx: AppContext) {
    this.lookups = new LookupGuard(ctx);
    const onFile = ctx.db.kind === 'sqlite' && !/^sqlite::memory:$/.test(ctx.db.url);
    this.thread = onFile && ctx.config.booking.thread ? new PlacementThread(ctx) : null;
    if (this.thread) {
      const thread = this.thread;
      ctx.db.onClose(() => thread.close());
    }
    this.groups =
      ctx.db.kind === 'mysql' && ctx.config.booking.groups
        ? new BookingGroups<GroupItem, Placement>(
            {
              group: async (items) => (await ctx.db.sqlTx((sql) => placeGroup(sql, ctx, items))).map((o) => ('placement' in o ? { value: o.placement } : o)),
              one: ({ input, claim, lang }) => ctx.db.sqlTx((sql) => placeBookingOnce(sql, ctx, input, 'online', lang ?? 'zh', claim)),
              keysOf: ({ input, claim }) => (claim ? [`${input.stationId}|${input.start}`, `key|${claim.key}`] : [`${input.stationId}|${input.start}`]),
            },
            {
              maxInFlight: GROUPS_IN_FLIGHT,
              maxGroup: GROUP_SIZE,
              // Expected now and then with several instances (their groups met on a seat); each booking is then placed alone.
              onGroupFailed: (err, size) => ctx.logger.debug({ err: (err as Error).message, size }, 'a booking group was placed one by one'),
            },
          )
        : null;
  }

  /** Whether online bookings are placed on the booking thread. */
  get usesThread(): boolean {
    return this.thread !== null;
  }

  /** Start what the first booking would otherwise wait for (the booking thread). */
  warmUp(): void {
    this.thread?.warmUp();
  }

  private get tz(): string {
    return this.ctx.config.timeZone;
  }

  // ---- slots -------------------------------------------------------------

  async slots(stationId: number, date: string): Promise<PublicSlot[]> {
    return this.ctx.db.read(async (m) => {
      const station = await activeStation(m, stationId);
      if (!station) throw notFound('No such station');
      return (await slotsOfDay(m, this.ctx, station, date)).map((s) => ({
        start: s.start,
        end: s.end,
        capacity: s.capacity,
        remaining: s.remaining,
        lawyerName: s.lawyerName,
      }));
    });
  }

  async availability(stationId: number, from: string, to: string): Promise<DayAvailability[]> {
    return this.ctx.db.read(async (m) => {
      const station = await activeStation(m, stationId);
      if (!station) throw notFound('No such station');
      const schedule = await loadSchedule(m, stationId, from, to);
      const opts = slotOptions(this.ctx);
      return eachDate(from, to).map((date) =>
        dayAvailability(
          date,
          computeSlots({ station, date, shifts: schedule.shifts, calendar: schedule.calendar, booked: schedule.taken.get(date) ?? new Map(), ...opts }),
        ),
      );
    });
  }

  // ---- the worker's booking ---------------------------------------------

  /**
   * Book a slot; the worker's SMS are written in `lang` (the language they booked in). With
   * an Idempotency-Key, a retry returns the first booking. A refusal for what the phone
   * number already holds counts as a failed look-up of `clientKey` (LookupGuard).
   */
  book(input: BookingInput, lang: Lang, clientKey: string, idempotencyKey?: string): Promise<Booking> {
    return this.lookups.probe(clientKey, () => this.place(input, lang, idempotencyKey));
  }

  private async place(input: BookingInput, lang: Lang, idempotencyKey?: string): Promise<Booking> {
    const claim = idempotencyKey ? { scope: BOOKING_SCOPE, key: idempotencyKey, hash: requestHash(input) } : undefined;
    const here = () => this.ctx.db.sqlTx((sql) => placeBookingOnce(sql, this.ctx, input, 'online', lang, claim));
    const outcome = this.thread?.usable
      ? await this.thread.place(input, 'online', lang, claim).catch(orHere(here))
      : this.groups
        ? await this.groups.place({ input, claim, lang })
        : await here();
    if ('replayOf' in outcome) return this.ctx.db.read((m) => this.bookingById(m, outcome.replayOf));
    const { appointment, stationName, lawyerName } = outcome.placed;
    return presentBooking(appointment, stationName, lawyerName, this.tz);
  }

  private async bookingById(m: Manager, id: number): Promise<Booking> {
    const a = await m.findOneBy(AppointmentEntity, { id });
    if (!a) throw notFound('No such booking');
    const names = await stationNames(m, [a.stationId]);
    const duty = await dutyShiftsOf(m, [a]);
    return presentBooking(a, names.get(a.stationId) ?? '', this.lawyerNameOf(a, duty), this.tz);
  }

  private lawyerNameOf(a: AppointmentRow, duty: Map<string, DutyShift[]>): string | null {
    const minutes = Math.max(1, Math.round((a.endAt.getTime() - a.startAt.getTime()) / 60_000));
    return lawyerNameAt(duty.get(`${a.stationId}:${a.date}`) ?? [], a.slotTime, minutes);
  }

  /** The booking a code + phone names; failures are counted per client, and past the limit answered 429. */
  private async owned(input: CodePhoneInput, clientKey: string): Promise<AppointmentRow> {
    await this.lookups.assertAllowed(clientKey);
    const code = normalizeBookingCode(input.code);
    const a = code ? await this.ctx.db.read((m) => m.findOneBy(AppointmentEntity, { code })) : null;
    if (!a || a.phone !== input.phone) return this.lookups.fail(clientKey);
    return a;
  }

  async lookup(input: CodePhoneInput, clientKey: string): Promise<Booking> {
    const a = await this.owned(input, clientKey);
    return this.ctx.db.read((m) => this.bookingById(m, a.id));
  }

  async cancel(input: CodePhoneInput, clientKey: string): Promise<Booking> {
    const owned = await this.owned(input, clientKey);
    return this.ctx.db.tx(async (m) => {
      const now = this.ctx.clock.now();
      const a = await this.reread(m, owned.id);
      if (a.status !== 'booked') throw conflict(`This booking is ${a.status.replace('_', ' ')} and can no longer be cancelled`);
      if (a.startAt.getTime() <= now.getTime()) throw conflict('This consultation has already started; it can no longer be cancelled');
      const cancelled = await cancelAppointment(m, this.ctx, a, { from: ['booked'], offerSeat: true });
      if (!cancelled) throw changedMeanwhile();
      const stationName = (await stationNames(m, [a.stationId])).get(a.stationId) ?? '';
      await notifyCancelled(m, notifyEnv(this.ctx), cancelled, stationName);
      await recordAudit(m, this.ctx.clock, { actor: null, action: 'appointment.cancel', entity: 'appointment', entityId: a.id });
      return this.bookingById(m, a.id);
    });
  }

  /** Move a booking to another slot of the same station: claim the new seat and give back the old, in one transaction. */
  async reschedule(input: RescheduleInput, clientKey: string): Promise<Booking> {
    const owned = await this.owned(input, clientKey);
    return this.ctx.db.tx(async (m) => {
      const now = this.ctx.clock.now();
      await lockPhone(m, owned.phone, now);
      // Before the first plain read: a closure of the station either committed before this move reads the calendar, or waits for it (closedDay.ts).
      await lockStationShared(m, owned.stationId);
      const a = await this.reread(m, owned.id);
      if (a.status !== 'booked') throw conflict(`This booking is ${a.status.replace('_', ' ')} and can no longer be moved`);
      if (a.startAt.getTime() <= now.getTime()) throw conflict('This consultation has already started; it can no longer be moved');
      const station = await requireStation(m, a.stationId);
      const slot = await resolveSlot(m, this.ctx, station, input.start);
      const span = { start: new Date(slot.start), end: new Date(slot.end) };
      if (span.start.getTime() === a.startAt.getTime()) throw conflict('This booking is already at that time');
      if (slot.remaining <= 0) throw conflict('That time is fully booked; please pick another', 'slot_full');
      await assertPhoneMayBook(m, this.ctx, a.phone, span, a.id);
      const moved = { date: slot.date, slotTime: slot.time, startAt: span.start, endAt: span.end };
      if (!(await lockAppointment(m, a, ['booked'], moved, now))) throw changedMeanwhile();
      const freed = await releaseClaimOf(m, a.id);
      const seat = await claimSeat(m, { stationId: station.id, date: slot.date, slotTime: slot.time, capacity: slot.capacity }, a.id, now);
      if (seat === null) throw conflict('That time has just been fully booked; please pick another', 'slot_full');
      if (freed) await offerFreedSeat(m, this.ctx, freed);
      const after: AppointmentRow = { ...a, ...moved, version: a.version + 1 };
      await notifyRescheduled(m, notifyEnv(this.ctx), a, after, station.name);
      await recordAudit(m, this.ctx.clock, {
        actor: null,
        action: 'appointment.reschedule',
        entity: 'appointment',
        entityId: a.id,
        details: { from: formatInstant(a.startAt, this.tz), to: slot.start },
      });
      return presentBooking(after, station.name, slot.lawyerName, this.tz);
    });
  }

  private async reread(m: Manager, id: number): Promise<AppointmentRow> {
    const a = await m.findOneBy(AppointmentEntity, { id });
    if (!a) throw notFound('No such booking');
    return a;
  }

  // ---- the desk ----------------------------------------------------------

  async list(
    query: AppointmentListQuery,
    viewer: AuthUser,
    requestId?: string,
  ): Promise<{ items: Appointment[]; total: number; page: number; pageSize: number }> {
    const page = await this.ctx.db.read(async (m) => {
      const q = m.createQueryBuilder(AppointmentEntity, 'a');
      if (query.stationId) q.andWhere('a.station_id = :stationId', { stationId: query.stationId });
      if (query.date) q.andWhere('a.date = :date', { date: query.date });
      if (query.status) q.andWhere('a.status = :status', { status: query.status });
      if (viewer.role === 'lawyer') {
        // A lawyer sees the station-days where they hold the published shift, and nothing else.
        q.andWhere(
          "EXISTS (SELECT 1 FROM shifts s WHERE s.station_id = a.station_id AND s.date = a.date AND s.lawyer_id = :lawyerId AND s.status = 'published')",
          { lawyerId: viewer.lawyerId ?? 0 },
        );
      }
      q.orderBy('a.start_at', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize);
      const [rows, total] = await q.getManyAndCount();
      return { items: await this.presentForDesk(m, rows, viewer), total, page: query.page, pageSize: query.pageSize };
    });
    const shown = page.items.filter((a) => !a.masked).map((a) => a.id);
    await logPersonalDataView(this.ctx, { viewer, entity: 'appointment', ids: shown, via: 'appointments.list', requestId });
    return page;
  }

  private async presentForDesk(m: Manager, rows: AppointmentRow[], viewer: AuthUser): Promise<Appointment[]> {
    const names = await stationNames(m, rows.map((r) => r.stationId));
    const duty = await dutyShiftsOf(m, rows);
    const scopes = await stationScopes(m, rows.map((r) => r.stationId));
    return rows.map((a) =>
      presentAppointment(
        a,
        names.get(a.stationId) ?? '',
        this.lawyerNameOf(a, duty),
        this.tz,
        seesWorkerDetails(viewer, duty.get(`${a.stationId}:${a.date}`) ?? [], scopeOf(scopes, a.stationId)),
      ),
    );
  }

  /** A worker who came in without a booking: checked in at once, on the station's day, over capacity if need be. */
  async walkIn(input: WalkInInput, actor: AuthUser, requestId?: string): Promise<Appointment> {
    const now = this.ctx.clock.now();
    const startAt = input.start ? new Date(input.start) : now;
    if (!isWalkInDay(startAt, now, this.tz)) {
      const today = zonedParts(now, this.tz).date;
      throw badRequest('A walk-in is registered on the day it happens', [
        { path: 'start', message: `must be today (${today}); book another day's consultation as a booking` },
      ]);
    }
    return this.ctx.db.tx(async (m) => {
      const station = await requireStation(m, input.stationId);
      assertCanRegisterWalkIn(actor, scopeOf(await stationScopes(m, [station.id]), station.id));
      const local = zonedParts(startAt, this.tz);
      const row = newAppointmentRow(
        {
          stationId: station.id,
          date: local.date,
          slotTime: local.time,
          startAt,
          endAt: new Date(startAt.getTime() + station.slotMinutes * 60_000),
          status: 'checked_in',
          source: 'walk_in',
          name: input.name,
          phone: input.phone,
          category: input.category,
          note: input.note || null,
          consentAt: now,
          checkedInAt: now,
          createdBy: actor.id,
          // Staff register the visit: the worker's language is not known, and a walk-in gets no SMS.
          lang: 'zh',
        },
        now,
      );
      const { id, code } = await insertWithCode(m, AppointmentEntity, row);
      await recordAudit(m, this.ctx.clock, { actor, action: 'appointment.walk_in', entity: 'appointment', entityId: id, requestId });
      const [presented] = await this.presentForDesk(m, [{ ...row, id, code }], actor);
      return presented!;
    });
  }

  /** Check-in, completion (with its outcome) or no-show; only along the allowed transitions. */
  async update(id: number, input: UpdateAppointmentInput, actor: AuthUser, requestId?: string): Promise<Appointment> {
    return this.ctx.db.tx(async (m) => {
      const now = this.ctx.clock.now();
      const a = await m.findOneBy(AppointmentEntity, { id });
      if (!a) throw notFound('No such appointment');
      const duty = (await dutyShiftsOf(m, [a])).get(`${a.stationId}:${a.date}`) ?? [];
      assertCanRecordVisit(actor, duty, scopeOf(await stationScopes(m, [a.stationId]), a.stationId));
      if (!canTransition(a.status, input.status)) {
        throw conflict(`A ${a.status.replace('_', ' ')} appointment cannot be marked ${input.status.replace('_', ' ')}`);
      }
      if (input.status === 'checked_in' && zonedParts(now, this.tz).date < a.date) {
        throw conflict(`This consultation is on ${a.date}; the worker is checked in on that day`);
      }
      if (input.status === 'no_show' && now.getTime() < a.startAt.getTime()) {
        throw conflict('The consultation has not started yet; it cannot be a no-show');
      }
      const changes: Partial<AppointmentRow> = { status: input.status };
      if (input.status === 'checked_in') changes.checkedInAt = now;
      if (input.status === 'completed') {
        if (!input.outcome) throw badRequest('Completing a consultation requires its outcome', [{ path: 'outcome', message: 'is required' }]);
        changes.completedAt = now;
        changes.outcomeServices = input.outcome.services;
        changes.amountInvolved = input.outcome.amountInvolved === undefined ? null : Math.round(input.outcome.amountInvolved * 100) / 100;
        changes.outcomeNote = input.outcome.note || null;
      }
      if (!(await lockAppointment(m, a, [a.status], changes, now))) throw changedMeanwhile();
      if (input.status === 'no_show') {
        const freed = await releaseClaimOf(m, a.id);
        if (freed) await offerFreedSeat(m, this.ctx, freed);
        await withdrawReminder(m, a);
      }
      await recordAudit(m, this.ctx.clock, {
        actor,
        action: `appointment.${input.status}`,
        entity: 'appointment',
        entityId: a.id,
        details: { from: a.status, to: input.status },
        requestId,
      });
      const [presented] = await this.presentForDesk(m, [{ ...a, ...changes, version: a.version + 1, updatedAt: now }], actor);
      return presented!;
    });
  }
}

/** A station's scope; a station missing from the tree stands alone (no ancestors). */
const scopeOf = (scopes: Map<number, StationScope>, id: number): StationScope => scopes.get(id) ?? { id, ancestorIds: [] };

const changedMeanwhile = () => conflict('This booking was changed at the same moment; please look it up again and retry');

/** A booking the thread could not take (it never started) is placed here instead; any other error stands. */
function orHere<T>(here: () => Promise<T>): (err: unknown) => Promise<T> {
  return (err) => (err instanceof ThreadUnavailable ? here() : Promise.reject(err));
}
