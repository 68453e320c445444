import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_FORM } from './default-intake-form.ts';
import { defineForm, extendForm, findQuestion, formDefinitionSchema, formQuestions, type FormDefinitionInput } from './form-definition.ts';

const small = (sections: FormDefinitionInput['sections']): FormDefinitionInput => ({ id: 'test-form', version: 1, title: 'Test', sections });

describe('defineForm', () => {
  it('fills in defaults (required false, text limits, procedure dates not in the future)', () => {
    const form = defineForm(
      small([
        {
          id: 's',
          title: 'S',
          questions: [
            { id: 'a', kind: 'shortText', label: 'A?' },
            { id: 'b', kind: 'eventDates', label: 'B?', events: [{ value: 'x', label: 'X' }] },
          ],
        },
      ]),
    );
    expect(findQuestion(form, 'a')).toMatchObject({ required: false, maxLength: 200 });
    expect(findQuestion(form, 'b')).toMatchObject({ notInFuture: true });
  });

  it('refuses a question id used twice, even across sections', () => {
    const input = small([
      { id: 's1', title: 'S1', questions: [{ id: 'a', kind: 'yesNo', label: 'A?' }] },
      { id: 's2', title: 'S2', questions: [{ id: 'a', kind: 'yesNo', label: 'A again?' }] },
    ]);
    expect(() => defineForm(input)).toThrow(/Question id "a" is used twice/);
  });

  it('refuses branching on a later question, an unknown one, or a value the question cannot have', () => {
    const later = small([{ id: 's', title: 'S', questions: [{ id: 'a', kind: 'yesNo', label: 'A?', showWhen: { question: 'b', equals: true } }, { id: 'b', kind: 'yesNo', label: 'B?' }] }]);
    expect(() => defineForm(later)).toThrow(/not an earlier question/);
    const badValue = small([
      { id: 's', title: 'S', questions: [{ id: 'a', kind: 'singleChoice', label: 'A?', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] }, { id: 'b', kind: 'yesNo', label: 'B?', showWhen: { question: 'a', equals: 'z' } }] },
    ]);
    expect(() => defineForm(badValue)).toThrow(/"z" is not an answer "a" can have/);
    const yesNoString = small([{ id: 's', title: 'S', questions: [{ id: 'a', kind: 'yesNo', label: 'A?' }, { id: 'b', kind: 'yesNo', label: 'B?', showWhen: { question: 'a', equals: 'yes' } }] }]);
    expect(() => defineForm(yesNoString)).toThrow(/not an answer/);
  });

  it('refuses ids that are not camelCase, unknown kinds and unknown categories', () => {
    expect(formDefinitionSchema.safeParse(small([{ id: 's', title: 'S', questions: [{ id: 'Bad-id', kind: 'yesNo', label: 'A?' }] }])).success).toBe(false);
    expect(formDefinitionSchema.safeParse(small([{ id: 's', title: 'S', questions: [{ id: 'a', kind: 'slider', label: 'A?' } as never] }])).success).toBe(false);
    expect(formDefinitionSchema.safeParse(small([{ id: 's', title: 'S', appliesTo: ['reiki' as never], questions: [{ id: 'a', kind: 'yesNo', label: 'A?' }] }])).success).toBe(false);
  });
});

describe('DEFAULT_INTAKE_FORM', () => {
  it('asks about every topic of the issue', () => {
    const ids = formQuestions(DEFAULT_INTAKE_FORM).map((q) => q.question.id);
    for (const id of [
      'phone', 'gpName', 'emergencyName', 'conditions', 'historyOther', 'medications', 'bloodThinners', 'pregnancy', 'pregnancyWeeks', 'bleeding',
      'diabetes', 'epilepsy', 'implants', 'skinConditions', 'keloid', 'needleFear', 'fainting', 'metalAllergy', 'cosmeticProcedures', 'skinConcerns',
      'facialGoalsText', 'kneeSince', 'kneePreviousTreatment',
    ]) {
      expect(ids, id).toContain(id);
    }
    const events = findQuestion(DEFAULT_INTAKE_FORM, 'cosmeticProcedures');
    expect(events?.kind === 'eventDates' && events.events.map((e) => e.value)).toEqual(expect.arrayContaining(['botox', 'filler', 'peel', 'laser', 'microneedling']));
  });

  it('keeps questions short enough for a phone', () => {
    for (const { question } of formQuestions(DEFAULT_INTAKE_FORM)) expect(question.label.length, question.id).toBeLessThanOrEqual(90);
  });
});

describe('extendForm', () => {
  it('adds a clinic’s questions after a given question and new sections, recording the base', () => {
    const result = extendForm(DEFAULT_INTAKE_FORM, {
      id: 'jade-leaf-intake',
      version: 3,
      questions: [{ section: 'allergies', after: 'metalAllergy', question: { id: 'latexAllergy', kind: 'yesNo', label: 'Are you allergic to latex?' } }],
      sections: [{ after: 'health', section: { id: 'sleep', title: 'Sleep', questions: [{ id: 'sleepHours', kind: 'number', label: 'Hours of sleep a night?', unit: 'hours', min: 0, max: 24 }] } }],
    });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.form).toMatchObject({ id: 'jade-leaf-intake', version: 3, basedOn: { id: 'yintang-intake', version: 1 } });
    const allergies = result.form.sections.find((s) => s.id === 'allergies')!;
    expect(allergies.questions.map((q) => q.id)).toEqual(['metalAllergy', 'latexAllergy', 'otherAllergies']);
    expect(result.form.sections.map((s) => s.id).indexOf('sleep')).toBe(result.form.sections.map((s) => s.id).indexOf('health') + 1);
    // The base form is untouched.
    expect(DEFAULT_INTAKE_FORM.sections.find((s) => s.id === 'allergies')!.questions).toHaveLength(2);
  });

  it('refuses a clinic question that reuses a default id, so it can never shadow what the rules read', () => {
    const result = extendForm(DEFAULT_INTAKE_FORM, { id: 'x', version: 1, questions: [{ section: 'allergies', question: { id: 'bloodThinners', kind: 'yesNo', label: 'Again?' } }] });
    expect(result).toMatchObject({ success: false, issues: [expect.objectContaining({ message: 'Question id "bloodThinners" is used twice' })] });
  });

  it('refuses unknown insertion points and malformed questions', () => {
    expect(extendForm(DEFAULT_INTAKE_FORM, { id: 'x', version: 1, questions: [{ section: 'nowhere', question: { id: 'q1', kind: 'yesNo', label: 'Q?' } }] }).success).toBe(false);
    expect(extendForm(DEFAULT_INTAKE_FORM, { id: 'x', version: 1, questions: [{ section: 'allergies', after: 'nope', question: { id: 'q1', kind: 'yesNo', label: 'Q?' } }] }).success).toBe(false);
    expect(extendForm(DEFAULT_INTAKE_FORM, { id: 'x', version: 1, questions: [{ section: 'allergies', question: { id: 'q1', kind: 'yesNo' } }] }).success).toBe(false);
  });

  it('lets a clinic question branch on a default one', () => {
    const result = extendForm(DEFAULT_INTAKE_FORM, {
      id: 'x',
      version: 1,
      questions: [{ section: 'medicines', question: { id: 'inrLast', kind: 'number', label: 'Your last INR reading?', showWhen: { question: 'bloodThinners', equals: true }, integer: false } }],
    });
    expect(result.success).toBe(true);
  });
});
