/**
 * Booking codes of calls booked from this browser tab. The call itself carries only
 * `appointmentId`; the code comes back once, from `POST /api/hotline-calls/:id/book`,
 * so it is kept here (and in sessionStorage, for a reload) to show on the call.
 */
import { useSyncExternalStore } from 'react';
import type { BookedFromCall } from '../../api/client';

export type LinkedBooking = BookedFromCall['appointment'];

const KEY = 'dutyroster.hotline.bookings';
const listeners = new Set<() => void>();

function load(): Record<string, LinkedBooking> {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Record<string, LinkedBooking>) : {};
  } catch {
    return {};
  }
}

let byAppointmentId: Record<string, LinkedBooking> = load();

export function rememberBooking(b: LinkedBooking): void {
  byAppointmentId = { ...byAppointmentId, [b.id]: b };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(byAppointmentId));
  } catch {
    // Not kept across reloads; still shown in this page.
  }
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The booking linked to a call, when this tab made it. */
export function useLinkedBooking(appointmentId: number | null): LinkedBooking | undefined {
  const all = useSyncExternalStore(subscribe, () => byAppointmentId);
  return appointmentId === null ? undefined : all[appointmentId];
}
