import { useTranslation } from 'react-i18next';
import type { Lawyer, Role, StaffLanguage, Station } from '../../api/client';
import { Field } from '../../components/Field';
import { ROLE_CHOICES, STAFF_LANGUAGES, takesLawyer, takesStation, type AccountDraft } from './accountForm';

interface Props {
  draft: AccountDraft;
  set: <K extends keyof AccountDraft>(key: K, value: AccountDraft[K]) => void;
  /** The server's messages by field path. */
  errors: Record<string, string>;
  /** Lawyers who may be linked (linkableLawyers). */
  lawyers: readonly Lawyer[];
  stations: readonly Station[];
  lawyersLoading: boolean;
  displayNameHint?: string;
}

/** Role, and what the role takes (its lawyer, or its station), display name, e-mail and the notifications' language: shared by the new-account form and a row's editor. */
export function AccountFields({ draft, set, errors, lawyers, stations, lawyersLoading, displayNameHint }: Props) {
  const { t } = useTranslation();
  const idOf = (value: string) => (value === '' ? null : Number(value));
  const mainStations = stations.filter((s) => s.level !== 'village');
  const villages = stations.filter((s) => s.level === 'village');
  const stationOption = (s: Station) => (
    <option key={s.id} value={s.id}>
      {s.active ? s.name : `${s.name}${t('common.inParens', { text: t('users.inactive') })}`}
    </option>
  );

  return (
    <>
      <Field label={t('users.role')} error={errors.role}>
        {(p) => (
          <select {...p} value={draft.role} onChange={(e) => set('role', e.target.value as Role)}>
            {ROLE_CHOICES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>

      {takesLawyer(draft.role) && (
        <Field
          label={t('users.lawyerId')}
          error={errors.lawyerId}
          hint={!lawyersLoading && lawyers.length === 0 ? t('users.noLinkableLawyers') : t('users.lawyerHint')}
        >
          {(p) => (
            <select {...p} value={draft.lawyerId ?? ''} onChange={(e) => set('lawyerId', idOf(e.target.value))}>
              <option value="">{lawyersLoading ? t('common.loading') : t('users.chooseLawyer')}</option>
              {lawyers.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.firm ? `${l.name} · ${l.firm}` : l.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      {takesStation(draft.role) && (
        <Field label={t('users.stationId')} error={errors.stationId} hint={t(draft.role === 'coordinator' ? 'users.stationHintCoordinator' : 'users.stationHint')}>
          {(p) => (
            <select {...p} value={draft.stationId ?? ''} onChange={(e) => set('stationId', idOf(e.target.value))}>
              <option value="">{t('users.wholeNetwork')}</option>
              {mainStations.map(stationOption)}
              {villages.length > 0 && <optgroup label={t('levelPlural.village')}>{villages.map(stationOption)}</optgroup>}
            </select>
          )}
        </Field>
      )}

      <Field label={t('users.displayName')} error={errors.displayName} hint={displayNameHint}>
        {(p) => <input {...p} value={draft.displayName} maxLength={50} onChange={(e) => set('displayName', e.target.value)} />}
      </Field>
      <Field label={t('users.email')} error={errors.email} hint={t('users.emailHint')}>
        {(p) => (
          <input {...p} type="email" inputMode="email" autoComplete="off" value={draft.email} maxLength={200} onChange={(e) => set('email', e.target.value)} />
        )}
      </Field>
      <Field label={t('users.lang')} error={errors.lang} hint={t('users.langHint')}>
        {(p) => (
          <select {...p} value={draft.lang} onChange={(e) => set('lang', e.target.value as StaffLanguage)}>
            {STAFF_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l === 'zh' ? 'zh-CN' : 'en'}>
                {t(`users.langName.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
