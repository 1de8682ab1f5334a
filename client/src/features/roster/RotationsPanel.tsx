import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lawyer, Rotation, Station } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useRevealOnPhone } from '../../lib/useRevealOnPhone';
import { useLawyers } from '../lawyers/useLawyers';
import { useAuth } from '../../auth/AuthContext';
import { LEVELS, managedStations } from '../stations/stationTree';
import { useStations } from '../stations/useStations';
import { RotationForm } from './RotationForm';
import { useRuleText } from './ruleText';
import { useRemoveRotation, useRotations } from './useRoster';

type Editing = { rotation: Rotation | null; stationId?: number } | null;

/** Rotations per station: who takes turns, on which days, at what hours. */
export function RotationsPanel() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  const rotations = useRotations();
  const stations = useStations(false);
  const lawyers = useLawyers(true);
  const remove = useRemoveRotation();
  const editorRef = useRevealOnPhone<HTMLElement>(editing ? (editing.rotation?.id ?? 'new') : null);

  const allStations = stations.data ?? [];
  // A district's coordinator sees and sets up their own stations' rotations (the server's rule); the network's, every station's.
  const { user } = useAuth();
  const managed = managedStations(user, allStations);
  const stationList = managed ? allStations.filter((s) => managed.has(s.id)) : allStations;
  const lawyersById = new Map((lawyers.data ?? []).map((l) => [l.id, l]));
  const byStation = new Map<number, Rotation[]>();
  for (const r of rotations.data ?? []) byStation.set(r.stationId, [...(byStation.get(r.stationId) ?? []), r]);
  const ordered = LEVELS.flatMap((level) => stationList.filter((s) => s.level === level && byStation.has(s.id)));
  const unknown = managed ? [] : [...byStation.keys()].filter((id) => !stationList.some((s) => s.id === id));

  const onDelete = (r: Rotation, station: string) => {
    if (!window.confirm(t('roster.rotations.confirmDelete', { name: r.name, station }))) return;
    remove.mutate(r.id, { onSuccess: () => setEditing((e) => (e?.rotation?.id === r.id ? null : e)) });
  };

  return (
    <div>
      <div className="rotations-head">
        <p className="muted">{t('roster.rotations.intro')}</p>
        <button type="button" className="btn btn-primary" onClick={() => setEditing({ rotation: null })}>
          {t('roster.rotations.new')}
        </button>
      </div>
      <div className={editing ? 'split split-open' : 'split'}>
        {editing && (
          <aside ref={editorRef} className="split-side" aria-label={editing.rotation ? t('roster.rotations.editTitle', { name: editing.rotation.name }) : t('roster.rotations.newTitle')}>
            <RotationForm
              key={editing.rotation?.id ?? `new-${editing.stationId ?? ''}`}
              rotation={editing.rotation}
              initialStationId={editing.stationId}
              stations={stationList}
              lawyers={lawyers.data ?? []}
              onDone={() => setEditing(null)}
              onCancel={() => setEditing(null)}
            />
          </aside>
        )}
        <div className="split-main">
          {(rotations.isPending || stations.isPending) && <Loading />}
          <ErrorMessage error={rotations.error} onRetry={() => void rotations.refetch()} />
          <ErrorMessage error={remove.error} />
          {rotations.data && stations.data && ordered.length === 0 && unknown.length === 0 && <p className="muted">{t('roster.rotations.empty')}</p>}
          <ul className="rotation-groups">
            {ordered.map((s) => (
              <StationRotations
                key={s.id}
                station={s}
                rotations={byStation.get(s.id) ?? []}
                lawyersById={lawyersById}
                editingId={editing?.rotation?.id}
                onEdit={(r) => setEditing({ rotation: r })}
                onAdd={() => setEditing({ rotation: null, stationId: s.id })}
                onDelete={(r) => onDelete(r, s.name)}
              />
            ))}
            {unknown.map((id) => (
              <StationRotations
                key={id}
                station={null}
                rotations={byStation.get(id) ?? []}
                lawyersById={lawyersById}
                editingId={editing?.rotation?.id}
                onEdit={(r) => setEditing({ rotation: r })}
                onDelete={(r) => onDelete(r, `#${id}`)}
              />
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function StationRotations({
  station,
  rotations,
  lawyersById,
  editingId,
  onEdit,
  onAdd,
  onDelete,
}: {
  station: Station | null;
  rotations: Rotation[];
  lawyersById: Map<number, Lawyer>;
  editingId: number | undefined;
  onEdit: (r: Rotation) => void;
  onAdd?: () => void;
  onDelete: (r: Rotation) => void;
}) {
  const { t } = useTranslation();
  const ruleText = useRuleText();
  const name = station?.name ?? `#${rotations[0]?.stationId ?? ''}`;
  return (
    <li className="rotation-group">
      <div className="rotation-group-head">
        <h2>
          {name} {station && <span className={`badge badge-${station.level}`}>{t(`level.${station.level}`)}</span>}
        </h2>
        {onAdd && (
          <button type="button" className="btn btn-small btn-ghost" onClick={onAdd} aria-label={`${t('roster.rotations.addHere')} ${name}`}>
            + {t('roster.rotations.addHere')}
          </button>
        )}
      </div>
      <ul className="rotation-list">
        {rotations.map((r) => (
          <li key={r.id} className={`rotation-card card${r.active ? '' : ' is-inactive'}${editingId === r.id ? ' is-selected' : ''}`}>
            <div className="rotation-card-head">
              <h3>
                {r.name} {!r.active && <span className="badge badge-muted">{t('roster.rotations.inactive')}</span>}
              </h3>
              <span className="rotation-card-actions">
                <button type="button" className="btn btn-small" onClick={() => onEdit(r)} aria-label={`${t('common.edit')} ${r.name} ${name}`}>
                  {t('common.edit')}
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => onDelete(r)} aria-label={`${t('common.delete')} ${r.name} ${name}`}>
                  {t('common.delete')}
                </button>
              </span>
            </div>
            <p className="rotation-rule">
              {/* The raw RRULE is for the curious only (and the form's advanced field): a tooltip. */}
              <strong title={r.rrule}>{ruleText(r.rrule)}</strong> · {r.shiftStart}–{r.shiftEnd} ·{' '}
              {t('roster.rotations.perDay', { count: r.lawyersPerDay })} · {t('roster.rotations.from', { date: r.startDate })}
            </p>
            <ol className="rotation-order" aria-label={t('roster.rotations.order')}>
              {r.lawyerIds.map((id) => (
                <li key={id}>{lawyersById.get(id)?.name ?? t('coverage.unknownLawyer', { id })}</li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </li>
  );
}
