/** Builders for roster generator input: each fills in what a test does not care about. */
import { WorkingCalendar } from '../../../server/calendar/workingCalendar.js';
import type {
  GenerateInput,
  GeneratedShift,
  LawyerInput,
  RotationInput,
} from '../../../server/rosters/generateRoster.js';

export const MON_FRI = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';

export function buildLawyer(overrides: Partial<LawyerInput> & { id: number }): LawyerInput {
  return {
    name: `律师${overrides.id}`,
    stationIds: [1],
    maxShiftsPerMonth: null,
    active: true,
    unavailable: [],
    ...overrides,
  };
}

export function buildRotation(overrides: Partial<RotationInput> & { id: number }): RotationInput {
  return {
    stationId: 1,
    name: `轮值${overrides.id}`,
    rrule: MON_FRI,
    startDate: '2025-01-01',
    lawyerIds: [1, 2, 3],
    lawyersPerDay: 1,
    shiftStart: '09:00',
    shiftEnd: '17:30',
    ...overrides,
  };
}

/** One station, one Mon–Fri rotation of lawyers 1–3, unless overridden. */
export function buildInput(overrides: Partial<GenerateInput> = {}): GenerateInput {
  const rotations = overrides.rotations ?? [buildRotation({ id: 1 })];
  const lawyerIds = [...new Set(rotations.flatMap((r) => r.lawyerIds))];
  const stationIds = overrides.stationIds ?? [...new Set(rotations.map((r) => r.stationId))];
  return {
    month: '2026-12',
    stationIds,
    rotations,
    lawyers: lawyerIds.map((id) => buildLawyer({ id, stationIds })),
    calendar: new WorkingCalendar(),
    existingShifts: [],
    rotationStates: [],
    fairnessCarry: [],
    ...overrides,
  };
}

export function datesOf(shifts: readonly GeneratedShift[], filter: Partial<GeneratedShift> = {}): string[] {
  return shifts
    .filter((s) => Object.entries(filter).every(([k, v]) => s[k as keyof GeneratedShift] === v))
    .map((s) => s.date);
}

export function countsByLawyer(shifts: readonly { lawyerId: number }[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const s of shifts) counts.set(s.lawyerId, (counts.get(s.lawyerId) ?? 0) + 1);
  return counts;
}
