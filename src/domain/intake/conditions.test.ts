import { describe, expect, it } from 'vitest';
import { conditionSchema, evaluateCondition, isAnswered, type Answers, type Condition } from './conditions.ts';

const answers: Answers = {
  pregnancy: 'pregnant',
  pregnancyWeeks: 12,
  bloodThinners: false,
  implants: ['pacemaker', 'joint'],
  cosmeticProcedures: { botox: '2027-05-20' },
  dateOfBirth: '2009-06-10',
  note: '   ',
};

const yes = (c: Condition, ref?: string) => evaluateCondition(c, answers, ref ? { referenceDate: ref } : {});

describe('evaluateCondition', () => {
  it('compares single answers with equals and oneOf', () => {
    expect(yes({ question: 'pregnancy', equals: 'pregnant' })).toBe(true);
    expect(yes({ question: 'pregnancy', equals: 'trying' })).toBe(false);
    expect(yes({ question: 'bloodThinners', equals: false })).toBe(true);
    expect(yes({ question: 'pregnancy', oneOf: ['trying', 'pregnant'] })).toBe(true);
    expect(yes({ question: 'implants', oneOf: ['pacemaker'] })).toBe(false);
  });

  it('looks inside multiple-choice answers and procedure dates with includes', () => {
    expect(yes({ question: 'implants', includes: 'pacemaker' })).toBe(true);
    expect(yes({ question: 'implants', includes: 'heart-valve' })).toBe(false);
    expect(yes({ question: 'cosmeticProcedures', includes: 'botox' })).toBe(true);
    expect(yes({ question: 'cosmeticProcedures', includes: 'filler' })).toBe(false);
  });

  it('treats blank text as unanswered', () => {
    expect(yes({ question: 'note', answered: true })).toBe(false);
    expect(yes({ question: 'missing', answered: false })).toBe(true);
    expect(isAnswered([])).toBe(false);
    expect(isAnswered({})).toBe(false);
    expect(isAnswered(false)).toBe(true);
  });

  it('compares numbers with atLeast and lessThan, at the boundary', () => {
    expect(yes({ question: 'pregnancyWeeks', lessThan: 13 })).toBe(true);
    expect(yes({ question: 'pregnancyWeeks', lessThan: 12 })).toBe(false);
    expect(yes({ question: 'pregnancyWeeks', atLeast: 12 })).toBe(true);
    expect(yes({ question: 'pregnancy', atLeast: 1 })).toBe(false);
  });

  it('is false for a leaf about an unanswered question, so not() of it is true', () => {
    expect(yes({ question: 'missing', equals: 'x' })).toBe(false);
    expect(yes({ not: { question: 'missing', equals: 'x' } })).toBe(true);
  });

  it('combines with all and any', () => {
    const firstTrimester: Condition = {
      all: [{ question: 'pregnancy', equals: 'pregnant' }, { any: [{ question: 'pregnancyWeeks', lessThan: 13 }, { question: 'pregnancyWeeks', answered: false }] }],
    };
    expect(yes(firstTrimester)).toBe(true);
    expect(evaluateCondition(firstTrimester, { pregnancy: 'pregnant' })).toBe(true);
    expect(evaluateCondition(firstTrimester, { pregnancy: 'pregnant', pregnancyWeeks: 13 })).toBe(false);
  });

  it('counts withinDaysBefore from the reference date: the day itself and N-1 days after, not N', () => {
    const c: Condition = { question: 'cosmeticProcedures', event: 'botox', withinDaysBefore: 14 };
    expect(yes(c, '2027-05-20')).toBe(true);
    expect(yes(c, '2027-06-02')).toBe(true);
    expect(yes(c, '2027-06-03')).toBe(false);
    expect(yes(c, '2027-05-19')).toBe(false); // before the procedure
    expect(yes(c)).toBe(false); // no reference date
    expect(yes({ question: 'dateOfBirth', withinDaysBefore: 1 }, '2009-06-10')).toBe(true);
  });

  it('tells age on the reference date with ageUnder, turning 18 on the birthday', () => {
    expect(yes({ question: 'dateOfBirth', ageUnder: 18 }, '2027-06-09')).toBe(true);
    expect(yes({ question: 'dateOfBirth', ageUnder: 18 }, '2027-06-10')).toBe(false);
    expect(evaluateCondition({ question: 'dob', ageUnder: 18 }, { dob: '2008-02-29' }, { referenceDate: '2026-02-28' })).toBe(true);
    expect(evaluateCondition({ question: 'dob', ageUnder: 18 }, { dob: '2008-02-29' }, { referenceDate: '2026-03-01' })).toBe(false);
  });
});

describe('conditionSchema', () => {
  it('accepts nested conditions and refuses unknown operators or mixed leaves', () => {
    expect(conditionSchema.safeParse({ all: [{ question: 'a', equals: true }, { not: { question: 'b', answered: true } }] }).success).toBe(true);
    expect(conditionSchema.safeParse({ question: 'a', matches: '.*' }).success).toBe(false);
    expect(conditionSchema.safeParse({ question: 'a', equals: 1, lessThan: 3 }).success).toBe(false);
    expect(conditionSchema.safeParse({ all: [] }).success).toBe(false);
  });
});
