import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type Lawyer, type Station, type UserAccount } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, UnplacedErrors, useFocusFirstError } from '../../components/Field';
import { AccountFields } from './AccountFields';
import { changesOf, draftOf, PASSWORD_MIN_LENGTH, type AccountDraft } from './accountForm';
import { PasswordInput } from './PasswordInput';
import { useUpdateUser } from './useUsers';
import { FormActions } from '../../components/FormActions';

const FIELD_NAMES = ['role', 'displayName', 'email', 'lang', 'lawyerId', 'stationId'] as const;

interface Props {
  account: UserAccount;
  lawyers: readonly Lawyer[];
  lawyersLoading: boolean;
  stations: readonly Station[];
  /** Closes the editor with what to tell the admin. */
  onDone: (notice: string) => void;
  onCancel: () => void;
}

/** One account's role and links, and a new password for it: two forms, as the server treats them apart (a password ends the sessions). */
export function AccountEditor({ account, lawyers, lawyersLoading, stations, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const titleId = `account-${account.id}-edit`;
  return (
    <div className="account-editor" role="group" aria-labelledby={titleId}>
      <h2 id={titleId} className="account-editor-title">
        {t('users.editTitle', { username: account.username })}
      </h2>
      <div className="account-editor-forms">
        <DetailsForm account={account} lawyers={lawyers} lawyersLoading={lawyersLoading} stations={stations} onDone={onDone} onCancel={onCancel} />
        <PasswordForm account={account} onDone={onDone} />
      </div>
    </div>
  );
}

function DetailsForm({ account, lawyers, lawyersLoading, stations, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AccountDraft>(() => draftOf(account));
  const update = useUpdateUser();
  const errors = isApiError(update.error) ? update.error.fieldErrors() : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, update.error);
  const set = <K extends keyof AccountDraft>(key: K, value: AccountDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = changesOf(account, draft);
    if (Object.keys(body).length === 0) return onDone(t('users.noChanges'));
    update.mutate({ id: account.id, body }, { onSuccess: () => onDone(t('users.saved', { username: account.username })) });
  };

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate aria-label={t('users.detailsTitle')}>
      <ErrorMessage error={update.error} />
      <UnplacedErrors error={update.error} fields={FIELD_NAMES} />
      <div className="form-grid">
        <AccountFields draft={draft} set={set} errors={errors} lawyers={lawyers} lawyersLoading={lawyersLoading} stations={stations} />
      </div>
      <FormActions busy={update.isPending} label={t('common.save')} onCancel={onCancel} />
    </form>
  );
}

function PasswordForm({ account, onDone }: Pick<Props, 'account' | 'onDone'>) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const update = useUpdateUser();
  const errors = isApiError(update.error) ? update.error.fieldErrors() : {};

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: account.id, body: { password } }, { onSuccess: () => onDone(t('users.passwordSet', { username: account.username })) });
  };

  return (
    <form className="form account-password" onSubmit={onSubmit} noValidate aria-label={t('users.resetPassword')}>
      <h3>{t('users.resetPassword')}</h3>
      <ErrorMessage error={update.error} />
      <UnplacedErrors error={update.error} fields={['password']} />
      <Field
        label={t('users.newPassword')}
        error={errors.password}
        hint={`${t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })}${t('common.sentenceSeparator')}${t('users.passwordEndsSessions')}`}
      >
        {(p) => <PasswordInput {...p} value={password} onChange={setPassword} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('users.setPassword')}
        </button>
      </div>
    </form>
  );
}
