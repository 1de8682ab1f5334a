import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Station } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useRevealOnPhone } from '../../lib/useRevealOnPhone';
import { StationForm } from './StationForm';
import { buildStationTree, managedStations, openHoursRuns, parentChain, type StationTree } from './stationTree';
import { useStations } from './useStations';

type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';
type Editing = { station: Station | null } | null;

export default function StationsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const stations = useStations(showInactive);
  const editorRef = useRevealOnPhone<HTMLElement>(editing ? (editing.station?.id ?? 'new') : null);

  // A district's coordinator sees and changes their own district's stations (the server's rule); the network's, all.
  const managed = user?.role === 'coordinator' ? managedStations(user, stations.data ?? []) : null;
  const shown = stations.data && managed ? stations.data.filter((s) => managed.has(s.id)) : stations.data;
  const tree = shown ? buildStationTree(shown) : null;

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t('stations.title')}</h1>
          <p className="muted">{t('stations.subtitle')}</p>
        </div>
        <div className="page-actions">
          <label className="check">
            <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
            {t('common.showInactive')}
          </label>
          {/* Closures (a typhoon, a move) and extra days are the coordinators' to record. */}
          {user?.role === 'coordinator' && (
            <Link className="btn" to="/stations/closures">
              {t('closures.link')}
            </Link>
          )}
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ station: null })}>
            {t('stations.new')}
          </button>
        </div>
      </header>

      <div className={editing ? 'split split-open' : 'split'}>
        {editing && (
          <aside
            ref={editorRef}
            className="split-side"
            aria-label={editing.station ? t('stations.editTitle', { name: editing.station.name }) : t('stations.newTitle')}
          >
            <StationForm
              key={editing.station?.id ?? 'new'}
              station={editing.station}
              stations={shown ?? []}
              onDone={() => setEditing(null)}
              onCancel={() => setEditing(null)}
            />
          </aside>
        )}
        <div className="split-main">
          {stations.isPending && <Loading />}
          <ErrorMessage error={stations.error} onRetry={() => void stations.refetch()} />
          {tree && stations.data?.length === 0 && <p className="muted">{t('stations.empty')}</p>}
          {tree && <StationTreeView tree={tree} onEdit={(s) => setEditing({ station: s })} />}
        </div>
      </div>
    </section>
  );
}

function StationTreeView({ tree, onEdit }: { tree: StationTree; onEdit: (s: Station) => void }) {
  const { t } = useTranslation();
  const { district, town, village } = tree.byLevel;
  const villagesByParent = new Map<number, Station[]>();
  for (const v of village) if (v.parentId !== null) villagesByParent.set(v.parentId, [...(villagesByParent.get(v.parentId) ?? []), v]);
  // Village groups follow the order of their parents (the district, then the towns).
  const villageParents = [...district, ...town].filter((s) => villagesByParent.has(s.id));
  const orphanVillages = village.filter((v) => !villageParents.some((p) => p.id === v.parentId));

  return (
    <div className="station-tree">
      {district.length > 0 && (
        <section className="level-section" aria-labelledby="level-district">
          <h2 id="level-district">
            {t('levelPlural.district')} <span className="count">{t('stations.count', { count: district.length })}</span>
          </h2>
          <ul className="station-list">
            {district.map((s) => (
              <StationCard key={s.id} station={s} tree={tree} onEdit={onEdit} />
            ))}
          </ul>
        </section>
      )}
      {town.length > 0 && (
        <section className="level-section" aria-labelledby="level-town">
          <h2 id="level-town">
            {t('levelPlural.town')} <span className="count">{t('stations.count', { count: town.length })}</span>
          </h2>
          <ul className="station-list station-grid">
            {town.map((s) => (
              <StationCard key={s.id} station={s} tree={tree} onEdit={onEdit} />
            ))}
          </ul>
        </section>
      )}
      {village.length > 0 && (
        <section className="level-section" aria-labelledby="level-village">
          <h2 id="level-village">
            {t('levelPlural.village')} <span className="count">{t('stations.count', { count: village.length })}</span>
          </h2>
          {[...villageParents, ...(orphanVillages.length ? [null] : [])].map((parent) => {
            const list = parent ? (villagesByParent.get(parent.id) ?? []) : orphanVillages;
            return (
              <details key={parent?.id ?? 'orphans'} className="village-group">
                <summary>
                  {parent ? parent.name : t('stations.fields.parentNone')} ·{' '}
                  {t('stations.villagesUnder', { count: list.length })}
                </summary>
                <ul className="station-list station-grid">
                  {list.map((s) => (
                    <StationCard key={s.id} station={s} tree={tree} onEdit={onEdit} />
                  ))}
                </ul>
              </details>
            );
          })}
        </section>
      )}
    </div>
  );
}

function StationCard({ station, tree, onEdit }: { station: Station; tree: StationTree; onEdit: (s: Station) => void }) {
  const { t } = useTranslation();
  const chain = parentChain(station, tree.byId);
  const runs = openHoursRuns(station.openHours);
  const day = (wd: number) => t(`weekday.${String(wd) as Weekday}`);
  return (
    <li className={`station-card level-${station.level}${station.active ? '' : ' is-inactive'}`} data-level={station.level}>
      <div className="station-card-head">
        <h3 className="station-name">{station.name}</h3>
        <button type="button" className="btn btn-small" onClick={() => onEdit(station)} aria-label={`${t('common.edit')} ${station.name}`}>
          {t('common.edit')}
        </button>
      </div>
      <p className="station-meta">
        <span className={`badge badge-${station.level}`}>{t(`level.${station.level}`)}</span>
        <code className="station-code">{station.code}</code>
        {!station.active && <span className="badge badge-muted">{t('stations.inactiveBadge')}</span>}
        {station.swapAutoApprove && <span className="badge badge-soft">{t('stations.autoApprove')}</span>}
      </p>
      {chain.length > 0 && (
        <p className="station-chain">
          <span className="muted">
            {t('stations.parentChain')}
            {t('common.colon')}
          </span>
          {chain.map((p) => p.name).join(' › ')}
        </p>
      )}
      {(station.address || station.phone) && (
        <p className="station-contact">
          {station.address}
          {station.address && station.phone && ' · '}
          {station.phone && <a href={`tel:${station.phone.replace(/[^\d+]/g, '')}`}>{station.phone}</a>}
        </p>
      )}
      <p className="station-hours">
        {runs.length === 0
          ? t('stations.openHoursNone')
          : runs.map((r) => `${r.from === r.to ? day(r.from) : `${day(r.from)}–${day(r.to)}`} ${r.times}`).join('；')}
      </p>
      <p className="muted small">{t('stations.slotInfo', { minutes: station.slotMinutes, seats: station.seatsPerSlot })}</p>
      <p className="station-card-foot">
        {/* The wall poster is a public page with no scripts: a plain link, printed from the browser. */}
        <a
          className="btn btn-small"
          href={`/api/stations/${station.id}/poster`}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t('stations.posterLabel', { name: station.name })}
        >
          {t('stations.poster')}
        </a>
      </p>
    </li>
  );
}
