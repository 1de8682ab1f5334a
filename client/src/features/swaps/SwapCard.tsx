import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Swap } from '../../api/client';
import { shortStationName } from '../stations/stationTree';
import { shortDate, shortInstant } from './swapFormat';

/** The swap's kind as people say it: 转让 to someone, 公开转让, 换班. */
export function swapKind(swap: Swap): 'giveaway' | 'open' | 'exchange' {
  if (swap.type === 'exchange') return 'exchange';
  return swap.toLawyerId === null ? 'open' : 'giveaway';
}

export function SwapStatusBadge({ swap }: { swap: Swap }) {
  const { t } = useTranslation();
  return <span className={`badge swap-status swap-status-${swap.status}`}>{t(`swaps.status.${swap.status}`)}</span>;
}

/** One shift of a swap: day, station and hours. */
export function ShiftLine({ shift, lang }: { shift: Swap['shift']; lang: string }) {
  return (
    <span className="swap-shift">
      <strong className="nowrap">{shortDate(shift.date, lang)}</strong>{' '}
      <span className="nowrap">{shortStationName(shift.stationName)}</span>{' '}
      <span className="muted nowrap">
        {shift.start}–{shift.end}
      </span>
    </span>
  );
}

/**
 * A swap's facts for any reader: kind, who gives what to whom, the note and the times.
 * `children` holds the reader's actions and messages.
 */
export function SwapCard({
  swap,
  headingLevel = 3,
  showStatus = true,
  children,
  className,
}: {
  swap: Swap;
  headingLevel?: 3 | 4;
  showStatus?: boolean;
  children?: ReactNode;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const kind = swapKind(swap);
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const to = swap.toLawyerName ?? t('swaps.openTo');

  return (
    <article className={`swap-card card swap-${swap.status}${className ? ` ${className}` : ''}`} data-swap-id={swap.id}>
      <header className="swap-card-head">
        <H className="swap-card-title">
          <span className={`badge swap-kind swap-kind-${kind}`}>{t(`swaps.type.${kind}`)}</span>{' '}
          <ShiftLine shift={swap.shift} lang={lang} />
        </H>
        {showStatus && <SwapStatusBadge swap={swap} />}
      </header>
      {swap.type === 'exchange' && swap.toShift ? (
        <ul className="swap-moves">
          <li>
            <span className="muted">{t('swaps.moveTo', { name: swap.toLawyerName ?? '' })}</span>
            <ShiftLine shift={swap.shift} lang={lang} />
            <span className="muted small">{t('swaps.fromWhom', { name: swap.fromLawyerName })}</span>
          </li>
          <li>
            <span className="muted">{t('swaps.moveTo', { name: swap.fromLawyerName })}</span>
            <ShiftLine shift={swap.toShift} lang={lang} />
            <span className="muted small">{t('swaps.fromWhom', { name: swap.toLawyerName ?? '' })}</span>
          </li>
        </ul>
      ) : (
        <p className="swap-people">
          <strong>{swap.fromLawyerName}</strong>
          <span className="swap-arrow" aria-label={t('swaps.givesTo')}>
            {' → '}
          </span>
          <strong className={swap.toLawyerId === null ? 'muted' : undefined}>{to}</strong>
        </p>
      )}
      {swap.note && (
        <p className="swap-note">
          <span className="muted">{t('swaps.note')}</span>
          {swap.note}
        </p>
      )}
      {swap.decisionNote && (
        <p className="swap-note">
          <span className="muted">{swap.status === 'declined' ? t('swaps.declineNote') : t('swaps.decisionNote')}</span>
          {swap.decisionNote}
        </p>
      )}
      {swap.reason && swap.status !== 'applied' && (
        <p className="swap-note">
          <span className="muted">{t('swaps.reason')}</span>
          {swap.reason.startsWith('superseded by swap')
            ? t('swaps.reasons.superseded')
            : swap.reason.startsWith('the shift’s day passed')
              ? t('swaps.reasons.expired')
              : swap.reason}
        </p>
      )}
      <p className="swap-times muted small">
        {t('swaps.requestedAt', { time: shortInstant(swap.createdAt, lang) })}
        {swap.acceptedAt && ` · ${t('swaps.acceptedAt', { time: shortInstant(swap.acceptedAt, lang) })}`}
        {swap.decidedAt && ` · ${t('swaps.decidedAt', { time: shortInstant(swap.decidedAt, lang) })}`}
        {' · '}
        {swap.needsApproval ? t('swaps.needsApproval') : t('swaps.autoApprove')}
      </p>
      {children}
    </article>
  );
}
