import { useEffect, useId, type ReactNode, type RefObject } from 'react';
import { isApiError } from '../api/client';

interface FieldProps {
  label: ReactNode;
  /** The server's message for this field (from `details[].path`). */
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}

/** A labelled form control with its hint and the server's validation message beside it. */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
      {hint && (
        <small id={hintId} className="field-hint">
          {hint}
        </small>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export function FieldError({ message, id }: { message?: string; id?: string }) {
  if (!message) return null;
  return (
    <small id={id} className="field-error" role="alert">
      {message}
    </small>
  );
}

/** Server messages whose path no field on the form shows (a root-level rule, an unknown key). */
export function UnplacedErrors({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (!isApiError(error)) return null;
  const unplaced = error.details.filter((d) => !fields.some((f) => d.path === f || d.path.startsWith(`${f}.`)));
  if (unplaced.length === 0) return null;
  return (
    <ul className="field-error-list" role="alert">
      {unplaced.map((d, i) => (
        <li key={i}>
          <code>{d.path}</code> {d.message}
        </li>
      ))}
    </ul>
  );
}

/** After a failed save, move focus to the first field the server named (or the error banner). */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, error: unknown) {
  useEffect(() => {
    if (!error || !form.current) return;
    const target =
      form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.current.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    if (target.matches('input, select, textarea')) target.focus({ preventScroll: true });
  }, [error, form]);
}
