import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type HotlineCall, type Station } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { addDays, networkDate } from '../../lib/dates';
import { FollowUpBadge } from './CallBadges';
import { formatDuration, shortInstant } from './hotlineModel';
import { StationSelect } from './StationSelect';
import { useFollowUps, useRecordFollowUp } from './useHotline';

type Due = 'today' | 'overdue' | 'all';
const DUES: readonly Due[] = ['today', 'overdue', 'all'];

/** The call-back queue: what is due today or overdue, per station; close it with a note or move it. */
export function FollowUpsPanel({
  stations,
  defaultStationId,
  readOnly,
}: {
  stations: readonly Station[];
  defaultStationId: number | undefined;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const [stationId, setStationId] = useState<number | undefined>(defaultStationId);
  const [due, setDue] = useState<Due>('today');
  const today = useFollowUps(stationId, 'today');
  const overdue = useFollowUps(stationId, 'overdue');
  const all = useFollowUps(stationId, 'all');
  const current = { today, overdue, all }[due];
  const items = current.data?.items ?? [];

  // Grouped by station, in the order the queue gives (oldest due first).
  const groups = new Map<string, HotlineCall[]>();
  for (const c of items) groups.set(c.stationName, [...(groups.get(c.stationName) ?? []), c]);

  return (
    <section aria-labelledby="follow-ups-title">
      <div className="list-toolbar">
        <h2 id="follow-ups-title">{t('hotline.follow.title')}</h2>
        <label className="filter">
          <span>{t('hotline.fields.station')}</span>
          <StationSelect stations={stations} value={stationId} emptyLabel={t('hotline.list.allStations')} onChange={setStationId} />
        </label>
      </div>
      {/* The queue opens on the staff member's own station while the call list shows every station's: say so. */}
      <p className="muted small follow-scope">
        {stationId === undefined
          ? t('hotline.follow.scopeAll')
          : t('hotline.follow.scopeStation', { station: stations.find((s) => s.id === stationId)?.name ?? `#${stationId}` })}{' '}
        {stationId !== undefined && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setStationId(undefined)}>
            {t('hotline.follow.showAll')}
          </button>
        )}
      </p>
      <div className="tabs follow-tabs" role="tablist" aria-label={t('hotline.follow.title')}>
        {DUES.map((d) => {
          const count = { today, overdue, all }[d].data?.total;
          return (
            <button
              key={d}
              type="button"
              role="tab"
              aria-selected={due === d}
              className={`tab${due === d ? ' is-active' : ''}`}
              onClick={() => setDue(d)}
            >
              {t(`hotline.follow.due.${d}`)}
              {count !== undefined && <span className={`tab-count${d === 'overdue' && count > 0 ? ' is-danger' : ''}`}>{count}</span>}
            </button>
          );
        })}
      </div>

      {current.error && <ErrorMessage error={current.error} onRetry={() => void current.refetch()} />}
      {current.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="card muted">{t(`hotline.follow.empty.${due}`)}</p>
      ) : (
        [...groups].map(([station, calls]) => (
          <div key={station} className="follow-group">
            <h3>
              {station} <span className="muted small">{t('hotline.follow.count', { count: calls.length })}</span>
            </h3>
            <ul className="follow-list">
              {calls.map((c) => (
                <FollowUpItem key={c.id} call={c} readOnly={readOnly} />
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

function FollowUpItem({ call: c, readOnly }: { call: HotlineCall; readOnly: boolean }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [nextDate, setNextDate] = useState(addDays(networkDate(), 1));
  const record = useRecordFollowUp();
  const errors = isApiError(record.error) ? record.error.fieldErrors() : {};

  const submit = (done: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    record.mutate({ id: c.id, body: done ? { note, done: true } : { note, done: false, nextDate } });
  };

  return (
    <li className={`card follow-item follow-${c.followUpState}`}>
      <div className="follow-head">
        <FollowUpBadge call={c} />
        <span className="chip">{t(`category.${c.category}`)}</span>
        <strong>{c.callerName ?? t('hotline.anonymous')}</strong>
        {c.callerPhone &&
          (c.masked ? (
            <span className="mono muted">{c.callerPhone}</span>
          ) : (
            <a className="mono" href={`tel:${c.callerPhone}`}>
              {c.callerPhone}
            </a>
          ))}
        <span className="muted small">
          {t('hotline.follow.called', { at: shortInstant(c.receivedAt), duration: formatDuration(c.durationSeconds) })}
        </span>
      </div>
      <p className="follow-summary">{c.summary}</p>
      {!readOnly && (
        <form className="follow-form" onSubmit={submit(true)} noValidate aria-label={t('hotline.follow.formLabel', { id: c.id })}>
          <ErrorMessage error={record.error} />
          <Field label={t('hotline.follow.note')} error={errors.note}>
            {(p) => (
              <input {...p} value={note} maxLength={1000} placeholder={t('hotline.follow.notePlaceholder')} onChange={(e) => setNote(e.target.value)} />
            )}
          </Field>
          <div className="follow-actions">
            <button type="submit" className="btn btn-primary btn-small" disabled={record.isPending}>
              {t('hotline.follow.done')}
            </button>
            <span className="follow-postpone">
              <Field label={t('hotline.follow.nextDate')} error={errors.nextDate}>
                {(p) => <DateInput {...p} min={networkDate()} value={nextDate} onChange={(e) => setNextDate(e.target.value)} />}
              </Field>
              <button type="button" className="btn btn-small" disabled={record.isPending} onClick={() => submit(false)()}>
                {t('hotline.follow.postpone')}
              </button>
            </span>
          </div>
        </form>
      )}
    </li>
  );
}
