import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from './accountForm';

interface Props {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  value: string;
  onChange: (value: string) => void;
}

/**
 * A password an admin sets for someone else, to pass on to them: it can be shown, so that it
 * is read back correctly. Not remembered by the browser as the admin's own.
 */
export function PasswordInput({ value, onChange, ...field }: Props) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <div className="password-input">
      <input
        {...field}
        type={shown ? 'text' : 'password'}
        value={value}
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={200}
        autoComplete="new-password"
        autoCapitalize="none"
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" className="btn btn-ghost" aria-pressed={shown} aria-controls={field.id} onClick={() => setShown((s) => !s)}>
        {t('users.showPassword')}
      </button>
    </div>
  );
}
