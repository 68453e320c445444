/**
 * "What changed since the last visit": answers are versioned (an update is a new version,
 * never an overwrite), and the practitioner sees the questions whose answers differ
 * between two versions, in the order of the form.
 *
 * @example
 * diffAnswers({ bloodThinners: false }, { bloodThinners: true, pregnancy: 'no' }, form)
 * // [{ questionId: 'bloodThinners', change: 'changed', before: false, after: true, … },
 * //  { questionId: 'pregnancy', change: 'added', after: 'no', … }]
 */

import { isAnswered, type AnswerValue, type Answers } from './conditions.ts';
import { formQuestions, type FormDefinition, type Question } from './form-definition.ts';

/** One question whose answer differs between two versions. */
export interface AnswerChange {
  readonly questionId: string;
  /** The question as the form words it; absent for an answer to a question the form no longer has. */
  readonly label?: string;
  /** The section it is in, for grouping on screen. */
  readonly sectionTitle?: string;
  /** `added`: answered now, not before; `removed`: answered before, not now; `changed`: both, differently. */
  readonly change: 'added' | 'removed' | 'changed';
  readonly before?: AnswerValue;
  readonly after?: AnswerValue;
}

/**
 * The questions whose answers differ from `previous` to `current`, in form order, then
 * any answers to questions not on `form` (an older form version) by id. A multiple-choice
 * answer is compared as a set: choosing the same options in another order is no change.
 */
export function diffAnswers(previous: Answers, current: Answers, form: FormDefinition): AnswerChange[] {
  const changes: AnswerChange[] = [];
  const known = new Set<string>();
  for (const { section, question } of formQuestions(form)) {
    known.add(question.id);
    const change = compare(question.id, previous[question.id], current[question.id], question);
    if (change) changes.push({ ...change, label: question.label, sectionTitle: section.title });
  }
  const others = [...new Set([...Object.keys(previous), ...Object.keys(current)])].filter((id) => !known.has(id)).sort();
  for (const id of others) {
    const change = compare(id, previous[id], current[id]);
    if (change) changes.push(change);
  }
  return changes;
}

function compare(questionId: string, before: AnswerValue | undefined, after: AnswerValue | undefined, question?: Question): AnswerChange | undefined {
  const had = isAnswered(before);
  const has = isAnswered(after);
  if (!had && !has) return undefined;
  if (!had) return { questionId, change: 'added', after };
  if (!has) return { questionId, change: 'removed', before };
  return sameAnswer(before!, after!, question?.kind === 'multipleChoice') ? undefined : { questionId, change: 'changed', before, after };
}

/** Deep equality of two answers; object keys in any order, arrays in order unless `asSet`. */
export function sameAnswer(a: AnswerValue, b: AnswerValue, asSet = false): boolean {
  if (asSet && Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && canonical([...a].map(canonical).sort()) === canonical([...b].map(canonical).sort());
  }
  return canonical(a) === canonical(b);
}

// JSON with object keys sorted, so { a, b } and { b, a } compare equal.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
