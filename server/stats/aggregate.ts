/**
 * The network's figures, from facts to numbers. Pure: no I/O, no clock.
 *
 * The repository hands in *facts*: rows already grouped by the database (counts and
 * sums per station, month and kind), plus the distinct people (by person key)
 * served. Everything the reports say is decided here, and the definitions below are
 * the ones the API documents (stats.schema.ts):
 *
 * Period: a record belongs to the period by the network's local date of what it
 * records — an appointment by its consultation date, a call by the day it came in,
 * a referral by the day it was made (received) or closed (settled), a duty day by its date.
 *
 * - peopleServed: distinct workers with a completed consultation or a logged hotline
 *   call (every logged call was answered by staff; its outcome says what followed),
 *   told apart by phone number (its keyed hash, so the count survives pseudonymisation);
 *   a call without a number counts as one person.
 *   Distinct within the figure's scope: a worker seen at two stations counts once in
 *   the network total and once at each station.
 * - consultations: completed appointments (booked or walk-in).
 * - applicationsDrafted: completed appointments whose outcome includes application_drafted.
 * - mediationReferrals: completed appointments whose outcome includes mediation_referral,
 *   plus hotline calls with outcome referred_mediation.
 * - amountInvolved: the sum of amountInvolved over completed appointments (yuan, to the fen).
 * - appointments.booked: appointments made by booking (online, waitlist or for a caller;
 *   walk-ins excluded), whatever became of them; completed / noShow / cancelled: appointments
 *   in that status (completed includes walk-ins); walkIns: walk-ins registered.
 * - consultationsByCategory: completed appointments per dispute category.
 * - hotlineCalls: calls logged, in total, per category and per outcome.
 * - coverage: station-days on which the active rotations require duty (requiredDays),
 *   and of those the days with at least as many published shifts as required (coveredDays).
 * - referrals.byStage: referrals received per stage (made in the period, counted at the
 *   receiving station); settledByStage: referrals closed as settled in the period;
 *   amountSettled: the sum of their amounts.
 */
import { DISPUTE_CATEGORIES } from '../domain/categories.js';
import { HOTLINE_OUTCOMES, REFERRAL_STAGES } from '../hotline/hotline.entity.js';

export interface AppointmentFact {
  stationId: number;
  /** YYYY-MM of the consultation date. */
  month: string;
  status: string;
  source: string;
  category: string;
  /** Outcome services recorded on completion ([] when none). */
  services: readonly string[];
  n: number;
  /** Sum of amountInvolved over the group (yuan). */
  amount: number;
}

export interface CallFact {
  stationId: number;
  month: string;
  category: string;
  outcome: string;
  n: number;
}

/** One person served (`personKey` set: the keyed hash of their phone), or `n` people without a number. */
export interface PersonFact {
  stationId: number;
  month: string;
  personKey: string | null;
  n: number;
}

export interface ReferralFact {
  /** The receiving station. */
  stationId: number;
  month: string;
  stage: string;
  kind: 'received' | 'settled';
  n: number;
  amount: number;
}

export interface DutyFact {
  stationId: number;
  month: string;
  requiredDays: number;
  coveredDays: number;
}

export interface Facts {
  appointments: AppointmentFact[];
  calls: CallFact[];
  people: PersonFact[];
  referrals: ReferralFact[];
  duty: DutyFact[];
}

export type Counts = Record<string, number>;

export interface Figures {
  peopleServed: number;
  consultations: number;
  applicationsDrafted: number;
  mediationReferrals: number;
  amountInvolved: number;
  appointments: { booked: number; completed: number; noShow: number; cancelled: number; walkIns: number };
  consultationsByCategory: Counts;
  hotlineCalls: { total: number; byCategory: Counts; byOutcome: Counts };
  coverage: { requiredDays: number; coveredDays: number };
  referrals: { byStage: Counts; settledByStage: Counts; amountSettled: number };
}

const zeros = (keys: readonly string[]): Counts => Object.fromEntries(keys.map((k) => [k, 0]));
const add = (c: Counts, k: string, n: number) => {
  c[k] = (c[k] ?? 0) + n;
};
/** Money is added in fen (integers) so sums do not drift. */
const fen = (yuan: number) => Math.round(yuan * 100);

export function emptyFigures(): Figures {
  return figuresOf({ appointments: [], calls: [], people: [], referrals: [], duty: [] });
}

/** Fold facts into figures. */
export function figuresOf(f: Facts): Figures {
  const appointments = { booked: 0, completed: 0, noShow: 0, cancelled: 0, walkIns: 0 };
  const consultationsByCategory = zeros(DISPUTE_CATEGORIES);
  let applicationsDrafted = 0;
  let mediationReferrals = 0;
  let amountFen = 0;
  for (const a of f.appointments) {
    if (a.source === 'walk_in') appointments.walkIns += a.n;
    else appointments.booked += a.n;
    if (a.status === 'no_show') appointments.noShow += a.n;
    if (a.status === 'cancelled') appointments.cancelled += a.n;
    if (a.status !== 'completed') continue;
    appointments.completed += a.n;
    add(consultationsByCategory, a.category, a.n);
    if (a.services.includes('application_drafted')) applicationsDrafted += a.n;
    if (a.services.includes('mediation_referral')) mediationReferrals += a.n;
    amountFen += fen(a.amount);
  }

  const byCategory = zeros(DISPUTE_CATEGORIES);
  const byOutcome = zeros(HOTLINE_OUTCOMES);
  let calls = 0;
  for (const c of f.calls) {
    calls += c.n;
    add(byCategory, c.category, c.n);
    add(byOutcome, c.outcome, c.n);
    if (c.outcome === 'referred_mediation') mediationReferrals += c.n;
  }

  const people = new Set<string>();
  let anonymous = 0;
  for (const p of f.people) {
    if (p.personKey) people.add(p.personKey);
    else anonymous += p.n;
  }

  const byStage = zeros(REFERRAL_STAGES);
  const settledByStage = zeros(REFERRAL_STAGES);
  let settledFen = 0;
  for (const r of f.referrals) {
    if (r.kind === 'received') add(byStage, r.stage, r.n);
    else {
      add(settledByStage, r.stage, r.n);
      settledFen += fen(r.amount);
    }
  }

  let requiredDays = 0;
  let coveredDays = 0;
  for (const d of f.duty) {
    requiredDays += d.requiredDays;
    coveredDays += d.coveredDays;
  }

  return {
    peopleServed: people.size + anonymous,
    consultations: appointments.completed,
    applicationsDrafted,
    mediationReferrals,
    amountInvolved: amountFen / 100,
    appointments,
    consultationsByCategory,
    hotlineCalls: { total: calls, byCategory, byOutcome },
    coverage: { requiredDays, coveredDays },
    referrals: { byStage, settledByStage, amountSettled: settledFen / 100 },
  };
}

/** Split facts by a key of each fact (its station, its month …). */
export function partitionFacts<K>(f: Facts, key: (fact: { stationId: number; month: string }) => K): Map<K, Facts> {
  const out = new Map<K, Facts>();
  const bucket = (k: K) => {
    let b = out.get(k);
    if (!b) out.set(k, (b = { appointments: [], calls: [], people: [], referrals: [], duty: [] }));
    return b;
  };
  for (const x of f.appointments) bucket(key(x)).appointments.push(x);
  for (const x of f.calls) bucket(key(x)).calls.push(x);
  for (const x of f.people) bucket(key(x)).people.push(x);
  for (const x of f.referrals) bucket(key(x)).referrals.push(x);
  for (const x of f.duty) bucket(key(x)).duty.push(x);
  return out;
}

/**
 * Duty days per station and month from the seats required (station|date → n, see
 * requiredDuty) and the published shifts held (station|date → n): a day counts when
 * duty is required, and is covered when at least as many lawyers hold it as required —
 * the same rule as the coverage calendar.
 */
export function dutyFacts(required: ReadonlyMap<string, number>, held: ReadonlyMap<string, number>): DutyFact[] {
  const byKey = new Map<string, DutyFact>();
  for (const [key, need] of required) {
    if (need <= 0) continue;
    const [sid, date] = key.split('|') as [string, string];
    const month = date.slice(0, 7);
    const k = `${sid}|${month}`;
    let fact = byKey.get(k);
    if (!fact) byKey.set(k, (fact = { stationId: Number(sid), month, requiredDays: 0, coveredDays: 0 }));
    fact.requiredDays++;
    if ((held.get(key) ?? 0) >= need) fact.coveredDays++;
  }
  return [...byKey.values()];
}

/** Every month touched by [from, to], in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) break;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The summary: figures for the whole scope, and per station (every listed station,
 * zeros included). Station figures are distinct within the station, so their
 * peopleServed may add up to more than the total.
 */
export function summarize(f: Facts, stationIds: readonly number[]): { total: Figures; byStation: Map<number, Figures> } {
  const parts = partitionFacts(f, (x) => x.stationId);
  const byStation = new Map<number, Figures>();
  for (const id of stationIds) byStation.set(id, figuresOf(parts.get(id) ?? { appointments: [], calls: [], people: [], referrals: [], duty: [] }));
  return { total: figuresOf(f), byStation };
}

/** Figures per month of [from, to] (the first and last month clipped to the range). */
export function trend(f: Facts, from: string, to: string): { month: string; from: string; to: string; figures: Figures }[] {
  const parts = partitionFacts(f, (x) => x.month);
  return monthsBetween(from, to).map((month) => {
    const last = lastDayOf(month);
    return {
      month,
      from: `${month}-01` < from ? from : `${month}-01`,
      to: last > to ? to : last,
      figures: figuresOf(parts.get(month) ?? { appointments: [], calls: [], people: [], referrals: [], duty: [] }),
    };
  });
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
