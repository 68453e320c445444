/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';

/** What a control needs to be tied to its label, hint and error (for screen readers and `getByLabel`). */
export interface FieldControl {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A widget field: label, an optional hint, an error beside it, and the control drawn by `children`. */
export function WidgetField({ id, label, hint, error, children }: {
  id: string; label: string; hint?: string; error?: string; children: (control: FieldControl) => ComponentChildren;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="yw-field">
      <label for={id}>{label}</label>
      {hint && <p id={`${id}-hint`} class="yw-hint">{hint}</p>}
      {error && <p id={`${id}-error`} class="yw-field-error">{error}</p>}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  );
}
