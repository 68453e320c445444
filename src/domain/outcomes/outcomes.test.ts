import { describe, expect, it } from 'vitest';
import { answersSchemaFor } from '../intake/answers.schema.ts';
import {
  applyRule, BUILT_IN_MEASURES, changeFromBaseline, concernQuestionId, FACIAL_SELF_ASSESSMENT, KOOS_PAIN, measureDefinitionSchema, NPRS, PSFS,
  psfsActivities, questionnaireFor, questionnaireTiming, type Questionnaire,
} from './index.ts';

const ctx = { categories: ['knee' as const], today: '2027-05-01' };
/** Validates with the form engine, then scores every score of the questionnaire. */
function score(q: Questionnaire, answers: Record<string, unknown>) {
  const parsed = answersSchemaFor(q.form, ctx).parse(answers);
  return Object.fromEntries(q.scores.map((s) => [s.id, applyRule(s.rule, parsed)]));
}

describe('built-in measures', () => {
  it('are valid measure definitions', () => {
    for (const m of Object.values(BUILT_IN_MEASURES)) expect(measureDefinitionSchema.safeParse(m).success).toBe(true);
    expect(Object.keys(BUILT_IN_MEASURES)).toEqual(['nprs', 'psfs', 'koos-pain', 'facial-self']);
  });

  it('refuse a score that reads a question the form does not have', () => {
    const bad = { ...NPRS, scores: [{ ...NPRS.scores[0]!, rule: { kind: 'mean', items: ['nope'] } }] };
    const result = measureDefinitionSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/"nope"/);
  });
});

describe('NPRS', () => {
  const q = questionnaireFor(NPRS);
  it('scores the one answer', () => expect(score(q, { pain: 7 })).toEqual({ pain: 7 }));
  it('refuses 11 and a missing answer through the form engine', () => {
    expect(answersSchemaFor(q.form, ctx).safeParse({ pain: 11 }).success).toBe(false);
    expect(answersSchemaFor(q.form, ctx).safeParse({}).success).toBe(false);
  });
  it('7 → 4 is a meaningful improvement (MIC 2, lower is better); 7 → 6 is not; 3 → 5 is worse', () => {
    expect(changeFromBaseline(q.scores[0]!, 7, 4)).toEqual({ change: -3, improvement: 3, meaningful: true, verdict: 'improved' });
    expect(changeFromBaseline(q.scores[0]!, 7, 6)).toMatchObject({ change: -1, meaningful: false, verdict: 'unchanged' });
    expect(changeFromBaseline(q.scores[0]!, 3, 5)).toMatchObject({ change: 2, improvement: -2, verdict: 'worse' });
  });
});

describe('PSFS', () => {
  const baseline = questionnaireFor(PSFS);
  it('baseline: the client names up to five activities; only named ones are asked; score = mean', () => {
    // Activities rated 3, 4 and 6: (3 + 4 + 6) / 3 = 4.333… → 4.3
    const answers = { activity1Name: 'Climbing stairs', activity1: 3, activity2Name: 'Kneeling in the garden', activity2: 4, activity3Name: 'Walking 2 miles', activity3: 6 };
    expect(score(baseline, answers)).toEqual({ function: 4.3 });
    expect(psfsActivities(answers)).toEqual(['Climbing stairs', 'Kneeling in the garden', 'Walking 2 miles']);
  });
  it('baseline: a named activity must be rated, and a rating without a name is dropped (branching)', () => {
    const schema = answersSchemaFor(baseline.form, ctx);
    expect(schema.safeParse({ activity1Name: 'Stairs' }).error!.issues[0]!.path).toEqual(['activity1']);
    expect(schema.parse({ activity1Name: 'Stairs', activity1: 2, activity2: 9 })).toEqual({ activity1Name: 'Stairs', activity1: 2 });
  });
  it('follow-up: the same activities, by the same ids, rated again; 4.3 → 7.0 is meaningful (MIC 2, higher is better)', () => {
    const later = questionnaireFor(PSFS, { activities: ['Climbing stairs', 'Kneeling in the garden', 'Walking 2 miles'] });
    expect(later.form.sections[0]!.questions.map((x) => [x.id, x.label])).toEqual([
      ['activity1', 'Climbing stairs'], ['activity2', 'Kneeling in the garden'], ['activity3', 'Walking 2 miles'],
    ]);
    // (6 + 7 + 8) / 3 = 7
    expect(score(later, { activity1: 6, activity2: 7, activity3: 8 })).toEqual({ function: 7 });
    expect(changeFromBaseline(later.scores[0]!, 4.3, 7)).toEqual({ change: 2.7, improvement: 2.7, meaningful: true, verdict: 'improved' });
    expect(changeFromBaseline(later.scores[0]!, 4.3, 6.2).verdict).toBe('unchanged');
  });
});

describe('KOOS Pain', () => {
  const q = questionnaireFor(KOOS_PAIN);
  const all = (v: string) => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i + 1}`, v]));
  it('100 − mean × 100 / 4: no pain is 100, extreme is 0', () => {
    expect(score(q, all('0'))).toEqual({ pain: 100 });
    expect(score(q, all('4'))).toEqual({ pain: 0 });
  });
  it('a hand-worked example: items 3,2,2,1,1,2,1,0,1 → mean 13/9 = 1.444 → 100 − 36.1 = 63.9', () => {
    const values = [3, 2, 2, 1, 1, 2, 1, 0, 1];
    expect(score(q, Object.fromEntries(values.map((v, i) => [`p${i + 1}`, String(v)])))).toEqual({ pain: 63.9 });
  });
  it('is scorable with more than half the items (5 of 9), not with 4', () => {
    const rule = q.scores[0]!.rule;
    expect(applyRule(rule, { p1: '2', p2: '2', p3: '2', p4: '2', p5: '2' })).toBe(50);
    expect(applyRule(rule, { p1: '2', p2: '2', p3: '2', p4: '2' })).toBeNull();
  });
});

describe('facial self-assessment', () => {
  it('asks one item per concern chosen in the health questions, plus satisfaction', () => {
    const q = questionnaireFor(FACIAL_SELF_ASSESSMENT, { concerns: [{ value: 'fine-lines', label: 'Fine lines' }, { value: 'dryness', label: 'Dry skin' }] });
    expect(q.form.sections[0]!.questions.map((x) => x.id)).toEqual(['concernFineLines', 'concernDryness', 'satisfaction']);
    // Concerns (8 + 5) / 2 = 6.5 (lower is better); satisfaction 3 (higher is better).
    expect(score(q, { concernFineLines: 8, concernDryness: 5, satisfaction: 3 })).toEqual({ concerns: 6.5, satisfaction: 3 });
    expect(changeFromBaseline(q.scores[0]!, 6.5, 4.5).verdict).toBe('improved');
    expect(changeFromBaseline(q.scores[1]!, 3, 4).verdict).toBe('unchanged');
    expect(q.anchors.concernDryness).toEqual({ min: 'Not at all', max: 'Very much' });
  });
  it('without concerns on file asks about the concerns overall', () => {
    const q = questionnaireFor(FACIAL_SELF_ASSESSMENT);
    expect(q.form.sections[0]!.questions.map((x) => x.id)).toEqual([concernQuestionId('overall'), 'satisfaction']);
  });
});

describe('when a measure is asked', () => {
  const schedule = { baseline: true, everyNSessions: 4, endOfCourse: true };
  it('baseline before session 1, every 4 sessions after (5, 9), and before the last of a course', () => {
    const at = (n: number, lastOfCourse = false) => questionnaireTiming(schedule, { sessionNumber: n, lastOfCourse });
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => at(n))).toEqual(['baseline', null, null, null, 'interval', null, 'interval']);
    expect(at(6, true)).toBe('end');
    expect(at(1, true)).toBe('baseline');
  });
  it('asks nothing that is switched off', () => {
    const off = { baseline: false, everyNSessions: null, endOfCourse: false };
    expect([1, 5].map((n) => questionnaireTiming(off, { sessionNumber: n, lastOfCourse: true }))).toEqual([null, null]);
  });
});
