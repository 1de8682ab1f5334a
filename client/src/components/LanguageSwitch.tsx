import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const next = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small lang-switch"
      lang={next}
      aria-label={`${t('app.language')}: ${t('app.switchTo')}`}
      onClick={() => setLanguage(next)}
    >
      {t('app.switchTo')}
    </button>
  );
}
