/**
 * Reading answers from an HTML form post, so the questionnaire and the anonymous "Is it
 * right for me?" check work without JavaScript. Browsers send every field as text; this
 * turns the fields of a form's questions into typed answers, which `answersSchemaFor`
 * then validates as it would a JSON body.
 *
 * Field names: a question's id; `id.event` for procedure dates (`cosmeticProcedures.botox`);
 * `id.index.field` for list items (`medications.0.name`). Yes/no fields send `yes` or `no`,
 * multiple choice repeats the name once per ticked box. An empty field is no answer.
 * Other names without a dot are passed through, so the schema refuses them as unknown
 * questions; the caller removes its own fields (such as a CSRF token) first.
 */

import type { FormDefinition, ListField, Question } from './form-definition.ts';

/** A parsed `application/x-www-form-urlencoded` body: one string, or several for a repeated name. */
export type FormFields = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Converts posted fields into answers (unvalidated: pass the result to the answers schema). */
export function answersFromFormPost(form: FormDefinition, fields: FormFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const questions = new Map<string, Question>();
  for (const s of form.sections) for (const q of s.questions) questions.set(q.id, q);

  for (const [name, raw] of Object.entries(fields)) {
    if (raw === undefined) continue;
    const [id, ...rest] = name.split('.');
    const q = questions.get(id!);
    if (!q) {
      if (rest.length === 0) out[name] = raw; // refused by the schema as not on the form
      continue;
    }
    if (rest.length === 0) {
      const value = q.kind === 'multipleChoice' ? nonEmpty(raw) : scalar(q, first(raw));
      if (value !== undefined && !(Array.isArray(value) && value.length === 0)) out[id!] = value;
    } else if (q.kind === 'eventDates' && rest.length === 1) {
      const date = first(raw).trim();
      if (date) ((out[id!] ??= {}) as Record<string, string>)[rest[0]!] = date;
    } else if (q.kind === 'list' && rest.length === 2 && /^\d{1,2}$/.test(rest[0]!)) {
      const field = q.fields.find((f) => f.id === rest[1]);
      const value = field ? scalar(field, first(raw)) : first(raw);
      if (value === undefined) continue;
      const items = (out[id!] ??= []) as Record<string, unknown>[];
      ((items[Number(rest[0])] ??= {}) as Record<string, unknown>)[rest[1]!] = value;
    }
  }
  // Rows left entirely blank (and gaps in numbering) are not items.
  for (const q of questions.values()) {
    if (q.kind === 'list' && Array.isArray(out[q.id])) {
      const items = (out[q.id] as (Record<string, unknown> | undefined)[]).filter((i): i is Record<string, unknown> => i !== undefined && Object.keys(i).length > 0);
      if (items.length) out[q.id] = items;
      else delete out[q.id];
    }
  }
  return out;
}

function first(raw: string | readonly string[]): string {
  return typeof raw === 'string' ? raw : (raw[0] ?? '');
}

function nonEmpty(raw: string | readonly string[]): string[] {
  return (typeof raw === 'string' ? [raw] : [...raw]).filter((v) => v.trim() !== '');
}

function scalar(q: Question | ListField, value: string): unknown {
  const v = value.trim();
  if (v === '' && q.kind !== 'shortText' && q.kind !== 'longText') return undefined;
  switch (q.kind) {
    case 'yesNo':
      return v === 'yes' ? true : v === 'no' ? false : v;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    case 'shortText':
    case 'longText':
      return value === '' ? undefined : value;
    default:
      return v;
  }
}
