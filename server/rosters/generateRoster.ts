/**
 * The monthly roster generator: who sits at which station on which day.
 *
 * Each rotation's rule gives its duty days, adjusted to China's working calendar; each
 * duty day's seats go round-robin through the rotation's ordered lawyers, continuing from
 * last month (RotationState). A lawyer who cannot serve when their turn comes (on leave,
 * or on duty elsewhere that day) is passed over and owed a catch-up turn, which they get
 * at the first seat they can serve — so absences move turns around but nobody gains or
 * loses duty over time. A seat nobody can take is reported as a gap.
 *
 * Pure: no I/O, no clock; the same input always gives the same roster.
 */
import type { DayInfo, WorkingCalendar } from '../calendar/workingCalendar.js';
import { isCoveredByNationalData, nationalCoverage } from '../calendar/workingCalendar.js';
import { daysBetween, isoWeekday, isValidMonth, monthRange } from '../lib/dates.js';
import { expandRule, isWeekdayWorkRule, parseRotationRule, type RotationRule } from './rrule.js';

export interface RotationInput {
  id: number;
  stationId: number;
  name: string;
  rrule: string;
  startDate: string;
  /** In turn order. */
  lawyerIds: number[];
  lawyersPerDay: number;
  shiftStart: string;
  shiftEnd: string;
}

export interface LawyerInput {
  id: number;
  name: string;
  stationIds: number[];
  maxShiftsPerMonth: number | null;
  active: boolean;
  /** Inclusive date ranges. */
  unavailable: { from: string; to: string }[];
}

/**
 * Shifts that stay: manual edits and swaps at the stations being generated, and all shifts
 * of other stations. They fill seats and make their lawyer busy that day.
 */
export interface ExistingShift {
  stationId: number;
  date: string;
  lawyerId: number;
  source: 'rotation' | 'manual' | 'swap';
}

/** Where a rotation stands: whose turn is next, and who is owed a catch-up turn (in order). */
export interface RotationState {
  rotationId: number;
  nextIndex: number;
  owed: number[];
}

export interface FairnessEntry {
  lawyerId: number;
  shifts: number;
  /** Duties on a Saturday or Sunday (make-up working days, weekend rules). */
  weekendShifts: number;
  /** Duties the day before or after a holiday. */
  holidayAdjacentShifts: number;
}

export interface GenerateInput {
  /** YYYY-MM */
  month: string;
  stationIds: number[];
  rotations: RotationInput[];
  lawyers: LawyerInput[];
  calendar: WorkingCalendar;
  existingShifts: ExistingShift[];
  /**
   * YYYY-MM-DD: days before it have passed (or begun with a published duty) and are history.
   * No duty or gap is made there; the shifts they hold come in `existingShifts` and still
   * count as the rotation's turns, so the rest of the month follows on from them.
   */
  firstDate?: string;
  rotationStates: RotationState[];
  /** Totals from earlier months. */
  fairnessCarry: FairnessEntry[];
}

export interface GeneratedShift {
  stationId: number;
  date: string;
  lawyerId: number;
  rotationId: number;
  start: string;
  end: string;
}

export type GapReason = 'no_eligible_lawyer' | 'all_unavailable' | 'all_busy' | 'all_at_cap' | 'empty_rotation';

export interface Gap {
  stationId: number;
  date: string;
  rotationId: number;
  reason: GapReason;
  message: string;
  /** Lawyers of the rotation who could serve here if freed (busy, unavailable or at their cap). */
  candidates: number[];
}

export interface RosterWarning {
  code: string;
  message: string;
}

export interface RosterResult {
  month: string;
  shifts: GeneratedShift[];
  gaps: Gap[];
  fairness: {
    /** This month, existing shifts at the generated stations included. */
    perLawyer: FairnessEntry[];
    /** fairnessCarry plus this month. */
    cumulative: FairnessEntry[];
    /**
     * Spread of this month's duty counts over the lawyers of the generated rotations who
     * can serve them (active, and serving the rotation's station).
     */
    maxMinusMin: number;
  };
  warnings: RosterWarning[];
  /** Where each generated rotation stands at month end: next month's input. */
  rotationStates: RotationState[];
}

/** Why a lawyer cannot take a seat; `here` = already on duty at this station today. */
type Blocker = 'ineligible' | 'unavailable' | 'busy' | 'here' | 'cap';

const FREE = -1;

interface LawyerDay {
  input: LawyerInput;
  stations: ReadonlySet<number>;
  /** Per day of the month: 1 when unavailable. */
  unavailable: Uint8Array;
  /** Per day of the month: the station they are on duty at, or FREE. */
  dutyAt: Int32Array;
  shiftsThisMonth: number;
}

interface RotationRun {
  input: RotationInput;
  rule: RotationRule;
  order: readonly number[];
  nextIndex: number;
  owed: number[];
}

interface DutySeat {
  day: number;
  stationId: number;
  run: RotationRun;
}

export function generateMonthlyRoster(input: GenerateInput): RosterResult {
  if (!isValidMonth(input.month)) throw new RangeError(`Not a month: '${input.month}' (expected YYYY-MM).`);
  const { month, calendar } = input;
  const { from, to } = monthRange(month);
  const dayCount = daysBetween(from, to) + 1;
  const dates = Array.from({ length: dayCount }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
  const dayOf = (date: string): number => Number(date.slice(8, 10)) - 1;
  const inMonth = (date: string): boolean => date >= from && date <= to;
  const warnings: RosterWarning[] = [];
  const warn = (code: string, message: string) => warnings.push({ code, message });

  if (!isCoveredByNationalData(from)) {
    warn(
      'provisional_calendar',
      `China's holiday arrangement for ${month.slice(0, 4)} is not in the calendar data ` +
        `(${nationalCoverage.firstYear}–${nationalCoverage.lastYear}); this roster leaves out the statutory holidays themselves ` +
        `but not the bridging days or make-up working days, and is provisional: regenerate it once the arrangement is published.`,
    );
  }

  // Per-lawyer day tables, so each check while filling a seat is an array lookup.
  const lawyers = new Map<number, LawyerDay>();
  for (const lawyer of input.lawyers) {
    const unavailable = new Uint8Array(dayCount);
    for (const range of lawyer.unavailable) {
      const first = range.from < from ? from : range.from;
      const last = range.to > to ? to : range.to;
      if (first > last) continue;
      for (let d = dayOf(first); d <= dayOf(last); d++) unavailable[d] = 1;
    }
    lawyers.set(lawyer.id, {
      input: lawyer,
      stations: new Set(lawyer.stationIds),
      unavailable,
      dutyAt: new Int32Array(dayCount).fill(FREE),
      shiftsThisMonth: 0,
    });
  }

  const generatedStations = new Set(input.stationIds);
  // Existing shifts at generated stations, per station and day, claimed by rotations' seats in order.
  const existingHere = new Map<string, ExistingShift[]>();
  const existingInMonth = input.existingShifts
    .filter((s) => inMonth(s.date))
    .sort((a, b) => cmp(a.date, b.date) || a.stationId - b.stationId || a.lawyerId - b.lawyerId);
  for (const shift of existingInMonth) {
    const lawyer = lawyers.get(shift.lawyerId);
    if (lawyer) {
      lawyer.dutyAt[dayOf(shift.date)] = shift.stationId;
      lawyer.shiftsThisMonth++;
    }
    if (generatedStations.has(shift.stationId)) {
      const key = `${shift.stationId}|${shift.date}`;
      const list = existingHere.get(key);
      if (list) list.push(shift);
      else existingHere.set(key, [shift]);
    }
  }

  const dayInfoCache = new Map<string, DayInfo>();
  const dayInfo = (date: string, stationId: number): DayInfo => {
    const key = `${stationId}|${date}`;
    let info = dayInfoCache.get(key);
    if (!info) {
      info = calendar.dayInfo(date, stationId);
      dayInfoCache.set(key, info);
    }
    return info;
  };

  // Rotations and their duty days.
  const statesById = new Map(input.rotationStates.map((s) => [s.rotationId, s]));
  const runs: RotationRun[] = [];
  const seats: DutySeat[] = [];
  const rotations = input.rotations
    .filter((r) => generatedStations.has(r.stationId))
    .sort((a, b) => a.id - b.id);
  const untouchedStates: RotationState[] = [];
  for (const rotation of rotations) {
    const label = `Rotation ${rotation.id} '${rotation.name}'`;
    const state = statesById.get(rotation.id);
    const parsed = parseRotationRule(rotation.rrule, rotation.startDate);
    if (!parsed.ok) {
      warn('invalid_rule', `${label} was not generated: ${parsed.message}`);
      if (state) untouchedStates.push(copyState(state));
      continue;
    }
    const rule = parsed.rule;
    if (rotation.startDate > to) {
      warn('rotation_not_started', `${label} starts on ${rotation.startDate}, after ${month}.`);
      untouchedStates.push(state ? copyState(state) : { rotationId: rotation.id, nextIndex: 0, owed: [] });
      continue;
    }
    if (rule.until != null && rule.until < from) {
      warn('rotation_ended', `${label} ended on ${rule.until}, before ${month}.`);
    }
    const canEverServe = (id: number) => {
      const lawyer = lawyers.get(id);
      return lawyer != null && lawyer.input.active && lawyer.stations.has(rotation.stationId);
    };
    const run = startRun(rotation, rule, state, canEverServe, warn, label);
    runs.push(run);
    checkLawyers(rotation, lawyers, warn, label);
    if (!(rotation.lawyersPerDay >= 1)) {
      warn('no_seats', `${label} asks for ${rotation.lawyersPerDay} lawyers a day; no duties were generated.`);
      continue;
    }
    for (const date of dutyDates(rule, rotation.stationId, from, to, dayInfo)) {
      seats.push({ day: dayOf(date), stationId: rotation.stationId, run });
    }
  }
  // Date, then station, then rotation: the order fixes who gets the earlier turns.
  seats.sort((a, b) => a.day - b.day || a.stationId - b.stationId || a.run.input.id - b.run.input.id);

  const blockerOf = (lawyerId: number, stationId: number, day: number): Blocker | null => {
    const lawyer = lawyers.get(lawyerId);
    if (!lawyer || !lawyer.input.active || !lawyer.stations.has(stationId)) return 'ineligible';
    if (lawyer.unavailable[day]) return 'unavailable';
    const at = lawyer.dutyAt[day]!;
    if (at !== FREE) return at === stationId ? 'here' : 'busy';
    const cap = lawyer.input.maxShiftsPerMonth;
    if (cap != null && lawyer.shiftsThisMonth >= cap) return 'cap';
    return null;
  };

  const shifts: GeneratedShift[] = [];
  const gaps: Gap[] = [];
  for (const { day, stationId, run } of seats) {
    const rotation = run.input;
    const date = dates[day]!;
    const n = run.order.length;
    let open = Math.floor(rotation.lawyersPerDay);

    // Kept shifts fill seats first. Each stands in for a turn — a catch-up if its lawyer was
    // owed one, otherwise whoever is next — so regenerating around manual edits leaves the
    // rest of the month where it was.
    const kept = existingHere.get(`${stationId}|${date}`);
    while (open > 0 && kept && kept.length > 0) {
      const shift = kept.shift()!;
      open--;
      const owedAt = run.owed.indexOf(shift.lawyerId);
      if (owedAt >= 0) run.owed.splice(owedAt, 1);
      else if (n > 0) run.nextIndex = (run.nextIndex + 1) % n;
    }
    if (open === 0) continue;
    if (input.firstDate && date < input.firstDate) continue;
    if (n === 0) {
      gaps.push({
        stationId,
        date,
        rotationId: rotation.id,
        reason: 'empty_rotation',
        message: `Rotation '${rotation.name}' has no lawyers; ${open} seat(s) at station ${stationId} on ${date} are unfilled.`,
        candidates: [],
      });
      continue;
    }
    while (open > 0) {
      const lawyerId = takeTurn(run, stationId, day, blockerOf);
      if (lawyerId == null) {
        gaps.push(describeGap(run, stationId, date, day, open, blockerOf));
        break;
      }
      const lawyer = lawyers.get(lawyerId)!;
      lawyer.dutyAt[day] = stationId;
      lawyer.shiftsThisMonth++;
      shifts.push({ stationId, date, lawyerId, rotationId: rotation.id, start: rotation.shiftStart, end: rotation.shiftEnd });
      open--;
    }
  }

  shareUnpopularDays(shifts, lawyers, input, existingInMonth, dayOf, calendar);

  const rotationStates = [
    ...runs.map((r) => ({ rotationId: r.input.id, nextIndex: r.nextIndex, owed: [...r.owed] })),
    ...untouchedStates,
  ].sort((a, b) => a.rotationId - b.rotationId);

  return {
    month,
    shifts,
    gaps,
    fairness: measureFairness(input, runs, shifts, existingInMonth, generatedStations, lawyers, calendar),
    warnings,
    rotationStates,
  };
}

/**
 * The days a rule puts on duty at a station this month. An every-working-day rule follows
 * the working calendar (make-up Saturdays and Sundays included); any rule skips days the
 * station is closed (holidays, local closures).
 */
export function dutyDates(
  rule: RotationRule,
  stationId: number,
  from: string,
  to: string,
  dayInfo: (date: string, stationId: number) => DayInfo,
): string[] {
  const closed = (date: string) => {
    const kind = dayInfo(date, stationId).kind;
    return kind === 'holiday' || kind === 'local_closed';
  };
  const days = expandRule(rule, from, to).filter((d) => !closed(d));
  if (!isWeekdayWorkRule(rule)) return days;
  const first = rule.startDate > from ? rule.startDate : from;
  const last = rule.until != null && rule.until < to ? rule.until : to;
  const extra: string[] = [];
  for (let day = Number(first.slice(8, 10)); first <= last && day <= Number(last.slice(8, 10)); day++) {
    const date = `${from.slice(0, 8)}${String(day).padStart(2, '0')}`;
    if (isoWeekday(date) >= 6 && dayInfo(date, stationId).working) extra.push(date);
  }
  return extra.length ? [...days, ...extra].sort() : days;
}

function startRun(
  rotation: RotationInput,
  rule: RotationRule,
  state: RotationState | undefined,
  canEverServe: (lawyerId: number) => boolean,
  warn: (code: string, message: string) => void,
  label: string,
): RotationRun {
  const order = [...rotation.lawyerIds];
  const n = order.length;
  let nextIndex = 0;
  if (state && n > 0) {
    if (Number.isInteger(state.nextIndex) && state.nextIndex >= 0 && state.nextIndex < n) {
      nextIndex = state.nextIndex;
    } else {
      nextIndex = Number.isInteger(state.nextIndex) && state.nextIndex >= 0 ? state.nextIndex % n : 0;
      warn(
        'rotation_state_adjusted',
        `${label}: the saved turn (${state.nextIndex}) is outside its ${n} lawyers; continuing at position ${nextIndex}.`,
      );
    }
  }
  const members = new Set(order);
  // A debt is kept only while its lawyer is still in the rotation and could serve here.
  const owed = [...new Set((state?.owed ?? []).filter((id) => members.has(id) && canEverServe(id)))];
  return { input: rotation, rule, order, nextIndex, owed };
}

function copyState(state: RotationState): RotationState {
  return { rotationId: state.rotationId, nextIndex: state.nextIndex, owed: [...state.owed] };
}

function checkLawyers(
  rotation: RotationInput,
  lawyers: ReadonlyMap<number, LawyerDay>,
  warn: (code: string, message: string) => void,
  label: string,
): void {
  for (const id of new Set(rotation.lawyerIds)) {
    const lawyer = lawyers.get(id);
    if (!lawyer) warn('lawyer_unknown', `${label} lists lawyer ${id}, who is not known; their turns are passed over.`);
    else if (!lawyer.input.active) {
      warn('lawyer_inactive', `${label} lists ${lawyer.input.name} (${id}), who is inactive; their turns are passed over.`);
    } else if (!lawyer.stations.has(rotation.stationId)) {
      warn(
        'lawyer_not_eligible',
        `${label} lists ${lawyer.input.name} (${id}), who does not serve station ${rotation.stationId}; their turns are passed over.`,
      );
    }
  }
}

/**
 * One seat: the first owed lawyer who can serve takes it as their catch-up (the turn order
 * stays put); otherwise the next in turn who can, and those passed over for a temporary
 * reason (leave, duty elsewhere) become owed. A lawyer at their monthly cap or unable to
 * serve the station is passed over without a debt. When nobody can serve, no turn moves.
 */
function takeTurn(
  run: RotationRun,
  stationId: number,
  day: number,
  blockerOf: (lawyerId: number, stationId: number, day: number) => Blocker | null,
): number | null {
  for (let i = 0; i < run.owed.length; i++) {
    const id = run.owed[i]!;
    if (blockerOf(id, stationId, day) == null) {
      run.owed.splice(i, 1);
      return id;
    }
  }
  const n = run.order.length;
  const passedOver: number[] = [];
  for (let k = 0; k < n; k++) {
    const pos = (run.nextIndex + k) % n;
    const id = run.order[pos]!;
    const blocker = blockerOf(id, stationId, day);
    if (blocker == null) {
      run.nextIndex = (pos + 1) % n;
      for (const skipped of passedOver) if (!run.owed.includes(skipped)) run.owed.push(skipped);
      return id;
    }
    if (blocker === 'unavailable' || blocker === 'busy') passedOver.push(id);
  }
  return null;
}

const GAP_REASON: Record<'unavailable' | 'busy' | 'cap', GapReason> = {
  unavailable: 'all_unavailable',
  busy: 'all_busy',
  cap: 'all_at_cap',
};

function describeGap(
  run: RotationRun,
  stationId: number,
  date: string,
  day: number,
  open: number,
  blockerOf: (lawyerId: number, stationId: number, day: number) => Blocker | null,
): Gap {
  const rotation = run.input;
  const tally = { unavailable: 0, busy: 0, cap: 0, ineligible: 0, here: 0 };
  const candidates: number[] = [];
  for (const id of new Set(run.order)) {
    const blocker = blockerOf(id, stationId, day) ?? 'here';
    tally[blocker]++;
    if (blocker === 'unavailable' || blocker === 'busy' || blocker === 'cap') candidates.push(id);
  }
  const seatsText = `${open} of ${rotation.lawyersPerDay} seat(s) at station ${stationId} on ${date}`;
  if (candidates.length === 0) {
    return {
      stationId,
      date,
      rotationId: rotation.id,
      reason: 'no_eligible_lawyer',
      message:
        `Rotation '${rotation.name}': ${seatsText} unfilled — no other lawyer of the rotation is active and serves this station ` +
        `(${tally.ineligible} cannot serve it, ${tally.here} already on duty here).`,
      candidates,
    };
  }
  // The commonest obstacle; ties go to leave, then duty elsewhere, then caps.
  const dominant = (['unavailable', 'busy', 'cap'] as const).reduce((best, k) => (tally[k] > tally[best] ? k : best));
  return {
    stationId,
    date,
    rotationId: rotation.id,
    reason: GAP_REASON[dominant],
    message:
      `Rotation '${rotation.name}': ${seatsText} unfilled — ${tally.unavailable} unavailable, ` +
      `${tally.busy} on duty elsewhere, ${tally.cap} at their monthly cap, ${tally.ineligible} cannot serve this station.`,
    candidates,
  };
}

/** What makes a duty unpopular, as the fairness figures count it: [on a Saturday or Sunday, next to a holiday], each 0 or 1. */
export function unpopularity(date: string, stationId: number, calendar: WorkingCalendar): [number, number] {
  return [isoWeekday(date) >= 6 ? 1 : 0, calendar.isHolidayAdjacent(date, stationId) ? 1 : 0];
}

/**
 * A fair share of the unpopular days. Round-robin gives everyone the same number of duties,
 * but which of them fall on a make-up Saturday or next to a holiday is luck: two lawyers
 * taking turns can find both make-up Saturdays of a month on one of them, month after month.
 *
 * So once the month is filled, a lawyer with more unpopular duties (the twelve months
 * before, `fairnessCarry`, plus this month; weekend duties and duties next to a holiday
 * counted apart, as the fairness figures show them) hands one to a colleague of the same
 * rotation with fewer, and takes over one of the colleague's easier duties in exchange —
 * the nearest in date that both can serve. Everyone keeps exactly the number of duties
 * round-robin gave them, the rotation's turns (and so next month's start) stay as they were,
 * and kept shifts and each rotation's first and last duty days of the month are not
 * touched. An exchange is made only when it brings the two lawyers' counts closer (the sum
 * of the squared counts falls), so the exchanges come to an end.
 */
function shareUnpopularDays(
  shifts: GeneratedShift[],
  lawyers: ReadonlyMap<number, LawyerDay>,
  input: GenerateInput,
  existingInMonth: readonly ExistingShift[],
  dayOf: (date: string) => number,
  calendar: WorkingCalendar,
): void {
  const points = shifts.map((s) => unpopularity(s.date, s.stationId, calendar));
  if (!points.some(([w, h]) => w + h > 0)) return;

  const load = new Map<number, [number, number]>();
  const loadOf = (id: number): [number, number] => {
    let l = load.get(id);
    if (!l) load.set(id, (l = [0, 0]));
    return l;
  };
  const add = (id: number, [w, h]: readonly [number, number], sign = 1) => {
    const l = loadOf(id);
    l[0] += sign * w;
    l[1] += sign * h;
  };
  for (const c of input.fairnessCarry) add(c.lawyerId, [c.weekendShifts, c.holidayAdjacentShifts]);
  for (const s of existingInMonth) add(s.lawyerId, unpopularity(s.date, s.stationId, calendar));
  shifts.forEach((s, i) => add(s.lawyerId, points[i]!));

  // How much moving `delta` from `from` to `to` lowers the sum of their squared counts (> 0: fairer).
  const gainOf = (from: number, to: number, delta: readonly [number, number]) => {
    const a = loadOf(from);
    const b = loadOf(to);
    return -2 * (delta[0] * (b[0] - a[0] + delta[0]) + delta[1] * (b[1] - a[1] + delta[1]));
  };
  // Free that day for a duty here: present, and not on duty anywhere (their own shift aside).
  const canTake = (lawyerId: number, day: number) => {
    const lawyer = lawyers.get(lawyerId);
    return lawyer != null && !lawyer.unavailable[day] && lawyer.dutyAt[day] === FREE;
  };

  const byRotation = new Map<number, number[]>();
  shifts.forEach((s, i) => {
    const list = byRotation.get(s.rotationId);
    if (list) list.push(i);
    else byRotation.set(s.rotationId, [i]);
  });
  // A rotation's first and last duty days of the month stay as the turns gave them: the month
  // visibly starts with whoever follows last month's last duty.
  const groups = [...byRotation.values()]
    .map((list) => {
      const first = shifts[list[0]!]!.date;
      const last = shifts[list[list.length - 1]!]!.date;
      return list.filter((i) => shifts[i]!.date !== first && shifts[i]!.date !== last);
    })
    .filter((list) => list.some((i) => points[i]![0] + points[i]![1] > 0));

  /** The exchange in one rotation that evens things out most (then the nearest in date, then the earliest); null when none helps. */
  const bestExchange = (list: readonly number[]) => {
    let best: { i: number; j: number; gain: number; distance: number } | null = null;
    for (const i of list) {
      const [hw, hh] = points[i]!;
      if (hw + hh === 0) continue;
      const hard = shifts[i]!;
      const hardDay = dayOf(hard.date);
      for (const j of list) {
        const easy = shifts[j]!;
        if (easy.lawyerId === hard.lawyerId || easy.stationId !== hard.stationId) continue;
        const gain = gainOf(hard.lawyerId, easy.lawyerId, [hw - points[j]![0], hh - points[j]![1]]);
        if (gain <= 0) continue;
        const easyDay = dayOf(easy.date);
        const distance = Math.abs(easyDay - hardDay);
        if (best && (gain < best.gain || (gain === best.gain && distance >= best.distance))) continue;
        if (!canTake(easy.lawyerId, hardDay) || !canTake(hard.lawyerId, easyDay)) continue;
        best = { i, j, gain, distance };
      }
    }
    return best;
  };

  const exchange = (i: number, j: number) => {
    const hard = shifts[i]!;
    const easy = shifts[j]!;
    const hardDay = dayOf(hard.date);
    const easyDay = dayOf(easy.date);
    const from = lawyers.get(hard.lawyerId)!;
    const to = lawyers.get(easy.lawyerId)!;
    from.dutyAt[hardDay] = FREE;
    to.dutyAt[easyDay] = FREE;
    from.dutyAt[easyDay] = easy.stationId;
    to.dutyAt[hardDay] = hard.stationId;
    add(hard.lawyerId, points[i]!, -1);
    add(hard.lawyerId, points[j]!);
    add(easy.lawyerId, points[j]!, -1);
    add(easy.lawyerId, points[i]!);
    shifts[i] = { ...hard, lawyerId: easy.lawyerId };
    shifts[j] = { ...easy, lawyerId: hard.lawyerId };
  };

  // Rotation by rotation, until no exchange helps anywhere (a lawyer of two rotations links
  // them). Every exchange lowers the sum of squared counts, an integer ≥ 0, so this ends;
  // the bound is a guard only.
  let budget = shifts.length * 4;
  for (let changed = true; changed && budget > 0; ) {
    changed = false;
    for (const list of groups) {
      for (let best = bestExchange(list); best && budget > 0; best = bestExchange(list), budget--) {
        exchange(best.i, best.j);
        changed = true;
      }
    }
  }
}

function measureFairness(
  input: GenerateInput,
  runs: readonly RotationRun[],
  shifts: readonly GeneratedShift[],
  existingInMonth: readonly ExistingShift[],
  generatedStations: ReadonlySet<number>,
  lawyers: ReadonlyMap<number, LawyerDay>,
  calendar: WorkingCalendar,
): RosterResult['fairness'] {
  const perLawyer = new Map<number, FairnessEntry>();
  const entry = (map: Map<number, FairnessEntry>, lawyerId: number): FairnessEntry => {
    let e = map.get(lawyerId);
    if (!e) {
      e = { lawyerId, shifts: 0, weekendShifts: 0, holidayAdjacentShifts: 0 };
      map.set(lawyerId, e);
    }
    return e;
  };
  for (const run of runs) for (const id of run.order) entry(perLawyer, id);
  const count = (lawyerId: number, stationId: number, date: string) => {
    const e = entry(perLawyer, lawyerId);
    e.shifts++;
    if (isoWeekday(date) >= 6) e.weekendShifts++;
    if (calendar.isHolidayAdjacent(date, stationId)) e.holidayAdjacentShifts++;
  };
  for (const s of existingInMonth) if (generatedStations.has(s.stationId)) count(s.lawyerId, s.stationId, s.date);
  for (const s of shifts) count(s.lawyerId, s.stationId, s.date);

  const cumulative = new Map<number, FairnessEntry>();
  for (const e of [...input.fairnessCarry, ...perLawyer.values()]) {
    const c = entry(cumulative, e.lawyerId);
    c.shifts += e.shifts;
    c.weekendShifts += e.weekendShifts;
    c.holidayAdjacentShifts += e.holidayAdjacentShifts;
  }

  let min = Infinity;
  let max = -Infinity;
  for (const run of runs) {
    for (const id of run.order) {
      const lawyer = lawyers.get(id);
      if (!lawyer?.input.active || !lawyer.stations.has(run.input.stationId)) continue;
      const shiftsThisMonth = perLawyer.get(id)!.shifts;
      min = Math.min(min, shiftsThisMonth);
      max = Math.max(max, shiftsThisMonth);
    }
  }
  const byId = (a: FairnessEntry, b: FairnessEntry) => a.lawyerId - b.lawyerId;
  return {
    perLawyer: [...perLawyer.values()].sort(byId),
    cumulative: [...cumulative.values()].sort(byId),
    maxMinusMin: max >= min ? max - min : 0,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
