import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsSummary } from '../../api/client';
import { appointmentBreakdown } from './appointmentBreakdown';
import { coveragePercent, formatCount, formatYuan, formatYuanExact } from './figures';

function Figure({ id, label, value, detail, accent }: { id: string; label: string; value: ReactNode; detail?: ReactNode; accent?: boolean }) {
  return (
    <div className={`card figure${accent ? ' figure-accent' : ''}`}>
      <div className="figure-label" id={`figure-${id}-label`}>
        {label}
      </div>
      <div className="figure-value" data-testid={`figure-${id}`} aria-labelledby={`figure-${id}-label`}>
        {value}
      </div>
      {detail && <div className="figure-detail muted small">{detail}</div>}
    </div>
  );
}

/** The headline figures, with each figure's definition (from the API) as its tooltip where it helps. */
export function FigureCards({ summary: s }: { summary: StatsSummary }) {
  const { t } = useTranslation();
  const pct = coveragePercent(s.coverage.requiredDays, s.coverage.coveredDays);
  const referred = Object.values(s.referrals.byStage).reduce((a, b) => a + b, 0);
  const settled = Object.values(s.referrals.settledByStage).reduce((a, b) => a + b, 0);
  const a = s.appointments;
  const parts = appointmentBreakdown(a);

  return (
    <>
      {/* The five figures the network reports, then the ones that explain them. */}
      <div className="figure-grid">
        <Figure id="peopleServed" label={t('dashboard.figures.peopleServed')} value={formatCount(s.peopleServed)} detail={t('dashboard.figures.peopleServedHint')} accent />
        <Figure id="consultations" label={t('dashboard.figures.consultations')} value={formatCount(s.consultations)} detail={t('dashboard.figures.walkIns', { count: a.walkIns })} />
        <Figure id="applicationsDrafted" label={t('dashboard.figures.applicationsDrafted')} value={formatCount(s.applicationsDrafted)} />
        <Figure id="mediationReferrals" label={t('dashboard.figures.mediationReferrals')} value={formatCount(s.mediationReferrals)} />
        <Figure
          id="amountInvolved"
          label={t('dashboard.figures.amountInvolved')}
          value={<span title={formatYuanExact(s.amountInvolved)}>{formatYuan(s.amountInvolved, t)}</span>}
          detail={formatYuanExact(s.amountInvolved)}
          accent
        />
      </div>
      <div className="figure-grid figure-grid-secondary">
        <Figure
          id="hotlineCalls"
          label={t('dashboard.figures.hotlineCalls')}
          value={formatCount(s.hotlineCalls.total)}
          detail={t('dashboard.figures.callbacks', { count: s.hotlineCalls.byOutcome.callback_needed ?? 0 })}
        />
        <Figure
          id="appointments"
          label={t('dashboard.figures.appointments')}
          value={formatCount(a.booked)}
          detail={
            <>
              {/* Completed, no-show and cancelled count walk-ins too: the parts add up to bookings plus walk-ins. */}
              {a.walkIns > 0 && <span className="figure-breakdown-total">{t('dashboard.appointments.withWalkIns', { count: a.walkIns, all: parts.all })}</span>}
              <span className="figure-breakdown">
                <span>{t('dashboard.appointments.completed', { count: parts.completed })}</span>
                <span>{t('dashboard.appointments.open', { count: parts.open })}</span>
                <span>{t('dashboard.appointments.noShow', { count: parts.noShow })}</span>
                <span>{t('dashboard.appointments.cancelled', { count: parts.cancelled })}</span>
              </span>
            </>
          }
        />
        <Figure
          id="coverage"
          label={t('dashboard.figures.coverage')}
          value={pct === null ? '—' : `${pct}%`}
          detail={t('dashboard.figures.coverageDays', { covered: s.coverage.coveredDays, required: s.coverage.requiredDays })}
        />
        <Figure
          id="referrals"
          label={t('dashboard.figures.referrals')}
          value={formatCount(referred)}
          detail={t('dashboard.figures.referralsSettled', { count: settled, amount: formatYuan(s.referrals.amountSettled, t) })}
        />
      </div>
    </>
  );
}
