import { useTranslation } from 'react-i18next';

export type StepName = 'station' | 'day' | 'time' | 'details' | 'waitlist' | 'done';

/** Where the worker is: numbered steps, the current one marked for screen readers too. */
export function StepIndicator({ steps, current }: { steps: readonly StepName[]; current: StepName }) {
  const { t } = useTranslation();
  const index = Math.max(0, steps.indexOf(current));
  return (
    <nav className="steps" aria-label={t('book.stepsLabel')}>
      <p className="steps-text">{t('book.stepOf', { step: index + 1, total: steps.length })}</p>
      <ol className="steps-list">
        {steps.map((s, i) => (
          <li
            key={s}
            className={i < index ? 'is-done' : i === index ? 'is-current' : undefined}
            aria-current={i === index ? 'step' : undefined}
          >
            <span className="steps-num" aria-hidden="true">
              {i < index ? '✓' : i + 1}
            </span>
            <span className="steps-label">{t(`book.steps.${s}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
