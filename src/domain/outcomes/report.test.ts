import { describe, expect, it } from 'vitest';
import { KOOS_PAIN, NPRS } from './measures.ts';
import { meanWithInterval, MIN_GROUP, outcomeReport, studentTCdf, tQuantile, type CourseMeasure } from './report.ts';

/**
 * The clinic outcome report's arithmetic, checked against hand-worked figures. Critical
 * values of t are those printed in every statistics table (e.g. t(0.975, 4) = 2.776).
 */
describe("Student's t", () => {
  it.each([[1, 12.7062], [4, 2.7764], [5, 2.5706], [9, 2.2622], [29, 2.0452], [100, 1.9840]])('t(0.975, %i) = %f as in the tables', (df, t) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(t, 4);
  });

  it('is symmetric and its distribution function inverts the quantile', () => {
    expect(tQuantile(0.025, 4)).toBeCloseTo(-2.7764, 4);
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(studentTCdf(tQuantile(0.9, 3), 3)).toBeCloseTo(0.9, 10);
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe('mean with a 95% confidence interval', () => {
  it('matches a hand computation: changes −3, −2, −4, −1, −5', () => {
    // mean −3; s² = (0 + 1 + 1 + 4 + 4) / 4 = 2.5, s = 1.58114; s/√5 = 0.70711;
    // half-width = 2.77645 × 0.70711 = 1.96324 → −4.96324 to −1.03676.
    const r = meanWithInterval([-3, -2, -4, -1, -5])!;
    expect(r.mean).toBe(-3);
    expect(r.sd).toBeCloseTo(1.58114, 5);
    expect(r.low).toBeCloseTo(-4.96324, 4);
    expect(r.high).toBeCloseTo(-1.03676, 4);
  });

  it('needs two values', () => {
    expect(meanWithInterval([4])).toBeNull();
    expect(meanWithInterval([])).toBeNull();
  });
});

const course = (clientId: string, baseline: number | null, latest: number | null, more: Partial<CourseMeasure> = {}): CourseMeasure => ({
  clientId, serviceId: 'knee', practitionerId: 'pat', measureKey: 'nprs', completed: false, asked: 2, answered: latest === null ? 1 : 2,
  baseline: baseline === null ? null : { pain: baseline }, latest: latest === null ? null : { pain: latest }, ...more,
});
const measures = { nprs: NPRS, 'koos-pain': KOOS_PAIN };

describe('the outcome report', () => {
  it('matches a hand computation for a group of six knee clients', () => {
    // Pain 8→5, 7→5, 9→5, 6→5, 8→3 (changes −3, −2, −4, −1, −5: see above), and one client who
    // never answered the follow-up (asked 2, answered 1). Improved by at least the MIC of 2
    // points (lower is better): 4 of 5. Answered 2×5 + 1 = 11 of 12 asked. Two completed.
    const rows = [
      course('a', 8, 5, { completed: true }), course('b', 7, 5), course('c', 9, 5, { completed: true }), course('d', 6, 5), course('e', 8, 3), course('f', 7, null),
    ];
    const [all, pat] = outcomeReport(rows, measures);
    expect(all).toMatchObject({ serviceId: 'knee', practitionerId: null, shown: true, coursesStarted: 6, coursesCompleted: 2 });
    expect(pat).toMatchObject({ practitionerId: 'pat', coursesStarted: 6 });
    const nprs = all!.measures[0]!;
    expect(nprs).toMatchObject({ measureKey: 'nprs', asked: 12, answered: 11, responseRate: 0.917 });
    expect(nprs.scores[0]).toEqual({
      scoreId: 'pain', label: 'Pain (0–10)', higherIsBetter: false, mic: 2, clients: 5, shown: true,
      meanChange: -3, ciLow: -4.96, ciHigh: -1.04, improved: 4, improvedShare: 0.8,
    });
  });

  it('matches a hand computation where higher is better (KOOS Pain, MIC 10)', () => {
    // Changes 20, 5, 12.5, 0, 30, −10: mean 9.5833; s = 14.3542; s/√6 = 5.8601;
    // t(0.975, 5) = 2.5706 → 9.58 ± 15.06 = −5.48 to 24.65. At least +10: 20, 12.5, 30 → 3 of 6.
    const pairs: [number, number][] = [[40, 60], [50, 55], [37.5, 50], [45, 45], [30, 60], [60, 50]];
    const rows = pairs.map(([b, l], i) => ({ ...course(`k${i}`, null, null), measureKey: 'koos-pain', answered: 2, baseline: { pain: b }, latest: { pain: l } }));
    const score = outcomeReport(rows, measures)[0]!.measures[0]!.scores[0]!;
    expect(score).toMatchObject({ clients: 6, meanChange: 9.58, ciLow: -5.48, ciHigh: 24.65, improved: 3, improvedShare: 0.5 });
  });

  it(`shows no figures for a group of fewer than ${MIN_GROUP} clients`, () => {
    const rows = ['a', 'b', 'c', 'd'].map((id) => course(id, 8, 4));
    const [all] = outcomeReport(rows, measures);
    expect(all).toMatchObject({ shown: false, coursesStarted: null, coursesCompleted: null });
    expect(all!.measures[0]).toMatchObject({ asked: null, answered: null, responseRate: null });
    expect(all!.measures[0]!.scores[0]).toMatchObject({ shown: false, clients: null, meanChange: null, improved: null });
  });

  it('shows the counts but no change when fewer than five clients have a follow-up', () => {
    const rows = [course('a', 8, 4), course('b', 8, 4), course('c', 8, 4), course('d', 8, 4), course('e', 8, null), course('f', 8, null)];
    const [all] = outcomeReport(rows, measures);
    expect(all).toMatchObject({ shown: true, coursesStarted: 6 });
    expect(all!.measures[0]!.scores[0]).toMatchObject({ shown: false, clients: null, meanChange: null, ciLow: null });
  });

  it('gives each practitioner their own row and leaves small ones without figures', () => {
    const rows = [
      ...['a', 'b', 'c', 'd', 'e'].map((id) => course(id, 6, 3)),
      ...['x', 'y'].map((id) => course(id, 6, 6, { practitionerId: 'sam' })),
    ];
    const groups = outcomeReport(rows, measures);
    expect(groups.map((g) => [g.practitionerId, g.shown, g.coursesStarted])).toEqual([[null, true, 7], ['pat', true, 5], ['sam', false, null]]);
    expect(groups[0]!.measures[0]!.scores[0]).toMatchObject({ clients: 7, improved: 5 });
  });

  it('leaves out measures it does not know', () => {
    const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => course(id, 6, 3, { measureKey: 'gone' }));
    expect(outcomeReport(rows, measures)[0]!.measures).toEqual([]);
  });
});
