import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type HotlineCall, type Referral, type ReferralStage, type Station } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, UnplacedErrors } from '../../components/Field';
import { reachableStages, referralTargets } from './hotlineModel';
import { useCreateReferral } from './useHotline';

const FIELD_NAMES = ['fromStationId', 'toStationId', 'stage', 'hotlineCallId', 'category', 'summary', 'workerName', 'workerPhone'] as const;

/** Refer the dispute behind a call up the chain: the stage, then the station that handles it. */
export function ReferralForm({
  call,
  stations,
  onDone,
  onCancel,
}: {
  call: HotlineCall;
  stations: readonly Station[];
  onDone: (r: Referral) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const byId = useMemo(() => new Map(stations.map((s) => [s.id, s])), [stations]);
  const stages = reachableStages(call.stationId, byId);
  const [stage, setStage] = useState<ReferralStage | ''>(stages[0] ?? '');
  const targets = stage ? referralTargets(call.stationId, stage, byId) : [];
  const [toStationId, setTo] = useState<number | undefined>(targets[0]?.id);
  const [summary, setSummary] = useState(call.summary);
  const create = useCreateReferral();
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};

  const chooseStage = (s: ReferralStage) => {
    setStage(s);
    setTo(referralTargets(call.stationId, s, byId)[0]?.id);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        fromStationId: call.stationId,
        toStationId: toStationId as number,
        stage: (stage || undefined) as ReferralStage,
        hotlineCallId: call.id,
        category: call.category,
        summary,
      },
      { onSuccess: (r) => onDone(r as Referral) },
    );
  };

  return (
    <form className="form referral-form" onSubmit={onSubmit} noValidate aria-labelledby={`refer-title-${call.id}`}>
      <h3 id={`refer-title-${call.id}`}>{t('hotline.refer.title')}</h3>
      <p className="muted small">{t('hotline.refer.chain')}</p>
      <ErrorMessage error={create.error} />
      <UnplacedErrors error={create.error} fields={FIELD_NAMES} />
      <div className="book-caller-grid">
        <Field label={t('hotline.refer.stage')} error={errors.stage}>
          {(p) => (
            <select {...p} value={stage} onChange={(e) => chooseStage(e.target.value as ReferralStage)}>
              {stages.map((s) => (
                <option key={s} value={s}>
                  {t(`hotline.stage.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('hotline.refer.to')} error={errors.toStationId}>
          {(p) => (
            <select {...p} value={toStationId ?? ''} onChange={(e) => setTo(Number(e.target.value) || undefined)}>
              {targets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('hotline.fields.summary')} error={errors.summary}>
        {(p) => <textarea {...p} rows={2} maxLength={2000} value={summary} onChange={(e) => setSummary(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('hotline.refer.submit')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
