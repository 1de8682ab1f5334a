/** Which stations the roster builder lets a coordinator make and publish: the server's rule (scope.ts), shown before asking. */
import { describe, expect, it } from 'vitest';
import type { Station } from '../../../client/src/api/client.js';
import { managedStations } from '../../../client/src/features/stations/stationTree.js';

const station = (id: number, level: Station['level'], parentId: number | null) => ({ id, level, parentId, name: `站${id}`, code: `S${id}`, active: true }) as Station;
// Two districts: 1 (towns 2, 3; village 4 under 2) and 10 (town 11).
const city = [station(1, 'district', null), station(2, 'town', 1), station(3, 'town', 1), station(4, 'village', 2), station(10, 'district', null), station(11, 'town', 10)];

describe('managedStations', () => {
  it('is every station for the network’s own coordinators', () => {
    expect(managedStations({ stationId: null, actsForWholeNetwork: true }, city)).toBeNull();
    expect(managedStations({ stationId: 1, actsForWholeNetwork: true }, city)).toBeNull();
    expect(managedStations(null, city)).toBeNull();
  });

  it('is the station a coordinator is posted at and everything under it', () => {
    expect([...managedStations({ stationId: 1, actsForWholeNetwork: false }, city)!].sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect([...managedStations({ stationId: 2, actsForWholeNetwork: false }, city)!].sort((a, b) => a - b)).toEqual([2, 4]);
    expect([...managedStations({ stationId: 10, actsForWholeNetwork: false }, city)!].sort((a, b) => a - b)).toEqual([10, 11]);
  });
});
