import { useTranslation } from 'react-i18next';

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="hl-pager" aria-label={t('hotline.pager.label')}>
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('hotline.pager.prev')}
      </button>
      <span className="muted small">{t('hotline.pager.status', { page, pages, total })}</span>
      <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('hotline.pager.next')}
      </button>
    </nav>
  );
}
