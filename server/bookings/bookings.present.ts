/** How appointments look from outside: to the worker (by code + phone) and to the desk. */
import { maskName, maskPhone } from '../lib/phone.js';
import { formatInstant } from '../lib/dates.js';
import type { AppointmentRow } from './appointments.entity.js';
import type { Appointment, Booking } from './bookings.schema.js';

export function presentBooking(a: AppointmentRow, stationName: string, lawyerName: string | null, timeZone: string): Booking {
  return {
    id: a.id,
    code: a.code,
    stationId: a.stationId,
    stationName,
    date: a.date,
    start: formatInstant(a.startAt, timeZone),
    end: formatInstant(a.endAt, timeZone),
    status: a.status,
    lawyerName,
    category: a.category as Booking['category'],
    name: a.name,
    phone: maskPhone(a.phone),
  };
}

const iso = (d: Date | null, timeZone: string) => (d ? formatInstant(d, timeZone) : null);

/**
 * A booking code hidden whole (`*****-*****`): with the masked phone's last four digits
 * beside it, any character shown would leave the code + phone pair that much easier to guess.
 */
export function maskCode(code: string): string {
  return code.replace(/[^-]/g, '*');
}

/** `full`: the viewer may see the worker's name, phone and note (see seesWorkerDetails). */
export function presentAppointment(
  a: AppointmentRow,
  stationName: string,
  lawyerName: string | null,
  timeZone: string,
  full: boolean,
): Appointment {
  const outcome = a.outcomeServices
    ? { services: a.outcomeServices as NonNullable<Appointment['outcome']>['services'], amountInvolved: a.amountInvolved, note: full ? a.outcomeNote : null }
    : null;
  return {
    ...presentBooking(a, stationName, lawyerName, timeZone),
    code: full ? a.code : maskCode(a.code),
    name: full ? a.name : maskName(a.name),
    phone: full ? a.phone : maskPhone(a.phone),
    source: a.source,
    note: full ? a.note : null,
    outcome,
    masked: !full,
    checkedInAt: iso(a.checkedInAt, timeZone),
    completedAt: iso(a.completedAt, timeZone),
    cancelledAt: iso(a.cancelledAt, timeZone),
    createdAt: formatInstant(a.createdAt, timeZone),
  };
}
