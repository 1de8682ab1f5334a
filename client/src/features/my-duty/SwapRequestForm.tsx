import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lawyer, Shift, Station, Swap } from '../../api/client';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { addDays, formatLongDate, networkDate } from '../../lib/dates';
import { useUnavailability } from '../lawyers/useLawyers';
import { shortStationName } from '../stations/stationTree';
import { SwapCard } from '../swaps/SwapCard';
import { SwapActionError } from '../swaps/SwapConflicts';
import { hasStarted, networkTime, shortDate } from '../swaps/swapFormat';
import { useCreateSwap, useSwapAction, useSwapCandidates } from '../swaps/useSwaps';
import { useLawyerShifts } from './useMyDuty';
import { FormActions } from '../../components/FormActions';

type Mode = 'named' | 'open' | 'exchange';
const MODES: readonly Mode[] = ['named', 'open', 'exchange'];

interface Props {
  shift: Shift;
  /** My lawyer record (stations I serve), once loaded. */
  me: Lawyer | null;
  stationsById: ReadonlyMap<number, Station>;
  /** A swap still waiting over this shift, if any: the server allows one at a time. */
  liveSwap: Swap | null;
  onClose: () => void;
  onSent: (message: string) => void;
}

/** Offer one of my future shifts to a named colleague, to anyone who can take it, or exchange it for a colleague's. */
export function SwapRequestForm({ shift, me, stationsById, liveSwap, onClose, onSent }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [shift.id]);

  const today = networkDate();
  const started = hasStarted(shift, today, networkTime());
  const stationName = stationsById.get(shift.stationId)?.name ?? `#${shift.stationId}`;

  return (
    <section className="swap-form card" aria-labelledby={titleId}>
      <div className="shift-editor-head">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('myDuty.shift.title')}
        </h2>
        <button type="button" className="btn btn-icon" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      <p className="shift-editor-where">
        <strong>{formatLongDate(shift.date, lang)}</strong>
        <br />
        {stationName} <span className="muted nowrap">{shift.start}–{shift.end}</span>
      </p>
      {started ? (
        <p className="muted">{t('myDuty.shift.past')}</p>
      ) : liveSwap ? (
        <LiveSwap swap={liveSwap} mine={liveSwap.shiftId === shift.id} onDone={onSent} />
      ) : (
        <RequestForm shift={shift} me={me} stationsById={stationsById} onSent={onSent} onCancel={onClose} />
      )}
    </section>
  );
}

/** The swap already asked for over this shift: withdraw it (mine) or see it (a colleague's exchange request). */
function LiveSwap({ swap, mine, onDone }: { swap: Swap; mine: boolean; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const cancel = useSwapAction();
  return (
    <>
      <p className="alert alert-info">
        {mine ? t('myDuty.shift.pendingSwap', { status: t(`swaps.status.${swap.status}`) }) : t('myDuty.shift.askedByColleague')}
      </p>
      <SwapCard swap={swap} headingLevel={3}>
        <SwapActionError error={cancel.error} swap={swap} />
        {mine && (
          <div className="swap-actions">
            <button
              type="button"
              className="btn btn-danger btn-small"
              disabled={cancel.isPending}
              onClick={() => {
                if (!window.confirm(t('myDuty.mine.confirmCancel', { date: shortDate(swap.shift.date, lang) }))) return;
                cancel.mutate({ id: swap.id, action: 'cancel' }, { onSuccess: () => onDone(t('myDuty.mine.cancelled')) });
              }}
            >
              {cancel.isPending ? t('myDuty.mine.cancelling') : t('myDuty.mine.cancel')}
            </button>
          </div>
        )}
      </SwapCard>
    </>
  );
}

function RequestForm({
  shift,
  me,
  stationsById,
  onSent,
  onCancel,
}: {
  shift: Shift;
  me: Lawyer | null;
  stationsById: ReadonlyMap<number, Station>;
  onSent: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const [mode, setMode] = useState<Mode>('named');
  const [colleague, setColleague] = useState('');
  const [theirShift, setTheirShift] = useState('');
  const [note, setNote] = useState('');
  const candidates = useSwapCandidates(shift.id);
  const create = useCreateSwap();

  const colleagueId = colleague ? Number(colleague) : null;
  const colleagueName = candidates.data?.find((c) => c.lawyerId === colleagueId)?.name ?? '';

  // For an exchange: the colleague's future shifts I could take — at a station I serve,
  // on a day I am free (the day I give up counts as free) and not on leave. The server checks the rest.
  const today = networkDate();
  const horizon = useMemo(() => ({ from: today, to: addDays(today, 91) }), [today]);
  const theirs = useLawyerShifts(mode === 'exchange' ? colleagueId : null, horizon);
  const mine = useLawyerShifts(mode === 'exchange' ? shift.lawyerId : null, horizon);
  const away = useUnavailability(shift.lawyerId);
  const now = networkTime();
  const exchangeOptions = useMemo(() => {
    if (!theirs.data) return [];
    const busy = new Set((mine.data ?? []).filter((s) => s.id !== shift.id).map((s) => s.date));
    const leave = away.data ?? [];
    return theirs.data.filter(
      (s) =>
        !hasStarted(s, today, now) &&
        (!me || me.stationIds.length === 0 || me.stationIds.includes(s.stationId)) &&
        !busy.has(s.date) &&
        !leave.some((u) => u.from <= s.date && s.date <= u.to),
    );
  }, [theirs.data, mine.data, away.data, me, shift.id, today, now]);

  const ready = mode === 'open' || (mode === 'named' && colleagueId !== null) || (mode === 'exchange' && theirShift !== '');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const text = note.trim() || undefined;
    const body =
      mode === 'named'
        ? { shiftId: shift.id, type: 'giveaway' as const, toLawyerId: colleagueId, note: text }
        : mode === 'open'
          ? { shiftId: shift.id, type: 'giveaway' as const, note: text }
          : { shiftId: shift.id, type: 'exchange' as const, toShiftId: Number(theirShift), note: text };
    create.mutate(body, {
      onSuccess: () =>
        onSent(t(`myDuty.sent.${mode}`, { date: shortDate(shift.date, lang), name: colleagueName })),
    });
  };

  const noCandidates = candidates.data !== undefined && candidates.data.length === 0;

  return (
    <form className="form swap-request" onSubmit={onSubmit} noValidate>
      <fieldset className="swap-modes">
        <legend>{t('myDuty.mode.label')}</legend>
        {MODES.map((m) => (
          <label key={m} className={`swap-mode${mode === m ? ' is-on' : ''}`}>
            <input
              type="radio"
              name="swap-mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
                setTheirShift('');
                create.reset();
              }}
            />
            <span>{t(`myDuty.mode.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">{t(`myDuty.modeHint.${mode}`)}</p>

      {mode !== 'open' && (
        <>
          {candidates.isPending && <Loading />}
          <ErrorMessage error={candidates.error} onRetry={() => void candidates.refetch()} />
          {noCandidates ? (
            <p className="alert alert-warn">{t('myDuty.noCandidates')}</p>
          ) : (
            candidates.data && (
              <Field label={t('myDuty.colleague')}>
                {(p) => (
                  <select
                    {...p}
                    value={colleague}
                    onChange={(e) => {
                      setColleague(e.target.value);
                      setTheirShift('');
                      create.reset();
                    }}
                  >
                    <option value="">{t('myDuty.chooseColleague')}</option>
                    {candidates.data.map((c) => (
                      <option key={c.lawyerId} value={c.lawyerId}>
                        {c.name}
                        {t('common.inParens', { text: c.firm })}· {t('myDuty.dutiesThatMonth', { count: c.dutiesThatMonth })}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )
          )}
        </>
      )}

      {mode === 'exchange' && colleagueId !== null && (
        <>
          {theirs.isPending && <Loading />}
          <ErrorMessage error={theirs.error} onRetry={() => void theirs.refetch()} />
          {theirs.data &&
            (exchangeOptions.length === 0 ? (
              <p className="alert alert-warn">{t('myDuty.noTheirShifts', { name: colleagueName })}</p>
            ) : (
              <Field label={t('myDuty.theirShift', { name: colleagueName })}>
                {(p) => (
                  <select {...p} value={theirShift} onChange={(e) => setTheirShift(e.target.value)}>
                    <option value="">{t('myDuty.chooseShift')}</option>
                    {exchangeOptions.map((s) => (
                      <option key={s.id} value={s.id}>
                        {shortDate(s.date, lang)} {shortStationName(stationsById.get(s.stationId)?.name ?? `#${s.stationId}`)} {s.start}–{s.end}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
        </>
      )}

      <Field label={t('myDuty.note')}>
        {(p) => (
          <input {...p} value={note} maxLength={500} placeholder={t('myDuty.notePlaceholder')} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>

      <SwapActionError error={create.error} name={colleagueName} />

      <FormActions busy={create.isPending} disabled={!ready} busyLabel={t('myDuty.submitting')} label={t(`myDuty.submit.${mode}`)} onCancel={onCancel} />
    </form>
  );
}
