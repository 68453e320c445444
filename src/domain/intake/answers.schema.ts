/**
 * Validating a client's answers against a form: one Zod schema, built from the form
 * definition, that the portal (react-hook-form's zodResolver) and the server both use, so
 * a client sees the same message the server would give.
 *
 * What it refuses, each with a field-level issue whose path starts with the question id:
 * - an id that is not a question of the form;
 * - a wrong type (text for yes/no, an option the question does not have, a number out of
 *   range, text over the question's `maxLength`, control characters, a list too long);
 * - a date that is not a real calendar date, or after `today` where the question says
 *   `notInFuture` (procedure dates always do);
 * - a required question left unanswered, but only while it is visible (its section and
 *   the question apply to the client's treatment categories and their `showWhen` holds).
 *   A partial save (`{ partial: true }`, answers saved as the client goes) skips this one.
 *
 * What it returns: the answers to visible questions only, text trimmed and empty answers
 * left out, so an answer to a follow-up that the client has since made irrelevant (weeks
 * of pregnancy after answering "not pregnant") is dropped rather than kept stale. For a
 * partial save, validate the merged draft, not the patch alone: a follow-up sent without
 * the answer that reveals it counts as hidden.
 *
 * @example
 * const schema = answersSchemaFor(form, { categories: ['facial'], today: '2027-05-01' });
 * const result = schema.safeParse(body); // result.error.issues[0].path → ['pregnancyWeeks']
 */

import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from './calendar-date.ts';
import { evaluateCondition, isAnswered, type AnswerValue, type Answers } from './conditions.ts';
import type { FormDefinition, ListField, Question, TreatmentCategory } from './form-definition.ts';

/** Who the form is being filled in for, and when. */
export interface AnswerContext {
  /** Treatment categories the client is booked for; sections and questions for others are hidden. */
  readonly categories: readonly TreatmentCategory[];
  /** Today in the clinic's calendar: dates after it are refused where `notInFuture`, and branching on dates reads it. */
  readonly today: CalendarDate;
}

export interface AnswersSchemaOptions {
  /** Saving as the client goes: types are checked, required answers are not. */
  readonly partial?: boolean;
}

// Control characters other than tab and line breaks never belong in an answer; short
// text allows no line breaks at all (it is one line on screen and in the practitioner's view).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_LONG = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_SHORT = /[\u0000-\u001F\u007F]/;

const MSG = {
  yesNo: 'Please choose yes or no',
  choice: 'Please choose one of the answers given',
  text: 'Please type your answer as text',
  control: 'Please remove the special characters from this answer',
  number: 'Please enter a number',
  whole: 'Please enter a whole number',
  date: 'Please enter a real date, such as 20 May 2027',
  future: 'This date is in the future. Please check it',
  required: 'Please answer this question',
  notOnForm: 'This question is not on the form',
  list: 'Please add your answers as a list',
} as const;

function textSchema(maxLength: number, oneLine: boolean): z.ZodType<string> {
  return z
    .string({ error: MSG.text })
    .trim()
    .max(maxLength, `Please keep this to ${maxLength} characters or fewer`)
    .refine((s) => !(oneLine ? CONTROL_SHORT : CONTROL_LONG).test(s), MSG.control);
}

function numberSchema(q: { min?: number; max?: number; integer: boolean; unit?: string }): z.ZodType<number> {
  const unit = q.unit ? ` ${q.unit}` : '';
  let s = z.number({ error: MSG.number }).refine(Number.isFinite, MSG.number);
  if (q.integer) s = s.refine(Number.isInteger, MSG.whole);
  if (q.min !== undefined) s = s.refine((n) => n >= q.min!, `Please enter at least ${q.min}${unit}`);
  if (q.max !== undefined) s = s.refine((n) => n <= q.max!, `Please enter no more than ${q.max}${unit}`);
  return s;
}

// "Not in the future" depends on today, so it is checked after parsing (see `futureDates`),
// and the per-question schemas, which are slow to build, are built once per form.
const dateSchema = z.string({ error: MSG.date }).refine(isCalendarDate, MSG.date);

function choiceSchema(values: readonly string[]): z.ZodType<string> {
  return z.string({ error: MSG.choice }).refine((v) => values.includes(v), MSG.choice);
}

function listFieldValueSchema(f: ListField): z.ZodType<unknown> {
  switch (f.kind) {
    case 'shortText':
      return textSchema(f.maxLength, true);
    case 'number':
      return numberSchema(f);
    case 'date':
      return dateSchema;
    case 'yesNo':
      return z.boolean({ error: MSG.yesNo });
    case 'singleChoice':
      return choiceSchema(f.options.map((o) => o.value));
  }
}

/** The schema of one question's answer (not counting whether it is required, nor dates after today: see `futureDates`). */
export function answerSchemaFor(q: Question): z.ZodType<unknown> {
  switch (q.kind) {
    case 'yesNo':
      return z.boolean({ error: MSG.yesNo });
    case 'singleChoice':
      return choiceSchema(q.options.map((o) => o.value));
    case 'multipleChoice': {
      const exclusive = q.options.filter((o) => o.exclusive);
      return z
        .array(choiceSchema(q.options.map((o) => o.value)), { error: MSG.choice })
        .refine((vs) => new Set(vs).size === vs.length, 'Please choose each answer only once')
        .refine(
          (vs) => vs.length < 2 || !exclusive.some((o) => vs.includes(o.value)),
          `“${exclusive[0]?.label ?? ''}” cannot be chosen with other answers`,
        );
    }
    case 'shortText':
      return textSchema(q.maxLength, true);
    case 'longText':
      return textSchema(q.maxLength, false);
    case 'number':
      return numberSchema(q);
    case 'date':
      return dateSchema;
    case 'eventDates':
      return z.partialRecord(z.enum(q.events.map((e) => e.value) as [string, ...string[]]), dateSchema, { error: MSG.date });
    case 'list': {
      const shape: Record<string, z.ZodType<unknown>> = {};
      for (const f of q.fields) {
        const s = listFieldValueSchema(f);
        shape[f.id] = f.required ? s.refine((v) => isAnswered(v as AnswerValue), MSG.required) : s.optional();
      }
      return z.array(z.strictObject(shape), { error: MSG.list }).max(q.maxItems, `Please add no more than ${q.maxItems}`);
    }
  }
}

/** Whether a section or question is asked for any of these treatment categories. */
export function appliesToCategories(appliesTo: readonly TreatmentCategory[] | undefined, categories: readonly TreatmentCategory[]): boolean {
  return appliesTo === undefined || appliesTo.some((c) => categories.includes(c));
}

/**
 * The ids of the questions a client sees given their answers so far, in form order.
 * Branching reads only the answers to visible questions, so hiding a question also
 * hides the follow-ups that depend on it.
 */
export function visibleQuestionIds(form: FormDefinition, answers: Answers, context: AnswerContext): string[] {
  return visibleQuestions(form, answers, context).map((q) => q.id);
}

/** The visible questions in form order (see `visibleQuestionIds`). */
export function visibleQuestions(form: FormDefinition, answers: Answers, context: AnswerContext): Question[] {
  const seen: Record<string, AnswerValue> = {};
  const cctx = { referenceDate: context.today };
  const out: Question[] = [];
  for (const section of form.sections) {
    if (!appliesToCategories(section.appliesTo, context.categories)) continue;
    if (section.showWhen && !evaluateCondition(section.showWhen, seen, cctx)) continue;
    for (const q of section.questions) {
      if (!appliesToCategories(q.appliesTo, context.categories)) continue;
      if (q.showWhen && !evaluateCondition(q.showWhen, seen, cctx)) continue;
      out.push(q);
      const v = answers[q.id];
      if (v !== undefined && isAnswered(v)) seen[q.id] = v;
    }
  }
  return out;
}

/**
 * Paths (below the question id) of dates in a parsed answer that are after `today`
 * where the question says `notInFuture`.
 */
export function futureDates(q: Question, value: unknown, today: CalendarDate): (string | number)[][] {
  if (q.kind === 'date') return q.notInFuture && (value as string) > today ? [[]] : [];
  if (q.kind === 'eventDates') return q.notInFuture ? Object.entries(value as Record<string, string>).filter(([, d]) => d > today).map(([k]) => [k]) : [];
  if (q.kind !== 'list') return [];
  const out: (string | number)[][] = [];
  (value as Record<string, unknown>[]).forEach((item, i) => {
    for (const f of q.fields) if (f.kind === 'date' && f.notInFuture && typeof item[f.id] === 'string' && (item[f.id] as string) > today) out.push([i, f.id]);
  });
  return out;
}

const questionSchemas = new WeakMap<FormDefinition, Map<string, { question: Question; schema: z.ZodType<unknown> }>>();

function schemasOf(form: FormDefinition): Map<string, { question: Question; schema: z.ZodType<unknown> }> {
  let map = questionSchemas.get(form);
  if (!map) {
    map = new Map();
    for (const section of form.sections) for (const q of section.questions) map.set(q.id, { question: q, schema: answerSchemaFor(q) });
    questionSchemas.set(form, map);
  }
  return map;
}

/**
 * Builds the one schema that validates a set of answers to `form` for this client and
 * day (see the module comment). Input is any JSON; output is the clean `Answers`.
 * Cheap to call per request: the per-question schemas are built once per form object.
 */
export function answersSchemaFor(form: FormDefinition, context: AnswerContext, options: AnswersSchemaOptions = {}): z.ZodType<Answers, unknown> {
  const questions = schemasOf(form);

  return z.record(z.string(), z.unknown(), { error: 'Please send the answers as an object' }).transform((input, ctx) => {
    const parsed: Record<string, AnswerValue> = {};
    const refused = new Set<string>();
    for (const [id, raw] of Object.entries(input)) {
      const entry = questions.get(id);
      if (!entry) {
        ctx.addIssue({ code: 'custom', path: [id], message: MSG.notOnForm });
        refused.add(id);
        continue;
      }
      if (raw === null || raw === undefined) continue; // a cleared answer
      const result = entry.schema.safeParse(raw);
      if (!result.success) {
        for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: [id, ...(issue.path as (string | number)[])], message: issue.message });
        refused.add(id);
        continue;
      }
      const future = futureDates(entry.question, result.data, context.today);
      if (future.length) {
        for (const path of future) ctx.addIssue({ code: 'custom', path: [id, ...path], message: MSG.future });
        refused.add(id);
        continue;
      }
      if (isAnswered(result.data as AnswerValue)) parsed[id] = result.data as AnswerValue;
    }

    const visible = visibleQuestions(form, parsed, context);
    if (!options.partial) {
      // A refused answer already has its message; "please answer" on top would confuse.
      for (const q of visible) {
        if (q.required && parsed[q.id] === undefined && !refused.has(q.id)) {
          ctx.addIssue({ code: 'custom', path: [q.id], message: MSG.required });
          refused.add(q.id);
        }
      }
    }
    if (refused.size) return z.NEVER;

    const out: Record<string, AnswerValue> = {};
    for (const q of visible) if (parsed[q.id] !== undefined) out[q.id] = parsed[q.id]!;
    return out;
  });
}

/** One field-level message, for a problem+json `errors` array: `field` is the path joined with dots (`cosmeticProcedures.botox`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Turns a failed parse into field-level messages. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
}
