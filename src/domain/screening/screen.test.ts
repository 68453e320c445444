import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_FORM } from '../intake/default-intake-form.ts';
import { screeningRuleSchema, type ScreeningRuleInput } from './rule.schema.ts';
import { screen } from './screen.ts';

const rule = (r: Partial<ScreeningRuleInput> & Pick<ScreeningRuleInput, 'id' | 'level'>) =>
  screeningRuleSchema.parse({ title: r.id, appliesTo: ['facial'], clientMessage: 'c', practitionerMessage: 'p', source: 's', ...r });

const run = (rules: ReturnType<typeof rule>[], answers: Record<string, never> | object, appointmentDate: string | number = '2027-06-10', timeZone?: string) =>
  screen({ rules, answers: answers as never, form: DEFAULT_INTAKE_FORM, treatmentCategory: 'facial', appointmentDate, timeZone });

describe('screen', () => {
  it('orders findings most serious first, keeping rule order within a level', () => {
    const rules = [
      rule({ id: 'n1', level: 'note', when: { question: 'fainting', equals: true } }),
      rule({ id: 'r1', level: 'review', when: { question: 'keloid', equals: true } }),
      rule({ id: 'x1', level: 'refer', when: { question: 'epilepsy', equals: true } }),
      rule({ id: 'r2', level: 'review', when: { question: 'metalAllergy', equals: true } }),
    ];
    const r = run(rules, { fainting: true, keloid: true, epilepsy: true, metalAllergy: true });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['x1', 'r1', 'r2', 'n1']);
    expect(r.summary).toEqual({ highestLevel: 'refer', earliestDate: null, canBookOnline: false, needsAcknowledgement: true, appointmentDate: '2027-06-10' });
  });

  it('gives an empty summary when nothing is found', () => {
    expect(run([rule({ id: 'a', level: 'refer', when: { question: 'epilepsy', equals: true } })], { epilepsy: false }).summary).toEqual({
      highestLevel: null,
      earliestDate: null,
      canBookOnline: true,
      needsAcknowledgement: false,
      appointmentDate: '2027-06-10',
    });
  });

  it('skips disabled rules and rules for other categories', () => {
    const rules = [
      rule({ id: 'off', level: 'refer', enabled: false, when: { question: 'epilepsy', equals: true } }),
      rule({ id: 'knee-only', level: 'refer', appliesTo: ['knee'], when: { question: 'epilepsy', equals: true } }),
    ];
    expect(run(rules, { epilepsy: true }).findings).toEqual([]);
  });

  it('carries the rule’s source, title and both messages, filling in placeholders', () => {
    const r = run(
      [
        rule({
          id: 'w',
          level: 'wait',
          wait: { question: 'cosmeticProcedures', event: 'peel', days: 14 },
          clientMessage: 'Peel on {eventDate}; from {earliestDate} ({days} days). Weeks: {answer:pregnancyWeeks}.',
          practitionerMessage: 'Implants: {answer:implants}; procedures: {answer:cosmeticProcedures}; thinners: {answer:bloodThinners}',
          source: 'Reference 2b',
        }),
      ],
      { cosmeticProcedures: { peel: '2027-06-01' }, implants: ['pacemaker', 'joint'], bloodThinners: true },
    );
    expect(r.findings).toEqual([
      {
        ruleId: 'w',
        title: 'w',
        level: 'wait',
        message: 'Peel on 1 June 2027; from 15 June 2027 (14 days). Weeks: not given.',
        practitionerMessage: 'Implants: A pacemaker or implanted defibrillator, A joint replacement or metal plate; procedures: Chemical peel 1 June 2027; thinners: yes',
        source: 'Reference 2b',
        earliestDate: '2027-06-15',
      },
    ]);
  });

  it('applies a wait rule’s extra condition as well as its date', () => {
    const r = rule({ id: 'w', level: 'wait', wait: { question: 'recentInjuryDate', days: 3 }, when: { question: 'recentInjury', equals: true } });
    expect(run([r], { recentInjury: true, recentInjuryDate: '2027-06-09' }).findings).toHaveLength(1);
    expect(run([r], { recentInjury: false, recentInjuryDate: '2027-06-09' }).findings).toHaveLength(0);
    expect(run([r], { recentInjury: true }).findings).toHaveLength(0);
  });

  it('lets a clinic rule use date arithmetic in its condition (within N days before the appointment)', () => {
    const r = rule({ id: 'recent-botox-review', level: 'review', when: { question: 'cosmeticProcedures', event: 'botox', withinDaysBefore: 90 } });
    expect(run([r], { cosmeticProcedures: { botox: '2027-03-13' } }, '2027-06-10').findings).toHaveLength(1); // day 89
    expect(run([r], { cosmeticProcedures: { botox: '2027-03-12' } }, '2027-06-10').findings).toHaveLength(0); // day 90
  });

  it('lets a clinic add a first-trimester rule with a number threshold', () => {
    const r = rule({ id: 'early', level: 'refer', when: { all: [{ question: 'pregnancy', equals: 'pregnant' }, { question: 'pregnancyWeeks', lessThan: 16 }] } });
    expect(run([r], { pregnancy: 'pregnant', pregnancyWeeks: 15 }).summary.highestLevel).toBe('refer');
    expect(run([r], { pregnancy: 'pregnant', pregnancyWeeks: 16 }).summary.highestLevel).toBe(null);
  });

  it('reads an appointment start in the clinic’s zone: 23:30 UTC on 16 June is 17 June in London', () => {
    const r = rule({ id: 'w', level: 'wait', wait: { question: 'cosmeticProcedures', event: 'botox', days: 28 } });
    const answers = { cosmeticProcedures: { botox: '2027-05-20' } };
    expect(run([r], answers, '2027-06-16T23:30:00Z').findings).toHaveLength(0);
    expect(run([r], answers, '2027-06-16T23:30:00Z', 'UTC').findings).toHaveLength(1);
    expect(run([r], answers, Date.parse('2027-06-16T22:59:00Z')).findings).toHaveLength(1);
    expect(run([r], answers, '2027-06-16T23:30:00Z').summary.appointmentDate).toBe('2027-06-17');
  });

  it('refuses an appointment date that does not exist', () => {
    expect(() => run([], {}, '2027-02-30')).toThrow(RangeError);
    expect(() => run([], {}, 'soon')).toThrow(RangeError);
  });

  it('is deterministic', () => {
    const rules = [rule({ id: 'a', level: 'note', when: { question: 'fainting', equals: true } })];
    expect(run(rules, { fainting: true })).toEqual(run(rules, { fainting: true }));
  });
});
