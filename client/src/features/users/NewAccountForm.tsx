import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type Lawyer, type Station, type UserAccount } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { AccountFields } from './AccountFields';
import { createBodyOf, emptyNewAccount, PASSWORD_MIN_LENGTH, type AccountDraft, type NewAccountDraft } from './accountForm';
import { PasswordInput } from './PasswordInput';
import { useCreateUser } from './useUsers';
import { FormActions } from '../../components/FormActions';

const FIELD_NAMES = ['username', 'password', 'role', 'displayName', 'email', 'lang', 'lawyerId', 'stationId'] as const;

interface Props {
  lawyers: readonly Lawyer[];
  lawyersLoading: boolean;
  stations: readonly Station[];
  onDone: (created: UserAccount) => void;
  onCancel: () => void;
}

/** A new account: its sign-in, role, and the lawyer (lawyer accounts) or station (staff) it belongs to. */
export function NewAccountForm({ lawyers, lawyersLoading, stations, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<NewAccountDraft>(emptyNewAccount);
  const create = useCreateUser();
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, create.error);
  const set = (patch: Partial<NewAccountDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setField = <K extends keyof AccountDraft>(key: K, value: AccountDraft[K]) => set({ [key]: value });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(createBodyOf(draft), { onSuccess: onDone });
  };

  return (
    <form ref={formRef} className="card form account-form" onSubmit={onSubmit} noValidate aria-labelledby="new-account-title">
      <h2 id="new-account-title">{t('users.newTitle')}</h2>
      <ErrorMessage error={create.error} />
      <UnplacedErrors error={create.error} fields={FIELD_NAMES} />
      <div className="form-grid">
        <Field label={t('users.username')} error={errors.username} hint={t('users.usernameHint')}>
          {(p) => (
            <input
              {...p}
              name="new-username"
              value={draft.username}
              required
              maxLength={64}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              onChange={(e) => set({ username: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('users.password')} error={errors.password} hint={t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })}>
          {(p) => <PasswordInput {...p} value={draft.password} onChange={(password) => set({ password })} />}
        </Field>
        <AccountFields
          draft={draft}
          set={setField}
          errors={errors}
          lawyers={lawyers}
          lawyersLoading={lawyersLoading}
          stations={stations}
          displayNameHint={t('users.displayNameHint')}
        />
      </div>
      <FormActions busy={create.isPending} label={t('users.create')} onCancel={onCancel} />
    </form>
  );
}
