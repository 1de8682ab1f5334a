/**
 * Shift swaps: ask, accept or decline, approve or reject, cancel, expire. Every transition is a
 * compare-and-set on the swap's status inside one transaction, with its audit row and
 * its messages; applying re-checks everything (whyCannotServe for each lawyer who gains
 * a duty, and the shifts' versions) and moves both sides with conditional updates, or
 * nothing moves.
 */
import { In } from 'typeorm';
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, badRequest, conflict, forbidden, notFound, type ErrorDetail } from '../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import type { AuthUser } from '../auth/policy.js';
import { LawyerEntity, LawyerStationEntity } from '../lawyers/lawyers.entity.js';
import { addDays, formatInstant, zonedParts } from '../lib/dates.js';
import { ShiftEntity, type ShiftRow } from '../rosters/rosters.entity.js';
import { assertManages, managedStationIds } from '../stations/scope.js';
import { lawyerNames, loadLawyersForDuty, type LawyerForDuty } from '../rosters/rosters.repository.js';
import { whyCannotServe } from '../rosters/shiftRules.js';
import { StationEntity, type StationRow } from '../stations/stations.entity.js';
import { SwapEntity, type SwapRow } from './swaps.entity.js';
import {
  activeKeyOf,
  claimAcceptance,
  compareAndSetStatus,
  findSwapForUpdate,
  liveSwapsBefore,
  liveSwapsOverShifts,
  lockLawyers,
  moveShift,
  openOffersAt,
  openOffersBetween,
  pageOfSwaps,
  parkShift,
  shiftsByIds,
  shiftsOfLawyersInMonths,
} from './swaps.repository.js';
import {
  dutyBefore,
  notifyBookedWorkersOfLawyerChange,
  swapMessages,
  tellCoordinators,
  tellLawyers,
  type StationDay,
  type SwapStory,
} from './swaps.notify.js';
import type { CreateSwapInput, Swap, SwapCandidate, SwapListQuery, SwapPage, SwapShiftDto } from './swaps.schema.js';
import {
  acceptanceBy,
  checkDecline,
  checkSwapRequest,
  dutyContextFor,
  isExpired,
  isLive,
  isOpenOffer,
  isTakerBlocker,
  needsApproval,
  OFFER_REMINDER_DAYS,
  statusesBefore,
  swapConflicts,
  swapMoves,
  type LocalNow,
  type Problem,
  type SwapConflict,
  type SwapFacts,
} from './swapRules.js';

/** Everything needed to check and present some swaps, loaded in a few queries. */
interface World {
  shifts: Map<number, ShiftRow>;
  stations: Map<number, StationRow>;
  names: Map<number, { name: string; firm: string }>;
  takers: Map<number, LawyerForDuty>;
}

const PROBLEM_CODES = { 400: 'validation_failed', 403: 'forbidden', 409: 'conflict' } as const;

function problemError(p: Problem): AppError {
  return new AppError(p.status, PROBLEM_CODES[p.status], p.message, p.path ? [{ path: p.path, message: p.message }] : undefined);
}

const isManager = (u: AuthUser) => u.role === 'coordinator' || u.role === 'admin';

function conflictError(conflicts: SwapConflict[]): AppError {
  const details: ErrorDetail[] = conflicts.map((c) => ({ path: c.code, message: c.message }));
  return conflict(conflicts[0]!.message, conflicts.every((c) => isTakerBlocker(c.code)) ? 'lawyer_busy' : 'conflict', details);
}

export class SwapsService {
  constructor(private readonly ctx: AppContext) {}

  private localNow(): LocalNow {
    return zonedParts(this.ctx.clock.now(), this.ctx.config.timeZone);
  }

  private iso(d: Date | null): string | null {
    return d ? formatInstant(d, this.ctx.config.timeZone) : null;
  }

  // ---- reading -----------------------------------------------------------

  private async loadWorld(m: Manager, swaps: SwapFacts[]): Promise<World> {
    const sides = await shiftsByIds(m, swaps.flatMap((s) => [s.shiftId, s.toShiftId]));
    const takerIds = [...new Set(swaps.flatMap((s) => swapMoves(s).map((mv) => mv.toLawyerId)).filter((x): x is number => x !== null))];
    const dates = [...sides.map((s) => s.date), ...swaps.map((s) => s.date)];
    const shifts = new Map(sides.map((s) => [s.id, s]));
    const takers = new Map<number, LawyerForDuty>();
    if (takerIds.length) {
      const sorted = [...dates].sort();
      for (const l of await loadLawyersForDuty(m, sorted[0]!, sorted.at(-1)!, takerIds)) takers.set(l.id, l);
      for (const s of await shiftsOfLawyersInMonths(m, takerIds, dates)) shifts.set(s.id, s);
    }
    const stationIds = [...new Set([...sides.map((s) => s.stationId)])];
    const stations = new Map(
      (stationIds.length ? await m.findBy(StationEntity, { id: In(stationIds) }) : []).map((s) => [s.id, s]),
    );
    const names = await lawyerNames(m, [
      ...swaps.flatMap((s) => [s.fromLawyerId, s.toLawyerId ?? 0]),
      ...sides.map((s) => s.lawyerId),
    ]);
    return { shifts, stations, names, takers };
  }

  private conflictsOf(swap: SwapFacts, w: World, now: LocalNow, requireTaker = false): SwapConflict[] {
    return swapConflicts({ swap, shifts: [...w.shifts.values()], takers: w.takers, now, requireTaker });
  }

  private stationsOf(swap: SwapFacts, w: World): StationRow[] {
    return [swap.shiftId, swap.toShiftId]
      .map((id) => (id === null ? undefined : w.shifts.get(id)))
      .map((s) => (s ? w.stations.get(s.stationId) : undefined))
      .filter((s): s is StationRow => s !== undefined);
  }

  private presentShift(id: number, w: World): SwapShiftDto | null {
    const s = w.shifts.get(id);
    if (!s) return null;
    return {
      id: s.id,
      date: s.date,
      start: s.start,
      end: s.end,
      stationId: s.stationId,
      stationName: w.stations.get(s.stationId)?.name ?? '',
      lawyerId: s.lawyerId,
      lawyerName: w.names.get(s.lawyerId)?.name ?? '',
      status: s.status,
      version: s.version,
    };
  }

  private present(swap: SwapRow, w: World, viewer: AuthUser | null, now: LocalNow): Swap {
    const out: Swap = {
      id: swap.id,
      type: swap.type,
      status: swap.status,
      open: isOpenOffer(swap),
      shiftId: swap.shiftId,
      toShiftId: swap.toShiftId,
      date: swap.date,
      stationId: swap.stationId,
      fromLawyerId: swap.fromLawyerId,
      fromLawyerName: w.names.get(swap.fromLawyerId)?.name ?? '',
      toLawyerId: swap.toLawyerId,
      toLawyerName: swap.toLawyerId === null ? null : (w.names.get(swap.toLawyerId)?.name ?? ''),
      shift: this.presentShift(swap.shiftId, w)!,
      toShift: swap.toShiftId === null ? null : this.presentShift(swap.toShiftId, w),
      note: swap.note,
      decisionNote: swap.decisionNote,
      reason: swap.reason,
      needsApproval: needsApproval(this.stationsOf(swap, w)),
      canAccept: false,
      createdAt: this.iso(swap.createdAt)!,
      acceptedAt: this.iso(swap.acceptedAt),
      decidedAt: this.iso(swap.decidedAt),
      updatedAt: this.iso(swap.updatedAt)!,
    };
    if (viewer && isManager(viewer)) {
      out.conflicts = isLive(swap.status) ? this.conflictsOf(swap, w, now) : [];
    } else if (viewer?.lawyerId && swap.status === 'pending' && acceptanceBy(swap, viewer.lawyerId) === 'named') {
      // Open offers have no taker in `w`: callers decide those with the viewer as the taker.
      out.canAccept = this.conflictsOf(swap, w, now).length === 0;
    }
    return out;
  }

  /** Open offers at the viewer's stations that they could take today. */
  private async offersFor(m: Manager, lawyerId: number, now: LocalNow): Promise<SwapRow[]> {
    const [me] = await loadLawyersForDuty(m, now.date, now.date, [lawyerId]);
    if (!me || !me.active) return [];
    const offers = (await openOffersAt(m, me.stationIds, now.date)).filter((o) => o.fromLawyerId !== lawyerId);
    if (offers.length === 0) return [];
    const asTaker = offers.map((o) => ({ ...o, toLawyerId: lawyerId }));
    const w = await this.loadWorld(m, asTaker);
    return offers.filter((_, i) => this.conflictsOf(asTaker[i]!, w, now).length === 0);
  }

  async list(q: SwapListQuery, viewer: AuthUser): Promise<SwapPage> {
    return this.ctx.db.read(async (m) => {
      const now = this.localNow();
      let page: { rows: SwapRow[]; total: number };
      let takeable = new Set<number>();
      if (isManager(viewer)) {
        const managed = await managedStationIds(m, viewer);
        page = await pageOfSwaps(m, { statuses: q.status, lawyerId: q.lawyerId, stationIds: managed ? [...managed] : undefined, page: q.page, pageSize: q.pageSize });
      } else {
        if (q.lawyerId !== undefined && q.lawyerId !== viewer.lawyerId) throw forbidden('Lawyers see their own swaps only');
        if (viewer.lawyerId === null) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        const wantsPending = !q.status || q.status.includes('pending');
        const offers = wantsPending ? await this.offersFor(m, viewer.lawyerId, now) : [];
        takeable = new Set(offers.map((o) => o.id));
        page = await pageOfSwaps(m, { statuses: q.status, lawyerId: viewer.lawyerId, orIds: [...takeable], page: q.page, pageSize: q.pageSize });
      }
      const w = await this.loadWorld(m, page.rows);
      const items = page.rows.map((r) => {
        const dto = this.present(r, w, viewer, now);
        // An open offer counts as acceptable only if the viewer can actually serve it.
        if (dto.open) dto.canAccept = takeable.has(r.id);
        return dto;
      });
      return { items, total: page.total, page: q.page, pageSize: q.pageSize };
    });
  }

  private async visibleSwap(m: Manager, id: number, viewer: AuthUser): Promise<SwapRow> {
    const swap = await m.findOneBy(SwapEntity, { id });
    if (!swap) throw notFound('No such swap');
    if (isManager(viewer)) {
      const managed = await managedStationIds(m, viewer);
      if (!managed || managed.has(swap.stationId)) return swap;
      throw notFound('No such swap');
    }
    const me = viewer.lawyerId;
    if (me !== null && (swap.fromLawyerId === me || swap.toLawyerId === me)) return swap;
    if (me !== null && isOpenOffer(swap) && (await m.existsBy(LawyerStationEntity, { lawyerId: me, stationId: swap.stationId }))) return swap;
    throw notFound('No such swap');
  }

  async get(id: number, viewer: AuthUser): Promise<Swap> {
    return this.ctx.db.read(async (m) => {
      const swap = await this.visibleSwap(m, id, viewer);
      return this.presentOne(m, swap, viewer);
    });
  }

  private async presentOne(m: Manager, swap: SwapRow, viewer: AuthUser | null): Promise<Swap> {
    const now = this.localNow();
    const dto = this.present(swap, await this.loadWorld(m, [swap]), viewer, now);
    if (dto.open && viewer?.lawyerId) {
      const asTaker = { ...swap, toLawyerId: viewer.lawyerId };
      dto.canAccept = this.conflictsOf(asTaker, await this.loadWorld(m, [asTaker]), now).length === 0;
    }
    return dto;
  }

  // ---- candidates ----------------------------------------------------------

  /** Lawyers who could take this shift now (whyCannotServe says nothing), fewest duties that month first. */
  private async candidatesFor(m: Manager, shift: ShiftRow, exclude: number[] = []): Promise<SwapCandidate[]> {
    const links = await m.findBy(LawyerStationEntity, { stationId: shift.stationId });
    const ids = links.map((l) => l.lawyerId).filter((id) => id !== shift.lawyerId && !exclude.includes(id));
    const lawyers = await loadLawyersForDuty(m, shift.date, shift.date, ids);
    const theirShifts = await shiftsOfLawyersInMonths(m, ids, [shift.date]);
    return lawyers
      .map((l) => ({ l, ctx: dutyContextFor(l.id, shift, theirShifts) }))
      .filter(({ l, ctx }) => whyCannotServe(l, ctx) === null)
      .map(({ l, ctx }) => ({ lawyerId: l.id, name: l.name, firm: l.firm, dutiesThatMonth: ctx.dutiesThatMonth }))
      .sort((a, b) => a.dutiesThatMonth - b.dutiesThatMonth || a.name.localeCompare(b.name, 'zh-CN') || a.lawyerId - b.lawyerId);
  }

  async candidatesForShift(shiftId: number, viewer: AuthUser): Promise<SwapCandidate[]> {
    return this.ctx.db.read(async (m) => {
      const shift = await m.findOneBy(ShiftEntity, { id: shiftId });
      if (!shift || (shift.status !== 'published' && !isManager(viewer))) throw notFound('No such shift');
      if (!isManager(viewer) && viewer.lawyerId !== shift.lawyerId) throw forbidden('Only the lawyer on the shift, or a coordinator, may look for a colleague');
      return this.candidatesFor(m, shift);
    });
  }

  async candidatesForSwap(id: number, viewer: AuthUser): Promise<SwapCandidate[]> {
    return this.ctx.db.read(async (m) => {
      const swap = await this.visibleSwap(m, id, viewer);
      if (!isManager(viewer) && viewer.lawyerId !== swap.fromLawyerId) throw forbidden('Only the requester, or a coordinator, may look for a colleague');
      const shift = await m.findOneBy(ShiftEntity, { id: swap.shiftId });
      if (!shift) throw notFound('No such shift');
      return this.candidatesFor(m, shift, [swap.fromLawyerId]);
    });
  }

  // ---- transitions -----------------------------------------------------------

  private async story(m: Manager, swap: SwapRow): Promise<SwapStory> {
    const w = await this.loadWorld(m, [swap]);
    const shift = w.shifts.get(swap.shiftId);
    const toShift = swap.toShiftId === null ? undefined : w.shifts.get(swap.toShiftId);
    return {
      swap,
      stationName: (shift && w.stations.get(shift.stationId)?.name) ?? '',
      fromName: w.names.get(swap.fromLawyerId)?.name ?? '',
      toName: swap.toLawyerId === null ? null : (w.names.get(swap.toLawyerId)?.name ?? ''),
      toDate: toShift?.date ?? swap.toDate,
      toStationName: toShift ? (w.stations.get(toShift.stationId)?.name ?? '') : null,
    };
  }

  async create(input: CreateSwapInput, actor: AuthUser, requestId?: string): Promise<Swap> {
    try {
      return await this.ctx.db.tx(async (m) => {
        const now = this.localNow();
        const shift = await m.findOneBy(ShiftEntity, { id: input.shiftId });
        if (!shift || (shift.status !== 'published' && !isManager(actor))) {
          throw badRequest('No such shift', [{ path: 'shiftId', message: 'no shift has this id' }]);
        }
        let toShift: ShiftRow | null = null;
        if (input.toShiftId != null) {
          toShift = await m.findOneBy(ShiftEntity, { id: input.toShiftId });
          if (!toShift) throw badRequest('No such shift', [{ path: 'toShiftId', message: 'no shift has this id' }]);
        }
        if (actor.role === 'coordinator') {
          await assertManages(m, actor, [shift.stationId, ...(toShift ? [toShift.stationId] : [])], "arrange swaps of another station's duties");
        }
        const named = input.toLawyerId ?? null;
        if (named !== null && !(await m.existsBy(LawyerEntity, { id: named }))) {
          throw badRequest('No such lawyer', [{ path: 'toLawyerId', message: 'no lawyer has this id' }]);
        }
        const problem = checkSwapRequest({ type: input.type, shift, toShift, toLawyerId: named, actor, now });
        if (problem) throw problemError(problem);
        const at = this.ctx.clock.now();
        const row: Omit<SwapRow, 'id'> = {
          type: input.type,
          status: 'pending',
          shiftId: shift.id,
          shiftVersion: shift.version,
          stationId: shift.stationId,
          date: shift.date,
          fromLawyerId: shift.lawyerId,
          toLawyerId: toShift ? toShift.lawyerId : named,
          toShiftId: toShift?.id ?? null,
          toShiftVersion: toShift?.version ?? null,
          toDate: toShift?.date ?? null,
          note: input.note || null,
          decisionNote: null,
          reason: null,
          activeKey: activeKeyOf(shift.id),
          requestedBy: actor.id,
          acceptedBy: null,
          decidedBy: null,
          acceptedAt: null,
          decidedAt: null,
          createdAt: at,
          updatedAt: at,
        };
        // A named colleague (or both sides of an exchange) must be able to serve: say so now, not at approval.
        if (row.toLawyerId !== null) {
          const conflicts = this.conflictsOf(row as SwapRow, await this.loadWorld(m, [row as SwapRow]), now);
          if (conflicts.length) throw conflictError(conflicts);
        }
        if (await m.existsBy(SwapEntity, { activeKey: activeKeyOf(shift.id) })) throw conflict('This shift already has a swap waiting; cancel it first');
        const { identifiers } = await m.insert(SwapEntity, row);
        const swap = { ...row, id: Number(identifiers[0]!.id) } as SwapRow;
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'swap.request',
          entity: 'swap',
          entityId: swap.id,
          details: { type: swap.type, shiftId: swap.shiftId, toShiftId: swap.toShiftId, from: swap.fromLawyerId, to: swap.toLawyerId, note: swap.note },
          requestId,
        });
        const story = await this.story(m, swap);
        if (swap.type === 'exchange') {
          await tellLawyers(m, this.ctx.clock, [swap.toLawyerId!], swap, 'requested', swapMessages.requestedExchange(story));
        } else if (swap.toLawyerId !== null) {
          await tellLawyers(m, this.ctx.clock, [swap.toLawyerId], swap, 'requested', swapMessages.requestedNamed(story));
        } else {
          const eligible = await this.candidatesFor(m, shift, [swap.fromLawyerId]);
          await tellLawyers(m, this.ctx.clock, eligible.map((c) => c.lawyerId), swap, 'offered', swapMessages.openOffer(story));
        }
        return this.presentOne(m, swap, actor);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('This shift already has a swap waiting; cancel it first');
      throw err;
    }
  }

  async accept(id: number, note: string | undefined, actor: AuthUser, requestId?: string): Promise<Swap> {
    return this.applying(() =>
      this.ctx.db.tx(async (m) => {
        const swap = await findSwapForUpdate(m, this.ctx.db.kind, id);
        if (!swap) throw notFound('No such swap');
        if (swap.status !== 'pending') {
          throw conflict(swap.status === 'accepted' && swap.type === 'giveaway' ? 'Someone has already accepted this swap' : `This swap is already ${swap.status}`);
        }
        const how = acceptanceBy(swap, actor.lawyerId);
        if (!how) throw forbidden('This swap is not addressed to you');
        const taken: SwapRow = { ...swap, toLawyerId: actor.lawyerId };
        await lockLawyers(m, this.ctx.db.kind, swapMoves(taken).map((mv) => mv.toLawyerId!));
        const now = this.localNow();
        const w = await this.loadWorld(m, [taken]);
        const conflicts = this.conflictsOf(taken, w, now);
        if (how === 'open' && conflicts.some((c) => c.lawyerId === actor.lawyerId && (c.code === 'ineligible' || c.code === 'inactive'))) {
          throw forbidden('You do not serve this station');
        }
        if (conflicts.length) throw conflictError(conflicts);
        const at = this.ctx.clock.now();
        if (!(await claimAcceptance(m, id, actor.lawyerId!, { acceptedBy: actor.id, acceptedAt: at, updatedAt: at }))) {
          throw conflict('Someone has already accepted this swap');
        }
        const accepted: SwapRow = { ...taken, status: 'accepted', acceptedBy: actor.id, acceptedAt: at, updatedAt: at };
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'swap.accept',
          entity: 'swap',
          entityId: id,
          details: { by: actor.lawyerId, open: how === 'open', note: note ?? null },
          requestId,
        });
        const approval = needsApproval(this.stationsOf(accepted, w));
        if (!approval) {
          const applied = await this.applyInTx(m, accepted, actor, note ?? null, requestId, true);
          return this.presentOne(m, applied, actor);
        }
        const story = await this.story(m, accepted);
        await tellLawyers(m, this.ctx.clock, [accepted.fromLawyerId], accepted, 'accepted', swapMessages.acceptedToRequester(story, true));
        await tellCoordinators(m, this.ctx.clock, accepted, 'awaiting_approval', swapMessages.awaitingApproval(story));
        return this.presentOne(m, accepted, actor);
      }),
    );
  }

  async approve(id: number, note: string | undefined, actor: AuthUser, requestId?: string): Promise<Swap> {
    return this.applying(() =>
      this.ctx.db.tx(async (m) => {
        const swap = await findSwapForUpdate(m, this.ctx.db.kind, id);
        if (!swap) throw notFound('No such swap');
        await this.assertManagesSwap(m, actor, swap, 'decide it');
        if (swap.status === 'pending') throw conflict('The colleague has not accepted this swap yet');
        if (swap.status !== 'accepted') throw conflict(`This swap is already ${swap.status}`);
        await lockLawyers(m, this.ctx.db.kind, swapMoves(swap).map((mv) => mv.toLawyerId!));
        const applied = await this.applyInTx(m, swap, actor, note ?? null, requestId, false);
        return this.presentOne(m, applied, actor);
      }),
    );
  }

  /** 403 unless a coordinator coordinates the stations of both of the swap's shifts (scope.ts). */
  private async assertManagesSwap(m: Manager, actor: AuthUser, swap: SwapRow, what: string): Promise<void> {
    const stations = [swap.stationId];
    if (swap.toShiftId !== null) {
      const other = await m.findOne(ShiftEntity, { select: { id: true, stationId: true }, where: { id: swap.toShiftId } });
      if (other) stations.push(other.stationId);
    }
    await assertManages(m, actor, stations, `${what}: the swap is about another station's duties`);
  }

  /** A unique index refusing a move means the taker got a duty that day meanwhile. */
  private async applying<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('A lawyer in this swap is already on duty that day', 'lawyer_busy');
      throw err;
    }
  }

  /** Apply an accepted swap inside the caller's transaction: re-check, move both sides, or throw and move nothing. */
  private async applyInTx(m: Manager, swap: SwapRow, actor: AuthUser, note: string | null, requestId: string | undefined, auto: boolean): Promise<SwapRow> {
    const w = await this.loadWorld(m, [swap]);
    const conflicts = this.conflictsOf(swap, w, this.localNow(), true);
    if (conflicts.length) throw conflictError(conflicts);
    const at = this.ctx.clock.now();
    const decided = { status: 'applied' as const, activeKey: null, decidedBy: actor.id, decidedAt: at, decisionNote: note, updatedAt: at };
    if (!(await compareAndSetStatus(m, swap.id, statusesBefore('applied'), decided))) throw conflict('This swap has already been decided');

    const moves = swapMoves(swap).map((mv) => ({ ...mv, toLawyerId: mv.toLawyerId! }));
    const sides = moves.map((mv) => w.shifts.get(mv.shiftId)!);
    const days: StationDay[] = sides.map((s) => ({ stationId: s.stationId, date: s.date }));
    const before = await dutyBefore(m, days);
    const sameDay = sides.length === 2 && sides[0]!.date === sides[1]!.date;
    let moved = true;
    if (sameDay) {
      moved = (await parkShift(m, moves[1]!.shiftId, moves[1]!.expectVersion)) && (await moveShift(m, moves[0]!, at)) && (await moveShift(m, moves[1]!, at, sides[1]!.date));
    } else {
      for (const mv of moves) moved = moved && (await moveShift(m, mv, at));
    }
    if (!moved) throw conflict('The shifts changed while the swap was being applied; nothing was changed');

    const applied: SwapRow = { ...swap, ...decided };
    await recordAudit(m, this.ctx.clock, {
      actor,
      action: 'swap.apply',
      entity: 'swap',
      entityId: swap.id,
      details: {
        type: swap.type,
        auto,
        note,
        moves: moves.map((mv) => ({ shiftId: mv.shiftId, from: mv.fromLawyerId, to: mv.toLawyerId, version: mv.expectVersion + 1 })),
      },
      requestId,
    });
    await this.supersede(m, moves.map((mv) => mv.shiftId), swap.id, actor, requestId);
    const story = await this.story(m, applied);
    await tellLawyers(m, this.ctx.clock, [swap.fromLawyerId, swap.toLawyerId!], applied, 'applied', swapMessages.applied(story));
    await notifyBookedWorkersOfLawyerChange(m, this.ctx.clock, swap.id, days, before, w.stations);
    return applied;
  }

  /** Live swaps over shifts that just changed hands can never apply: close them, saying why. */
  private async supersede(m: Manager, shiftIds: number[], exceptId: number, actor: AuthUser, requestId?: string) {
    const at = this.ctx.clock.now();
    for (const other of await liveSwapsOverShifts(m, shiftIds, exceptId)) {
      const reason = `superseded by swap ${exceptId}`;
      if (!(await compareAndSetStatus(m, other.id, statusesBefore('cancelled'), { status: 'cancelled', activeKey: null, reason, decidedAt: at, updatedAt: at }))) continue;
      await recordAudit(m, this.ctx.clock, { actor, action: 'swap.supersede', entity: 'swap', entityId: other.id, details: { by: exceptId }, requestId });
      const closed = { ...other, status: 'cancelled' as const, reason };
      await tellLawyers(m, this.ctx.clock, [other.fromLawyerId, ...(other.toLawyerId ? [other.toLawyerId] : [])], closed, 'cancelled', swapMessages.cancelled(await this.story(m, closed)));
    }
  }

  async reject(id: number, note: string | undefined, actor: AuthUser, requestId?: string): Promise<Swap> {
    return this.ctx.db.tx(async (m) => {
      const swap = await findSwapForUpdate(m, this.ctx.db.kind, id);
      if (!swap) throw notFound('No such swap');
      await this.assertManagesSwap(m, actor, swap, 'decide it');
      if (!isLive(swap.status)) throw conflict(`This swap is already ${swap.status}`);
      const at = this.ctx.clock.now();
      const set = { status: 'rejected' as const, activeKey: null, decidedBy: actor.id, decidedAt: at, decisionNote: note ?? null, updatedAt: at };
      if (!(await compareAndSetStatus(m, id, statusesBefore('rejected'), set))) throw conflict('This swap has already been decided');
      const rejected = { ...swap, ...set };
      await recordAudit(m, this.ctx.clock, { actor, action: 'swap.reject', entity: 'swap', entityId: id, details: { statusBefore: swap.status, note: note ?? null }, requestId });
      const involved = [swap.fromLawyerId, ...(swap.toLawyerId ? [swap.toLawyerId] : [])];
      await tellLawyers(m, this.ctx.clock, involved, rejected, 'rejected', swapMessages.rejected(await this.story(m, rejected)));
      return this.presentOne(m, rejected, actor);
    });
  }

  /** The named colleague says no: the swap ends, the shift stays with the requester, who is told. */
  async decline(id: number, note: string | undefined, actor: AuthUser, requestId?: string): Promise<Swap> {
    return this.ctx.db.tx(async (m) => {
      const swap = await findSwapForUpdate(m, this.ctx.db.kind, id);
      if (!swap) throw notFound('No such swap');
      const problem = checkDecline(swap, actor);
      if (problem) throw problemError(problem);
      const at = this.ctx.clock.now();
      const set = { status: 'declined' as const, activeKey: null, decidedBy: actor.id, decidedAt: at, decisionNote: note ?? null, updatedAt: at };
      if (!(await compareAndSetStatus(m, id, statusesBefore('declined'), set))) throw conflict('This swap has already been decided');
      const declined = { ...swap, ...set };
      await recordAudit(m, this.ctx.clock, { actor, action: 'swap.decline', entity: 'swap', entityId: id, details: { by: actor.lawyerId, note: note ?? null }, requestId });
      await tellLawyers(m, this.ctx.clock, [swap.fromLawyerId], declined, 'declined', swapMessages.declined(await this.story(m, declined)));
      return this.presentOne(m, declined, actor);
    });
  }

  async cancel(id: number, note: string | undefined, actor: AuthUser, requestId?: string): Promise<Swap> {
    return this.ctx.db.tx(async (m) => {
      const swap = await findSwapForUpdate(m, this.ctx.db.kind, id);
      if (!swap) throw notFound('No such swap');
      const asParty = (actor.lawyerId !== null && actor.lawyerId === swap.fromLawyerId) || actor.id === swap.requestedBy;
      if (!asParty && isManager(actor)) await this.assertManagesSwap(m, actor, swap, 'cancel it');
      else if (!asParty) throw forbidden('Only the requester, or a coordinator, may cancel a swap');
      if (!isLive(swap.status)) throw conflict(`This swap is already ${swap.status}`);
      const at = this.ctx.clock.now();
      const set = { status: 'cancelled' as const, activeKey: null, reason: note ?? null, decidedAt: at, updatedAt: at };
      if (!(await compareAndSetStatus(m, id, statusesBefore('cancelled'), set))) throw conflict('This swap has already been decided');
      const cancelled = { ...swap, ...set };
      await recordAudit(m, this.ctx.clock, { actor, action: 'swap.cancel', entity: 'swap', entityId: id, details: { statusBefore: swap.status, note: note ?? null }, requestId });
      if (swap.toLawyerId) await tellLawyers(m, this.ctx.clock, [swap.toLawyerId], cancelled, 'cancelled', swapMessages.cancelled(await this.story(m, cancelled)));
      return this.presentOne(m, cancelled, actor);
    });
  }

  // ---- scheduled -----------------------------------------------------------

  /**
   * Expire live swaps a day of which has passed. Each swap moves by compare-and-set, so
   * instances running this at once expire (and tell) each swap exactly once.
   */
  async expireDue(): Promise<{ expired: number }> {
    const today = this.localNow().date;
    const due = await this.ctx.db.read((m) => liveSwapsBefore(m, today));
    let expired = 0;
    for (const s of due) {
      const done = await this.ctx.db.tx(async (m) => {
        if (!isExpired(s, today)) return false;
        const at = this.ctx.clock.now();
        const set = { status: 'expired' as const, activeKey: null, reason: 'the shift’s day passed', decidedAt: at, updatedAt: at };
        if (!(await compareAndSetStatus(m, s.id, statusesBefore('expired'), set))) return false;
        const row = { ...s, ...set };
        await recordAudit(m, this.ctx.clock, { actor: null, action: 'swap.expire', entity: 'swap', entityId: s.id, details: { statusBefore: s.status, today }, requestId: 'job:swap-expiry' });
        await tellLawyers(m, this.ctx.clock, [s.fromLawyerId, ...(s.toLawyerId ? [s.toLawyerId] : [])], row, 'expired', swapMessages.expired(await this.story(m, row)));
        return true;
      });
      if (done) expired++;
    }
    return { expired };
  }

  /** Remind the colleagues who could take an open offer, once, when it is still untaken close to its day. */
  async remindOpenOffers(): Promise<{ offers: number; reminded: number }> {
    const today = this.localNow().date;
    const offers = await this.ctx.db.read((m) => openOffersBetween(m, addDays(today, 1), addDays(today, OFFER_REMINDER_DAYS)));
    let reminded = 0;
    for (const o of offers) {
      reminded += await this.ctx.db.tx(async (m) => {
        const swap = await m.findOneBy(SwapEntity, { id: o.id });
        const shift = swap && isOpenOffer(swap) ? await m.findOneBy(ShiftEntity, { id: swap.shiftId }) : null;
        if (!swap || !shift) return 0;
        const eligible = await this.candidatesFor(m, shift, [swap.fromLawyerId]);
        return tellLawyers(m, this.ctx.clock, eligible.map((c) => c.lawyerId), swap, 'reminder', swapMessages.offerReminder(await this.story(m, swap)));
      });
    }
    return { offers: offers.length, reminded };
  }
}
