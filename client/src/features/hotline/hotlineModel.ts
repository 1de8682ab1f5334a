/** Pure helpers for the hotline: durations, local date-times, the referral chain's targets. */
import type { DisputeCategory, HotlineOutcome, ReferralResult, ReferralStage, Station, StationLevel } from '../../api/client';
import { DISPUTE_CATEGORIES } from '../../../../server/domain/categories';
import { addDays, networkParts } from '../../lib/dates';

/** In the order of the 1–9 shortcuts (the domain's order). */
export const CATEGORIES: readonly DisputeCategory[] = DISPUTE_CATEGORIES;

export const OUTCOMES: readonly HotlineOutcome[] = [
  'answered',
  'appointment_booked',
  'referred_mediation',
  'referred_legal_aid',
  'referred_arbitration',
  'callback_needed',
];

export const REFERRAL_STAGES: readonly ReferralStage[] = [
  'town_mediation',
  'district_mediation',
  'district_arbitration',
  'court',
  'legal_aid',
];

export const REFERRAL_RESULTS: readonly ReferralResult[] = ['settled', 'not_settled', 'referred_on', 'withdrawn'];

/** `mm:ss`, `m:ss` or whole minutes (`5`) → seconds; null when it is none of these. */
export function parseDuration(text: string): number | null {
  const s = text.trim().replace('：', ':');
  if (s === '') return null;
  const mmss = /^(\d{1,3}):([0-5]?\d)$/.exec(s);
  if (mmss) return Number(mmss[1]) * 60 + Number(mmss[2]);
  if (/^\d{1,3}$/.test(s)) return Number(s) * 60;
  return null;
}

/** Seconds → `m:ss` (`12:05`). */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** An instant as the value of a `datetime-local` input in the network's time zone (`2026-12-03T09:05`). */
export function toLocalInput(instant: Date = new Date()): string {
  const { date, time } = networkParts(instant);
  return `${date}T${time}`;
}

/**
 * A `datetime-local` value read in the network's time zone, as an ISO instant.
 * Asia/Shanghai has kept +08:00 all year since 1991, so the offset is fixed.
 */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  return `${value}:00+08:00`;
}

/** `2026-12-03T09:05:00+08:00` → `12-03 09:05` (already in the network's time zone). */
export function shortInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const local = toLocalInput(d);
  return `${local.slice(5, 10)} ${local.slice(11, 16)}`;
}

/** `09:00` of an ISO instant in the network's time zone. */
export function timeOf(iso: string): string {
  return toLocalInput(new Date(iso)).slice(11, 16);
}

/** The next `n` days from `today`, today included. */
export function nextDays(today: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addDays(today, i));
}

/**
 * The quick-day buttons of a booking for a caller: the next `n` days the station can be
 * booked at all (open, with a published roster — full days included, their times say so),
 * or the next `n` calendar days until the station's availability is known.
 */
export function quickDays(today: string, n: number, availability: readonly { date: string; open: boolean }[] | undefined): string[] {
  if (!availability) return nextDays(today, n);
  return availability
    .filter((d) => d.open && d.date >= today)
    .map((d) => d.date)
    .slice(0, n);
}

/** Which level of station handles a stage of the chain. */
const STAGE_LEVELS: Record<ReferralStage, readonly StationLevel[]> = {
  town_mediation: ['town'],
  district_mediation: ['district'],
  district_arbitration: ['district'],
  court: ['district'],
  legal_aid: ['town', 'district'],
};

/**
 * Where a station may refer a dispute at `stage`: itself (the chain's next stage there)
 * or a station above it, handling that stage. The server has the last word.
 */
export function referralTargets(fromId: number, stage: ReferralStage, byId: ReadonlyMap<number, Station>): Station[] {
  const out: Station[] = [];
  const seen = new Set<number>();
  let cur = byId.get(fromId);
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    if (STAGE_LEVELS[stage].includes(cur.level)) out.push(cur);
    cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
  }
  return out;
}

/** Stages that have at least one station to go to from `fromId`. */
export function reachableStages(fromId: number, byId: ReadonlyMap<number, Station>): ReferralStage[] {
  return REFERRAL_STAGES.filter((s) => referralTargets(fromId, s, byId).length > 0);
}

/** The station a signed-in user works for by default: their own, else the district station. */
export function defaultStationId(userStationId: number | null, stations: readonly Station[]): number | undefined {
  return ownStationId(userStationId, stations) ?? (stations.find((s) => s.level === 'district') ?? stations[0])?.id;
}

/**
 * The station whose queue a user watches by default: their own; none (every station) for
 * users without one, such as coordinators, so that nothing overdue elsewhere is hidden.
 */
export function ownStationId(userStationId: number | null, stations: readonly Station[]): number | undefined {
  return userStationId !== null && stations.some((s) => s.id === userStationId) ? userStationId : undefined;
}
