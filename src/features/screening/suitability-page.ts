import type { Queryable } from '../../data/db.ts';
import { answersFromFormPost, answersSchemaFor, appliesToCategories, fieldErrors, type Answers, type FormFields } from '../../domain/intake/index.ts';
import { checkSuitability, suitabilityForm, type SuitabilityCategory } from '../../domain/screening/index.ts';
import type { SuitabilityCheckProps } from '../../web/public/components/suitability-check.tsx';
import { todayIn } from '../scheduling/clinic-time.ts';
import { currentRules } from './screening.repository.ts';

/**
 * The treatment page's "Is it right for me?" check: the questions for this treatment and,
 * for a posted form, the answer from the clinic's own rules. Nothing is stored or logged.
 */
export async function suitabilityCheck(
  q: Queryable, clinic: { id: string; timeZone: string }, kind: SuitabilityCategory, treatmentName: string, posted?: FormFields,
): Promise<Omit<SuitabilityCheckProps, 'action' | 'bookHref' | 'clinicPhone'>> {
  const form = suitabilityForm();
  const questions = form.sections[0]!.questions.filter((x) => appliesToCategories(x.appliesTo, [kind]));
  if (!posted) return { form, questions, treatmentName };
  const today = todayIn(clinic.timeZone);
  const raw = answersFromFormPost(form, posted);
  const parsed = answersSchemaFor(form, { categories: [kind], today }, { partial: true }).safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const e of fieldErrors(parsed.error)) errors[e.field.split('.')[0]!] ??= e.message;
    return { form, questions, treatmentName, values: raw, errors };
  }
  const answers: Answers = parsed.data;
  const { rules } = await currentRules(q, clinic.id);
  const result = checkSuitability({ rules, answers, treatmentCategory: kind, today, treatmentName });
  return { form, questions, treatmentName, values: raw, result };
}
