/** A synthetic district for benchmarks: 1 district, 10 towns, 142 villages (153 stations), N lawyers. */
export interface BenchNetwork {
  stations: { id: number; level: 'district' | 'town' | 'village' }[];
  lawyers: { id: number; name: string; stationIds: number[]; maxShiftsPerMonth: number | null; active: boolean; unavailable: { from: string; to: string }[] }[];
  rotations: { id: number; stationId: number; name: string; rrule: string; startDate: string; lawyerIds: number[]; lawyersPerDay: number; shiftStart: string; shiftEnd: string }[];
}

export function benchNetwork(lawyerCount = 80, year = 2026): BenchNetwork {
  const stations: BenchNetwork['stations'] = [{ id: 1, level: 'district' }];
  for (let i = 0; i < 10; i++) stations.push({ id: 2 + i, level: 'town' });
  for (let i = 0; i < 142; i++) stations.push({ id: 12 + i, level: 'village' });
  const lawyers: BenchNetwork['lawyers'] = [];
  for (let i = 0; i < lawyerCount; i++) {
    const stationIds = [1, 2 + (i % 10), 2 + ((i + 3) % 10)];
    for (let v = 0; v < 142; v++) if (v % lawyerCount === i || v % 20 === i % 20) stationIds.push(12 + v);
    lawyers.push({
      id: i + 1,
      name: `L${i + 1}`,
      stationIds: [...new Set(stationIds)],
      maxShiftsPerMonth: i % 7 === 0 ? 8 : null,
      active: true,
      unavailable: i % 5 === 0 ? [{ from: `${year}-0${1 + (i % 9)}-10`, to: `${year}-0${1 + (i % 9)}-16` }] : [],
    });
  }
  const serving = (sid: number) => lawyers.filter((l) => l.stationIds.includes(sid)).map((l) => l.id);
  const rotations: BenchNetwork['rotations'] = [];
  const days = ['MO,WE', 'TU,TH', 'WE,FR', 'MO,TH', 'TU,FR'];
  rotations.push({ id: 1, stationId: 1, name: 'district', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', startDate: `${year}-01-01`, lawyerIds: serving(1), lawyersPerDay: 1, shiftStart: '09:00', shiftEnd: '17:30' });
  for (let i = 0; i < 10; i++) {
    rotations.push({ id: 2 + i, stationId: 2 + i, name: 'town', rrule: `FREQ=WEEKLY;BYDAY=${days[i % 5]}`, startDate: `${year}-01-01`, lawyerIds: serving(2 + i), lawyersPerDay: 1, shiftStart: '09:00', shiftEnd: '17:00' });
  }
  for (let v = 0; v < 142; v++) {
    rotations.push({ id: 12 + v, stationId: 12 + v, name: 'village', rrule: `FREQ=MONTHLY;BYDAY=${(v % 4) + 1}${['TU', 'TH'][v % 2]}`, startDate: `${year}-01-01`, lawyerIds: serving(12 + v), lawyersPerDay: 1, shiftStart: '09:00', shiftEnd: '11:30' });
  }
  return { stations, lawyers, rotations };
}
