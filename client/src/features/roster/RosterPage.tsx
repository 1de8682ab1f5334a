import { useQueryParams } from '../../lib/useQueryParams';
import { useTranslation } from 'react-i18next';
import { networkDate } from '../../lib/dates';
import { RosterBuilder } from './RosterBuilder';
import { addMonths, isMonth } from './rosterModel';
import { RotationsPanel } from './RotationsPanel';

type Tab = 'roster' | 'rotations';

/** The roster builder (a month's draft, its gaps and fairness, publishing) and the rotations behind it. */
export default function RosterPage() {
  const { t } = useTranslation();
  const [params, update] = useQueryParams();
  const tab: Tab = params.get('tab') === 'rotations' ? 'rotations' : 'roster';
  const requested = params.get('month');
  // Next month is what a coordinator usually prepares.
  const month = isMonth(requested) ? requested : addMonths(networkDate().slice(0, 7), 1);

  return (
    <section className="page page-wide roster-page">
      <header className="page-header">
        <div>
          <h1>{t('roster.title')}</h1>
          <p className="muted">{t('roster.subtitle')}</p>
        </div>
        <div className="tabs" role="tablist" aria-label={t('roster.title')}>
          {(['roster', 'rotations'] as const).map((key) => (
            <button
              key={key}
              type="button"
              role="tab"
              id={`roster-tab-${key}`}
              aria-selected={tab === key}
              aria-controls={`roster-panel-${key}`}
              className={`tab${tab === key ? ' is-active' : ''}`}
              onClick={() => update({ tab: key === 'roster' ? null : key })}
            >
              {t(`roster.tabs.${key}`)}
            </button>
          ))}
        </div>
      </header>

      <div role="tabpanel" id={`roster-panel-${tab}`} aria-labelledby={`roster-tab-${tab}`}>
        {tab === 'roster' ? <RosterBuilder month={month} onMonth={(m) => update({ month: m })} /> : <RotationsPanel />}
      </div>
    </section>
  );
}
