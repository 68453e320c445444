import { useId, type ReactNode } from 'react';
import { CircleAlert, Plus, Trash2 } from 'lucide-react';
import type { ListField, Question } from '../../../../domain/intake/index.ts';
import { TextAreaField, TextField } from '../../../components/field.tsx';
import { DateField } from '../../../components/date-field.tsx';

/**
 * One question of the health questionnaire, drawn from its definition: yes/no and choices
 * as large tap targets, dates with the phone's date picker, lists with add and remove.
 * Values are kept typed (booleans, numbers, arrays) so the one answers schema reads them
 * as the server will.
 */
export interface QuestionFieldProps {
  question: Question;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Messages by path below the question (`''` for the question itself, `botox`, `0.name`). */
  errors: Record<string, string>;
  /** Today in the clinic: the latest date allowed where a question says "not in the future". */
  today: string;
}

export function QuestionField({ question: q, value, onChange, errors, today }: QuestionFieldProps) {
  const error = errors[''];
  const hint = q.help;
  const label = <>{q.label}{!q.required && <span className="font-normal text-muted"> (optional)</span>}</>;
  const id = `q-${q.id}`;
  switch (q.kind) {
    case 'yesNo':
      return (
        <Choices id={id} legend={label} hint={hint} error={error} type="radio" columns
          options={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]}
          isChecked={(v) => (v === 'yes' ? value === true : value === false)}
          onToggle={(v) => onChange(v === 'yes')} />
      );
    case 'singleChoice':
      return <Choices id={id} legend={label} hint={hint} error={error} type="radio" options={q.options} isChecked={(v) => value === v} onToggle={(v) => onChange(v)} />;
    case 'multipleChoice': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      const exclusive = new Set(q.options.filter((o) => o.exclusive).map((o) => o.value));
      return (
        <Choices id={id} legend={label} hint={hint} error={error} type="checkbox" options={q.options}
          isChecked={(v) => chosen.includes(v)}
          onToggle={(v) => {
            if (chosen.includes(v)) onChange(chosen.filter((c) => c !== v));
            else if (exclusive.has(v)) onChange([v]);
            else onChange([...chosen.filter((c) => !exclusive.has(c)), v]);
          }} />
      );
    }
    case 'shortText':
      return <TextField label={label} hint={hint} error={error} maxLength={q.maxLength} value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value)} autoComplete={AUTOCOMPLETE[q.id] ?? 'off'} type={/phone/i.test(q.id) ? 'tel' : 'text'} />;
    case 'longText':
      return <TextAreaField label={label} hint={hint} error={error} maxLength={q.maxLength} rows={3} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
    case 'number':
      return <TextField label={label} hint={hint} error={error} inputMode={q.integer ? 'numeric' : 'decimal'} inputClassName="max-w-40"
        value={value === undefined || value === null ? '' : String(value)} onChange={(e) => onChange(toNumber(e.target.value))} />;
    case 'date':
      return <DateField label={label} hint={hint} error={error} inputClassName="max-w-56" max={q.notInFuture ? today : undefined}
        value={typeof value === 'string' ? value : ''} onValueChange={(value) => onChange(value)} autoComplete={q.id === 'dateOfBirth' ? 'bday' : 'off'} />;
    case 'eventDates': {
      const dates = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
      return (
        <Group id={id} legend={label} hint={hint} error={error}>
          <div className="mt-3 flex flex-col gap-4">
            {q.events.map((event) => (
              <DateField key={event.value} label={event.label} inputClassName="max-w-56"
                max={q.notInFuture ? today : undefined} error={errors[event.value]} value={dates[event.value] ?? ''}
                onValueChange={(value) => onChange({ ...dates, [event.value]: value })} />
            ))}
          </div>
        </Group>
      );
    }
    case 'list': {
      const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      const set = (i: number, field: string, v: unknown) => onChange(items.map((item, j) => (j === i ? { ...item, [field]: v } : item)));
      return (
        <Group id={id} legend={label} hint={hint} error={error}>
          <ul className="mt-3 flex flex-col gap-3">
            {items.map((item, i) => (
              <li key={i} className="rounded-lg border border-line bg-paper p-4">
                <div className="flex items-center justify-between gap-3">
                  <p className="font-medium">{q.itemLabel} {i + 1}</p>
                  <button type="button" className="btn btn-ghost -mr-2 px-3" onClick={() => onChange(items.filter((_, j) => j !== i))}>
                    <Trash2 aria-hidden="true" className="size-4" />Remove<span className="sr-only"> {q.itemLabel.toLowerCase()} {i + 1}</span>
                  </button>
                </div>
                <div className="mt-2 flex flex-col gap-3">
                  {q.fields.map((f) => <ListFieldInput key={f.id} id={`${id}-${i}-${f.id}`} field={f} value={item[f.id]} error={errors[`${i}.${f.id}`]} today={today} onChange={(v) => set(i, f.id, v)} />)}
                </div>
              </li>
            ))}
          </ul>
          {items.length < q.maxItems && (
            <button type="button" className="btn btn-secondary mt-3" onClick={() => onChange([...items, {}])}>
              <Plus aria-hidden="true" className="size-5" />Add {items.length ? 'another' : 'a'} {q.itemLabel.toLowerCase()}
            </button>
          )}
        </Group>
      );
    }
  }
}

const AUTOCOMPLETE: Record<string, string> = { phone: 'tel' };

function toNumber(raw: string): unknown {
  const v = raw.trim();
  if (v === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

function ListFieldInput({ id, field: f, value, error, today, onChange }: { id: string; field: ListField; value: unknown; error?: string; today: string; onChange: (v: unknown) => void }) {
  const label = <>{f.label}{!f.required && <span className="font-normal text-muted"> (optional)</span>}</>;
  switch (f.kind) {
    case 'shortText':
      return <TextField label={label} error={error} maxLength={f.maxLength} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
    case 'number':
      return <TextField label={label} error={error} inputMode="numeric" value={value === undefined ? '' : String(value)} onChange={(e) => onChange(toNumber(e.target.value))} />;
    case 'date':
      return <DateField label={label} error={error} max={f.notInFuture ? today : undefined} value={typeof value === 'string' ? value : ''} onValueChange={(value) => onChange(value)} />;
    case 'yesNo':
      return <Choices id={id} legend={label} error={error} type="radio" columns options={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]}
        isChecked={(v) => (v === 'yes' ? value === true : value === false)} onToggle={(v) => onChange(v === 'yes')} />;
    case 'singleChoice':
      return <Choices id={id} legend={label} error={error} type="radio" options={f.options} isChecked={(v) => value === v} onToggle={(v) => onChange(v)} />;
  }
}

/** A fieldset with its legend, hint and error wired for screen readers. */
function Group({ id, legend, hint, error, children }: { id: string; legend: ReactNode; hint?: string; error?: string; children: ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset id={id} aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined} tabIndex={-1} className="min-w-0 outline-none">
      <legend className="label text-lg leading-snug">{legend}</legend>
      {hint && <p id={hintId} className="hint mt-1">{hint}</p>}
      {error && <p id={errorId} className="field-error mt-1.5"><CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" /><span>{error}</span></p>}
      {children}
    </fieldset>
  );
}

/** Radio buttons or checkboxes as large cards, the whole card the tap target (one-handed on a phone). */
function Choices({ id, legend, hint, error, type, options, isChecked, onToggle, columns = false }: {
  id: string; legend: ReactNode; hint?: string; error?: string; type: 'radio' | 'checkbox';
  options: readonly { value: string; label: string }[]; isChecked: (v: string) => boolean; onToggle: (v: string) => void; columns?: boolean;
}) {
  const name = useId();
  return (
    <Group id={id} legend={legend} hint={hint} error={error}>
      <div className={`mt-3 grid gap-2.5 ${columns ? 'grid-cols-2' : ''}`}>
        {options.map((o) => (
          <label key={o.value}
            className={`flex min-h-14 cursor-pointer items-center gap-3 rounded-xl border bg-white px-4 py-3 text-base leading-snug transition-colors hover:border-jade-600 has-[:checked]:border-jade-600 has-[:checked]:bg-jade-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-jade-600 ${error ? 'border-danger/60' : 'border-line-strong/50'}`}>
            <input type={type} name={name} value={o.value} checked={isChecked(o.value)} onChange={() => onToggle(o.value)}
              aria-invalid={error ? true : undefined}
              className="size-5 shrink-0 cursor-pointer accent-jade-600 focus-visible:outline-none" />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </Group>
  );
}
