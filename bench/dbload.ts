/** Loading benchmark data straight into a migrated database. */
import type { Db } from '../server/db/db.js';
import { LawyerEntity, LawyerStationEntity } from '../server/lawyers/lawyers.entity.js';
import { StationEntity } from '../server/stations/stations.entity.js';
import { RotationEntity, ShiftEntity } from '../server/rosters/rosters.entity.js';
import type { BenchNetwork } from './network.js';

const HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '12:00' },
  { weekday, start: '14:00', end: '17:30' },
]);

export async function seedBenchNetwork(db: Db, net: BenchNetwork, opts: { seatsPerSlot?: number } = {}) {
  const now = new Date();
  await db.tx(async (m) => {
    for (const s of net.stations) {
      await m.insert(StationEntity, {
        id: s.id,
        code: `B-${s.id}`,
        name: `站 ${s.id}`,
        level: s.level,
        parentId: s.level === 'district' ? null : s.level === 'town' ? 1 : 2 + ((s.id - 12) % 10),
        divisionCode: null,
        address: '',
        phone: '',
        openHours: HOURS as never,
        slotMinutes: 30,
        seatsPerSlot: opts.seatsPerSlot ?? 2,
        swapAutoApprove: false,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
    }
    for (const l of net.lawyers) {
      await m.insert(LawyerEntity, { id: l.id, name: l.name, phone: '', firm: 'F', specialties: [] as never, maxShiftsPerMonth: l.maxShiftsPerMonth, active: true, createdAt: now, updatedAt: now });
      await m.insert(LawyerStationEntity, l.stationIds.map((stationId) => ({ lawyerId: l.id, stationId })));
    }
    for (const r of net.rotations) {
      await m.insert(RotationEntity, { ...r, lawyerIds: r.lawyerIds as never, active: true, createdAt: now, updatedAt: now });
    }
  });
}

export async function writeShifts(db: Db, shifts: { stationId: number; date: string; lawyerId: number; rotationId: number; start: string; end: string }[]) {
  const now = new Date();
  const rows = shifts.map((s) => ({ ...s, month: s.date.slice(0, 7), seat: 1, status: 'published' as const, source: 'rotation' as const, version: 1, createdAt: now, updatedAt: now }));
  await db.tx(async (m) => {
    for (let i = 0; i < rows.length; i += 300) await m.insert(ShiftEntity, rows.slice(i, i + 300));
  });
  return rows.length;
}
