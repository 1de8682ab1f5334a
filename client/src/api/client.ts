/**
 * The one typed module that talks to the server. Response and request types
 * come from the server's zod schemas (type-only imports: nothing of the server
 * is bundled), so a contract change shows up here as a type error.
 */
import type { z } from 'zod';
import type { createUserBody, LoginResponse, Me, updateMeBody, updateUserBody, User, UserAccount } from '../../../server/auth/auth.schema';
import type { CalendarDayDto, createCalendarDayBody } from '../../../server/calendar/calendar.schema';
import type {
  createLawyerBody,
  createUnavailabilityBody,
  Lawyer,
  Unavailability,
  updateLawyerBody,
} from '../../../server/lawyers/lawyers.schema';
import type {
  createRotationBody,
  createShiftBody,
  GapDto,
  Roster,
  Rotation,
  Shift,
  updateRotationBody,
} from '../../../server/rosters/rosters.schema';
import type { createStationBody, Station, updateStationBody } from '../../../server/stations/stations.schema';
import type { createSwapBody, Swap, SwapCandidate, SwapPage } from '../../../server/swaps/swaps.schema';
import type { InAppMessage, MessagePage } from '../../../server/notifications/notifications.schema';
import type { CalendarToken } from '../../../server/ical/ical.schema';
import type {
  Appointment,
  Booking,
  bookingBody,
  dayAvailabilitySchema,
  slotSchema,
  updateAppointmentBody,
  waitlistBody,
  WaitlistEntryDto,
  walkInBody,
} from '../../../server/bookings/bookings.schema';
import type {
  BookedFromCall,
  bookFromCallBody,
  createCallBody,
  followUpBody,
  HotlineCall,
  HotlineCallDetail,
  updateCallBody,
} from '../../../server/hotline/hotline.schema';
import type { closeReferralBody, createReferralBody, Referral, ReferralPath } from '../../../server/hotline/referrals.schema';
import type { StatsSummary, StatsTrend } from '../../../server/stats/stats.schema';
import type { eraseBody, Erasure, SubjectRecords } from '../../../server/privacy/privacy.schema';
import type { AuditEntryDto, auditListQuery, AuditPage } from '../../../server/audit/audit.schema';
import type { Coverage } from '../features/coverage/types';
import { currentLanguage } from '../i18n';

export type { CalendarDayDto, Coverage, GapDto, Lawyer, LoginResponse, Me, Roster, Rotation, Shift, Station, Unavailability, User };
export type { CalendarToken, InAppMessage, MessagePage, Swap, SwapCandidate, SwapPage };
export type SwapStatus = Swap['status'];
export type SwapConflict = NonNullable<Swap['conflicts']>[number];
export type CreateSwapBody = z.input<typeof createSwapBody>;
export type Role = User['role'];
// Accounts as admins manage them (GET/POST/PATCH /api/users).
export type { UserAccount };
export type CreateUserBody = z.input<typeof createUserBody>;
export type UpdateUserBody = z.input<typeof updateUserBody>;
export type UpdateMeBody = z.input<typeof updateMeBody>;
/** The language a staff member's notifications are written in. */
export type StaffLanguage = User['lang'];
export type StationLevel = Station['level'];
export type DisputeCategory = Lawyer['specialties'][number];
export type OpenHours = Station['openHours'][number];

// Request bodies are the schemas' *input* types: fields with server defaults may be left out.
export type CreateStationBody = z.input<typeof createStationBody>;
export type UpdateStationBody = z.input<typeof updateStationBody>;
export type CreateLawyerBody = z.input<typeof createLawyerBody>;
export type UpdateLawyerBody = z.input<typeof updateLawyerBody>;
export type CreateUnavailabilityBody = z.input<typeof createUnavailabilityBody>;
export type CreateCalendarDayBody = z.input<typeof createCalendarDayBody>;
export type CreateRotationBody = z.input<typeof createRotationBody>;
export type UpdateRotationBody = z.input<typeof updateRotationBody>;
export type CreateShiftBody = z.input<typeof createShiftBody>;
export type RosterExportKind = 'csv' | 'xlsx' | 'print';

// Hotline, referrals and statistics.
export type { BookedFromCall, HotlineCall, HotlineCallDetail, Referral, ReferralPath, StatsSummary, StatsTrend };
export type Slot = z.infer<typeof slotSchema>;

// Consultation bookings (the worker's) and the desk (staff, duty lawyer, coordinator).
export type { Appointment, Booking };
export type WaitlistEntry = WaitlistEntryDto;
export type DayAvailability = z.infer<typeof dayAvailabilitySchema>;
export type AppointmentStatus = Appointment['status'];
export type OutcomeService = NonNullable<Appointment['outcome']>['services'][number];
export type BookingBody = z.input<typeof bookingBody>;
export type WalkInBody = z.input<typeof walkInBody>;
export type WaitlistBody = z.input<typeof waitlistBody>;
export type UpdateAppointmentBody = z.input<typeof updateAppointmentBody>;
export interface CodeAndPhone {
  code: string;
  phone: string;
}
export interface AppointmentListQuery {
  stationId?: number;
  date?: string;
  status?: AppointmentStatus;
  page?: number;
  pageSize?: number;
}
export type HotlineOutcome = HotlineCall['outcome'];
export type FollowUpState = HotlineCall['followUpState'];
export type ReferralStage = Referral['stage'];
export type ReferralStatus = Referral['status'];
export type ReferralResult = NonNullable<Referral['result']>;
export type CreateCallBody = z.input<typeof createCallBody>;
export type UpdateCallBody = z.input<typeof updateCallBody>;
export type FollowUpBody = z.input<typeof followUpBody>;
export type BookFromCallBody = z.input<typeof bookFromCallBody>;
export type CreateReferralBody = z.input<typeof createReferralBody>;
export type CloseReferralBody = z.input<typeof closeReferralBody>;
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface CallFilter {
  from?: string;
  to?: string;
  stationId?: number;
  category?: DisputeCategory;
  outcome?: HotlineOutcome;
  q?: string;
}
export interface StatsScope {
  from: string;
  to: string;
  stationId?: number;
  includeChildren?: boolean;
}
export interface RosterExportOptions {
  stationId?: number;
  /** With stationId: it and every station under it (one district of many). */
  includeChildren?: boolean;
  layout?: 'grid' | 'list';
}

// A worker's data-subject request (PIPL): every record by phone, a copy, erasure.
export type { Erasure, SubjectRecords };
export type EraseSubjectBody = z.input<typeof eraseBody>;

// The activity log (coordinators and admins).
export type AuditEntry = AuditEntryDto;
export type AuditQuery = Omit<z.input<typeof auditListQuery>, 'page' | 'pageSize'> & { page?: number; pageSize?: number };
export type { AuditPage };

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error answer in the contract's shape `{error: {code, message, details}}`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Server validation messages keyed by field path (`openHours.0.end`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) out[d.path] ??= d.message;
    return out;
  }
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

const TOKEN_KEY = 'dutyroster.token';

export const tokenStore = {
  get(): string | null {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null): void {
    try {
      if (token) localStorage.setItem(TOKEN_KEY, token);
      else localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Without storage the session lasts as long as the page.
    }
  },
};

let onUnauthorized: (() => void) | null = null;
/** The auth context registers here to drop the session when the server says the token is no good. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy page, an empty body): fall through to a generic error.
  }
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (e && typeof e.code === 'string') {
    const details = Array.isArray(e.details)
      ? e.details.filter((d): d is ErrorDetail => typeof d?.path === 'string' && typeof d?.message === 'string')
      : [];
    return new ApiError(res.status, e.code, typeof e.message === 'string' ? e.message : e.code, details);
  }
  return new ApiError(res.status, res.status >= 500 ? 'internal' : 'http_error', res.statusText || `HTTP ${res.status}`);
}

export async function apiFetch<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  // Validation messages come back in the language the UI is showing.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage(), ...opts.headers };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message || 'Network error');
  }

  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401 && token) onUnauthorized?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A non-JSON answer (a file, a printable page) fetched with the bearer token, as a Blob. */
export async function apiFetchBlob(path: string, opts: { query?: Query; signal?: AbortSignal } = {}): Promise<Blob> {
  const headers: Record<string, string> = {};
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { headers, signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message || 'Network error');
  }
  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401 && token) onUnauthorized?.();
    throw error;
  }
  return res.blob();
}

// ---- Auth -------------------------------------------------------------------

export const authApi = {
  login: (username: string, password: string) =>
    apiFetch<LoginResponse>('/api/auth/login', { method: 'POST', body: { username, password } }),
  logout: () => apiFetch<void>('/api/auth/logout', { method: 'POST' }),
  me: (signal?: AbortSignal) => apiFetch<Me>('/api/me', { signal }),
  /** The signed-in user's own settings: the language of their notifications. */
  updateMe: (body: UpdateMeBody) => apiFetch<Me>('/api/me', { method: 'PATCH', body }),
};

// ---- User accounts (admin) -----------------------------------------------------

export const usersApi = {
  list: () => apiFetch<UserAccount[]>('/api/users'),
  /** 409 when the username is taken or the lawyer already has an active account. */
  create: (body: CreateUserBody) => apiFetch<UserAccount>('/api/users', { method: 'POST', body }),
  /** Deactivating or a new password ends the account's sessions; 409 for oneself, the last admin, a lawyer's second account. */
  update: (id: number, body: UpdateUserBody) => apiFetch<UserAccount>(`/api/users/${id}`, { method: 'PATCH', body }),
};

// ---- Stations ---------------------------------------------------------------

export const stationsApi = {
  /** `under`: that station and every station under it (one district of a network of many). */
  list: (opts: { includeInactive?: boolean; level?: Station['level']; under?: number } = {}) =>
    apiFetch<Station[]>('/api/stations', {
      query: {
        includeInactive: opts.includeInactive ? '1' : undefined,
        level: opts.level,
        stationId: opts.under,
        includeChildren: opts.under === undefined ? undefined : '1',
      },
    }),
  get: (id: number) => apiFetch<Station>(`/api/stations/${id}`),
  create: (body: CreateStationBody) => apiFetch<Station>('/api/stations', { method: 'POST', body }),
  update: (id: number, body: UpdateStationBody) => apiFetch<Station>(`/api/stations/${id}`, { method: 'PATCH', body }),
};

// ---- Lawyers and their availability ------------------------------------------

export const lawyersApi = {
  list: (opts: { includeInactive?: boolean; stationId?: number } = {}) =>
    apiFetch<Lawyer[]>('/api/lawyers', {
      query: { includeInactive: opts.includeInactive ? '1' : undefined, stationId: opts.stationId },
    }),
  create: (body: CreateLawyerBody) => apiFetch<Lawyer>('/api/lawyers', { method: 'POST', body }),
  update: (id: number, body: UpdateLawyerBody) => apiFetch<Lawyer>(`/api/lawyers/${id}`, { method: 'PATCH', body }),
  listUnavailability: (lawyerId: number) => apiFetch<Unavailability[]>(`/api/lawyers/${lawyerId}/unavailability`),
  addUnavailability: (lawyerId: number, body: CreateUnavailabilityBody) =>
    apiFetch<Unavailability>(`/api/lawyers/${lawyerId}/unavailability`, { method: 'POST', body }),
  removeUnavailability: (lawyerId: number, id: number) =>
    apiFetch<void>(`/api/lawyers/${lawyerId}/unavailability/${id}`, { method: 'DELETE' }),
};

// ---- Working calendar and coverage ---------------------------------------------

export const calendarApi = {
  days: (from: string, to: string) => apiFetch<CalendarDayDto[]>('/api/calendar-days', { query: { from, to } }),
  /** A local closure or extra day. A closure over live bookings is 409 until sent again with `cancelBookings: true`. */
  addDay: (body: CreateCalendarDayBody) => apiFetch<CalendarDayDto>('/api/calendar-days', { method: 'POST', body }),
  /** Removing an extra day that has bookings is 409 in the same way, until `cancelBookings`. */
  removeDay: (id: number, opts: { cancelBookings?: boolean } = {}) =>
    apiFetch<void>(`/api/calendar-days/${id}`, { method: 'DELETE', query: { cancelBookings: opts.cancelBookings ? 'true' : undefined } }),
  /** `district`: that district's stations only (a network of many districts). */
  coverage: (from: string, to: string, district?: number) =>
    apiFetch<Coverage>('/api/coverage', { query: { from, to, stationId: district, includeChildren: district === undefined ? undefined : '1' } }),
};

// ---- Rotations, rosters and shifts -------------------------------------------------

export const rotationsApi = {
  list: (stationId?: number) => apiFetch<Rotation[]>('/api/rotations', { query: { stationId } }),
  create: (body: CreateRotationBody) => apiFetch<Rotation>('/api/rotations', { method: 'POST', body }),
  update: (id: number, body: UpdateRotationBody) => apiFetch<Rotation>(`/api/rotations/${id}`, { method: 'PATCH', body }),
  remove: (id: number) => apiFetch<void>(`/api/rotations/${id}`, { method: 'DELETE' }),
};

export const rostersApi = {
  /** `district`: that district's stations only (a network of many districts). */
  get: (month: string, district?: number) =>
    apiFetch<Roster>(`/api/rosters/${month}`, { query: { stationId: district, includeChildren: district === undefined ? undefined : '1' } }),
  generate: (body: { month: string; stationIds?: number[]; force?: boolean }) =>
    apiFetch<Roster>('/api/rosters/generate', { method: 'POST', body }),
  publish: (month: string, stationIds?: number[]) =>
    apiFetch<Roster>(`/api/rosters/${month}/publish`, { method: 'POST', body: stationIds ? { stationIds } : {} }),
  /** The wall table: `csv` / `xlsx` files, or `print` (an A4 HTML page). */
  exportFile: (month: string, kind: RosterExportKind, opts: RosterExportOptions = {}) =>
    apiFetchBlob(`/api/rosters/${month}/${kind === 'print' ? 'print' : `export.${kind}`}`, {
      query: { stationId: opts.stationId, includeChildren: opts.includeChildren ? '1' : undefined, layout: opts.layout },
    }),
};

export const shiftsApi = {
  list: (q: { from: string; to: string; stationId?: number; lawyerId?: number; status?: 'draft' | 'published' }) =>
    apiFetch<Shift[]>('/api/shifts', { query: q }),
  create: (body: CreateShiftBody) => apiFetch<Shift>('/api/shifts', { method: 'POST', body }),
  reassign: (id: number, lawyerId: number, reason?: string) =>
    apiFetch<Shift>(`/api/shifts/${id}`, { method: 'PATCH', body: reason ? { lawyerId, reason } : { lawyerId } }),
  remove: (id: number) => apiFetch<void>(`/api/shifts/${id}`, { method: 'DELETE' }),
};

// ---- Hotline calls, call-backs and referrals ------------------------------------

export const hotlineApi = {
  list: (filter: CallFilter & { page?: number; pageSize?: number }) =>
    apiFetch<Paged<HotlineCall>>('/api/hotline-calls', { query: { ...filter } }),
  get: (id: number) => apiFetch<HotlineCallDetail>(`/api/hotline-calls/${id}`),
  create: (body: CreateCallBody) => apiFetch<HotlineCall>('/api/hotline-calls', { method: 'POST', body }),
  update: (id: number, body: UpdateCallBody) => apiFetch<HotlineCall>(`/api/hotline-calls/${id}`, { method: 'PATCH', body }),
  /** The call log as a file, with the list's filters. */
  exportFile: (kind: 'csv' | 'xlsx', filter: CallFilter) =>
    apiFetchBlob(`/api/hotline-calls/export.${kind}`, { query: { ...filter } }),
  book: (id: number, body: BookFromCallBody) =>
    apiFetch<BookedFromCall>(`/api/hotline-calls/${id}/book`, { method: 'POST', body }),
  followUps: (q: { stationId?: number; due?: 'today' | 'overdue' | 'all'; page?: number; pageSize?: number }) =>
    apiFetch<Paged<HotlineCall>>('/api/follow-ups', { query: q }),
  recordFollowUp: (id: number, body: FollowUpBody) =>
    apiFetch<HotlineCallDetail>(`/api/hotline-calls/${id}/follow-up`, { method: 'POST', body }),
  /** A station's bookable slots on one day (the same list workers book from). */
  slots: (stationId: number, date: string) => apiFetch<Slot[]>(`/api/stations/${stationId}/slots`, { query: { date } }),
};

// ---- Consultation bookings (public: the worker's own, by code + phone) -------------

export const bookingsApi = {
  /** A station by the code printed on its poster (`/book/:stationCode`); codes are stored in upper case. */
  stationByCode: (code: string) => apiFetch<Station>(`/api/stations/by-code/${encodeURIComponent(code.trim().toUpperCase())}`),
  /** Per day from `from` to `to` (at most 31 days): bookable at all, and seats left. */
  availability: (stationId: number, from: string, to: string) =>
    apiFetch<DayAvailability[]>(`/api/stations/${stationId}/availability`, { query: { from, to } }),
  slots: (stationId: number, date: string) => apiFetch<Slot[]>(`/api/stations/${stationId}/slots`, { query: { date } }),
  /** The same key with the same body answers the first booking again, so a retry or a double tap books once. */
  book: (body: BookingBody, idempotencyKey: string) =>
    apiFetch<Booking>('/api/appointments', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  lookup: (q: CodeAndPhone) => apiFetch<Booking>('/api/appointments/lookup', { query: { ...q } }),
  cancel: (body: CodeAndPhone) => apiFetch<Booking>('/api/appointments/cancel', { method: 'POST', body }),
  reschedule: (body: CodeAndPhone & { start: string }) =>
    apiFetch<Booking>('/api/appointments/reschedule', { method: 'POST', body }),
  joinWaitlist: (body: WaitlistBody) => apiFetch<WaitlistEntry>('/api/waitlist', { method: 'POST', body }),
  /** Take the seat held for a waitlist code (after the SMS). */
  claimWaitlist: (body: CodeAndPhone) => apiFetch<Booking>('/api/waitlist/claim', { method: 'POST', body }),
};

// ---- The desk: a station's appointments of a day, walk-ins, check-in and outcomes ----

export const deskApi = {
  list: (q: AppointmentListQuery) => apiFetch<Paged<Appointment>>('/api/appointments', { query: { ...q } }),
  walkIn: (body: WalkInBody) => apiFetch<Appointment>('/api/appointments/walk-in', { method: 'POST', body }),
  update: (id: number, body: UpdateAppointmentBody) =>
    apiFetch<Appointment>(`/api/appointments/${id}`, { method: 'PATCH', body }),
};

export const referralsApi = {
  list: (q: {
    stationId?: number;
    direction?: 'incoming' | 'outgoing';
    status?: ReferralStatus;
    page?: number;
    pageSize?: number;
  }) => apiFetch<Paged<Referral>>('/api/referrals', { query: q }),
  create: (body: CreateReferralBody) => apiFetch<Referral>('/api/referrals', { method: 'POST', body }),
  accept: (id: number) => apiFetch<Referral>(`/api/referrals/${id}/accept`, { method: 'POST' }),
  close: (id: number, body: CloseReferralBody) => apiFetch<Referral>(`/api/referrals/${id}/close`, { method: 'POST', body }),
  path: (id: number) => apiFetch<ReferralPath>(`/api/referrals/${id}/path`),
};

// ---- Statistics ------------------------------------------------------------------

function statsQuery(s: StatsScope): Query {
  return { from: s.from, to: s.to, stationId: s.stationId, includeChildren: s.stationId && s.includeChildren ? '1' : undefined };
}

export const statsApi = {
  summary: (s: StatsScope) => apiFetch<StatsSummary>('/api/stats/summary', { query: statsQuery(s) }),
  trend: (s: StatsScope) => apiFetch<StatsTrend>('/api/stats/trend', { query: statsQuery(s) }),
  /** The workbook: summary with definitions, by station, by month, categories. */
  exportXlsx: (s: StatsScope) => apiFetchBlob('/api/stats/export.xlsx', { query: statsQuery(s) }),
};

// ---- Swaps, in-app messages and the personal calendar feed -----------------------------

export interface SwapListQuery {
  /** One status or several. */
  status?: SwapStatus | readonly SwapStatus[];
  lawyerId?: number;
  page?: number;
  pageSize?: number;
}

/** accept / decline / approve / reject / cancel take a JSON body (possibly `{}`) with an optional note. */
const transition = (id: number, action: 'accept' | 'decline' | 'approve' | 'reject' | 'cancel', note?: string) =>
  apiFetch<Swap>(`/api/swaps/${id}/${action}`, { method: 'POST', body: note ? { note } : {} });

export const swapsApi = {
  list: (q: SwapListQuery = {}) =>
    apiFetch<SwapPage>('/api/swaps', {
      query: {
        status: Array.isArray(q.status) ? q.status.join(',') : (q.status as string | undefined),
        lawyerId: q.lawyerId,
        page: q.page,
        pageSize: q.pageSize,
      },
    }),
  get: (id: number) => apiFetch<Swap>(`/api/swaps/${id}`),
  /** Colleagues who could take this shift now (the lawyer on it, or a coordinator). */
  candidates: (shiftId: number) => apiFetch<SwapCandidate[]>('/api/swaps/candidates', { query: { shiftId } }),
  create: (body: CreateSwapBody) => apiFetch<Swap>('/api/swaps', { method: 'POST', body }),
  accept: (id: number, note?: string) => transition(id, 'accept', note),
  /** The named colleague says no (pending only; an open offer cannot be declined). */
  decline: (id: number, note?: string) => transition(id, 'decline', note),
  approve: (id: number, note?: string) => transition(id, 'approve', note),
  reject: (id: number, note?: string) => transition(id, 'reject', note),
  cancel: (id: number, note?: string) => transition(id, 'cancel', note),
};

export const notificationsApi = {
  list: (q: { page?: number; pageSize?: number; unread?: boolean } = {}) =>
    apiFetch<MessagePage>('/api/notifications', {
      query: { page: q.page, pageSize: q.pageSize, unread: q.unread ? '1' : undefined },
    }),
  unreadCount: (signal?: AbortSignal) => apiFetch<{ count: number }>('/api/notifications/unread-count', { signal }),
  markRead: (id: number) => apiFetch<InAppMessage>(`/api/notifications/${id}/read`, { method: 'POST' }),
  markAllRead: () => apiFetch<{ updated: number }>('/api/notifications/read-all', { method: 'POST' }),
};

export const calendarFeedApi = {
  /** My feed address (made on first use). */
  token: () => apiFetch<CalendarToken>('/api/me/calendar-token'),
  /** A new address; the old one stops working. */
  rotate: () => apiFetch<CalendarToken>('/api/me/calendar-token/rotate', { method: 'POST' }),
};

// ---- A worker's own data (PIPL): look-up, copy and erasure by phone; staff and coordinators ----

export const privacyApi = {
  /** Every record holding this number. Each look-up is written to the audit log on the server. */
  subject: (phone: string) => apiFetch<SubjectRecords>('/api/privacy/subjects', { query: { phone } }),
  /** The same as a file to hand to the worker (also audited). */
  exportFile: (phone: string, kind: 'json' | 'xlsx') => apiFetchBlob(`/api/privacy/subjects/export.${kind}`, { query: { phone } }),
  /** Pseudonymise everything held about the number; 409 while they have an upcoming booking or a live waitlist place. */
  erase: (body: EraseSubjectBody) => apiFetch<Erasure>('/api/privacy/subjects/erase', { method: 'POST', body }),
};

// ---- The activity log: who changed what, when and why (coordinators and admins) ----

export const auditApi = {
  list: (q: AuditQuery) => apiFetch<AuditPage>('/api/audit', { query: { ...q } }),
};

/** Query keys in one place so invalidation cannot drift from the queries. */
export const queryKeys = {
  me: ['me'] as const,
  users: ['users'] as const,
  stations: (includeInactive = false) => ['stations', { includeInactive }] as const,
  stationsAll: ['stations'] as const,
  /** The public booking pages' lists: the district stations, or one district's stations (all: every station). */
  publicStations: (scope: 'districts' | 'all' | number) => ['stations', 'public', scope] as const,
  publicStation: (id: number) => ['stations', 'public', 'one', id] as const,
  lawyers: (includeInactive = false) => ['lawyers', { includeInactive }] as const,
  lawyersAll: ['lawyers'] as const,
  unavailability: (lawyerId: number) => ['lawyers', lawyerId, 'unavailability'] as const,
  calendarDays: (from: string, to: string) => ['calendar-days', from, to] as const,
  calendarDaysAll: ['calendar-days'] as const,
  coverage: (from: string, to: string, district?: number) => ['coverage', from, to, district ?? 'all'] as const,
  coverageAll: ['coverage'] as const,
  rotations: ['rotations'] as const,
  roster: (month: string, district?: number) => ['roster', month, district ?? 'all'] as const,
  rosterAll: ['roster'] as const,
  shifts: (from: string, to: string) => ['shifts', from, to] as const,
  shiftsAll: ['shifts'] as const,
  hotlineCalls: (filter: CallFilter, page: number) => ['hotline-calls', filter, page] as const,
  hotlineAll: ['hotline-calls'] as const,
  followUps: (stationId: number | undefined, due: string) => ['follow-ups', stationId ?? null, due] as const,
  followUpsAll: ['follow-ups'] as const,
  referrals: (q: object) => ['referrals', q] as const,
  referralsAll: ['referrals'] as const,
  referralPath: (id: number) => ['referrals', id, 'path'] as const,
  slots: (stationId: number, date: string) => ['slots', stationId, date] as const,
  slotsAll: ['slots'] as const,
  stationByCode: (code: string) => ['stations', 'by-code', code.toUpperCase()] as const,
  availability: (stationId: number, from: string, to: string) => ['availability', stationId, from, to] as const,
  availabilityAll: ['availability'] as const,
  deskDay: (stationId: number | null, date: string) => ['desk', stationId, date] as const,
  deskAll: ['desk'] as const,
  stats: (kind: 'summary' | 'trend', s: StatsScope) => ['stats', kind, s] as const,
  statsAll: ['stats'] as const,
  swaps: (q: SwapListQuery) => ['swaps', q] as const,
  swapsAll: ['swaps'] as const,
  swapCandidates: (shiftId: number) => ['swaps', 'candidates', shiftId] as const,
  notifications: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  notificationList: ['notifications', 'list'] as const,
  calendarToken: ['calendar-token'] as const,
  privacySubject: (phone: string) => ['privacy', 'subject', phone] as const,
  privacyAll: ['privacy'] as const,
  audit: (q: AuditQuery) => ['audit', q] as const,
};
