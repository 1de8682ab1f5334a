import type { Request } from 'express';
import { z } from 'zod';
import { DESK } from '../auth/policy.js';
import { badRequest } from '../http/errors.js';
import { workerLang } from '../http/messages.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import {
  appointmentListQuery,
  appointmentPage,
  appointmentSchema,
  availabilityQuery,
  bookingBody,
  bookingSchema,
  codePhoneBody,
  dayAvailabilitySchema,
  idempotencyKeyHeader,
  lookupQuery,
  rescheduleBody,
  slotSchema,
  slotsQuery,
  updateAppointmentBody,
  waitlistBody,
  waitlistEntrySchema,
  walkInBody,
} from './bookings.schema.js';
import type { BookingsService } from './bookings.service.js';
import type { WaitlistService } from './waitlist.service.js';

/** Who is asking, for counting failed look-ups (the proxy-aware client address). */
const clientKey = (req: Request) => String(req.ip ?? req.socket.remoteAddress ?? 'unknown').slice(0, 64);

function idempotencyKeyOf(req: Request): string | undefined {
  const raw = req.get('idempotency-key');
  if (raw === undefined) return undefined;
  const parsed = idempotencyKeyHeader.safeParse(raw);
  if (!parsed.success) {
    throw badRequest('The Idempotency-Key header is not valid', [{ path: 'Idempotency-Key', message: parsed.error.issues[0]!.message }]);
  }
  return parsed.data;
}

const CODE_PHONE = 'The code is the one the confirmation SMS gave; it must come with the phone number it was booked with. ' +
  'Failed attempts are counted per client: past LOOKUP_FAILURE_LIMIT in 10 minutes the answer is 429.';

const WORKER_LANGUAGE =
  "The worker's SMS (confirmation, reminder, cancellation, move, waitlist offer, closure notices) are in English when `Accept-Language` names English first, " +
  'else in Chinese; the language is stored and later messages keep it, whoever causes them.';

export function bookingRoutes(bookings: BookingsService, waitlist: WaitlistService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/stations/:id/slots',
      summary: "A station's bookable consultation slots on one day",
      description: 'Only inside open hours, on working days with a published shift, within the booking window, and not in the past.',
      tags: ['bookings'],
      access: 'public',
      params: idParams,
      query: slotsQuery,
      response: z.array(slotSchema),
      handler: ({ params, query }) => bookings.slots(params.id, query.date),
    }),
    defineRoute({
      method: 'get',
      path: '/api/stations/:id/availability',
      summary: 'Per day: can anything be booked, and how many seats are left (at most 31 days)',
      tags: ['bookings'],
      access: 'public',
      params: idParams,
      query: availabilityQuery,
      response: z.array(dayAvailabilitySchema),
      handler: ({ params, query }) => bookings.availability(params.id, query.from, query.to),
    }),
    defineRoute({
      method: 'post',
      path: '/api/appointments',
      summary: 'Book a consultation',
      description:
        'A full slot answers 409 slot_full; a start that is not a slot, 400. One phone holds at most ' +
        'BOOKING_MAX_FUTURE_PER_PHONE upcoming bookings and never two at once (409 conflict). ' +
        'Such a refusal is counted like a failed look-up: past LOOKUP_FAILURE_LIMIT in 10 minutes the answer is 429. ' +
        'Send an `Idempotency-Key` header (8–128 of A–Z a–z 0–9 _ . : -) to retry safely: the same key and body return the same booking; ' +
        'the same key with another body is a 409. ' +
        WORKER_LANGUAGE,
      tags: ['bookings'],
      access: 'public',
      body: bookingBody,
      response: bookingSchema,
      status: 201,
      handler: ({ body, req }) => bookings.book(body, workerLang(req.get('accept-language')), clientKey(req), idempotencyKeyOf(req)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/appointments/lookup',
      summary: 'Look up my booking by code and phone',
      description: CODE_PHONE,
      tags: ['bookings'],
      access: 'public',
      query: lookupQuery,
      response: bookingSchema,
      handler: ({ query, req }) => bookings.lookup(query, clientKey(req)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/appointments/cancel',
      summary: 'Cancel my booking (code and phone)',
      description: CODE_PHONE,
      tags: ['bookings'],
      access: 'public',
      body: codePhoneBody,
      response: bookingSchema,
      handler: ({ body, req }) => bookings.cancel(body, clientKey(req)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/appointments/reschedule',
      summary: 'Move my booking to another slot of the same station (code and phone)',
      description: `${CODE_PHONE} The new seat is claimed and the old one given back in one transaction; a full slot is 409 slot_full and the booking stays where it was.`,
      tags: ['bookings'],
      access: 'public',
      body: rescheduleBody,
      response: bookingSchema,
      handler: ({ body, req }) => bookings.reschedule(body, clientKey(req)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/appointments',
      summary: 'Appointments at the desk (paged)',
      description: 'A lawyer sees only the station-days where they hold the published shift.',
      tags: ['bookings'],
      access: DESK,
      query: appointmentListQuery,
      response: appointmentPage,
      handler: ({ query, user, req }) => bookings.list(query, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/appointments/walk-in',
      summary: 'Register a walk-in (checked in at once; needs no free slot)',
      description: "A walk-in is registered on the day it happens: a `start` on any other day (in the network's time zone) is 400.",
      tags: ['bookings'],
      access: ['staff'],
      body: walkInBody,
      response: appointmentSchema,
      status: 201,
      handler: ({ body, user, req }) => bookings.walkIn(body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/appointments/:id',
      summary: 'Check in, complete (with the outcome) or mark a no-show',
      description: 'booked → checked_in → completed, or booked → no_show; anything else is 409. Lawyers: only the one on duty that day.',
      tags: ['bookings'],
      access: DESK,
      params: idParams,
      body: updateAppointmentBody,
      response: appointmentSchema,
      handler: ({ params, body, user, req }) => bookings.update(params.id, body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/waitlist',
      summary: 'Join the waitlist of a full day',
      description:
        'Only when every slot of the day is taken (else 409). When a seat frees, the first in line gets an SMS and the seat is held for them. ' +
        'A phone number already waiting for that day is a 409, counted like a failed look-up: past LOOKUP_FAILURE_LIMIT in 10 minutes the answer is 429. ' +
        WORKER_LANGUAGE,
      tags: ['bookings'],
      access: 'public',
      body: waitlistBody,
      response: waitlistEntrySchema,
      status: 201,
      handler: ({ body, req }) => waitlist.join(body, workerLang(req.get('accept-language')), clientKey(req)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/waitlist/claim',
      summary: 'Take the seat held for me (waitlist code and phone)',
      description: CODE_PHONE,
      tags: ['bookings'],
      access: 'public',
      body: codePhoneBody,
      response: bookingSchema,
      status: 201,
      handler: ({ body, req }) => waitlist.claim(body, clientKey(req)),
    }),
  ];
}
