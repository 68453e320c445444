/**
 * Helpers for showing and editing answers on screen: turning what a browser form holds
 * (empty strings, blank rows, unticked dates) into answers for the one answers schema,
 * saying an answer in words for the review step and the practitioner's view, and finding
 * where a client left off. Pure and browser-safe.
 */

import { formatCalendarDate, isCalendarDate } from './calendar-date.ts';
import { isAnswered, type AnswerValue, type Answers } from './conditions.ts';
import { appliesToCategories, visibleQuestions, type AnswerContext } from './answers.schema.ts';
import { formQuestions, type FormDefinition, type Question, type Section } from './form-definition.ts';

/**
 * The answers in a browser form's state: empty text, `NaN` numbers, empty choices, blank
 * procedure dates and blank list rows are no answer. Questions not on the form are kept,
 * so the schema names them; values of the wrong type are kept for the schema to refuse.
 */
export function cleanAnswers(form: FormDefinition, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kinds = new Map(formQuestions(form).map(({ question }) => [question.id, question] as const));
  const out: Record<string, unknown> = {};
  for (const [id, raw] of Object.entries(values)) {
    const q = kinds.get(id);
    const value = q ? cleanValue(q, raw) : raw;
    if (value !== undefined) out[id] = value;
  }
  return out;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (typeof v === 'number' && Number.isNaN(v));

function cleanValue(q: Question, raw: unknown): unknown {
  if (blank(raw)) return undefined;
  if (q.kind === 'multipleChoice' && Array.isArray(raw)) return raw.length ? raw : undefined;
  if (q.kind === 'eventDates' && raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const dates = Object.fromEntries(Object.entries(raw).filter(([, d]) => !blank(d)));
    return Object.keys(dates).length ? dates : undefined;
  }
  if (q.kind === 'list' && Array.isArray(raw)) {
    const items = raw
      .map((item) => (item && typeof item === 'object' ? Object.fromEntries(Object.entries(item).filter(([, v]) => !blank(v))) : item))
      .filter((item) => !(item && typeof item === 'object' && Object.keys(item).length === 0));
    return items.length ? items : undefined;
  }
  return raw;
}

/** An answer in words: "Yes", an option's label, "20 May 2027", the items of a list. */
export function describeAnswer(q: Question | undefined, value: AnswerValue | undefined): string {
  if (value === undefined || !isAnswered(value)) return 'Not answered';
  if (!q) return typeof value === 'string' ? value : JSON.stringify(value);
  const label = (v: string) => ('options' in q ? q.options.find((o) => o.value === v)?.label : undefined) ?? v;
  const date = (v: unknown) => (typeof v === 'string' && isCalendarDate(v) ? formatCalendarDate(v) : String(v));
  switch (q.kind) {
    case 'yesNo':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'singleChoice':
      return label(String(value));
    case 'multipleChoice':
      return Array.isArray(value) ? value.map((v) => label(String(v))).join('; ') : String(value);
    case 'number':
      return q.unit ? `${String(value)} ${q.unit}` : String(value);
    case 'date':
      return date(value);
    case 'eventDates':
      return Object.entries(value as Record<string, string>)
        .map(([event, d]) => `${q.events.find((e) => e.value === event)?.label ?? event}: ${date(d)}`)
        .join('; ');
    case 'list':
      return (value as Record<string, unknown>[])
        .map((item) => q.fields.filter((f) => !blank(item[f.id])).map((f) => {
          const v = item[f.id];
          if (f.kind === 'yesNo') return `${f.label}: ${v ? 'Yes' : 'No'}`;
          if (f.kind === 'date') return date(v);
          if (f.kind === 'singleChoice') return f.options.find((o) => o.value === v)?.label ?? String(v);
          return String(v);
        }).join(', '))
        .join('; ');
    default:
      return String(value);
  }
}

/** The sections the client sees for their treatments, in order, each with its visible questions. */
export function visibleSections(form: FormDefinition, answers: Answers, context: AnswerContext): { section: Section; questions: Question[] }[] {
  const visible = new Set(visibleQuestions(form, answers, context).map((q) => q.id));
  return form.sections
    .filter((s) => appliesToCategories(s.appliesTo, context.categories))
    .map((section) => ({ section, questions: section.questions.filter((q) => visible.has(q.id)) }))
    .filter((s) => s.questions.length > 0);
}

/**
 * Where to carry on: the index (among `visibleSections`) of the first section with a
 * required question still unanswered, or the number of sections when all are done (the
 * review step).
 */
export function resumeSection(form: FormDefinition, answers: Answers, context: AnswerContext): number {
  const sections = visibleSections(form, answers, context);
  const at = sections.findIndex(({ questions }) => questions.some((q) => q.required && !isAnswered(answers[q.id])));
  return at === -1 ? sections.length : at;
}
