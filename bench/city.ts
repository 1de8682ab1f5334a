/**
 * A city for the scale benchmark: `districts` copies of the bench district (network.ts: 1
 * district station, 10 towns, 142 villages, 80 lawyers), each with its own stations, lawyers
 * and rotations, loaded straight into a migrated database.
 */
import type { Db } from '../server/db/db.js';
import { LawyerEntity, LawyerStationEntity } from '../server/lawyers/lawyers.entity.js';
import { RotationEntity } from '../server/rosters/rosters.entity.js';
import { StationEntity } from '../server/stations/stations.entity.js';
import { benchNetwork, type BenchNetwork } from './network.js';

export const STATIONS_PER_DISTRICT = 153;
export const LAWYERS_PER_DISTRICT = 80;

export interface CityStation {
  id: number;
  district: number;
  level: 'district' | 'town' | 'village';
  parentId: number | null;
}

export interface City extends BenchNetwork {
  stations: CityStation[];
  districts: number;
}

export function cityNetwork(districts: number, year: number): City {
  const one = benchNetwork(LAWYERS_PER_DISTRICT, year);
  const stations: CityStation[] = [];
  const lawyers: City['lawyers'] = [];
  const rotations: City['rotations'] = [];
  for (let k = 0; k < districts; k++) {
    const s = k * STATIONS_PER_DISTRICT;
    const l = k * LAWYERS_PER_DISTRICT;
    for (const st of one.stations) {
      // In network.ts station 1 is the district, 2–11 the towns, 12–153 the villages (village v under town 2 + v % 10).
      const parentId = st.level === 'district' ? null : st.level === 'town' ? s + 1 : s + 2 + ((st.id - 12) % 10);
      stations.push({ id: s + st.id, district: k, level: st.level, parentId });
    }
    for (const lw of one.lawyers) {
      lawyers.push({ ...lw, id: l + lw.id, name: `D${k + 1}-${lw.name}`, stationIds: lw.stationIds.map((id) => s + id) });
    }
    for (const r of one.rotations) {
      rotations.push({ ...r, id: s + r.id, stationId: s + r.stationId, name: `D${k + 1} ${r.name}`, lawyerIds: r.lawyerIds.map((id) => l + id) });
    }
  }
  return { districts, stations, lawyers, rotations };
}

const HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '12:00' },
  { weekday, start: '14:00', end: '17:30' },
]);

const LEVEL_NAME = { district: '维权站', town: '工作站', village: '服务点' } as const;

export async function seedCity(db: Db, city: City): Promise<void> {
  const now = new Date();
  const chunks = <T>(rows: T[], size = 300) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  await db.tx(async (m) => {
    // Parents first: district stations, then towns, then villages.
    for (const level of ['district', 'town', 'village'] as const) {
      const rows = city.stations
        .filter((s) => s.level === level)
        .map((s) => ({
          id: s.id,
          code: `C-${s.id}`,
          name: `${s.district + 1}区${s.id}号${LEVEL_NAME[s.level]}`,
          level: s.level,
          parentId: s.parentId,
          divisionCode: null,
          address: `第${s.district + 1}区 ${s.id} 号`,
          phone: '0851-00000000',
          openHours: HOURS as never,
          slotMinutes: 30,
          seatsPerSlot: 2,
          swapAutoApprove: false,
          active: true,
          createdAt: now,
          updatedAt: now,
        }));
      for (const part of chunks(rows)) await m.insert(StationEntity, part);
    }
    for (const part of chunks(city.lawyers)) {
      await m.insert(
        LawyerEntity,
        part.map((l) => ({ id: l.id, name: l.name, phone: '', firm: 'F', specialties: [] as never, maxShiftsPerMonth: l.maxShiftsPerMonth, active: true, createdAt: now, updatedAt: now })),
      );
    }
    const links = city.lawyers.flatMap((l) => l.stationIds.map((stationId) => ({ lawyerId: l.id, stationId })));
    for (const part of chunks(links)) await m.insert(LawyerStationEntity, part);
    for (const part of chunks(city.rotations, 100)) {
      await m.insert(RotationEntity, part.map((r) => ({ ...r, lawyerIds: r.lawyerIds as never, active: true, createdAt: now, updatedAt: now })));
    }
  });
}
