import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { currentLanguage } from '../i18n';

/** The page's language; a signed-in user's choice is also the language of their notifications. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { chooseLanguage } = useAuth();
  const next = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small lang-switch"
      lang={next}
      aria-label={`${t('app.language')}: ${t('app.switchTo')}`}
      onClick={() => chooseLanguage(next)}
    >
      {t('app.switchTo')}
    </button>
  );
}
