/**
 * The screening-rule format: contraindication rules are data, so each clinic starts from
 * the default set (`default-rules.ts`), adjusts thresholds and wording, and every change
 * is a new, audited version of its rule set.
 *
 * A rule:
 * - `id`: stable, kebab-case (findings, acknowledgements and the audit refer to it);
 * - `title`: a short name for staff screens;
 * - `level`: what a finding means for booking:
 *   - `refer`: do not treat; online booking is refused (`screening-refer`) and the client
 *     is asked kindly to call; staff may still book after a recorded practitioner decision;
 *   - `wait`: not before an earliest date; online booking before it is refused (`screening-wait`);
 *   - `review`: may book; flagged in the diary and day list, and the practitioner records an
 *     acknowledgement before the visit;
 *   - `note`: shown to the practitioner;
 * - `appliesTo`: the treatment categories it screens (`facial`, `traditional`, `knee`, `massage`, `consultation`);
 * - `when`: a condition over the answers, in the language of `intake/conditions.ts`,
 *   evaluated with the appointment date as reference date (so `withinDaysBefore` means
 *   "within N days before the appointment");
 * - `wait` (only, and always, for level `wait`): `{ question, event?, days }`: the earliest
 *   date is the answer's date plus `days`; the rule fires while the appointment is before it;
 * - `clientMessage`: kind, plain, never a diagnosis; `practitionerMessage`: clinical and short.
 *   Both may use `{eventDate}`, `{earliestDate}`, `{days}` (wait rules) and `{answer:questionId}`;
 * - `source`: the citation from the reference it is built on (docs/decisions/0006 lists them);
 * - `enabled`: a clinic may switch a default rule off (it stays in the history).
 */

import { z } from 'zod';
import { conditionSchema } from '../intake/conditions.ts';
import { conditionIssues, formQuestions, questionIdSchema, treatmentCategorySchema, type FormDefinition, type FormIssue, type Question } from '../intake/form-definition.ts';

/** Finding levels, most serious first. */
export const SCREENING_LEVELS = ['refer', 'wait', 'review', 'note'] as const;
export type ScreeningLevel = (typeof SCREENING_LEVELS)[number];

const PLACEHOLDER_RE = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDER = /^(eventDate|earliestDate|days|answer:[a-z][A-Za-z0-9]{0,59})$/;

const message = z
  .string()
  .trim()
  .min(1, 'Please write the wording')
  .max(800, 'Please keep it to 800 characters or fewer')
  .refine((m) => [...m.matchAll(PLACEHOLDER_RE)].every((p) => KNOWN_PLACEHOLDER.test(p[1]!)), 'Use only {eventDate}, {earliestDate}, {days} or {answer:questionId} in braces');

/** A wait rule's days: a whole number from 1 to 3,660 (about 10 years). */
export const waitDaysSchema = z.int('Enter a whole number of days').min(1, 'At least 1 day').max(3660, 'At most 3,660 days (about 10 years)');

export const waitSpecSchema = z.strictObject({
  /** The date question the wait counts from. */
  question: questionIdSchema,
  /** For a procedure-dates question: which procedure. */
  event: z.string().max(60).optional(),
  /** Days from that date to the earliest treatment date. */
  days: waitDaysSchema,
});

const ruleShape = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and hyphens').max(80),
  title: z.string().trim().min(1).max(120),
  level: z.enum(SCREENING_LEVELS),
  appliesTo: z.array(treatmentCategorySchema).min(1),
  when: conditionSchema.optional(),
  wait: waitSpecSchema.optional(),
  clientMessage: message,
  practitionerMessage: message,
  source: z.string().trim().min(1, 'Every rule names its source').max(2000),
  enabled: z.boolean().default(true),
});

/** Zod schema of one rule. */
export const screeningRuleSchema = ruleShape.superRefine((rule, ctx) => {
  if (rule.level === 'wait' && !rule.wait) ctx.addIssue({ code: 'custom', path: ['wait'], message: 'A wait rule says which date it counts from and how many days' });
  if (rule.level !== 'wait' && rule.wait) ctx.addIssue({ code: 'custom', path: ['wait'], message: 'Only wait rules count days from a date' });
  if (rule.level !== 'wait' && !rule.when) ctx.addIssue({ code: 'custom', path: ['when'], message: 'Say when the rule applies' });
});
/**
 * What the owner's screen changes in one rule: the wording clients and practitioners see,
 * a wait rule's days and whether the rule is on. The form validates with it; the server
 * checks the whole changed rule with `screeningRuleSchema`, built from the same parts.
 */
export const ruleChangeSchema = z.strictObject({
  clientMessage: message,
  practitionerMessage: message,
  /** Only for wait rules. */
  waitDays: waitDaysSchema.optional(),
  enabled: z.boolean(),
  /** A line for the version history. */
  note: z.string().trim().max(500, 'Please keep the note to 500 characters or fewer').optional(),
});
export type RuleChange = z.infer<typeof ruleChangeSchema>;

/** The rule with a change applied (the wait days only where the rule waits). */
export function applyRuleChange(rule: ScreeningRule, change: RuleChange): ScreeningRule {
  return {
    ...rule,
    clientMessage: change.clientMessage,
    practitionerMessage: change.practitionerMessage,
    enabled: change.enabled,
    ...(rule.wait && change.waitDays !== undefined ? { wait: { ...rule.wait, days: change.waitDays } } : {}),
  };
}

export type ScreeningRuleInput = z.input<typeof screeningRuleSchema>;
export type ScreeningRule = z.output<typeof screeningRuleSchema>;

/** A clinic's rule set: one version of all its rules. */
export const ruleSetSchema = z
  .strictObject({
    version: z.int().min(1),
    rules: z.array(screeningRuleSchema).max(300),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `Rule id "${r.id}" is used twice` });
      seen.add(r.id);
    });
  });
export type RuleSetInput = z.input<typeof ruleSetSchema>;
export type RuleSet = z.output<typeof ruleSetSchema>;

/**
 * Checks rules against the form they screen: every question a rule reads exists, with
 * values it can have, and a wait counts from a date. Run it when a clinic saves its rules
 * or its form, so a rule can never silently read a question that is not asked.
 */
export function ruleIssuesAgainstForm(rules: readonly ScreeningRule[], form: FormDefinition): FormIssue[] {
  const questions = new Map<string, Question>(formQuestions(form).map(({ question }) => [question.id, question]));
  const issues: FormIssue[] = [];
  rules.forEach((rule, i) => {
    if (rule.when) issues.push(...conditionIssues(rule.when, questions, ['rules', i, 'when']));
    if (rule.wait) {
      const q = questions.get(rule.wait.question);
      const ok = q !== undefined && (q.kind === 'eventDates' ? rule.wait.event !== undefined && q.events.some((e) => e.value === rule.wait!.event) : q.kind === 'date' && rule.wait.event === undefined);
      if (!ok) issues.push({ path: ['rules', i, 'wait'], message: `Rule "${rule.id}" counts from "${rule.wait.question}${rule.wait.event ? `.${rule.wait.event}` : ''}", which is not a date on the form` });
    }
    for (const text of [rule.clientMessage, rule.practitionerMessage]) {
      for (const p of text.matchAll(PLACEHOLDER_RE)) {
        const id = p[1]!.startsWith('answer:') ? p[1]!.slice(7) : undefined;
        if (id !== undefined && !questions.has(id)) issues.push({ path: ['rules', i], message: `Rule "${rule.id}" shows the answer to "${id}", which is not on the form` });
      }
    }
  });
  return issues;
}
