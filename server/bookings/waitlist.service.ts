/**
 * The waitlist of a full day. When a seat comes free the first person in line gets an
 * SMS and the seat is HELD for them (a claim row of kind 'hold', so nobody else can take
 * it) for WAITLIST_HOLD_MINUTES; they confirm with code + phone. A hold that runs out
 * passes to the next in line.
 */
import type { AppContext } from '../context.js';
import { conflict } from '../http/errors.js';
import type { Lang } from '../http/messages.js';
import { zonedInstant, zonedParts } from '../lib/dates.js';
import { AppointmentEntity, AppointmentSeatEntity, WaitlistEntryEntity, newAppointmentRow, type AppointmentRow, type WaitlistEntryRow } from './appointments.entity.js';
import { normalizeBookingCode } from './bookingCode.js';
import { dutyShiftsOf, insertUnlessTaken, insertWithCode, lockPhone, newCode } from './bookings.repository.js';
import { notifyBooked, notifyEnv } from './bookings.notify.js';
import { presentBooking } from './bookings.present.js';
import type { Booking, CodePhoneInput, WaitlistEntryDto, WaitlistInput } from './bookings.schema.js';
import { lawyerNameAt } from './appointmentRules.js';
import { lockStationShared } from './closedDay.js';
import { loadWorkingCalendar } from '../calendar/calendar.repository.js';
import { assertPhoneMayBook, offerFreedSeat, requireStation, slotsOfDay } from './ledger.js';
import { LookupGuard, PhoneRefusal } from './lookupGuard.js';

export interface HoldExpiryReport {
  expired: number;
  passedOn: number;
  released: number;
  lapsedEntries: number;
}

export class WaitlistService {
  private readonly lookups: LookupGuard;

  constructor(private readonly ctx: AppContext) {
    this.lookups = new LookupGuard(ctx);
  }

  /**
   * Join a full day's line; the offer and the booking it may become speak `lang` (the worker's).
   * A number already in it is a PhoneRefusal: counted as a failed look-up of `clientKey`.
   */
  join(input: WaitlistInput, lang: Lang, clientKey: string): Promise<WaitlistEntryDto> {
    return this.lookups.probe(clientKey, () => this.enter(input, lang));
  }

  private enter(input: WaitlistInput, lang: Lang): Promise<WaitlistEntryDto> {
    return this.ctx.db.tx(async (m) => {
      const now = this.ctx.clock.now();
      const station = await requireStation(m, input.stationId);
      const slots = await slotsOfDay(m, this.ctx, station, input.date);
      if (slots.length === 0) throw conflict('No consultations can be booked at this station on that day');
      if (slots.some((s) => s.remaining > 0)) throw conflict('There are free slots that day: book one of them instead');
      const activeKey = `${station.id}:${input.date}:${input.phone}`;
      const already = () => new PhoneRefusal('This phone number is already on the waitlist for that day');
      if (await m.existsBy(WaitlistEntryEntity, { activeKey })) throw already();
      const row: Omit<WaitlistEntryRow, 'id'> = {
        code: '',
        stationId: station.id,
        date: input.date,
        name: input.name,
        phone: input.phone,
        category: input.category,
        status: 'waiting',
        activeKey,
        consentAt: now,
        offeredAt: null,
        appointmentId: null,
        lang,
        createdAt: now,
        updatedAt: now,
      };
      let id: number | null = null;
      for (let i = 0; i < 3 && id === null; i++) {
        row.code = newCode();
        id = await insertUnlessTaken(m, WaitlistEntryEntity, row);
      }
      // The live-entry index refused it: the same phone joined at the same moment.
      if (id === null) throw already();
      const position = await m
        .createQueryBuilder(WaitlistEntryEntity, 'w')
        .where("w.station_id = :sid AND w.date = :date AND w.status = 'waiting' AND w.id <= :id", { sid: station.id, date: input.date, id })
        .getCount();
      return { id, code: row.code, stationId: station.id, stationName: station.name, date: input.date, status: 'waiting', position };
    });
  }

  /** Confirm the seat held for this entry: it becomes a booking. */
  async claim(input: CodePhoneInput, clientKey: string): Promise<Booking> {
    await this.lookups.assertAllowed(clientKey);
    const code = normalizeBookingCode(input.code);
    const found = code ? await this.ctx.db.read((m) => m.findOneBy(WaitlistEntryEntity, { code })) : null;
    if (!found || found.phone !== input.phone) return this.lookups.fail(clientKey, 'No waitlist entry matches this code and phone number');
    return this.ctx.db.tx(async (m) => {
      const now = this.ctx.clock.now();
      await lockPhone(m, found.phone, now);
      // Before the first plain read, so that a closure of the day is either seen or waits (closedDay.ts).
      await lockStationShared(m, found.stationId);
      const entry = (await m.findOneBy(WaitlistEntryEntity, { id: found.id }))!;
      const hold = await m.findOneBy(AppointmentSeatEntity, { waitlistEntryId: entry.id });
      if (entry.status === 'booked') throw conflict('This waitlist place has already become a booking');
      if (entry.status !== 'offered' || !hold || !hold.holdUntil || hold.holdUntil.getTime() < now.getTime()) {
        throw conflict('No seat is being held for you right now (an offer lasts a limited time)');
      }
      const station = await requireStation(m, entry.stationId);
      // A closure's batches lapse the day's waitlist a moment after it commits: until then, its calendar says no.
      if (!(await loadWorkingCalendar(m, hold.date, hold.date)).isWorkingDay(hold.date, station.id)) {
        throw conflict('The station is closed on that day, so this waitlist place has lapsed; please book another day');
      }
      const startAt = zonedInstant(hold.date, hold.slotTime, this.ctx.config.timeZone);
      const endAt = new Date(startAt.getTime() + station.slotMinutes * 60_000);
      await assertPhoneMayBook(m, this.ctx, entry.phone, { start: startAt, end: endAt });
      // The entry row serialises a claim against the expiry job passing the hold on.
      const mine = await m
        .createQueryBuilder()
        .update(WaitlistEntryEntity)
        .set({ status: 'booked', activeKey: null, updatedAt: now })
        .where("id = :id AND status = 'offered'", { id: entry.id })
        .execute();
      if ((mine.affected ?? 0) !== 1) throw conflict('The offer changed at the same moment; please try again');
      const row = newAppointmentRow(
        {
          stationId: station.id,
          date: hold.date,
          slotTime: hold.slotTime,
          startAt,
          endAt,
          status: 'booked',
          source: 'waitlist',
          name: entry.name,
          phone: entry.phone,
          category: entry.category,
          note: null,
          consentAt: entry.consentAt ?? now,
          lang: entry.lang,
        },
        now,
      );
      const { id, code: bookingCode } = await insertWithCode(m, AppointmentEntity, row);
      const converted = await m
        .createQueryBuilder()
        .update(AppointmentSeatEntity)
        .set({ kind: 'booking', appointmentId: id, waitlistEntryId: null, holdUntil: null })
        .where("id = :id AND kind = 'hold' AND waitlist_entry_id = :entryId", { id: hold.id, entryId: entry.id })
        .execute();
      if ((converted.affected ?? 0) !== 1) throw conflict('The held seat is no longer yours; please try again');
      await m.update(WaitlistEntryEntity, { id: entry.id }, { appointmentId: id });
      const appointment: AppointmentRow = { ...row, id, code: bookingCode };
      await notifyBooked(m, notifyEnv(this.ctx), appointment, station.name);
      const duty = (await dutyShiftsOf(m, [appointment])).get(`${station.id}:${hold.date}`) ?? [];
      return presentBooking(appointment, station.name, lawyerNameAt(duty, hold.slotTime, station.slotMinutes), this.ctx.config.timeZone);
    });
  }

  /**
   * Holds that ran out pass to the next in line (or back on sale); waiting entries of
   * days gone by lapse. Each hold is handled in its own transaction with conditional
   * updates, so a claim at the same moment and a second instance are both safe.
   */
  async expireHolds(): Promise<HoldExpiryReport> {
    const now = this.ctx.clock.now();
    const report: HoldExpiryReport = { expired: 0, passedOn: 0, released: 0, lapsedEntries: 0 };
    const due = await this.ctx.db.read((m) =>
      m
        .createQueryBuilder(AppointmentSeatEntity, 'c')
        .where("c.kind = 'hold' AND c.hold_until < :now", { now })
        .orderBy('c.hold_until', 'ASC')
        .limit(200)
        .getMany(),
    );
    for (const hold of due) {
      const outcome = await this.ctx.db.tx(async (m) => {
        const lapsed = await m
          .createQueryBuilder()
          .update(WaitlistEntryEntity)
          .set({ status: 'expired', activeKey: null, updatedAt: now })
          .where("id = :id AND status = 'offered'", { id: hold.waitlistEntryId })
          .execute();
        if ((lapsed.affected ?? 0) !== 1) return 'skipped' as const;
        const gone = await m
          .createQueryBuilder()
          .delete()
          .from(AppointmentSeatEntity)
          .where("id = :id AND kind = 'hold' AND waitlist_entry_id = :entryId", { id: hold.id, entryId: hold.waitlistEntryId })
          .execute();
        if ((gone.affected ?? 0) !== 1) throw conflict('hold changed meanwhile');
        return (await offerFreedSeat(m, this.ctx, hold)) === null ? ('released' as const) : ('passedOn' as const);
      });
      if (outcome === 'skipped') continue;
      report.expired++;
      report[outcome]++;
    }
    const today = zonedParts(now, this.ctx.config.timeZone).date;
    const old = await this.ctx.db.tx((m) =>
      m
        .createQueryBuilder()
        .update(WaitlistEntryEntity)
        .set({ status: 'expired', activeKey: null, updatedAt: now })
        .where("status = 'waiting' AND date < :today", { today })
        .execute(),
    );
    report.lapsedEntries = old.affected ?? 0;
    return report;
  }
}
