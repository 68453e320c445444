import { useEffect, useId, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { addDays, formatLongDay } from '../lib/clinic-time.ts';
import { dateEntryProblem, formatDateEntry, parseDateEntry } from '../lib/date-entry.ts';
import { FieldText, useFieldIds } from './field.tsx';

/** Short enough for a narrow column; the placeholder shows dd/mm/yyyy. */
const FORMAT_HINT = 'Day first: 27/3/2027';

export interface DateFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'type' | 'value' | 'onChange' | 'min' | 'max'> {
  label: ReactNode;
  /** Help of the form's own; the format (or the day understood) is always said under it. */
  hint?: ReactNode;
  /** The form's own message (e.g. "Choose a day"); a date that cannot be read says so first. */
  error?: string;
  className?: string;
  inputClassName?: string;
  ref?: Ref<HTMLInputElement>;
  /** An ISO date (2027-03-27), or '' for none. */
  value: string;
  /** Called with an ISO date, '' when empty, or the typed text while it is not a date (the field says why). */
  onValueChange: (value: string) => void;
  min?: string;
  max?: string;
}

/**
 * The one date field of the app: shows and reads dates day first (27/03/2027), as the clinic
 * writes them, whatever the browser's locale (the browser's own date input follows the
 * browser, so a US browser shows a UK clinic mm/dd/yyyy). A plain labelled text box, so it
 * works the same with a keyboard, a screen reader and a phone; the day it understood is read
 * back in words ("Saturday 27 March 2027"), and the up and down arrows step a day.
 */
export function DateField({ label, hint, error, className = '', inputClassName = '', ref, value, onValueChange, min, max, onBlur, onKeyDown, ...input }: DateFieldProps) {
  const [text, setText] = useState(() => formatDateEntry(value));
  const [touched, setTouched] = useState(false);
  const readBackId = useId();

  // A value set from outside (a reset, a preset period) replaces what is shown.
  useEffect(() => {
    const shown = parseDateEntry(text);
    if ((shown.ok ? shown.date : shown.reason === 'empty' ? '' : text) !== value) setText(formatDateEntry(value));
  }, [value]);

  const entry = parseDateEntry(text);
  // Text that is not a date is explained here; the form's own message (e.g. "This date is in
  // the future") comes before our bounds check, which only backs it up.
  const own = touched ? dateEntryProblem(entry, { min, max }) : null;
  const shownError = entry.ok ? (error ?? own ?? undefined) : (own ?? error);
  const { id, hintId, errorId } = useFieldIds(shownError, hint);
  const describedBy = [hintId, readBackId, errorId].filter(Boolean).join(' ');

  const change = (next: string) => {
    setText(next);
    const parsed = parseDateEntry(next);
    // Text that is not a date goes on as it is, so the form refuses it rather than drop it.
    const out = parsed.ok ? parsed.date : parsed.reason === 'empty' ? '' : next;
    if (out !== value) onValueChange(out);
  };

  const step = (days: number) => {
    const from = entry.ok ? entry.date : (min ?? null);
    if (!from) return;
    let next = entry.ok ? addDays(from, days) : from;
    if (min && next < min) next = min;
    if (max && next > max) next = max;
    setTouched(true);
    change(formatDateEntry(next));
  };

  return (
    <div className={className}>
      <label htmlFor={id} className="label">{label}</label>
      {hint && <p id={hintId} className="hint mt-1">{hint}</p>}
      {/* One line that says the format, then the day understood ("Saturday 27 March 2027"):
          the same height either way, announced as it changes. */}
      <p id={readBackId} className="hint mt-1" aria-live="polite">{entry.ok && !shownError ? formatLongDay(entry.date) : FORMAT_HINT}</p>
      <FieldText errorId={errorId} error={shownError} />
      <input
        ref={ref}
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder="dd/mm/yyyy"
        className={`input mt-1.5 max-w-56 tabular-nums ${inputClassName}`}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={describedBy}
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            step(e.key === 'ArrowUp' ? 1 : -1);
          }
          onKeyDown?.(e);
        }}
        onBlur={(e) => {
          setTouched(true);
          if (entry.ok) setText(formatDateEntry(entry.date));
          onBlur?.(e);
        }}
        {...input}
      />
    </div>
  );
}
