import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { CircleAlert } from 'lucide-react';
import { normaliseTimeText } from '../lib/time-text.ts';

interface FieldProps {
  label: ReactNode;
  /** Help shown under the label, linked to the control with aria-describedby. */
  hint?: ReactNode;
  /** The validation message; also marks the control aria-invalid. */
  error?: string;
  className?: string;
}

/** The label, hint and error around one control, wired together for screen readers. */
export function useFieldIds(error: string | undefined, hint: ReactNode) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

export function FieldText({ hintId, hint, errorId, error }: { hintId?: string; hint?: ReactNode; errorId?: string; error?: string }) {
  return (
    <>
      {hint && <p id={hintId} className="hint mt-1">{hint}</p>}
      {error && (
        <p id={errorId} className="field-error mt-1.5">
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      )}
    </>
  );
}

export interface TextFieldProps extends FieldProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> {
  ref?: Ref<HTMLInputElement>;
  inputClassName?: string;
}

export function TextField({ label, hint, error, className = '', inputClassName = '', ref, ...input }: TextFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(error, hint);
  return (
    <div className={className}>
      <label htmlFor={id} className="label">{label}</label>
      <FieldText hintId={hintId} hint={hint} errorId={errorId} error={error} />
      <input
        ref={ref}
        id={id}
        className={`input mt-1.5 ${inputClassName}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
    </div>
  );
}

export interface TextAreaFieldProps extends FieldProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'> {
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({ label, hint, error, className = '', ref, rows = 4, ...textarea }: TextAreaFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(error, hint);
  return (
    <div className={className}>
      <label htmlFor={id} className="label">{label}</label>
      <FieldText hintId={hintId} hint={hint} errorId={errorId} error={error} />
      <textarea
        ref={ref}
        id={id}
        rows={rows}
        className="input mt-1.5 leading-relaxed"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
      />
    </div>
  );
}

export interface SelectFieldProps extends FieldProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'> {
  ref?: Ref<HTMLSelectElement>;
}

export function SelectField({ label, hint, error, className = '', ref, children, ...select }: SelectFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(error, hint);
  return (
    <div className={className}>
      <label htmlFor={id} className="label">{label}</label>
      <FieldText hintId={hintId} hint={hint} errorId={errorId} error={error} />
      <select
        ref={ref}
        id={id}
        className="input mt-1.5 cursor-pointer"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

export interface CheckboxFieldProps extends FieldProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'type'> {
  ref?: Ref<HTMLInputElement>;
}

/** A checkbox with its label beside it; the whole label is the tap target. */
export function CheckboxField({ label, hint, error, className = '', ref, ...input }: CheckboxFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(error, hint);
  return (
    <div className={`flex gap-3 ${className}`}>
      <input
        ref={ref}
        id={id}
        type="checkbox"
        className="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      <div>
        <label htmlFor={id} className="label cursor-pointer">{label}</label>
        <FieldText hintId={hintId} hint={hint} errorId={errorId} error={error} />
      </div>
    </div>
  );
}

export interface TimeInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> {
  value: string;
  onValueChange: (value: string) => void;
}

/**
 * A time of day in the clinic's 24-hour format, whatever the browser's locale (its own
 * time input would show "09:00 AM" in an en-US browser). What is typed is tidied on
 * leaving the box: "930" becomes "09:30".
 */
export function TimeInput({ value, onValueChange, onBlur, className = '', ...input }: TimeInputProps) {
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="hh:mm"
      maxLength={5}
      className={`input tabular-nums ${className}`}
      value={value}
      onChange={(e) => onValueChange(e.target.value)}
      onBlur={(e) => {
        const tidy = normaliseTimeText(e.target.value);
        if (tidy && tidy !== e.target.value) onValueChange(tidy);
        onBlur?.(e);
      }}
      {...input}
    />
  );
}

export interface TimeFieldProps extends FieldProps, Omit<TimeInputProps, 'className'> {
  inputClassName?: string;
}

/** A labelled 24-hour time (see TimeInput). */
export function TimeField({ label, hint, error, className = '', inputClassName = '', ...input }: TimeFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(error, hint ?? '24-hour, e.g. 14:30');
  return (
    <div className={className}>
      <label htmlFor={id} className="label">{label}</label>
      <FieldText hintId={hintId} hint={hint ?? '24-hour, e.g. 14:30'} errorId={errorId} error={error} />
      <TimeInput id={id} className={`mt-1.5 ${inputClassName}`} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
    </div>
  );
}
