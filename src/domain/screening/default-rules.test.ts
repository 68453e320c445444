import { describe, expect, it } from 'vitest';
import type { Answers } from '../intake/conditions.ts';
import { DEFAULT_INTAKE_FORM } from '../intake/default-intake-form.ts';
import { answersSchemaFor } from '../intake/answers.schema.ts';
import type { TreatmentCategory } from '../intake/form-definition.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { ruleIssuesAgainstForm } from './rule.schema.ts';
import { screen } from './screen.ts';

/** Answers that trigger nothing. */
const CLEAR: Answers = {
  dateOfBirth: '1980-04-12',
  conditions: ['none'],
  diabetes: false,
  epilepsy: false,
  implants: ['none'],
  bloodThinners: false,
  supplements: ['none'],
  pregnancy: 'no',
  bleeding: 'no',
  skinInfectionNow: false,
  skinConditions: ['none'],
  keloid: false,
  needleFear: 'fine',
  fainting: false,
  metalAllergy: false,
  recentInjury: false,
};

const APPOINTMENT = '2027-06-10';

function fired(category: TreatmentCategory, extra: Answers, appointmentDate = APPOINTMENT) {
  return screen({ rules: DEFAULT_RULES.rules, answers: { ...CLEAR, ...extra }, form: DEFAULT_INTAKE_FORM, treatmentCategory: category, appointmentDate });
}
const ids = (category: TreatmentCategory, extra: Answers, date?: string) => fired(category, extra, date).findings.map((f) => f.ruleId);

interface Case {
  rule: string;
  category: TreatmentCategory;
  answers: Answers;
  date?: string;
  fires: boolean;
  why: string;
}

const CASES: Case[] = [
  // Pregnancy
  { rule: 'pregnancy-facial', category: 'facial', answers: { pregnancy: 'pregnant', pregnancyWeeks: 20 }, fires: true, why: 'pregnant, facial' },
  { rule: 'pregnancy-facial', category: 'facial', answers: { pregnancy: 'trying' }, fires: false, why: 'trying, not pregnant' },
  { rule: 'pregnancy-facial', category: 'traditional', answers: { pregnancy: 'pregnant', pregnancyWeeks: 20 }, fires: false, why: 'not facial' },
  { rule: 'pregnancy-first-trimester', category: 'traditional', answers: { pregnancy: 'pregnant', pregnancyWeeks: 12 }, fires: true, why: 'week 12' },
  { rule: 'pregnancy-first-trimester', category: 'knee', answers: { pregnancy: 'pregnant' }, fires: true, why: 'weeks not given' },
  { rule: 'pregnancy-first-trimester', category: 'traditional', answers: { pregnancy: 'pregnant', pregnancyWeeks: 13 }, fires: false, why: 'week 13 (edge)' },
  { rule: 'pregnancy-first-trimester', category: 'massage', answers: { pregnancy: 'pregnant', pregnancyWeeks: 8 }, fires: false, why: 'massage has its own rule' },
  { rule: 'pregnancy-acupuncture', category: 'traditional', answers: { pregnancy: 'pregnant', pregnancyWeeks: 13 }, fires: true, why: 'week 13 (edge)' },
  { rule: 'pregnancy-acupuncture', category: 'knee', answers: { pregnancy: 'pregnant', pregnancyWeeks: 30 }, fires: true, why: 'week 30' },
  { rule: 'pregnancy-acupuncture', category: 'traditional', answers: { pregnancy: 'pregnant', pregnancyWeeks: 12 }, fires: false, why: 'week 12 is refer instead' },
  { rule: 'pregnancy-massage', category: 'massage', answers: { pregnancy: 'pregnant', pregnancyWeeks: 8 }, fires: true, why: 'pregnant, massage' },
  { rule: 'pregnancy-massage', category: 'massage', answers: { pregnancy: 'no' }, fires: false, why: 'not pregnant' },
  { rule: 'trying-to-conceive', category: 'traditional', answers: { pregnancy: 'trying' }, fires: true, why: 'trying' },
  { rule: 'trying-to-conceive', category: 'traditional', answers: { pregnancy: 'no' }, fires: false, why: 'not trying' },
  // Bleeding
  { rule: 'bleeding-disorder', category: 'facial', answers: { bleeding: 'disorder' }, fires: true, why: 'disorder, facial' },
  { rule: 'bleeding-disorder', category: 'massage', answers: { bleeding: 'disorder' }, fires: true, why: 'disorder, massage' },
  { rule: 'bleeding-disorder', category: 'traditional', answers: { bleeding: 'bruise-easily' }, fires: false, why: 'bruising only' },
  { rule: 'bruising-tendency', category: 'facial', answers: { bleeding: 'bruise-easily' }, fires: true, why: 'bruises easily' },
  { rule: 'bruising-tendency', category: 'facial', answers: { bleeding: 'not-sure' }, fires: true, why: 'not sure' },
  { rule: 'bruising-tendency', category: 'facial', answers: { bleeding: 'disorder' }, fires: false, why: 'disorder is refer instead' },
  { rule: 'blood-thinners', category: 'knee', answers: { bloodThinners: true }, fires: true, why: 'on blood thinners' },
  { rule: 'blood-thinners', category: 'knee', answers: { bloodThinners: false }, fires: false, why: 'not on blood thinners' },
  { rule: 'bruising-supplements', category: 'facial', answers: { supplements: ['ginkgo'] }, fires: true, why: 'ginkgo' },
  { rule: 'bruising-supplements', category: 'facial', answers: { supplements: ['none'] }, fires: false, why: 'none' },
  // Procedures: procedure date + N days is the first allowed day.
  { rule: 'wait-botox', category: 'facial', answers: { cosmeticProcedures: { botox: '2027-05-20' } }, date: '2027-06-16', fires: true, why: 'day 27' },
  { rule: 'wait-botox', category: 'facial', answers: { cosmeticProcedures: { botox: '2027-05-20' } }, date: '2027-06-17', fires: false, why: 'day 28 (edge)' },
  { rule: 'wait-botox', category: 'traditional', answers: { cosmeticProcedures: { botox: '2027-06-01' } }, fires: false, why: 'not facial' },
  { rule: 'wait-filler', category: 'facial', answers: { cosmeticProcedures: { filler: '2027-04-01' } }, date: '2027-06-29', fires: true, why: 'day 89' },
  { rule: 'wait-filler', category: 'facial', answers: { cosmeticProcedures: { filler: '2027-04-01' } }, date: '2027-06-30', fires: false, why: 'day 90 (edge)' },
  { rule: 'wait-laser', category: 'facial', answers: { cosmeticProcedures: { laser: '2027-05-15' } }, date: '2027-06-13', fires: true, why: 'day 29' },
  { rule: 'wait-laser', category: 'facial', answers: { cosmeticProcedures: { laser: '2027-05-15' } }, date: '2027-06-14', fires: false, why: 'day 30 (edge)' },
  { rule: 'wait-peel', category: 'facial', answers: { cosmeticProcedures: { peel: '2027-06-01' } }, fires: true, why: 'peel 9 days ago' },
  { rule: 'wait-peel', category: 'facial', answers: { cosmeticProcedures: { peel: '2027-05-01' } }, fires: false, why: 'peel 40 days ago' },
  { rule: 'wait-microneedling', category: 'facial', answers: { cosmeticProcedures: { microneedling: '2027-06-01' } }, fires: true, why: '9 days ago' },
  { rule: 'wait-microneedling', category: 'facial', answers: { cosmeticProcedures: { microneedling: '2027-05-11' } }, fires: false, why: 'day 30 (edge)' },
  { rule: 'wait-facelift', category: 'facial', answers: { cosmeticProcedures: { facelift: '2027-01-01' } }, date: '2027-07-02', fires: true, why: 'day 182' },
  { rule: 'wait-facelift', category: 'facial', answers: { cosmeticProcedures: { facelift: '2027-01-01' } }, date: '2027-07-03', fires: false, why: 'day 183 (edge)' },
  // Implants
  { rule: 'pacemaker', category: 'traditional', answers: { implants: ['pacemaker'] }, fires: true, why: 'pacemaker' },
  { rule: 'pacemaker', category: 'knee', answers: { implants: ['electronic', 'joint'] }, fires: true, why: 'other electronic implant' },
  { rule: 'pacemaker', category: 'traditional', answers: { implants: ['joint'] }, fires: false, why: 'joint replacement only' },
  { rule: 'pacemaker', category: 'massage', answers: { implants: ['pacemaker'] }, fires: false, why: 'no needles in massage' },
  { rule: 'heart-valve', category: 'facial', answers: { implants: ['heart-valve'] }, fires: true, why: 'heart valve' },
  { rule: 'heart-valve', category: 'facial', answers: { implants: ['none'] }, fires: false, why: 'none' },
  // Epilepsy
  { rule: 'epilepsy-facial', category: 'facial', answers: { epilepsy: true, epilepsyControlled: 'yes' }, fires: true, why: 'epilepsy, facial' },
  { rule: 'epilepsy-facial', category: 'facial', answers: { epilepsy: false }, fires: false, why: 'no epilepsy' },
  { rule: 'epilepsy-uncontrolled', category: 'traditional', answers: { epilepsy: true, epilepsyControlled: 'no' }, fires: true, why: 'seizures this year' },
  { rule: 'epilepsy-uncontrolled', category: 'knee', answers: { epilepsy: true, epilepsyControlled: 'not-sure' }, fires: true, why: 'not sure' },
  { rule: 'epilepsy-uncontrolled', category: 'traditional', answers: { epilepsy: true, epilepsyControlled: 'yes' }, fires: false, why: 'seizure-free' },
  { rule: 'epilepsy', category: 'traditional', answers: { epilepsy: true, epilepsyControlled: 'yes' }, fires: true, why: 'seizure-free' },
  { rule: 'epilepsy', category: 'traditional', answers: { epilepsy: true, epilepsyControlled: 'no' }, fires: false, why: 'refer instead' },
  // Diabetes
  { rule: 'diabetes-uncontrolled-facial', category: 'facial', answers: { diabetes: true, diabetesControlled: 'no' }, fires: true, why: 'not controlled' },
  { rule: 'diabetes-uncontrolled-facial', category: 'facial', answers: { diabetes: true, diabetesControlled: 'yes' }, fires: false, why: 'controlled' },
  { rule: 'diabetes-uncontrolled-facial', category: 'traditional', answers: { diabetes: true, diabetesControlled: 'no' }, fires: false, why: 'not facial' },
  { rule: 'diabetes', category: 'massage', answers: { diabetes: true, diabetesControlled: 'yes' }, fires: true, why: 'diabetes' },
  { rule: 'diabetes', category: 'massage', answers: { diabetes: false }, fires: false, why: 'no diabetes' },
  // Skin
  { rule: 'skin-infection-face', category: 'facial', answers: { skinInfectionNow: true, skinInfectionWhere: ['face'] }, fires: true, why: 'cold sore' },
  { rule: 'skin-infection-face', category: 'facial', answers: { skinInfectionNow: true, skinInfectionWhere: ['elsewhere'] }, fires: false, why: 'not on the face' },
  { rule: 'skin-infection-knee', category: 'knee', answers: { skinInfectionNow: true, skinInfectionWhere: ['knee', 'elsewhere'] }, fires: true, why: 'at the knee' },
  { rule: 'skin-infection-knee', category: 'knee', answers: { skinInfectionNow: true, skinInfectionWhere: ['face'] }, fires: false, why: 'on the face' },
  { rule: 'skin-infection-avoid-area', category: 'massage', answers: { skinInfectionNow: true, skinInfectionWhere: ['elsewhere'] }, fires: true, why: 'massage' },
  { rule: 'skin-infection-avoid-area', category: 'massage', answers: { skinInfectionNow: false }, fires: false, why: 'none now' },
  { rule: 'skin-infection-note', category: 'facial', answers: { skinInfectionNow: true, skinInfectionWhere: ['elsewhere'] }, fires: true, why: 'elsewhere' },
  { rule: 'skin-infection-note', category: 'facial', answers: { skinInfectionNow: false }, fires: false, why: 'none now' },
  { rule: 'skin-flare-face', category: 'facial', answers: { skinConditions: ['eczema'], skinFlareFace: true }, fires: true, why: 'flare on the face' },
  { rule: 'skin-flare-face', category: 'facial', answers: { skinConditions: ['eczema'], skinFlareFace: false }, fires: false, why: 'no flare' },
  { rule: 'skin-cancer-facial', category: 'facial', answers: { skinConditions: ['skin-cancer'] }, fires: true, why: 'skin cancer' },
  { rule: 'skin-cancer-facial', category: 'facial', answers: { skinConditions: ['acne'] }, fires: false, why: 'acne' },
  { rule: 'keloid', category: 'knee', answers: { keloid: true }, fires: true, why: 'keloid' },
  { rule: 'keloid', category: 'knee', answers: { keloid: false }, fires: false, why: 'no keloid' },
  // Needles, fainting, allergy, age
  { rule: 'needle-fear', category: 'facial', answers: { needleFear: 'very' }, fires: true, why: 'very anxious' },
  { rule: 'needle-fear', category: 'facial', answers: { needleFear: 'fine' }, fires: false, why: 'fine' },
  { rule: 'fainting', category: 'traditional', answers: { fainting: true }, fires: true, why: 'has fainted' },
  { rule: 'fainting', category: 'traditional', answers: { fainting: false }, fires: false, why: 'never fainted' },
  { rule: 'metal-allergy', category: 'facial', answers: { metalAllergy: true }, fires: true, why: 'nickel' },
  { rule: 'metal-allergy', category: 'facial', answers: { metalAllergy: false }, fires: false, why: 'none' },
  { rule: 'under-18', category: 'facial', answers: { dateOfBirth: '2009-06-11' }, fires: true, why: '18th birthday the day after (edge)' },
  { rule: 'under-18', category: 'facial', answers: { dateOfBirth: '2009-06-10' }, fires: false, why: '18th birthday on the day (edge)' },
  { rule: 'under-18', category: 'facial', answers: { dateOfBirth: '2008-02-29' }, date: '2026-02-28', fires: true, why: 'leap-day birthday: 18 on 1 March' },
  { rule: 'under-18', category: 'facial', answers: { dateOfBirth: '2008-02-29' }, date: '2026-03-01', fires: false, why: 'leap-day birthday: 18 on 1 March' },
  // Massage
  { rule: 'wait-acute-injury-massage', category: 'massage', answers: { recentInjury: true, recentInjuryDate: '2027-06-08' }, fires: true, why: 'day 2' },
  { rule: 'wait-acute-injury-massage', category: 'massage', answers: { recentInjury: true, recentInjuryDate: '2027-06-07' }, fires: false, why: 'day 3 (edge)' },
  { rule: 'wait-acute-injury-massage', category: 'knee', answers: { recentInjury: true, recentInjuryDate: '2027-06-09' }, fires: false, why: 'not massage' },
];

describe('default rules', () => {
  it('are valid against the default intake form, and each cites a source from the reference', () => {
    expect(ruleIssuesAgainstForm(DEFAULT_RULES.rules, DEFAULT_INTAKE_FORM)).toEqual([]);
    for (const rule of DEFAULT_RULES.rules) expect(rule.source, rule.id).toMatch(/^Reference: contraindications 2[abc]?[ ,:]/);
  });

  it('cover the topics of the issue', () => {
    const all = DEFAULT_RULES.rules.map((r) => r.id);
    expect(all).toEqual(expect.arrayContaining(['pregnancy-first-trimester', 'blood-thinners', 'bleeding-disorder', 'wait-botox', 'wait-filler', 'wait-peel', 'wait-laser', 'wait-microneedling', 'pacemaker', 'epilepsy', 'diabetes', 'keloid', 'skin-infection-face', 'needle-fear', 'fainting', 'metal-allergy']));
  });

  it('find nothing in answers that mention nothing', () => {
    for (const c of ['facial', 'traditional', 'massage', 'knee', 'consultation'] as const) expect(ids(c, {}), c).toEqual([]);
  });

  it('each have at least one case that fires and one that does not', () => {
    for (const rule of DEFAULT_RULES.rules) {
      expect(CASES.some((c) => c.rule === rule.id && c.fires), `${rule.id} fires`).toBe(true);
      expect(CASES.some((c) => c.rule === rule.id && !c.fires), `${rule.id} does not fire`).toBe(true);
    }
  });

  describe.each(CASES)('$rule, $category: $why', ({ rule, category, answers, date, fires }) => {
    it(fires ? 'fires' : 'does not fire', () => {
      expect(ids(category, answers, date).includes(rule)).toBe(fires);
    });
  });
});

describe('default rules: levels and dates', () => {
  it('refers a pregnant client for facial acupuncture and says so kindly, without a diagnosis', () => {
    const { findings, summary } = fired('facial', { pregnancy: 'pregnant', pregnancyWeeks: 20 });
    expect(summary).toMatchObject({ highestLevel: 'refer', canBookOnline: false });
    expect(findings[0]).toMatchObject({ ruleId: 'pregnancy-facial', level: 'refer', practitionerMessage: 'Pregnant (20 weeks). Facial acupuncture lists treat pregnancy as a contraindication.' });
    expect(findings[0]!.message).toMatch(/please call us/);
  });

  it('gives the earliest facial date after botulinum toxin in the words of the UI guide', () => {
    const { findings, summary } = fired('facial', { cosmeticProcedures: { botox: '2027-05-20' } }, '2027-05-25');
    expect(summary).toMatchObject({ highestLevel: 'wait', earliestDate: '2027-06-17', canBookOnline: false });
    expect(findings[0]!.message).toBe('Because you told us you had botulinum toxin (such as Botox) on 20 May 2027, the earliest facial acupuncture we can offer is 17 June 2027. A consultation is fine now.');
  });

  it('counts waits across the end of a year and through a leap day', () => {
    expect(fired('facial', { cosmeticProcedures: { botox: '2027-12-20' } }, '2027-12-21').summary.earliestDate).toBe('2028-01-17');
    expect(fired('facial', { cosmeticProcedures: { botox: '2028-02-10' } }, '2028-02-11').summary.earliestDate).toBe('2028-03-09');
    expect(fired('facial', { cosmeticProcedures: { botox: '2027-02-10' } }, '2027-02-11').summary.earliestDate).toBe('2027-03-10');
    expect(fired('facial', { cosmeticProcedures: { filler: '2027-12-01' } }, '2027-12-01').summary.earliestDate).toBe('2028-02-29');
  });

  it('takes the latest of several waits as the earliest date', () => {
    const r = fired('facial', { cosmeticProcedures: { botox: '2027-05-20', filler: '2027-04-01' } }, '2027-05-25');
    expect(r.findings.map((f) => [f.ruleId, f.earliestDate])).toEqual([
      ['wait-botox', '2027-06-17'],
      ['wait-filler', '2027-06-30'],
    ]);
    expect(r.summary.earliestDate).toBe('2027-06-30');
    // On 20 June the botox wait is over; the filler wait is not.
    expect(fired('facial', { cosmeticProcedures: { botox: '2027-05-20', filler: '2027-04-01' } }, '2027-06-20').findings.map((f) => f.ruleId)).toEqual(['wait-filler']);
  });

  it('lets a client on blood thinners book online, flagged for the practitioner', () => {
    expect(fired('traditional', { bloodThinners: true, medications: [{ name: 'Apixaban' }] }).summary).toMatchObject({ highestLevel: 'review', canBookOnline: true, needsAcknowledgement: true });
    expect(fired('traditional', { bloodThinners: true, medications: [{ name: 'Apixaban' }] }).findings[0]!.practitionerMessage).toBe('On blood thinners (Apixaban). Haematoma risk: review case by case; consider GP advice.');
  });

  it('screens answers straight from the validated intake schema', () => {
    const schema = answersSchemaFor(DEFAULT_INTAKE_FORM, { categories: ['facial'], today: '2027-05-25' }, { partial: true });
    const answers = schema.parse({ pregnancy: 'no', cosmeticProcedures: { laser: '2027-05-24' }, needleFear: 'a-little' });
    const r = screen({ rules: DEFAULT_RULES.rules, answers, form: DEFAULT_INTAKE_FORM, treatmentCategory: 'facial', appointmentDate: '2027-05-25' });
    expect(r.findings.map((f) => [f.ruleId, f.level])).toEqual([
      ['wait-laser', 'wait'],
      ['needle-fear', 'note'],
    ]);
  });
});
