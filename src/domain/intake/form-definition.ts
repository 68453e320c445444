/**
 * The intake form-definition format: a health questionnaire is data, so the clinic can
 * extend the default form with its own questions, the portal renders it, and the server
 * and the browser validate answers with the same schema (`answers.schema.ts`).
 *
 * A form has an `id`, a `version` (stored answers name the form and version they answer),
 * a `title` and `sections`; each section has `questions`. Every question has a stable
 * `id` (camelCase, never reused for another meaning: stored answers and screening rules
 * refer to it), a `label` (a short question in plain words), optional `help`, a
 * `required` flag and a `kind`:
 *
 * | kind             | answer shape                                   | options                               |
 * |------------------|------------------------------------------------|---------------------------------------|
 * | `yesNo`          | `true` / `false`                               |                                       |
 * | `singleChoice`   | one option value, e.g. `'pregnant'`            | `options`                             |
 * | `multipleChoice` | option values, e.g. `['pacemaker']`            | `options` (one may be `exclusive`, like "None") |
 * | `shortText`      | a line of text                                 | `maxLength` (default 200)             |
 * | `longText`       | a paragraph                                    | `maxLength` (default 2000)            |
 * | `number`         | a number                                       | `unit`, `min`, `max`, `integer`       |
 * | `date`           | `YYYY-MM-DD`                                   | `notInFuture`                         |
 * | `eventDates`     | date per event: `{ botox: '2027-05-20' }`     | `events`, `notInFuture` (default on)  |
 * | `list`           | repeatable items: `[{ name: 'Warfarin', … }]`  | `fields` (simple kinds), `maxItems`   |
 *
 * Branching: `showWhen` (on a section or question) is a condition over earlier answers
 * (see `conditions.ts`); a hidden question is never required and its answer is dropped.
 * Service applicability: `appliesTo` (on a section or question) lists the treatment
 * categories it is asked for, e.g. `['facial']`; absent means every category.
 *
 * `defineForm` parses and checks a form (unique ids, `showWhen` only on earlier questions,
 * choice values that exist); `extendForm` merges a clinic's own questions into a base form.
 */

import { z } from 'zod';
import type { ServiceKind } from '../treatments/treatments.ts';
import { conditionSchema, type Condition } from './conditions.ts';

/** Treatment categories: the service kinds of `services.kind` (src/data/schema/clinics.ts). */
export const TREATMENT_CATEGORIES = ['consultation', 'facial', 'traditional', 'massage', 'knee'] as const;
export type TreatmentCategory = (typeof TREATMENT_CATEGORIES)[number];
// Fails to compile if the service kinds and these categories ever drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameKinds: Same<TreatmentCategory, ServiceKind> = true;
void _sameKinds;

export const treatmentCategorySchema = z.enum(TREATMENT_CATEGORIES);

/** Stable question and section ids: camelCase, because they are JSON keys of the answers. */
export const questionIdSchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,59}$/, 'Use a camelCase id of letters and digits');
/** Option and event values: lower-case words joined by hyphens. */
const valueSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and hyphens').max(60);
const labelSchema = z.string().trim().min(1).max(300);
const helpSchema = z.string().trim().max(600);

const optionSchema = z.strictObject({
  value: valueSchema,
  label: labelSchema,
  /** Chosen alone only, like "None of these". */
  exclusive: z.boolean().optional(),
});
export type ChoiceOption = z.output<typeof optionSchema>;

const optionsSchema = z.array(optionSchema).min(2).max(40);

const common = {
  id: questionIdSchema,
  label: labelSchema,
  help: helpSchema.optional(),
  required: z.boolean().default(false),
  showWhen: conditionSchema.optional(),
  appliesTo: z.array(treatmentCategorySchema).min(1).optional(),
};

/** Field kinds a `list` item may have (one level deep, no branching inside an item). */
const listFieldSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: questionIdSchema, label: labelSchema, required: z.boolean().default(false), kind: z.literal('shortText'), maxLength: z.int().min(1).max(500).default(200) }),
  z.strictObject({ id: questionIdSchema, label: labelSchema, required: z.boolean().default(false), kind: z.literal('number'), unit: z.string().max(30).optional(), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(true) }),
  z.strictObject({ id: questionIdSchema, label: labelSchema, required: z.boolean().default(false), kind: z.literal('date'), notInFuture: z.boolean().default(false) }),
  z.strictObject({ id: questionIdSchema, label: labelSchema, required: z.boolean().default(false), kind: z.literal('yesNo') }),
  z.strictObject({ id: questionIdSchema, label: labelSchema, required: z.boolean().default(false), kind: z.literal('singleChoice'), options: optionsSchema }),
]);
export type ListField = z.output<typeof listFieldSchema>;

/** Zod schema of one question; parse fills in the defaults. */
export const questionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('yesNo') }),
  z.strictObject({ ...common, kind: z.literal('singleChoice'), options: optionsSchema }),
  z.strictObject({ ...common, kind: z.literal('multipleChoice'), options: optionsSchema }),
  z.strictObject({ ...common, kind: z.literal('shortText'), maxLength: z.int().min(1).max(500).default(200) }),
  z.strictObject({ ...common, kind: z.literal('longText'), maxLength: z.int().min(1).max(5000).default(2000) }),
  z.strictObject({ ...common, kind: z.literal('number'), unit: z.string().max(30).optional(), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(true) }),
  z.strictObject({ ...common, kind: z.literal('date'), notInFuture: z.boolean().default(false) }),
  z.strictObject({ ...common, kind: z.literal('eventDates'), events: z.array(optionSchema).min(1).max(40), notInFuture: z.boolean().default(true) }),
  z.strictObject({ ...common, kind: z.literal('list'), itemLabel: labelSchema, fields: z.array(listFieldSchema).min(1).max(10), maxItems: z.int().min(1).max(50).default(20) }),
]);
/** A question as authored (defaults may be left out). */
export type QuestionInput = z.input<typeof questionSchema>;
/** A parsed question. */
export type Question = z.output<typeof questionSchema>;
export type QuestionKind = Question['kind'];

export const sectionSchema = z.strictObject({
  id: questionIdSchema,
  title: labelSchema,
  intro: helpSchema.optional(),
  showWhen: conditionSchema.optional(),
  appliesTo: z.array(treatmentCategorySchema).min(1).optional(),
  questions: z.array(questionSchema).min(1).max(100),
});
export type SectionInput = z.input<typeof sectionSchema>;
export type Section = z.output<typeof sectionSchema>;

const formShape = z.strictObject({
  id: valueSchema,
  version: z.int().min(1),
  title: labelSchema,
  /** For a clinic's extended form: the base form and version it was built on. */
  basedOn: z.strictObject({ id: valueSchema, version: z.int().min(1) }).optional(),
  sections: z.array(sectionSchema).min(1).max(50),
});

/** Zod schema of a whole form, including the integrity checks of `formIssues`. */
export const formDefinitionSchema = formShape.superRefine((form, ctx) => {
  for (const issue of formIssues(form)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;
export type FormDefinition = z.output<typeof formDefinitionSchema>;

/** One problem with a form or an extension, with where it is. */
export interface FormIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Integrity checks a schema of each part cannot see: ids unique across the form, option
 * values unique per question, and every `showWhen` reading only questions that come
 * before it, with values those questions can have.
 */
export function formIssues(form: { sections: readonly Section[] }): FormIssue[] {
  const issues: FormIssue[] = [];
  const seen = new Map<string, Question>();
  const sectionIds = new Set<string>();
  form.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) issues.push({ path: ['sections', s, 'id'], message: `Section id "${section.id}" is used twice` });
    sectionIds.add(section.id);
    if (section.showWhen) issues.push(...conditionIssues(section.showWhen, seen, ['sections', s, 'showWhen']));
    section.questions.forEach((q, i) => {
      const path = ['sections', s, 'questions', i];
      if (seen.has(q.id)) issues.push({ path: [...path, 'id'], message: `Question id "${q.id}" is used twice` });
      if (q.showWhen) issues.push(...conditionIssues(q.showWhen, seen, [...path, 'showWhen']));
      const values = 'options' in q ? q.options.map((o) => o.value) : q.kind === 'eventDates' ? q.events.map((e) => e.value) : [];
      if (new Set(values).size !== values.length) issues.push({ path, message: `Question "${q.id}" has a value twice` });
      if (q.kind === 'list' && new Set(q.fields.map((f) => f.id)).size !== q.fields.length) issues.push({ path, message: `List "${q.id}" has a field id twice` });
      if (q.kind === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max) issues.push({ path, message: `Question "${q.id}" has min above max` });
      seen.set(q.id, q);
    });
  });
  return issues;
}

/**
 * Checks that a condition reads only the given questions (the ones before it, for
 * branching; the whole form, for screening rules) and only values they can have.
 */
export function conditionIssues(condition: Condition, questions: ReadonlyMap<string, Question>, path: (string | number)[]): FormIssue[] {
  const issues: FormIssue[] = [];
  const visit = (c: Condition): void => {
    if ('all' in c) return c.all.forEach(visit);
    if ('any' in c) return c.any.forEach(visit);
    if ('not' in c) return visit(c.not);
    const q = questions.get(c.question);
    if (!q) {
      issues.push({ path, message: `The condition reads "${c.question}", which is not an earlier question` });
      return;
    }
    const values = 'options' in q ? q.options.map((o) => o.value) : q.kind === 'eventDates' ? q.events.map((e) => e.value) : undefined;
    const wanted = 'equals' in c ? [c.equals] : 'oneOf' in c ? c.oneOf : 'includes' in c ? [c.includes] : 'event' in c && c.event !== undefined ? [c.event] : [];
    for (const v of wanted) {
      const ok = q.kind === 'yesNo' ? typeof v === 'boolean' : q.kind === 'number' ? typeof v === 'number' : values ? values.includes(v as string) : true;
      if (!ok) issues.push({ path, message: `"${String(v)}" is not an answer "${c.question}" can have` });
    }
    const numeric = 'atLeast' in c || 'lessThan' in c;
    if (numeric && q.kind !== 'number') issues.push({ path, message: `"${c.question}" is not a number question` });
    const dated = 'withinDaysBefore' in c || 'ageUnder' in c;
    if (dated && q.kind !== 'date' && q.kind !== 'eventDates') issues.push({ path, message: `"${c.question}" is not a date question` });
    if ('withinDaysBefore' in c && (q.kind === 'eventDates') !== (c.event !== undefined)) {
      issues.push({ path, message: `"${c.question}": give an event for procedure dates, and only for them` });
    }
  };
  visit(condition);
  return issues;
}

/**
 * Parses a form written in code (the default form) and checks it; throws with every
 * problem listed, so a broken built-in form fails at start and in tests, not in front of a client.
 */
export function defineForm(input: FormDefinitionInput): FormDefinition {
  const result = formDefinitionSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`Invalid form "${String((input as { id?: unknown }).id)}": ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

/** Every question of a form, in order, with the section it is in. */
export function formQuestions(form: FormDefinition): { section: Section; question: Question }[] {
  return form.sections.flatMap((section) => section.questions.map((question) => ({ section, question })));
}

/** The question with this id, if the form has one. */
export function findQuestion(form: FormDefinition, id: string): Question | undefined {
  for (const section of form.sections) for (const q of section.questions) if (q.id === id) return q;
  return undefined;
}

/**
 * A clinic's own questions on top of a base form. The result is a new form with its own
 * id and version (answers name the exact form they answered) that records which base it
 * was built on.
 */
export const formExtensionSchema = z.strictObject({
  id: valueSchema,
  version: z.int().min(1),
  title: labelSchema.optional(),
  /** Questions added to existing sections, after a given question or at the end. */
  questions: z.array(z.strictObject({ section: questionIdSchema, after: questionIdSchema.optional(), question: questionSchema })).max(100).default([]),
  /** Whole new sections, after a given section or at the end. */
  sections: z.array(z.strictObject({ after: questionIdSchema.optional(), section: sectionSchema })).max(20).default([]),
});
export type FormExtensionInput = z.input<typeof formExtensionSchema>;

/** Either the merged form or the problems that stopped it. */
export type ExtendFormResult = { success: true; form: FormDefinition } | { success: false; issues: FormIssue[] };

/**
 * Merges a clinic's extra questions and sections into a base form and checks the result:
 * ids must stay unique (a clinic question can never shadow a default one the screening
 * rules read), insertion points must exist, and branching must still read earlier questions.
 *
 * @example
 * extendForm(DEFAULT_INTAKE_FORM, { id: 'jade-leaf-intake', version: 3,
 *   questions: [{ section: 'allergies', question: { id: 'latexAllergy', kind: 'yesNo', label: 'Are you allergic to latex?' } }] })
 */
export function extendForm(base: FormDefinition, extensionInput: unknown): ExtendFormResult {
  const parsed = formExtensionSchema.safeParse(extensionInput);
  if (!parsed.success) return { success: false, issues: parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })) };
  const ext = parsed.data;
  const issues: FormIssue[] = [];
  const sections: Section[] = base.sections.map((s) => ({ ...s, questions: [...s.questions] }));

  ext.questions.forEach(({ section: sectionId, after, question }, i) => {
    const section = sections.find((s) => s.id === sectionId);
    if (!section) return void issues.push({ path: ['questions', i, 'section'], message: `There is no section "${sectionId}"` });
    const at = after === undefined ? section.questions.length : section.questions.findIndex((q) => q.id === after) + 1;
    if (at === 0) return void issues.push({ path: ['questions', i, 'after'], message: `Section "${sectionId}" has no question "${after}"` });
    section.questions.splice(at, 0, question);
  });
  ext.sections.forEach(({ after, section }, i) => {
    const at = after === undefined ? sections.length : sections.findIndex((s) => s.id === after) + 1;
    if (at === 0) return void issues.push({ path: ['sections', i, 'after'], message: `There is no section "${after}"` });
    sections.splice(at, 0, section);
  });
  if (issues.length) return { success: false, issues };

  const form: FormDefinition = { id: ext.id, version: ext.version, title: ext.title ?? base.title, basedOn: { id: base.id, version: base.version }, sections };
  const formProblems = formIssues(form);
  return formProblems.length ? { success: false, issues: formProblems } : { success: true, form };
}

/** Ids of every question in a form, for quick membership checks. */
export function questionIds(form: FormDefinition): Set<string> {
  return new Set(formQuestions(form).map(({ question }) => question.id));
}
