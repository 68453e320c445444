import { describe, expect, it } from 'vitest';
import { answersSchemaFor } from '../intake/answers.schema.ts';
import { DEFAULT_INTAKE_FORM } from '../intake/default-intake-form.ts';
import { answersFromFormPost } from '../intake/form-post.ts';
import { findQuestion, formQuestions } from '../intake/form-definition.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { checkSuitability, suitabilityForm, SUITABILITY_QUESTION_IDS, type SuitabilityCategory } from './suitability.ts';

const today = '2027-05-25';
const clear = { pregnancy: 'no', bloodThinners: false, bleeding: 'no', implants: ['none'], epilepsy: false };

function check(treatmentCategory: SuitabilityCategory, answers: object, rules = DEFAULT_RULES.rules) {
  return checkSuitability({ rules, answers: answers as never, treatmentCategory, today, treatmentName: 'facial acupuncture' });
}

describe('suitabilityForm', () => {
  it('asks the same questions as intake, with the same ids and answers', () => {
    const form = suitabilityForm();
    expect(formQuestions(form).map((q) => q.question.id)).toEqual([...SUITABILITY_QUESTION_IDS]);
    expect(findQuestion(form, 'pregnancy')).toEqual(findQuestion(DEFAULT_INTAKE_FORM, 'pregnancy'));
  });

  it('asks about recent procedures on the facial page only', () => {
    const schema = (c: SuitabilityCategory) => answersSchemaFor(suitabilityForm(), { categories: [c], today });
    expect(schema('facial').parse({ ...clear, cosmeticProcedures: { botox: '2027-05-20' } })).toHaveProperty('cosmeticProcedures');
    expect(schema('massage').parse({ ...clear, cosmeticProcedures: { botox: '2027-05-20' } })).not.toHaveProperty('cosmeticProcedures');
  });
});

describe('checkSuitability', () => {
  it('says "book online" when nothing stands in the way', () => {
    expect(check('facial', clear)).toMatchObject({ outcome: 'book-online', title: 'You can book online', reasons: [] });
  });

  it('says "consultation first" for a review finding, giving the reason kindly', () => {
    const r = check('traditional', { ...clear, bloodThinners: true });
    expect(r.outcome).toBe('consultation-first');
    expect(r.reasons).toEqual(['You told us you take a medicine that thins your blood. That is usually fine; your practitioner will go through it with you before treatment.']);
  });

  it('says "consultation first" with the earliest date after a recent procedure', () => {
    const r = check('facial', { ...clear, cosmeticProcedures: { botox: '2027-05-20' } });
    expect(r).toMatchObject({ outcome: 'consultation-first', earliestDate: '2027-06-17' });
    expect(r.message).toBe('A consultation is fine now. The earliest facial acupuncture we can offer you is 17 June 2027, and at the consultation your practitioner will plan it with you.');
  });

  it('says "book online" once the wait is over on the day of the check', () => {
    expect(check('facial', { ...clear, cosmeticProcedures: { botox: '2027-04-27' } }).outcome).toBe('book-online');
    expect(check('facial', { ...clear, cosmeticProcedures: { botox: '2027-04-28' } }).outcome).toBe('consultation-first');
  });

  it('says "call the clinic" for a refer finding: pregnancy for facial, early pregnancy, bleeding disorder, epilepsy', () => {
    expect(check('facial', { ...clear, pregnancy: 'pregnant', pregnancyWeeks: 20 }).outcome).toBe('call-clinic');
    expect(check('traditional', { ...clear, pregnancy: 'pregnant', pregnancyWeeks: 8 }).outcome).toBe('call-clinic');
    expect(check('traditional', { ...clear, pregnancy: 'pregnant', pregnancyWeeks: 20 }).outcome).toBe('consultation-first');
    expect(check('massage', { ...clear, bleeding: 'disorder' }).outcome).toBe('call-clinic');
    expect(check('facial', { ...clear, epilepsy: true, epilepsyControlled: 'yes' }).outcome).toBe('call-clinic');
    expect(check('knee', { ...clear, epilepsy: true, epilepsyControlled: 'yes' }).outcome).toBe('consultation-first');
  });

  it('keeps practitioner-only notes out of what the visitor reads', () => {
    const r = check('traditional', { ...clear, pregnancy: 'trying' });
    expect(r).toMatchObject({ outcome: 'book-online', reasons: [] });
  });

  it('never uses diagnostic words in its outcomes or in the rules’ client messages', () => {
    const outcomes = [check('facial', clear), check('traditional', { ...clear, bloodThinners: true }), check('facial', { ...clear, pregnancy: 'pregnant', pregnancyWeeks: 20 })];
    const texts = [...outcomes.flatMap((o) => [o.title, o.message]), ...DEFAULT_RULES.rules.map((r) => r.clientMessage)];
    for (const t of texts) expect(t, t).not.toMatch(/contraindicat|diagnos|unsafe|dangerous|not allowed|refused|refer\b|you have a condition/i);
  });

  it('works from a plain form post, as the page does without JavaScript', () => {
    const form = suitabilityForm();
    const posted = answersFromFormPost(form, { pregnancy: 'no', bloodThinners: 'no', bleeding: 'no', implants: 'pacemaker', epilepsy: 'no', 'cosmeticProcedures.filler': '' });
    const answers = answersSchemaFor(form, { categories: ['traditional'], today }).parse(posted);
    expect(checkSuitability({ rules: DEFAULT_RULES.rules, answers, treatmentCategory: 'traditional', today }).outcome).toBe('consultation-first');
  });

  it('uses the clinic’s own rules: switching a rule off changes the answer', () => {
    const rules = DEFAULT_RULES.rules.map((r) => (r.id === 'blood-thinners' ? { ...r, enabled: false } : r));
    expect(check('traditional', { ...clear, bloodThinners: true }, rules).outcome).toBe('book-online');
  });
});
