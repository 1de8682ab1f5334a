/**
 * The booking feature's queries, named for what they mean. Every function runs on the
 * caller's manager (inside its `db.tx` or `db.read`), so one transaction can compose them.
 */
import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { loadWorkingCalendar } from '../calendar/calendar.repository.js';
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import { ShiftEntity } from '../rosters/rosters.entity.js';
import { StationEntity, type StationRow } from '../stations/stations.entity.js';
import {
  AppointmentEntity,
  AppointmentSeatEntity,
  LookupFailureEntity,
  PhoneGuardEntity,
  type AppointmentRow,
} from './appointments.entity.js';
import type { DutyShift, PhoneBooking } from './appointmentRules.js';
import { secureRandomBytes } from '../lib/random.js';
import { generateBookingCode } from './bookingCode.js';

/**
 * Insert a row unless a unique index refuses it: the one place where a unique
 * violation becomes a domain answer ("that seat / key / code is taken"). Returns the
 * new id, or null when taken. The caller's transaction stays usable on both drivers.
 */
export async function insertUnlessTaken<T extends ObjectLiteral>(
  m: Manager,
  entity: EntityTarget<T>,
  row: Partial<T>,
): Promise<number | null> {
  try {
    const res = await m.insert(entity, row as never);
    return Number(res.identifiers[0]?.id ?? res.raw?.insertId ?? 0) || null;
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

export const newCode = (): string => generateBookingCode(secureRandomBytes);

/** Insert with a fresh unguessable code; a (vanishingly rare) code collision draws again. */
export async function insertWithCode<T extends ObjectLiteral & { code: string }>(
  m: Manager,
  entity: EntityTarget<T>,
  row: Omit<Partial<T>, 'code'>,
): Promise<{ id: number; code: string }> {
  for (let i = 0; i < 5; i++) {
    const code = newCode();
    const id = await insertUnlessTaken(m, entity, { ...row, code } as Partial<T>);
    if (id !== null) return { id, code };
  }
  throw new Error('could not draw a free booking code');
}

export async function activeStation(m: Manager, id: number): Promise<StationRow | null> {
  const s = await m.findOneBy(StationEntity, { id });
  return s && s.active ? s : null;
}

export interface ScheduleShift extends DutyShift {
  date: string;
}

/** What slot computation needs for a station over a range of dates. */
export interface Schedule {
  shifts: ScheduleShift[];
  calendar: WorkingCalendar;
  /** date → local slot time → seats claimed (bookings and holds). */
  taken: Map<string, Map<string, number>>;
}

export async function loadSchedule(m: Manager, stationId: number, from: string, to: string): Promise<Schedule> {
  const shiftRows: { date: string; start: string; end: string; lawyerId: number; lawyerName: string }[] = await m
    .createQueryBuilder()
    .select('s.date', 'date')
    .addSelect('s.shift_start', 'start')
    .addSelect('s.shift_end', 'end')
    .addSelect('s.lawyer_id', 'lawyerId')
    .addSelect('l.name', 'lawyerName')
    .from(ShiftEntity, 's')
    .innerJoin('lawyers', 'l', 'l.id = s.lawyer_id')
    .where("s.station_id = :stationId AND s.date >= :from AND s.date <= :to AND s.status = 'published'", { stationId, from, to })
    .orderBy('s.date', 'ASC')
    .addOrderBy('s.seat', 'ASC')
    .addOrderBy('s.id', 'ASC')
    .getRawMany();
  const counts: { date: string; slotTime: string; n: number | string }[] = await m
    .createQueryBuilder()
    .select('c.date', 'date')
    .addSelect('c.slot_time', 'slotTime')
    .addSelect('COUNT(*)', 'n')
    .from(AppointmentSeatEntity, 'c')
    .where('c.station_id = :stationId AND c.date >= :from AND c.date <= :to', { stationId, from, to })
    .groupBy('c.date')
    .addGroupBy('c.slot_time')
    .getRawMany();
  const taken = new Map<string, Map<string, number>>();
  for (const c of counts) {
    const day = taken.get(c.date) ?? new Map<string, number>();
    day.set(c.slotTime, Number(c.n));
    taken.set(c.date, day);
  }
  return {
    shifts: shiftRows.map((r) => ({ ...r, lawyerId: Number(r.lawyerId) })),
    calendar: await loadWorkingCalendar(m, from, to),
    taken,
  };
}

/** The published shifts of several station-days, keyed `stationId:date`. */
export async function dutyShiftsOf(m: Manager, days: { stationId: number; date: string }[]): Promise<Map<string, DutyShift[]>> {
  const out = new Map<string, DutyShift[]>();
  if (days.length === 0) return out;
  const stationIds = [...new Set(days.map((d) => d.stationId))];
  const dates = [...new Set(days.map((d) => d.date))];
  const rows: { stationId: number; date: string; start: string; end: string; lawyerId: number; lawyerName: string }[] = await m
    .createQueryBuilder()
    .select('s.station_id', 'stationId')
    .addSelect('s.date', 'date')
    .addSelect('s.shift_start', 'start')
    .addSelect('s.shift_end', 'end')
    .addSelect('s.lawyer_id', 'lawyerId')
    .addSelect('l.name', 'lawyerName')
    .from(ShiftEntity, 's')
    .innerJoin('lawyers', 'l', 'l.id = s.lawyer_id')
    .where("s.station_id IN (:...stationIds) AND s.date IN (:...dates) AND s.status = 'published'", { stationIds, dates })
    .orderBy('s.seat', 'ASC')
    .addOrderBy('s.id', 'ASC')
    .getRawMany();
  for (const r of rows) {
    const key = `${Number(r.stationId)}:${r.date}`;
    out.set(key, [...(out.get(key) ?? []), { lawyerId: Number(r.lawyerId), lawyerName: r.lawyerName, start: r.start, end: r.end }]);
  }
  return out;
}

export async function stationNames(m: Manager, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await m.findBy(StationEntity, { id: In(unique) });
  return new Map(rows.map((s) => [s.id, s.name]));
}

export async function seatNumbersTaken(m: Manager, stationId: number, date: string, slotTime: string): Promise<Set<number>> {
  const rows = await m.find(AppointmentSeatEntity, { select: { seatNo: true }, where: { stationId, date, slotTime } });
  return new Set(rows.map((r) => r.seatNo));
}

/**
 * Claim the first free seat of a slot for an appointment. Each seat number is tried in
 * turn; the unique index decides who gets it, so two requests can never share a seat.
 * Returns the seat number, or null when every seat is taken.
 */
export async function claimSeat(
  m: Manager,
  slot: { stationId: number; date: string; slotTime: string; capacity: number },
  appointmentId: number,
  now: Date,
): Promise<number | null> {
  const taken = await seatNumbersTaken(m, slot.stationId, slot.date, slot.slotTime);
  for (let seatNo = 1; seatNo <= slot.capacity; seatNo++) {
    if (taken.has(seatNo)) continue;
    const id = await insertUnlessTaken(m, AppointmentSeatEntity, {
      stationId: slot.stationId,
      date: slot.date,
      slotTime: slot.slotTime,
      seatNo,
      kind: 'booking',
      appointmentId,
      waitlistEntryId: null,
      holdUntil: null,
      createdAt: now,
    });
    if (id !== null) return seatNo;
  }
  return null;
}

/**
 * Take the write lock of an appointment for this transaction: bump its version only if
 * nobody changed it since it was read and it is still in one of `statuses`. Concurrent
 * changes (a cancel racing a reschedule) serialise here; the loser gets false.
 */
export async function lockAppointment(
  m: Manager,
  appt: AppointmentRow,
  statuses: readonly string[],
  changes: Partial<AppointmentRow>,
  now: Date,
): Promise<boolean> {
  const res = await m
    .createQueryBuilder()
    .update(AppointmentEntity)
    .set({ ...(changes as object), version: () => 'version + 1', updatedAt: now } as never)
    .where('id = :id AND version = :version AND status IN (:...statuses)', { id: appt.id, version: appt.version, statuses })
    .execute();
  return (res.affected ?? 0) === 1;
}

/**
 * Serialise bookings of one phone number: the guard row is locked (UPDATE) until the
 * transaction ends, so the per-phone limits are checked against settled data. Take it
 * before the transaction's first plain read (see assertPhoneMayBook).
 */
export async function lockPhone(m: Manager, phone: string, now: Date): Promise<void> {
  // One upsert takes the exclusive lock at once (INSERT IGNORE + UPDATE would take a shared
  // lock first, and concurrent upgrades to exclusive deadlock on MySQL).
  await m
    .createQueryBuilder()
    .insert()
    .into(PhoneGuardEntity)
    .values({ phone, touchedAt: now })
    .orUpdate(['touched_at'], ['phone'])
    .execute();
}

/** A phone's bookings that could still clash with a new one. */
export async function liveBookingsOfPhone(m: Manager, phone: string, now: Date): Promise<PhoneBooking[]> {
  const rows = await m
    .createQueryBuilder(AppointmentEntity, 'a')
    .where("a.phone = :phone AND a.status IN ('booked', 'checked_in') AND a.end_at > :now", { phone, now })
    .getMany();
  return rows.map((r) => ({ id: r.id, status: r.status, startAt: r.startAt, endAt: r.endAt }));
}

export async function failedLookupsSince(m: Manager, clientKey: string, since: Date): Promise<number> {
  return m
    .createQueryBuilder(LookupFailureEntity, 'f')
    .where('f.client_key = :clientKey AND f.failed_at > :since', { clientKey, since })
    .getCount();
}

export async function recordFailedLookup(m: Manager, clientKey: string, now: Date): Promise<void> {
  await m.insert(LookupFailureEntity, { clientKey, failedAt: now });
}
