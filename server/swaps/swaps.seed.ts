/**
 * Demo swaps on the demo's published roster, so /my-duty and the coordinators' inbox
 * have something in them: lawyer1 offers a day to everyone, is offered one by name and
 * asks for an exchange; one swap waits for approval and one has been applied.
 * Everything goes through SwapsService, so the demo obeys the same rules as users.
 */
import type { AppContext } from '../context.js';
import { AppError } from '../http/errors.js';
import { presentUser } from '../auth/users.service.js';
import { UserEntity } from '../auth/users.entity.js';
import type { AuthUser } from '../auth/policy.js';
import { addDays } from '../lib/dates.js';
import { shiftsBetween } from '../rosters/rosters.repository.js';
import type { ShiftRow } from '../rosters/rosters.entity.js';
import { officeHoursNow, type DemoNetwork, type DemoStep } from '../seed/demo.js';
import { SwapsService } from './swaps.service.js';
import type { CreateSwapInput, Swap } from './swaps.schema.js';

/** Try each pick in turn until the rules accept one (a demo lawyer may be away or at their cap). */
async function firstThatWorks<T>(picks: T[], attempt: (p: T) => Promise<Swap>, limit = 40): Promise<Swap | null> {
  for (const p of picks.slice(0, limit)) {
    try {
      return await attempt(p);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return null;
}

export const swapDemoStep: DemoStep = {
  name: 'swaps',
  async run(demoCtx: AppContext, net: DemoNetwork) {
    // Asked during office hours, not whenever the demo happened to start.
    const asked = officeHoursNow(demoCtx.clock.now(), demoCtx.config.timeZone);
    const ctx: AppContext = { ...demoCtx, clock: { now: () => new Date(asked) } };
    const swaps = new SwapsService(ctx);
    const users = await ctx.db.read((m) => m.find(UserEntity));
    const coordinatorRow = users.find((u) => u.role === 'coordinator');
    const asLawyer = (lawyerId: number): AuthUser | null => {
      const u = users.find((x) => x.lawyerId === lawyerId);
      return u ? presentUser(u) : null;
    };
    const shifts = await ctx.db.read((m) => shiftsBetween(m, addDays(net.today, 3), addDays(net.today, 45), { status: 'published' }));
    if (!coordinatorRow || shifts.length === 0) return;
    const coordinator = presentUser(coordinatorRow);
    const [l1, ...others] = net.lawyerIds;
    if (l1 === undefined) return;
    const used = new Set<number>();
    const free = (s: ShiftRow) => !used.has(s.id);
    const ask = async (owner: number, input: CreateSwapInput) => {
      const actor = asLawyer(owner);
      if (!actor) throw new AppError(409, 'conflict', 'no user for this lawyer');
      const swap = await swaps.create(input, actor, 'demo');
      used.add(input.shiftId);
      if (input.toShiftId) used.add(input.toShiftId);
      return swap;
    };
    const mine = shifts.filter((s) => s.lawyerId === l1);
    const theirs = shifts.filter((s) => s.lawyerId !== l1);

    // 1. lawyer1 offers a day to anyone who can take it.
    await firstThatWorks(mine.filter(free), (s) => ask(l1, { shiftId: s.id, type: 'giveaway', note: '当天需出庭，望同事帮忙' }));
    // 2. A colleague offers lawyer1 a day by name.
    await firstThatWorks(theirs.filter(free), (s) => ask(s.lawyerId, { shiftId: s.id, type: 'giveaway', toLawyerId: l1, note: '家中有事' }));
    // 3. lawyer1 asks to exchange a day with a colleague's.
    const pairs = mine.filter(free).flatMap((a) => theirs.filter((b) => free(b) && b.date !== a.date).slice(0, 5).map((b) => [a, b] as const));
    await firstThatWorks(pairs, ([a, b]) => ask(l1, { shiftId: a.id, type: 'exchange', toShiftId: b.id, note: '想换到另一天' }));

    // An agreed giveaway; withdrawn again if the colleague turns out unable to take it.
    const agreed = async (s: ShiftRow, to: number, note?: string) => {
      const asked = await ask(s.lawyerId, { shiftId: s.id, type: 'giveaway', toLawyerId: to, note });
      try {
        return await swaps.accept(asked.id, undefined, asLawyer(to)!, 'demo');
      } catch (err) {
        await swaps.cancel(asked.id, 'demo', coordinator, 'demo');
        throw err;
      }
    };
    const pairOf = (s: ShiftRow) => others.filter((id) => id !== s.lawyerId).map((to) => [s, to] as const);
    // 4. Two colleagues agreed; it waits for a coordinator (the district station does not auto-approve).
    const manual = theirs.filter((s) => free(s) && s.stationId === net.district.id).flatMap(pairOf);
    await firstThatWorks(manual, ([s, to]) => agreed(s, to));
    // 5. One that has been applied.
    const later = theirs.filter(free).reverse().flatMap(pairOf);
    await firstThatWorks(later, async ([s, to]) => {
      const accepted = await agreed(s, to, '临时出差');
      return accepted.status === 'applied' ? accepted : swaps.approve(accepted.id, '已核实', coordinator, 'demo');
    });
  },
};
