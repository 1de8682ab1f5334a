/**
 * A network of many districts (a city or a province on one deployment) is shown to staff one
 * district at a time: the coverage calendar and the roster builder list that district's
 * stations and ask the server for that district only (`stationId` + `includeChildren`).
 * With one district — the usual case — nothing changes and no choice is shown.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Station } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { buildStationTree, managedStations, parentChain } from './stationTree';

const STORAGE_KEY = 'dutyroster.district';

export interface DistrictScope {
  /** More than one district: the views are scoped and the choice is shown. */
  many: boolean;
  districts: Station[];
  /** The chosen district's station id; undefined with one district (the whole network). */
  districtId: number | undefined;
  setDistrictId: (id: number) => void;
  /** The stations in view: the chosen district's, or all. */
  stations: Station[];
  /**
   * The stations the signed-in coordinator may change (rosters, duties): null for every
   * station — the network's own coordinators — else the station they are posted at and
   * those under it (a district's coordinator in a city; the server holds the same rule).
   */
  managed: ReadonlySet<number> | null;
}

function remembered(): number | undefined {
  try {
    return Number(window.localStorage.getItem(STORAGE_KEY)) || undefined;
  } catch {
    return undefined;
  }
}

export function useDistrictScope(all: readonly Station[] | undefined): DistrictScope {
  const { user } = useAuth();
  const [chosen, setChosen] = useState<number | undefined>(remembered);
  return useMemo(() => {
    const list = all ?? [];
    const tree = buildStationTree(list);
    const districts = tree.byLevel.district.filter((d) => d.active);
    const setDistrictId = (id: number) => {
      setChosen(id);
      try {
        window.localStorage.setItem(STORAGE_KEY, String(id));
      } catch {
        /* private mode: the choice lasts for the page */
      }
    };
    const managed = managedStations(user, list);
    if (districts.length <= 1) return { many: false, districts, districtId: undefined, setDistrictId, stations: [...list], managed };
    // The chosen district, else the one the user is posted in, else the first.
    const own = user?.stationId != null ? tree.byId.get(user.stationId) : undefined;
    const ownDistrict = own ? (own.level === 'district' ? own : parentChain(own, tree.byId).find((s) => s.level === 'district')) : undefined;
    const district = districts.find((d) => d.id === chosen) ?? (ownDistrict && districts.find((d) => d.id === ownDistrict.id)) ?? districts[0]!;
    const inside = new Set<number>([district.id]);
    for (const id of inside) for (const child of tree.children.get(id) ?? []) inside.add(child.id);
    return { many: true, districts, districtId: district.id, setDistrictId, stations: list.filter((s) => inside.has(s.id)), managed };
  }, [all, chosen, user]);
}

/** The district choice, shown only when there is more than one district. */
export function DistrictSelect({ scope }: { scope: DistrictScope }) {
  const { t } = useTranslation();
  if (!scope.many) return null;
  return (
    <label className="district-select">
      <span>{t('stations.district')}</span>
      <select value={scope.districtId} onChange={(e) => scope.setDistrictId(Number(e.target.value))}>
        {scope.districts.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}
