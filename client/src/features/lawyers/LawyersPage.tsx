import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lawyer } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useRevealOnPhone } from '../../lib/useRevealOnPhone';
import { shortStationName } from '../stations/stationTree';
import { useStations } from '../stations/useStations';
import { LawyerForm } from './LawyerForm';
import { UnavailabilityPanel } from './UnavailabilityPanel';
import { useLawyers } from './useLawyers';

type Editing = { lawyer: Lawyer | null } | null;

export default function LawyersPage() {
  const { t } = useTranslation();
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const lawyers = useLawyers(showInactive);
  const editorRef = useRevealOnPhone<HTMLElement>(editing ? (editing.lawyer?.id ?? 'new') : null);
  const stations = useStations(true);
  const stationById = new Map((stations.data ?? []).map((s) => [s.id, s]));

  // Keep the open editor on the fresh copy after a save.
  const editingLawyer = editing?.lawyer ? (lawyers.data?.find((l) => l.id === editing.lawyer!.id) ?? editing.lawyer) : null;

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t('lawyers.title')}</h1>
          <p className="muted">{t('lawyers.subtitle')}</p>
        </div>
        <div className="page-actions">
          <label className="check">
            <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
            {t('common.showInactive')}
          </label>
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ lawyer: null })}>
            {t('lawyers.new')}
          </button>
        </div>
      </header>

      <div className={editing ? 'split split-open' : 'split'}>
        {editing && (
          <aside
            ref={editorRef}
            className="split-side"
            aria-label={editingLawyer ? t('lawyers.editTitle', { name: editingLawyer.name }) : t('lawyers.newTitle')}
          >
            <LawyerForm
              key={editingLawyer?.id ?? 'new'}
              lawyer={editingLawyer}
              stations={stations.data ?? []}
              onDone={(saved) => setEditing({ lawyer: saved })}
              onCancel={() => setEditing(null)}
            />
            {editingLawyer && <UnavailabilityPanel key={editingLawyer.id} lawyer={editingLawyer} />}
          </aside>
        )}
        <div className="split-main">
          {lawyers.isPending && <Loading />}
          <ErrorMessage error={lawyers.error} onRetry={() => void lawyers.refetch()} />
          {lawyers.data?.length === 0 && <p className="muted">{t('lawyers.empty')}</p>}
          {lawyers.data && lawyers.data.length > 0 && (
            <div className="table-wrap">
              <table className="table lawyers-table table-stack">
                <thead>
                  <tr>
                    <th scope="col">{t('lawyers.fields.name')}</th>
                    <th scope="col">{t('lawyers.fields.firm')}</th>
                    <th scope="col">{t('lawyers.fields.phone')}</th>
                    <th scope="col">{t('lawyers.fields.specialties')}</th>
                    <th scope="col">{t('lawyers.fields.stationIds')}</th>
                    <th scope="col">{t('lawyers.fields.maxShiftsPerMonth')}</th>
                    <th scope="col">{t('lawyers.fields.active')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('common.edit')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {lawyers.data.map((l) => (
                    <tr key={l.id} className={`${l.active ? '' : 'is-inactive'}${editingLawyer?.id === l.id ? ' is-selected' : ''}`}>
                      <th scope="row">{l.name}</th>
                      <td data-label={t('lawyers.fields.firm')}>{l.firm}</td>
                      <td className="nowrap" data-label={t('lawyers.fields.phone')}>
                        {l.phone}
                      </td>
                      <td data-label={t('lawyers.fields.specialties')}>
                        <span className="chips">
                          {l.specialties.map((c) => (
                            <span key={c} className="chip">
                              {t(`category.${c}`)}
                            </span>
                          ))}
                        </span>
                      </td>
                      <td data-label={t('lawyers.fields.stationIds')}>
                        {l.stationIds.length === 0 ? (
                          <span className="muted">{t('lawyers.allStations')}</span>
                        ) : (
                          <span className="chips">
                            {l.stationIds.map((id) => {
                              const s = stationById.get(id);
                              return (
                                <span key={id} className="chip chip-station" title={s?.name}>
                                  {s ? shortStationName(s.name) : `#${id}`}
                                </span>
                              );
                            })}
                          </span>
                        )}
                      </td>
                      <td className="nowrap" data-label={t('lawyers.fields.maxShiftsPerMonth')}>
                        {l.maxShiftsPerMonth === null ? (
                          <span className="muted">{t('lawyers.noCap')}</span>
                        ) : (
                          t('lawyers.monthlyCapValue', { count: l.maxShiftsPerMonth })
                        )}
                      </td>
                      <td data-label={t('lawyers.fields.active')}>
                        <span className={`badge ${l.active ? 'badge-ok' : 'badge-muted'}`}>
                          {l.active ? t('common.active') : t('common.inactive')}
                        </span>
                      </td>
                      <td className="row-actions">
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`${t('common.edit')} ${l.name}`}
                          onClick={() => setEditing({ lawyer: l })}
                        >
                          {t('common.edit')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
