import { useId, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInputDate, formatInputDateTime } from '../lib/dates';

interface DateInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'> {
  type?: 'date' | 'datetime-local';
  value: string;
}

/**
 * The browser's own date field (its picker, its keyboard), with the chosen day written out
 * after it in the page's language: the field itself follows the browser's locale, so an English
 * browser shows 12/08/2026 on a Chinese page, and 08/12 could be read either way round.
 * The words describe the field for screen readers too; they are hidden from its name, which
 * stays the label's alone when the field sits inside its label.
 */
export function DateInput({ type = 'date', value, 'aria-describedby': describedBy, ...props }: DateInputProps) {
  const { i18n } = useTranslation();
  const wordsId = useId();
  const language = i18n.resolvedLanguage ?? 'zh-CN';
  const words = type === 'date' ? formatInputDate(value, language) : formatInputDateTime(value, language);
  return (
    <>
      <input {...props} type={type} value={value} aria-describedby={[describedBy, words && wordsId].filter(Boolean).join(' ') || undefined} />
      {words && (
        <span id={wordsId} className="date-words" aria-hidden="true">
          {words}
        </span>
      )}
    </>
  );
}
