import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_FORM } from './default-intake-form.ts';
import { answersSchemaFor } from './answers.schema.ts';
import { cleanAnswers, describeAnswer, resumeSection, visibleSections } from './answer-display.ts';
import { findQuestion } from './form-definition.ts';

const form = DEFAULT_INTAKE_FORM;
const facial = { categories: ['consultation', 'facial'] as const, today: '2027-05-20' };
const q = (id: string) => findQuestion(form, id);

describe('cleanAnswers', () => {
  it('drops what a browser form holds for "no answer" and keeps real answers as they are', () => {
    expect(cleanAnswers(form, {
      phone: '  ', gpName: 'Dr Okafor', pregnancyWeeks: Number.NaN, conditions: [], implants: ['none'], diabetes: false,
      cosmeticProcedures: { botox: '2027-05-17', filler: '' }, medications: [{ name: '', dose: '' }, { name: 'Warfarin', dose: '' }],
    })).toEqual({ gpName: 'Dr Okafor', implants: ['none'], diabetes: false, cosmeticProcedures: { botox: '2027-05-17' }, medications: [{ name: 'Warfarin' }] });
  });

  it('removes blank procedure dates and lists entirely, and keeps unknown ids for the schema to refuse', () => {
    const cleaned = cleanAnswers(form, { cosmeticProcedures: { botox: '' }, medications: [{ name: '' }], favouriteColour: 'green' });
    expect(cleaned).toEqual({ favouriteColour: 'green' });
    const result = answersSchemaFor(form, facial, { partial: true }).safeParse(cleaned);
    expect(result.success).toBe(false);
  });

  it('keeps a wrong type for the schema to refuse', () => {
    expect(cleanAnswers(form, { diabetes: 'maybe' })).toEqual({ diabetes: 'maybe' });
  });
});

describe('describeAnswer', () => {
  it('says answers in words', () => {
    expect(describeAnswer(q('diabetes'), true)).toBe('Yes');
    expect(describeAnswer(q('diabetes'), false)).toBe('No');
    expect(describeAnswer(q('pregnancy'), 'trying')).toBe('I am trying to get pregnant');
    expect(describeAnswer(q('implants'), ['pacemaker', 'joint'])).toBe('A pacemaker or implanted defibrillator; A joint replacement or metal plate');
    expect(describeAnswer(q('pregnancyWeeks'), 12)).toBe('12 weeks');
    expect(describeAnswer(q('dateOfBirth'), '1985-04-12')).toBe('12 April 1985');
    expect(describeAnswer(q('cosmeticProcedures'), { botox: '2027-05-17' })).toBe('Botulinum toxin injections (such as Botox): 17 May 2027');
    expect(describeAnswer(q('medications'), [{ name: 'Warfarin', dose: '3 mg daily' }, { name: 'Ramipril' }])).toBe('Warfarin, 3 mg daily; Ramipril');
    expect(describeAnswer(q('gpName'), undefined)).toBe('Not answered');
    expect(describeAnswer(undefined, 'kept from an older form')).toBe('kept from an older form');
  });
});

describe('visibleSections and resumeSection', () => {
  it('lists the sections for the client’s treatments, with follow-ups only when relevant', () => {
    const ids = visibleSections(form, {}, facial).map((s) => s.section.id);
    expect(ids).toContain('cosmetic');
    expect(ids).not.toContain('knee');
    const pregnancy = (answers: Record<string, string>) => visibleSections(form, answers, facial).find((s) => s.section.id === 'pregnancySection')!.questions.map((x) => x.id);
    expect(pregnancy({ pregnancy: 'no' })).toEqual(['pregnancy']);
    expect(pregnancy({ pregnancy: 'pregnant' })).toEqual(['pregnancy', 'pregnancyWeeks']);
  });

  it('resumes at the first section with a required answer missing, or at the review when none is', () => {
    expect(resumeSection(form, {}, facial)).toBe(0);
    const aboutYou = { dateOfBirth: '1985-04-12', phone: '07700 900123', emergencyName: 'Sam', emergencyPhone: '07700 900456' };
    expect(resumeSection(form, aboutYou, facial)).toBe(1);
    const all = {
      ...aboutYou, conditions: ['none'], diabetes: false, epilepsy: false, implants: ['none'], bloodThinners: false, pregnancy: 'no', bleeding: 'no',
      skinInfectionNow: false, skinConditions: ['none'], keloid: false, needleFear: 'fine', fainting: false, metalAllergy: false, skinConcerns: ['tone'],
    };
    expect(resumeSection(form, all, facial)).toBe(visibleSections(form, all, facial).length);
  });
});
