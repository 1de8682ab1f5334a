import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Station, StationLevel } from '../../api/client';
import { LEVELS, shortStationName } from '../stations/stationTree';

interface Props {
  stations: readonly Station[];
  colours: Map<number, string>;
  selected: ReadonlySet<number>;
  onChange: (next: Set<number>) => void;
}

/** Stations by level, each with its calendar colour and a checkbox; a level box toggles the whole level. */
export function StationFilter({ stations, colours, selected, onChange }: Props) {
  const { t } = useTranslation();
  const [villagesOpen, setVillagesOpen] = useState(false);
  const byLevel = (level: StationLevel) => stations.filter((s) => s.level === level);

  const setMany = (ids: number[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };

  return (
    <aside className="station-filter card" aria-labelledby="station-filter-title">
      <div className="station-filter-head">
        <h2 id="station-filter-title">{t('coverage.filter')}</h2>
        <span className="station-filter-bulk">
          <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(new Set(stations.map((s) => s.id)))}>
            {t('coverage.selectAll')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(new Set())}>
            {t('coverage.selectNone')}
          </button>
        </span>
      </div>
      {LEVELS.map((level) => {
        const list = byLevel(level);
        if (list.length === 0) return null;
        const ids = list.map((s) => s.id);
        const count = ids.filter((id) => selected.has(id)).length;
        const group = (
          <ul className="filter-list">
            {list.map((s) => (
              <li key={s.id}>
                <label className="check" title={s.name}>
                  <input
                    type="checkbox"
                    checked={selected.has(s.id)}
                    aria-label={s.name}
                    onChange={(e) => setMany([s.id], e.target.checked)}
                  />
                  <span className="swatch" style={{ background: colours.get(s.id) }} aria-hidden="true" />
                  {shortStationName(s.name)}
                </label>
              </li>
            ))}
          </ul>
        );
        const levelBox = (
          <label className="check filter-level">
            <input
              type="checkbox"
              checked={count === ids.length}
              ref={(el) => {
                if (el) el.indeterminate = count > 0 && count < ids.length;
              }}
              onChange={(e) => setMany(ids, e.target.checked)}
            />
            {t(`levelPlural.${level}`)} ({count}/{ids.length})
          </label>
        );
        return (
          <fieldset key={level} className="filter-level-group">
            <legend className="visually-hidden">{t(`levelPlural.${level}`)}</legend>
            {level === 'village' ? (
              // The many villages fold away. Their level box stays outside the button that unfolds
              // them: a checkbox inside a <summary> is a control inside a control, which screen
              // readers and keyboards cannot reach or name properly.
              <>
                <div className="filter-level-head">
                  {levelBox}
                  <button
                    type="button"
                    className="btn btn-small btn-ghost filter-fold"
                    aria-expanded={villagesOpen}
                    aria-controls="station-filter-villages"
                    onClick={() => setVillagesOpen((open) => !open)}
                  >
                    <span aria-hidden="true">{villagesOpen ? '▾' : '▸'}</span> {t(villagesOpen ? 'coverage.foldVillages' : 'coverage.unfoldVillages')}
                    <span className="visually-hidden"> {t('levelPlural.village')}</span>
                  </button>
                </div>
                <div id="station-filter-villages" hidden={!villagesOpen}>
                  {group}
                </div>
              </>
            ) : (
              <>
                {levelBox}
                {group}
              </>
            )}
          </fieldset>
        );
      })}
    </aside>
  );
}
