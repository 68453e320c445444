/**
 * The condition language shared by the intake form's branching (`showWhen`) and the
 * screening rules (`when`). A condition is plain JSON, so the clinic's forms and rules
 * are data that can be stored, versioned, edited and sent to the browser.
 *
 * Leaves test one answer, by question id:
 *
 * | Leaf                                          | True when                                                                  |
 * |-----------------------------------------------|----------------------------------------------------------------------------|
 * | `{ question, equals: v }`                     | the answer is exactly `v` (yes/no: `true`/`false`; a choice: its value)    |
 * | `{ question, oneOf: [v, …] }`                 | a single-choice answer is one of the values                                |
 * | `{ question, includes: v }`                   | a multiple-choice answer contains `v`; a procedure-dates answer has a date for event `v` |
 * | `{ question, answered: true \| false }`        | the question has (or has not) been answered                                |
 * | `{ question, atLeast: n }` / `{ lessThan: n }`| a number answer is ≥ n / < n                                               |
 * | `{ question, event?, withinDaysBefore: n }`   | the date (or the date of `event`) is on the reference date or fewer than n days before it |
 * | `{ question, ageUnder: n }`                   | a date of birth makes the person younger than n years on the reference date |
 *
 * and `{ all: [...] }`, `{ any: [...] }`, `{ not: c }` combine them. A leaf about an
 * unanswered question is false (so `{ not: … }` of it is true), except `answered: false`.
 *
 * The reference date is today for branching and the appointment date for screening; it
 * is passed in, never read from the clock. Date leaves are false without one.
 *
 * @example
 * // Botulinum toxin within the 28 days before the appointment:
 * { question: 'cosmeticProcedures', event: 'botox', withinDaysBefore: 28 }
 * // Pregnant, and either in the first 13 weeks or weeks not given:
 * { all: [{ question: 'pregnancy', equals: 'pregnant' },
 *         { any: [{ question: 'pregnancyWeeks', lessThan: 13 }, { question: 'pregnancyWeeks', answered: false }] }] }
 */

import { z } from 'zod';
import { addYears, daysBetween, isCalendarDate, type CalendarDate } from './calendar-date.ts';

/** One answer, as stored and as the conditions read it. See `form-definition.ts` for which kind gives which shape. */
export type AnswerValue = boolean | number | string | string[] | Record<string, string> | Record<string, string | number | boolean>[];

/** A set of answers by question id. */
export type Answers = Readonly<Record<string, AnswerValue>>;

/** A condition over answers (see the module comment for the leaves). */
export type Condition =
  | { question: string; equals: string | number | boolean }
  | { question: string; oneOf: string[] }
  | { question: string; includes: string }
  | { question: string; answered: boolean }
  | { question: string; atLeast: number }
  | { question: string; lessThan: number }
  | { question: string; event?: string; withinDaysBefore: number }
  | { question: string; ageUnder: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const questionRef = z.string().min(1).max(60);

/** Zod schema of a condition, for validating forms and rule sets that come from a clinic. */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ question: questionRef, equals: z.union([z.string().max(100), z.number(), z.boolean()]) }),
    z.strictObject({ question: questionRef, oneOf: z.array(z.string().max(100)).min(1).max(50) }),
    z.strictObject({ question: questionRef, includes: z.string().max(100) }),
    z.strictObject({ question: questionRef, answered: z.boolean() }),
    z.strictObject({ question: questionRef, atLeast: z.number() }),
    z.strictObject({ question: questionRef, lessThan: z.number() }),
    z.strictObject({ question: questionRef, event: z.string().max(100).optional(), withinDaysBefore: z.int().min(1).max(3660) }),
    z.strictObject({ question: questionRef, ageUnder: z.int().min(1).max(150) }),
    z.strictObject({ all: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

/** What a condition is evaluated against besides the answers. */
export interface ConditionContext {
  /** Today (branching) or the appointment date (screening), in the clinic's calendar. */
  readonly referenceDate?: CalendarDate;
}

/** Whether an answer counts as given: empty text, an empty list and an empty set of dates do not. */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Evaluates `condition` against `answers`. Pure and allocation-free on the hot path. */
export function evaluateCondition(condition: Condition, answers: Answers, context: ConditionContext = {}): boolean {
  if ('all' in condition) {
    for (const c of condition.all) if (!evaluateCondition(c, answers, context)) return false;
    return true;
  }
  if ('any' in condition) {
    for (const c of condition.any) if (evaluateCondition(c, answers, context)) return true;
    return false;
  }
  if ('not' in condition) return !evaluateCondition(condition.not, answers, context);

  const value = answers[condition.question];
  if ('answered' in condition) return isAnswered(value) === condition.answered;
  if (value === undefined) return false;
  if ('equals' in condition) return value === condition.equals;
  if ('oneOf' in condition) return typeof value === 'string' && condition.oneOf.includes(value);
  if ('includes' in condition) {
    if (Array.isArray(value)) return (value as unknown[]).includes(condition.includes);
    return typeof value === 'object' && isCalendarDate((value as Record<string, unknown>)[condition.includes]);
  }
  if ('atLeast' in condition) return typeof value === 'number' && value >= condition.atLeast;
  if ('lessThan' in condition) return typeof value === 'number' && value < condition.lessThan;

  const ref = context.referenceDate;
  if (ref === undefined) return false;
  if ('withinDaysBefore' in condition) {
    const date = dateAnswer(value, condition.event);
    if (date === undefined) return false;
    const days = daysBetween(date, ref);
    return days >= 0 && days < condition.withinDaysBefore;
  }
  // ageUnder: younger than n on the reference date, i.e. the n-th birthday is after it.
  return typeof value === 'string' && isCalendarDate(value) && ref < addYears(value, condition.ageUnder);
}

/** The date an answer gives: a date answer itself, or one event's date from a procedure-dates answer. */
export function dateAnswer(value: AnswerValue | undefined, event?: string): CalendarDate | undefined {
  const date = event === undefined ? value : typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[event] : undefined;
  return isCalendarDate(date) ? date : undefined;
}

/** The question ids a condition reads, in order of appearance (for checking forms and rules). */
export function conditionQuestions(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionQuestions);
  if ('any' in condition) return condition.any.flatMap(conditionQuestions);
  if ('not' in condition) return conditionQuestions(condition.not);
  return [condition.question];
}
