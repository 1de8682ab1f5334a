/**
 * The one typed module that talks to the server. Response and request types
 * come from the server's zod schemas (type-only imports: nothing of the server
 * is bundled), so a contract change shows up here as a type error.
 */
import type { z } from 'zod';
import type { LoginResponse, User } from '../../../server/auth/auth.schema';
import type { CalendarDayDto } from '../../../server/calendar/calendar.schema';
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
import type { Coverage } from '../features/coverage/types';

export type { CalendarDayDto, Coverage, GapDto, Lawyer, LoginResponse, Roster, Rotation, Shift, Station, Unavailability, User };
export type Role = User['role'];
export type StationLevel = Station['level'];
export type DisputeCategory = Lawyer['specialties'][number];
export type OpenHours = Station['openHours'][number];

// Request bodies are the schemas' *input* types: fields with server defaults may be left out.
export type CreateStationBody = z.input<typeof createStationBody>;
export type UpdateStationBody = z.input<typeof updateStationBody>;
export type CreateLawyerBody = z.input<typeof createLawyerBody>;
export type UpdateLawyerBody = z.input<typeof updateLawyerBody>;
export type CreateUnavailabilityBody = z.input<typeof createUnavailabilityBody>;
export type CreateRotationBody = z.input<typeof createRotationBody>;
export type UpdateRotationBody = z.input<typeof updateRotationBody>;
export type CreateShiftBody = z.input<typeof createShiftBody>;
export type RosterExportKind = 'csv' | 'xlsx' | 'print';
export interface RosterExportOptions {
  stationId?: number;
  layout?: 'grid' | 'list';
}

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
  const headers: Record<string, string> = { Accept: 'application/json' };
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
  me: (signal?: AbortSignal) => apiFetch<User>('/api/me', { signal }),
  listUsers: () => apiFetch<User[]>('/api/users'),
};

// ---- Stations ---------------------------------------------------------------

export const stationsApi = {
  list: (opts: { includeInactive?: boolean } = {}) =>
    apiFetch<Station[]>('/api/stations', { query: { includeInactive: opts.includeInactive ? '1' : undefined } }),
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
  coverage: (from: string, to: string, stationId?: number) =>
    apiFetch<Coverage>('/api/coverage', { query: { from, to, stationId } }),
};

// ---- Rotations, rosters and shifts -------------------------------------------------

export const rotationsApi = {
  list: (stationId?: number) => apiFetch<Rotation[]>('/api/rotations', { query: { stationId } }),
  create: (body: CreateRotationBody) => apiFetch<Rotation>('/api/rotations', { method: 'POST', body }),
  update: (id: number, body: UpdateRotationBody) => apiFetch<Rotation>(`/api/rotations/${id}`, { method: 'PATCH', body }),
  remove: (id: number) => apiFetch<void>(`/api/rotations/${id}`, { method: 'DELETE' }),
};

export const rostersApi = {
  get: (month: string, stationId?: number) => apiFetch<Roster>(`/api/rosters/${month}`, { query: { stationId } }),
  generate: (body: { month: string; stationIds?: number[]; force?: boolean }) =>
    apiFetch<Roster>('/api/rosters/generate', { method: 'POST', body }),
  publish: (month: string, stationIds?: number[]) =>
    apiFetch<Roster>(`/api/rosters/${month}/publish`, { method: 'POST', body: stationIds ? { stationIds } : {} }),
  /** The wall table: `csv` / `xlsx` files, or `print` (an A4 HTML page). */
  exportFile: (month: string, kind: RosterExportKind, opts: RosterExportOptions = {}) =>
    apiFetchBlob(`/api/rosters/${month}/${kind === 'print' ? 'print' : `export.${kind}`}`, {
      query: { stationId: opts.stationId, layout: opts.layout },
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

/** Query keys in one place so invalidation cannot drift from the queries. */
export const queryKeys = {
  me: ['me'] as const,
  users: ['users'] as const,
  stations: (includeInactive = false) => ['stations', { includeInactive }] as const,
  stationsAll: ['stations'] as const,
  lawyers: (includeInactive = false) => ['lawyers', { includeInactive }] as const,
  lawyersAll: ['lawyers'] as const,
  unavailability: (lawyerId: number) => ['lawyers', lawyerId, 'unavailability'] as const,
  calendarDays: (from: string, to: string) => ['calendar-days', from, to] as const,
  coverage: (from: string, to: string) => ['coverage', from, to] as const,
  coverageAll: ['coverage'] as const,
  rotations: ['rotations'] as const,
  roster: (month: string) => ['roster', month] as const,
  rosterAll: ['roster'] as const,
  shifts: (from: string, to: string) => ['shifts', from, to] as const,
  shiftsAll: ['shifts'] as const,
};
