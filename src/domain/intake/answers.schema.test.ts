import { describe, expect, it } from 'vitest';
import { answersSchemaFor, fieldErrors, visibleQuestionIds, type AnswerContext } from './answers.schema.ts';
import { DEFAULT_INTAKE_FORM } from './default-intake-form.ts';
import { defineForm } from './form-definition.ts';

const today = '2027-05-01';
const facial: AnswerContext = { categories: ['facial'], today };

/** A complete, valid set of answers for a facial client. */
const complete = {
  dateOfBirth: '1980-04-12',
  phone: '07700 900123',
  emergencyName: 'Sam Lee',
  emergencyPhone: '07700 900456',
  conditions: ['none'],
  diabetes: false,
  epilepsy: false,
  implants: ['none'],
  bloodThinners: false,
  pregnancy: 'no',
  bleeding: 'no',
  skinInfectionNow: false,
  skinConditions: ['none'],
  keloid: false,
  needleFear: 'fine',
  fainting: false,
  metalAllergy: false,
  skinConcerns: ['fine-lines'],
};

function errors(input: unknown, context = facial, partial = false) {
  const r = answersSchemaFor(DEFAULT_INTAKE_FORM, context, { partial }).safeParse(input);
  return r.success ? [] : fieldErrors(r.error);
}

describe('answersSchemaFor: valid answers', () => {
  it('accepts a complete set and returns it unchanged', () => {
    const r = answersSchemaFor(DEFAULT_INTAKE_FORM, facial).safeParse(complete);
    expect(r.success && r.data).toEqual(complete);
  });

  it('trims text, drops blank answers and treats null as cleared', () => {
    const r = answersSchemaFor(DEFAULT_INTAKE_FORM, facial).parse({ ...complete, phone: '  07700 900123 ', otherAllergies: '   ', gpName: null });
    expect(r.phone).toBe('07700 900123');
    expect(r).not.toHaveProperty('otherAllergies');
    expect(r).not.toHaveProperty('gpName');
  });

  it('accepts procedure dates and a medication list', () => {
    const r = answersSchemaFor(DEFAULT_INTAKE_FORM, facial).parse({
      ...complete,
      bloodThinners: true,
      medications: [{ name: 'Apixaban', dose: '5 mg twice a day' }, { name: 'Levothyroxine' }],
      cosmeticProcedures: { botox: '2027-04-20', filler: today },
    });
    expect(r.cosmeticProcedures).toEqual({ botox: '2027-04-20', filler: today });
    expect(r.medications).toHaveLength(2);
  });
});

describe('answersSchemaFor: refusals, each on its own field', () => {
  it('refuses wrong types', () => {
    expect(errors({ ...complete, diabetes: 'no' })).toEqual([{ field: 'diabetes', message: 'Please choose yes or no' }]);
    expect(errors({ ...complete, pregnancy: 'maybe' })).toEqual([{ field: 'pregnancy', message: 'Please choose one of the answers given' }]);
    expect(errors({ ...complete, implants: 'pacemaker' })).toEqual([{ field: 'implants', message: 'Please choose one of the answers given' }]);
    expect(errors({ ...complete, phone: 7700900123 })).toEqual([{ field: 'phone', message: 'Please type your answer as text' }]);
    expect(errors({ ...complete, pregnancy: 'pregnant', pregnancyWeeks: '12' })).toEqual([{ field: 'pregnancyWeeks', message: 'Please enter a number' }]);
    expect(errors({ ...complete, pregnancy: 'pregnant', pregnancyWeeks: 12.5 })).toEqual([{ field: 'pregnancyWeeks', message: 'Please enter a whole number' }]);
    expect(errors({ ...complete, pregnancy: 'pregnant', pregnancyWeeks: 50 })).toEqual([{ field: 'pregnancyWeeks', message: 'Please enter no more than 45 weeks' }]);
    expect(errors({ ...complete, medications: [{ dose: '5 mg' }] })).toEqual([{ field: 'medications.0.name', message: expect.any(String) }]);
    expect(errors({ ...complete, medications: [{ name: 'A', colour: 'red' }] })[0]?.field).toBe('medications.0');
  });

  it('refuses "None of these" with another answer, and an answer chosen twice', () => {
    expect(errors({ ...complete, implants: ['none', 'pacemaker'] })).toEqual([{ field: 'implants', message: '“None of these” cannot be chosen with other answers' }]);
    expect(errors({ ...complete, implants: ['pacemaker', 'pacemaker'] })[0]?.field).toBe('implants');
  });

  it('refuses a procedure date in the future but accepts today', () => {
    expect(errors({ ...complete, cosmeticProcedures: { botox: '2027-05-02' } })).toEqual([{ field: 'cosmeticProcedures.botox', message: 'This date is in the future. Please check it' }]);
    expect(errors({ ...complete, cosmeticProcedures: { botox: today } })).toEqual([]);
    expect(errors({ ...complete, dateOfBirth: '2027-05-02' })[0]?.field).toBe('dateOfBirth');
  });

  it('refuses a future date inside a list item, on that item’s field', () => {
    const form = defineForm({
      id: 'procedures',
      version: 1,
      title: 'P',
      sections: [{ id: 's', title: 'S', questions: [{ id: 'procedures', kind: 'list', label: 'Procedures?', itemLabel: 'Procedure', fields: [{ id: 'what', kind: 'shortText', label: 'What', required: true }, { id: 'when', kind: 'date', label: 'When', notInFuture: true }] }] }],
    });
    const r = answersSchemaFor(form, facial).safeParse({ procedures: [{ what: 'Peel', when: '2027-04-01' }, { what: 'Laser', when: '2027-05-02' }] });
    expect(r.success ? [] : fieldErrors(r.error)).toEqual([{ field: 'procedures.1.when', message: 'This date is in the future. Please check it' }]);
    expect(answersSchemaFor(form, { ...facial, today: '2027-05-02' }).safeParse({ procedures: [{ what: 'Laser', when: '2027-05-02' }] }).success).toBe(true);
  });

  it('refuses dates that do not exist and procedures the question does not list', () => {
    expect(errors({ ...complete, cosmeticProcedures: { botox: '2027-02-29' } })).toEqual([{ field: 'cosmeticProcedures.botox', message: 'Please enter a real date, such as 20 May 2027' }]);
    expect(errors({ ...complete, cosmeticProcedures: { tattoo: '2027-02-01' } })[0]?.field).toMatch(/^cosmeticProcedures/);
  });

  it('refuses unknown question ids', () => {
    expect(errors({ ...complete, favouriteColour: 'green' })).toEqual([{ field: 'favouriteColour', message: 'This question is not on the form' }]);
    expect(errors({ ...complete, __proto__x: 1 })[0]?.field).toBe('__proto__x');
  });

  it('refuses oversized text and control characters', () => {
    expect(errors({ ...complete, anythingElseText: 'a'.repeat(2001) })).toEqual([{ field: 'anythingElseText', message: 'Please keep this to 2000 characters or fewer' }]);
    expect(errors({ ...complete, anythingElseText: 'a'.repeat(2000) })).toEqual([]);
    expect(errors({ ...complete, gpName: 'Dr\u0000 Who' })).toEqual([{ field: 'gpName', message: 'Please remove the special characters from this answer' }]);
    expect(errors({ ...complete, gpName: 'Dr\nWho' })[0]?.field).toBe('gpName');
    expect(errors({ ...complete, anythingElseText: 'Line one\nLine two' })).toEqual([]);
  });

  it('refuses something that is not an object of answers', () => {
    expect(errors([complete])).toHaveLength(1);
    expect(errors('hello')).toHaveLength(1);
  });

  it('reports every bad field at once', () => {
    expect(errors({ ...complete, diabetes: 'no', pregnancy: 'maybe', unknownThing: 1 }).map((e) => e.field).sort()).toEqual(['diabetes', 'pregnancy', 'unknownThing']);
  });
});

describe('answersSchemaFor: required only while visible', () => {
  it('asks for a required answer that is missing', () => {
    const { bleeding: _b, ...rest } = complete;
    expect(errors(rest)).toEqual([{ field: 'bleeding', message: 'Please answer this question' }]);
  });

  it('asks for weeks of pregnancy only when pregnant', () => {
    expect(errors({ ...complete, pregnancy: 'pregnant' })).toEqual([{ field: 'pregnancyWeeks', message: 'Please answer this question' }]);
    expect(errors({ ...complete, pregnancy: 'trying' })).toEqual([]);
  });

  it('drops the answer to a follow-up that is no longer shown', () => {
    const r = answersSchemaFor(DEFAULT_INTAKE_FORM, facial).parse({ ...complete, pregnancy: 'no', pregnancyWeeks: 20 });
    expect(r).not.toHaveProperty('pregnancyWeeks');
  });

  it('asks facial questions only of facial clients and knee questions only of knee clients', () => {
    const { skinConcerns: _s, ...notFacial } = complete;
    expect(errors(notFacial, { categories: ['traditional'], today })).toEqual([]);
    expect(errors(notFacial, facial)).toEqual([{ field: 'skinConcerns', message: 'Please answer this question' }]);
    const knee = errors({ ...notFacial, recentInjury: false }, { categories: ['knee'], today }).map((e) => e.field);
    expect(knee).toEqual(['kneeSide', 'kneeSince', 'kneeStart', 'kneePreviousTreatment']);
    // Facial answers sent by a knee client are dropped, not kept.
    const r = answersSchemaFor(DEFAULT_INTAKE_FORM, { categories: ['traditional'], today }).parse({ ...complete, cosmeticProcedures: { botox: '2027-04-01' } });
    expect(r).not.toHaveProperty('cosmeticProcedures');
    expect(r).not.toHaveProperty('skinConcerns');
  });

  it('hides a follow-up of a follow-up when its parent is hidden', () => {
    const form = defineForm({
      id: 'chain',
      version: 1,
      title: 'Chain',
      sections: [
        {
          id: 's',
          title: 'S',
          questions: [
            { id: 'a', kind: 'yesNo', label: 'A?', required: true },
            { id: 'b', kind: 'yesNo', label: 'B?', required: true, showWhen: { question: 'a', equals: true } },
            { id: 'c', kind: 'shortText', label: 'C?', required: true, showWhen: { question: 'b', equals: true } },
          ],
        },
      ],
    });
    const ctx = { categories: [], today };
    expect(visibleQuestionIds(form, { a: false, b: true }, ctx)).toEqual(['a']);
    expect(visibleQuestionIds(form, { a: true, b: true }, ctx)).toEqual(['a', 'b', 'c']);
    expect(answersSchemaFor(form, ctx).parse({ a: false, b: true, c: 'x' })).toEqual({ a: false });
  });

  it('lets a partial save through without required answers, but still checks types', () => {
    expect(errors({ pregnancy: 'pregnant' }, facial, true)).toEqual([]);
    expect(errors({ pregnancy: 'pregnant', pregnancyWeeks: -1 }, facial, true)).toEqual([{ field: 'pregnancyWeeks', message: 'Please enter at least 0 weeks' }]);
    expect(errors({ nope: true }, facial, true)).toEqual([{ field: 'nope', message: 'This question is not on the form' }]);
  });

  it('does not also say "please answer" for a required answer that was refused', () => {
    expect(errors({ ...complete, bleeding: 42 })).toEqual([{ field: 'bleeding', message: 'Please choose one of the answers given' }]);
  });
});

describe('visibleQuestionIds', () => {
  it('follows the branching of the default form', () => {
    const ids = visibleQuestionIds(DEFAULT_INTAKE_FORM, { ...complete, diabetes: true, skinInfectionNow: true, skinConditions: ['eczema'] }, facial);
    expect(ids).toEqual(expect.arrayContaining(['diabetesControlled', 'skinInfectionWhere', 'skinFlareFace']));
    expect(ids).not.toContain('epilepsyControlled');
    expect(ids).not.toContain('conditionsDetails'); // "None of these"
    expect(ids).not.toContain('kneeSide');
  });
});
