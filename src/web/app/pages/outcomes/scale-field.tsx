import { useId } from 'react';
import { CircleAlert } from 'lucide-react';

/**
 * A 0–10 rating as eleven large radio buttons (two rows on a phone, one on a wider
 * screen), with the meaning of each end written out. Arrow keys move between numbers, as
 * for any radio group.
 */
export function ScaleField({ id, label, min, max, anchors, value, error, onChange }: {
  id: string; label: string; min: number; max: number; anchors?: { min: string; max: string };
  value: unknown; error?: string; onChange: (value: number) => void;
}) {
  const name = useId();
  const anchorId = `${id}-anchors`;
  const errorId = `${id}-error`;
  const numbers = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <fieldset id={id} tabIndex={-1} className="min-w-0 outline-none" aria-describedby={[anchors ? anchorId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}>
      <legend className="label text-lg leading-snug">{label}</legend>
      {anchors && (
        <p id={anchorId} className="hint mt-1">
          <span className="whitespace-nowrap">{min} = {anchors.min}</span>
          <span aria-hidden="true" className="px-1.5">·</span>
          <span className="whitespace-nowrap">{max} = {anchors.max}</span>
        </p>
      )}
      {error && <p id={errorId} className="field-error mt-1.5"><CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" /><span>{error}</span></p>}
      <div className="mt-3 grid grid-cols-6 gap-2 sm:grid-cols-11">
        {numbers.map((n) => (
          <label key={n}
            className={`flex min-h-12 cursor-pointer items-center justify-center rounded-xl border bg-white text-lg font-medium tabular-nums transition-colors hover:border-jade-600 has-[:checked]:border-jade-700 has-[:checked]:bg-jade-700 has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-jade-600 ${error ? 'border-danger/60' : 'border-line-strong/50'}`}>
            <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} className="sr-only"
              aria-invalid={error ? true : undefined} />
            <span aria-hidden="true">{n}</span>
            <span className="sr-only">{n}{n === min && anchors ? `, ${anchors.min}` : n === max && anchors ? `, ${anchors.max}` : ''}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
