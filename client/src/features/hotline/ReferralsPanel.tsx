import { useMemo, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  isApiError,
  type CloseReferralBody,
  type Referral,
  type ReferralPath,
  type ReferralResult,
  type ReferralStage,
  type ReferralStatus,
  type Station,
} from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, UnplacedErrors } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { formatYuan } from '../dashboard/figures';
import { reachableStages, REFERRAL_RESULTS, referralTargets, shortInstant } from './hotlineModel';
import { Pager } from './Pager';
import { StationSelect } from './StationSelect';
import { PAGE_SIZE, useAcceptReferral, useCloseReferral, useReferralPath, useReferrals } from './useHotline';

type Direction = 'incoming' | 'outgoing';
const STATUSES: readonly ReferralStatus[] = ['pending', 'accepted', 'closed'];

/** Referrals sent to and by a station: take them on, record the result, follow a dispute's whole path. */
export function ReferralsPanel({
  stations,
  defaultStationId,
  readOnly,
}: {
  stations: readonly Station[];
  defaultStationId: number | undefined;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<Direction>('incoming');
  const [stationId, setStationId] = useState<number | undefined>(defaultStationId);
  const [status, setStatus] = useState<ReferralStatus | undefined>();
  const [page, setPage] = useState(1);
  const list = useReferrals({ stationId, direction, status, page });
  const items = list.data?.items ?? [];

  return (
    <section aria-labelledby="referrals-title">
      <div className="list-toolbar">
        <h2 id="referrals-title">{t('hotline.referrals.title')}</h2>
        <div className="page-actions">
          <label className="filter">
            <span>{t('hotline.fields.station')}</span>
            <StationSelect
              stations={stations}
              value={stationId}
              onChange={(id) => {
                setStationId(id);
                setPage(1);
              }}
            />
          </label>
          <label className="filter">
            <span>{t('hotline.referrals.status')}</span>
            <select
              value={status ?? ''}
              onChange={(e) => {
                setStatus((e.target.value || undefined) as ReferralStatus | undefined);
                setPage(1);
              }}
            >
              <option value="">{t('hotline.list.all')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`hotline.referralStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <div className="tabs" role="tablist" aria-label={t('hotline.referrals.title')}>
        {(['incoming', 'outgoing'] as const).map((d) => (
          <button
            key={d}
            type="button"
            role="tab"
            aria-selected={direction === d}
            className={`tab${direction === d ? ' is-active' : ''}`}
            onClick={() => {
              setDirection(d);
              setPage(1);
            }}
          >
            {t(`hotline.referrals.${d}`)}
          </button>
        ))}
      </div>
      {list.error && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="card muted">{t('hotline.referrals.empty')}</p>
      ) : (
        <ul className="referral-list">
          {items.map((r) => (
            <ReferralItem key={r.id} referral={r} stations={stations} readOnly={readOnly} />
          ))}
        </ul>
      )}
      {list.data && <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
    </section>
  );
}

function ReferralItem({ referral: r, stations, readOnly }: { referral: Referral; stations: readonly Station[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'close' | 'withdraw' | 'path' | null>(null);
  const accept = useAcceptReferral();
  const toggle = (m: 'close' | 'withdraw' | 'path') => setOpen((o) => (o === m ? null : m));

  return (
    <li className={`card referral-item referral-${r.status}`}>
      <div className="referral-head">
        <span className="badge">{t(`hotline.stage.${r.stage}`)}</span>
        <span className="referral-route">
          {/* A station may take a dispute to its own next stage (e.g. legal aid there): no "A → A". */}
          {r.fromStationId === r.toStationId
            ? t('hotline.referrals.sameStation', { station: r.toStationName })
            : `${r.fromStationName} → ${r.toStationName}`}
        </span>
        <span className={`badge badge-referral-${r.status}`}>
          {r.result ? t(`hotline.referralResult.${r.result}`) : t(`hotline.referralStatus.${r.status}`)}
        </span>
        {r.amountSettled !== null && <span className="badge badge-ok">{formatYuan(r.amountSettled, t)}</span>}
        <span className="muted small">{t('hotline.referrals.referred', { date: r.referredDate })}</span>
      </div>
      <p className="referral-summary">
        <span className="chip">{t(`category.${r.category}`)}</span> {r.workerName && <strong>{r.workerName}</strong>}{' '}
        {r.workerPhone && <span className="mono muted small">{r.workerPhone}</span>} {r.summary}
      </p>
      {r.closeNote && <p className="muted small">{t('hotline.referrals.closeNote', { note: r.closeNote })}</p>}
      <div className="referral-actions">
        {!readOnly && r.status === 'pending' && (
          <button type="button" className="btn btn-small btn-primary" disabled={accept.isPending} onClick={() => accept.mutate(r.id)}>
            {t('hotline.referrals.accept')}
          </button>
        )}
        {!readOnly && r.status === 'accepted' && (
          <button type="button" className="btn btn-small btn-primary" aria-expanded={open === 'close'} onClick={() => toggle('close')}>
            {t('hotline.referrals.close')}
          </button>
        )}
        {!readOnly && r.status === 'pending' && (
          <button type="button" className="btn btn-small btn-ghost" aria-expanded={open === 'withdraw'} onClick={() => toggle('withdraw')}>
            {t('hotline.referrals.withdraw')}
          </button>
        )}
        <button type="button" className="btn btn-small btn-ghost" aria-expanded={open === 'path'} onClick={() => toggle('path')}>
          {t('hotline.referrals.path')}
        </button>
      </div>
      <ErrorMessage error={accept.error} />
      {(open === 'close' || open === 'withdraw') && (
        <CloseReferralForm referral={r} stations={stations} withdraw={open === 'withdraw'} onDone={() => setOpen(null)} />
      )}
      {open === 'path' && <PathView id={r.id} />}
    </li>
  );
}

const CLOSE_FIELDS = ['result', 'amountSettled', 'note', 'referTo'] as const;

function CloseReferralForm({
  referral: r,
  stations,
  withdraw,
  onDone,
}: {
  referral: Referral;
  stations: readonly Station[];
  withdraw: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const byId = useMemo(() => new Map(stations.map((s) => [s.id, s])), [stations]);
  const [result, setResult] = useState<ReferralResult>(withdraw ? 'withdrawn' : 'settled');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const stages = reachableStages(r.toStationId, byId);
  const [stage, setStage] = useState<ReferralStage | undefined>(stages[0]);
  const [toStationId, setTo] = useState<number | undefined>(stage ? referralTargets(r.toStationId, stage, byId)[0]?.id : undefined);
  const close = useCloseReferral();
  const errors = isApiError(close.error) ? close.error.fieldErrors() : {};

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body: CloseReferralBody = { result, note };
    if (result === 'settled' && amount.trim() !== '') body.amountSettled = Number(amount);
    if (result === 'referred_on') body.referTo = { toStationId: toStationId as number, stage: stage as ReferralStage };
    close.mutate({ id: r.id, body }, { onSuccess: onDone });
  };

  const results = withdraw ? (['withdrawn'] as const) : REFERRAL_RESULTS.filter((x) => x !== 'withdrawn');
  return (
    <form className="form close-referral" onSubmit={onSubmit} noValidate aria-label={t('hotline.referrals.closeTitle')}>
      <ErrorMessage error={close.error} />
      <UnplacedErrors error={close.error} fields={CLOSE_FIELDS} />
      <div className="book-caller-grid">
        <Field label={t('hotline.referrals.result')} error={errors.result}>
          {(p) => (
            <select {...p} value={result} disabled={withdraw} onChange={(e) => setResult(e.target.value as ReferralResult)}>
              {results.map((x) => (
                <option key={x} value={x}>
                  {t(`hotline.referralResult.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {result === 'settled' && (
          <Field label={t('hotline.referrals.amount')} error={errors.amountSettled} hint={t('hotline.referrals.amountHint')}>
            {(p) => <input {...p} type="number" min={0} step="0.01" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
          </Field>
        )}
        {result === 'referred_on' && (
          <>
            <Field label={t('hotline.refer.stage')} error={errors['referTo.stage']}>
              {(p) => (
                <select
                  {...p}
                  value={stage ?? ''}
                  onChange={(e) => {
                    const s = e.target.value as ReferralStage;
                    setStage(s);
                    setTo(referralTargets(r.toStationId, s, byId)[0]?.id);
                  }}
                >
                  {stages.map((s) => (
                    <option key={s} value={s}>
                      {t(`hotline.stage.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('hotline.refer.to')} error={errors['referTo.toStationId'] ?? errors.referTo}>
              {(p) => (
                <select {...p} value={toStationId ?? ''} onChange={(e) => setTo(Number(e.target.value) || undefined)}>
                  {(stage ? referralTargets(r.toStationId, stage, byId) : []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
      </div>
      <Field label={t('hotline.referrals.note')} error={errors.note}>
        {(p) => <textarea {...p} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={close.isPending}>
          {close.isPending ? t('common.saving') : t('hotline.referrals.saveResult')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function stepDetail(step: ReferralPath['steps'][number], t: TFunction): string | null {
  if (!step.detail) return null;
  switch (step.kind) {
    case 'hotline_call':
      return t(`hotline.outcome.${step.detail}` as 'hotline.outcome.answered', { defaultValue: step.detail });
    case 'closed':
      return t(`hotline.referralResult.${step.detail}` as 'hotline.referralResult.settled', { defaultValue: step.detail });
    default:
      return t(`hotline.appointmentStatus.${step.detail}` as 'hotline.appointmentStatus.completed', { defaultValue: step.detail });
  }
}

/** Every step of the dispute, from the first call or consultation to the last result. */
function PathView({ id }: { id: number }) {
  const { t } = useTranslation();
  const path = useReferralPath(id);
  if (path.isPending) return <Loading />;
  if (path.error) return <ErrorMessage error={path.error} onRetry={() => void path.refetch()} />;
  const { steps, current } = path.data;
  return (
    <div className="path-view">
      <p className="small">
        {t('hotline.path.now', {
          stage: t(`hotline.stage.${current.stage}`),
          status: current.result ? t(`hotline.referralResult.${current.result}`) : t(`hotline.referralStatus.${current.status}`),
        })}
      </p>
      <ol className="path-steps">
        {steps.map((s, i) => (
          <li key={i} className={`path-step path-${s.kind}`}>
            <span className="path-when mono small">{shortInstant(s.at)}</span>
            <span className="path-what">
              <strong>{t(`hotline.path.kind.${s.kind}`)}</strong>
              {s.stage && <span className="badge">{t(`hotline.stage.${s.stage}`)}</span>}
              <span>
                {s.stationName}
                {s.toStationName && ` → ${s.toStationName}`}
              </span>
              {stepDetail(s, t) && <span className="muted">{stepDetail(s, t)}</span>}
              {s.amountSettled !== null && <span className="badge badge-ok">{formatYuan(s.amountSettled, t)}</span>}
              {s.note && <span className="muted small">“{s.note}”</span>}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
