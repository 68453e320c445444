import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, errorMessage } from './api-client.ts';

/**
 * Shows a failed request on a form: each field error the server named (`body.email` →
 * `email`) goes beside its field, and the returned text goes in the alert at the top.
 * When every problem landed on a field, the alert just points to them.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly Path<T>[]): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const fieldErrors = error.fieldErrors;
  const known = new Set<string>(fields);
  let placed = 0;
  let first = true;
  for (const [field, message] of Object.entries(fieldErrors)) {
    if (!known.has(field)) continue;
    setError(field as Path<T>, { type: 'server', message }, { shouldFocus: first });
    first = false;
    placed++;
  }
  const total = Object.keys(fieldErrors).length;
  if (placed > 0 && placed === total && error.code === 'validation') return 'Please check the highlighted fields.';
  return errorMessage(error);
}

/** Treats an empty text box as "not given", for optional fields the server validates when present. */
export const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
