import { useEffect } from 'react';
import i18next from 'i18next';

/**
 * The browser tab's title while a page is shown (pass it already translated, so it follows a
 * language switch). Leaving the page puts back the site's name in the current language, so
 * the next page never keeps a stale title ("完成 · 预约免费法律咨询" after going home).
 * null: keep the current title (the page has nothing to say yet).
 */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title !== null) document.title = title;
  }, [title]);
  useEffect(
    () => () => {
      document.title = i18next.t('app.name');
    },
    [],
  );
}
