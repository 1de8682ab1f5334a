/**
 * Chinese first: zh-CN's public strings are bundled; the staff pages' Chinese strings come
 * with the staff shell (loadStaffStrings); English is its own chunk, loaded when someone
 * picks it (or comes back with it picked). A worker's phone downloads neither.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN, { type Translation } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'dutyroster.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  } catch {
    // Storage can be blocked (private mode); Chinese is the default anyway.
  }
  return 'zh-CN';
}

/** Make a language's strings available (English is fetched the first time). */
async function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'zh-CN' || i18next.hasResourceBundle(lang, 'translation')) return;
  const { default: en } = await import('./en');
  i18next.addResourceBundle('en', 'translation', en, true, true);
}

let staffStrings: Promise<void> | null = null;

/** Add the staff pages' Chinese strings (once); the staff shell waits for them before it renders. */
export function loadStaffStrings(): Promise<void> {
  staffStrings ??= import('./staff.zh-CN').then(({ default: staff }) => {
    i18next.addResourceBundle('zh-CN', 'translation', staff, true, false);
  });
  return staffStrings;
}

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the switch still applies to this visit.
  }
  void loadLanguage(lang)
    .catch(() => undefined) // offline: stay readable in Chinese (the fallback)
    .then(() => i18next.changeLanguage(lang));
}

export function currentLanguage(): Language {
  return i18next.resolvedLanguage === 'en' ? 'en' : 'zh-CN';
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  // A page without a title of its own shows the site's name: in the language now chosen.
  // (Pages with their own title set it again as they re-render.)
  const names = LANGUAGES.map((l) => i18next.getResource(l, 'translation', 'app.name') as unknown);
  if (names.includes(document.title)) document.title = i18next.t('app.name');
});

const initial = storedLanguage();

/** Resolves once the strings of the visitor's language are in (render after it). */
export const i18nReady: Promise<unknown> = i18next
  .use(initReactI18next)
  .init({
    resources: { 'zh-CN': { translation: zhCN } },
    partialBundledLanguages: true,
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(() => (initial === 'zh-CN' ? undefined : loadLanguage(initial).then(() => i18next.changeLanguage(initial))))
  .catch(() => undefined);

document.documentElement.lang = initial;

export default i18next;
