/**
 * "Is it right for me?": the short anonymous check on each treatment page. A visitor
 * answers a few questions and learns, in plain and kind words, whether they can book
 * online, should start with a consultation, or should call the clinic first.
 *
 * It asks a subset of the intake form's own questions, with the same ids and answer
 * shapes, and runs the clinic's own rules through the same engine (`screen`), so the
 * check and the real screening can never disagree about a rule. Nothing is stored; the
 * page posts the form (no JavaScript needed), reads it with `answersFromFormPost`,
 * validates it with `answersSchemaFor(suitabilityForm(), …)` and calls `checkSuitability`.
 *
 * Outcomes: any `refer` finding → `call-clinic`; any `wait` or `review` → `consultation-first`;
 * otherwise (nothing, or only notes for the practitioner) → `book-online`.
 */

import { formatCalendarDate, type CalendarDate } from '../intake/calendar-date.ts';
import type { Answers } from '../intake/conditions.ts';
import { DEFAULT_INTAKE_FORM } from '../intake/default-intake-form.ts';
import { findQuestion, type FormDefinition, type Question, type TreatmentCategory } from '../intake/form-definition.ts';
import type { ScreeningRule } from './rule.schema.ts';
import { screen } from './screen.ts';

/** The intake questions the check asks, in order: pregnancy and weeks, blood thinners, bleeding, recent procedures, implants, epilepsy. */
export const SUITABILITY_QUESTION_IDS = ['pregnancy', 'pregnancyWeeks', 'bloodThinners', 'bleeding', 'cosmeticProcedures', 'implants', 'epilepsy', 'epilepsyControlled'] as const;

/** Treatment pages the check appears on (a consultation has no check of its own). */
export type SuitabilityCategory = Exclude<TreatmentCategory, 'consultation'>;

const forms = new WeakMap<FormDefinition, FormDefinition>();

/**
 * The check's form: the chosen questions taken from the intake form (the clinic's, or the
 * default), in one section. Recent procedures are asked on the facial page only, as in intake.
 */
export function suitabilityForm(intakeForm: FormDefinition = DEFAULT_INTAKE_FORM): FormDefinition {
  const cached = forms.get(intakeForm);
  if (cached) return cached;
  const questions: Question[] = SUITABILITY_QUESTION_IDS.map((id) => {
    const q = findQuestion(intakeForm, id);
    if (!q) throw new Error(`The intake form has no question "${id}" for the suitability check`);
    return id === 'cosmeticProcedures' ? { ...q, appliesTo: ['facial'] } : q;
  });
  const form: FormDefinition = {
    id: 'suitability-check',
    version: intakeForm.version,
    title: 'Is it right for me?',
    basedOn: { id: intakeForm.id, version: intakeForm.version },
    sections: [{ id: 'quickCheck', title: 'A few quick questions', intro: 'Your answers are not saved or sent to anyone. They only help us point you the right way.', questions }],
  };
  forms.set(intakeForm, form);
  return form;
}

export type SuitabilityOutcome = 'book-online' | 'consultation-first' | 'call-clinic';

export interface SuitabilityResult {
  readonly outcome: SuitabilityOutcome;
  /** A short heading, e.g. "You can book online". */
  readonly title: string;
  /** What to do next, in plain words. */
  readonly message: string;
  /** The kind, specific reasons (the rules' client messages), most important first; never notes meant for the practitioner. */
  readonly reasons: readonly string[];
  /** When a wait applies: the earliest date this treatment can be booked. */
  readonly earliestDate?: CalendarDate;
}

export interface SuitabilityInput {
  readonly rules: readonly ScreeningRule[];
  /** Validated answers to `suitabilityForm()`. */
  readonly answers: Answers;
  readonly treatmentCategory: SuitabilityCategory;
  /** Today in the clinic's calendar: a wait is measured to the first day they could book. */
  readonly today: CalendarDate;
  /** The intake form the check was built from; default the default form. */
  readonly intakeForm?: FormDefinition;
  /** The treatment's name in a sentence, e.g. "facial acupuncture". */
  readonly treatmentName?: string;
}

/** Says whether a visitor can book online, should start with a consultation, or should call first. */
export function checkSuitability(input: SuitabilityInput): SuitabilityResult {
  const { findings, summary } = screen({
    rules: input.rules,
    answers: input.answers,
    form: suitabilityForm(input.intakeForm),
    treatmentCategory: input.treatmentCategory,
    appointmentDate: input.today,
  });
  const reasons = findings.filter((f) => f.level !== 'note').map((f) => f.message);
  const treatment = input.treatmentName ?? 'treatment';

  if (summary.highestLevel === 'refer') {
    return {
      outcome: 'call-clinic',
      title: 'Please call the clinic first',
      message: `From your answers, we would like to talk with you before you book ${treatment}, so we can tell you what is possible and when. This is not a judgement about your health; it is how we make sure treatment suits you.`,
      reasons,
    };
  }
  if (summary.highestLevel === 'wait' || summary.highestLevel === 'review') {
    const date = summary.earliestDate;
    return {
      outcome: 'consultation-first',
      title: 'Start with a consultation',
      message: date
        ? `A consultation is fine now. The earliest ${treatment} we can offer you is ${formatCalendarDate(date)}, and at the consultation your practitioner will plan it with you.`
        : `From your answers, it is best to talk with a practitioner before your first ${treatment}. A consultation lets them plan treatment that suits you.`,
      reasons,
      ...(date ? { earliestDate: date } : {}),
    };
  }
  return {
    outcome: 'book-online',
    title: 'You can book online',
    message: `Nothing in your answers stops you booking ${treatment} online. Before your first visit we will ask you a few more health questions, and your practitioner will go through them with you.`,
    reasons: [],
  };
}
