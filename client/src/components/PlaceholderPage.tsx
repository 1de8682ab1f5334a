import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A page that other features will fill in; says what it will do. */
export function PlaceholderPage({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <div className="card placeholder">
        <p>{body}</p>
        <p className="muted">{t('placeholder.soon')}</p>
        {children}
      </div>
    </section>
  );
}
