import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_FORM } from './default-intake-form.ts';
import { diffAnswers } from './diff-answers.ts';

describe('diffAnswers', () => {
  it('lists added, removed and changed answers in form order with their labels', () => {
    const before = { pregnancy: 'no', bloodThinners: false, gpName: 'Dr Okafor', medications: [{ name: 'Warfarin' }] };
    const after = { pregnancy: 'pregnant', pregnancyWeeks: 16, bloodThinners: false, medications: [{ name: 'Warfarin', dose: '3 mg' }] };
    expect(diffAnswers(before, after, DEFAULT_INTAKE_FORM)).toEqual([
      { questionId: 'gpName', label: 'Your GP’s name', sectionTitle: 'About you', change: 'removed', before: 'Dr Okafor' },
      { questionId: 'medications', label: 'Which medicines do you take?', sectionTitle: 'Medicines', change: 'changed', before: [{ name: 'Warfarin' }], after: [{ name: 'Warfarin', dose: '3 mg' }] },
      { questionId: 'pregnancy', label: 'Are you pregnant, or trying to get pregnant?', sectionTitle: 'Pregnancy', change: 'changed', before: 'no', after: 'pregnant' },
      { questionId: 'pregnancyWeeks', label: 'How many weeks pregnant are you?', sectionTitle: 'Pregnancy', change: 'added', after: 16 },
    ]);
  });

  it('finds no change between identical versions, or in the order of multiple choices or object keys', () => {
    const a = { implants: ['pacemaker', 'joint'], cosmeticProcedures: { botox: '2027-01-01', filler: '2027-02-01' } };
    const b = { implants: ['joint', 'pacemaker'], cosmeticProcedures: { filler: '2027-02-01', botox: '2027-01-01' } };
    expect(diffAnswers(a, b, DEFAULT_INTAKE_FORM)).toEqual([]);
  });

  it('sees a changed procedure date and a changed yes/no', () => {
    const changes = diffAnswers({ cosmeticProcedures: { botox: '2027-01-01' }, diabetes: false }, { cosmeticProcedures: { botox: '2027-04-01' }, diabetes: true }, DEFAULT_INTAKE_FORM);
    expect(changes.map((c) => [c.questionId, c.change])).toEqual([
      ['diabetes', 'changed'],
      ['cosmeticProcedures', 'changed'],
    ]);
  });

  it('keeps answers to questions an older form version had, after the rest', () => {
    expect(diffAnswers({ oldQuestion: 'x' }, { phone: '0770' }, DEFAULT_INTAKE_FORM)).toEqual([
      expect.objectContaining({ questionId: 'phone', change: 'added' }),
      { questionId: 'oldQuestion', change: 'removed', before: 'x' },
    ]);
  });
});
