import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Station } from '../../api/client';
import { groupStations, telHref } from './bookingModel';
import { UiIcon } from './icons';

interface Props {
  stations: readonly Station[];
  onPick: (station: Station) => void;
}

/** District first, then each town with its villages folded beneath it. */
export function StationList({ stations, onPick }: Props) {
  const { t } = useTranslation();
  const groups = groupStations(stations);
  if (groups.districts.length + groups.towns.length + groups.orphanVillages.length === 0) {
    return <p className="alert alert-info">{t('book.station.none')}</p>;
  }
  return (
    <div className="station-picker">
      {groups.districts.length > 0 && (
        <section aria-labelledby="pick-district">
          <h3 id="pick-district">{t('book.station.districtHeading')}</h3>
          <ul className="pick-list">
            {groups.districts.map((s) => (
              <StationItem key={s.id} station={s} onPick={onPick} />
            ))}
          </ul>
        </section>
      )}
      {(groups.towns.length > 0 || groups.orphanVillages.length > 0) && (
        <section aria-labelledby="pick-towns">
          <h3 id="pick-towns">{t('book.station.townHeading')}</h3>
          <ul className="pick-list">
            {groups.towns.map(({ town, villages }) => (
              <StationItem key={town.id} station={town} onPick={onPick}>
                {villages.length > 0 && (
                  <details className="village-fold">
                    <summary>{t('book.station.villages', { count: villages.length })}</summary>
                    <ul className="pick-list pick-list-villages">
                      {villages.map((v) => (
                        <StationItem key={v.id} station={v} onPick={onPick} />
                      ))}
                    </ul>
                  </details>
                )}
              </StationItem>
            ))}
            {groups.orphanVillages.map((v) => (
              <StationItem key={v.id} station={v} onPick={onPick} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** A network of many districts: the district stations first; picking one lists its stations. */
export function DistrictList({ districts, onPick }: { districts: readonly Station[]; onPick: (district: Station) => void }) {
  const { t } = useTranslation();
  const active = districts.filter((d) => d.active);
  if (active.length === 0) return <p className="alert alert-info">{t('book.station.none')}</p>;
  return (
    <section className="station-picker" aria-labelledby="pick-districts">
      <h3 id="pick-districts">{t('book.station.districtsHeading')}</h3>
      <ul className="pick-list">
        {active.map((d) => (
          <StationItem key={d.id} station={d} onPick={onPick} pickLabel={t('book.station.pickDistrict')} />
        ))}
      </ul>
    </section>
  );
}

function StationItem({ station, onPick, pickLabel, children }: { station: Station; onPick: (s: Station) => void; pickLabel?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const nameId = useId();
  return (
    <li className={`pick-station level-${station.level}`}>
      <h4 className="pick-station-name" id={nameId}>{station.name}</h4>
      {station.address && <p className="pick-station-address">{station.address}</p>}
      <div className="pick-station-actions">
        <button
          type="button"
          className="btn btn-primary btn-big"
          aria-describedby={nameId}
          onClick={() => onPick(station)}
        >
          {pickLabel ?? t('book.station.pick')}
        </button>
        {station.phone && (
          <a className="btn btn-big btn-call" href={telHref(station.phone)}>
            <UiIcon name="phone" /> {t('book.station.call')} <span className="nowrap">{station.phone}</span>
          </a>
        )}
      </div>
      {children}
    </li>
  );
}
