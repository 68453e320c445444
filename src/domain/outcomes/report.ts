/**
 * The clinic outcome report, as a clinical audit would present it. Pure: no clock, no I/O.
 *
 * The unit is a client's course of a service: their questionnaires for that service, the
 * first answered one being the baseline and the last answered one (when there is a later
 * one) the latest. A course belongs to the practitioner of its first questionnaire's session
 * and to the period in which that session falls. For each group (service × practitioner,
 * and service × all practitioners) and each score of each measure:
 *
 * - courses started (clients asked any questionnaire) and completed (an end-of-course
 *   questionnaire answered, or the client's treatment plan for the service completed);
 * - the mean change from baseline (latest − baseline, in score points) with its 95%
 *   confidence interval from Student's t distribution: mean ± t(0.975, n − 1) × s / √n;
 * - the share of clients with a meaningful improvement: at least the score's minimal
 *   important change (MIC) in the direction of improvement (reference: outcomes.md);
 * - the response rate: questionnaires answered / questionnaires asked.
 *
 * A group of fewer than `MIN_GROUP` clients shows no figures at all, and a score with fewer
 * than `MIN_GROUP` clients with a follow-up shows no change figures, so no client can be
 * picked out of the report (the usual small-number suppression of health statistics).
 */
import { changeFromBaseline } from './progress.ts';
import type { ScoreDefinition } from './measures.ts';

/** The smallest group the report shows figures for. */
export const MIN_GROUP = 5;

// ------------------------------------------------------------------- Student's t

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - (a + b) * x / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? front * betaFraction(a, b, x) / a : 1 - front * betaFraction(b, a, 1 - x) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The quantile of Student's t: the t with P(T ≤ t) = p, for 0 < p < 1 and df ≥ 1 (found by
 * bisection on the distribution function, to about 1e-12). `tQuantile(0.975, 4)` = 2.776…
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df >= 1)) throw new RangeError('tQuantile needs 0 < p < 1 and df ≥ 1');
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface MeanInterval {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly sd: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The mean of `values` with its two-sided confidence interval (95% by default) from
 * Student's t: mean ± t((1 + level) / 2, n − 1) × s / √n. Null with fewer than two values.
 */
export function meanWithInterval(values: readonly number[], level = 0.95): MeanInterval | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = tQuantile((1 + level) / 2, n - 1) * sd / Math.sqrt(n);
  return { n, mean, sd, low: mean - half, high: mean + half };
}

// ------------------------------------------------------------------- the report

/** One client's course of one service, for one measure (what the single aggregate query returns). */
export interface CourseMeasure {
  /** Only to count distinct clients; never leaves the report. */
  readonly clientId: string;
  readonly serviceId: string;
  readonly practitionerId: string | null;
  readonly measureKey: string;
  /** An end-of-course questionnaire answered, or the treatment plan for the service completed. */
  readonly completed: boolean;
  readonly asked: number;
  readonly answered: number;
  /** Scores of the first answered questionnaire (null when none was answered). */
  readonly baseline: Readonly<Record<string, number | null>> | null;
  /** Scores of the last answered questionnaire, when at least two were answered. */
  readonly latest: Readonly<Record<string, number | null>> | null;
}

/** What the report needs to know of a measure. */
export interface ReportMeasure {
  readonly key: string;
  readonly name: string;
  readonly scores: readonly Pick<ScoreDefinition, 'id' | 'label' | 'higherIsBetter' | 'mic'>[];
}

export interface ScoreFigures {
  readonly scoreId: string;
  readonly label: string;
  readonly higherIsBetter: boolean;
  readonly mic: number;
  /** Clients with a baseline and a later score; null when the group is not shown. */
  readonly clients: number | null;
  /** False when fewer than MIN_GROUP clients have a follow-up: no change figures then. */
  readonly shown: boolean;
  readonly meanChange: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly improved: number | null;
  /** improved / clients, 0–1. */
  readonly improvedShare: number | null;
}

export interface MeasureFigures {
  readonly measureKey: string;
  readonly name: string;
  readonly asked: number | null;
  readonly answered: number | null;
  /** answered / asked, 0–1. */
  readonly responseRate: number | null;
  readonly scores: ScoreFigures[];
}

export interface GroupFigures {
  readonly serviceId: string;
  /** Null for the service's row across all practitioners. */
  readonly practitionerId: string | null;
  /** False when fewer than MIN_GROUP clients started a course: no figures then. */
  readonly shown: boolean;
  readonly coursesStarted: number | null;
  readonly coursesCompleted: number | null;
  readonly measures: MeasureFigures[];
}

/** Rounds to `places` decimals, half away from zero. */
const round = (n: number, places: number) => {
  const f = 10 ** places;
  return Math.sign(n) * Math.round(Math.abs(n) * f + 1e-9) / f;
};

function scoreFigures(rows: readonly CourseMeasure[], score: ReportMeasure['scores'][number], groupShown: boolean): ScoreFigures {
  const base = { scoreId: score.id, label: score.label, higherIsBetter: score.higherIsBetter, mic: score.mic };
  const changes: { change: number; meaningful: boolean }[] = [];
  for (const r of rows) {
    const b = r.baseline?.[score.id];
    const l = r.latest?.[score.id];
    if (typeof b === 'number' && typeof l === 'number') {
      const c = changeFromBaseline(score, b, l);
      changes.push({ change: c.change, meaningful: c.meaningful });
    }
  }
  const hidden = { clients: null, shown: false, meanChange: null, ciLow: null, ciHigh: null, improved: null, improvedShare: null };
  if (!groupShown) return { ...base, ...hidden };
  if (changes.length < MIN_GROUP) return { ...base, ...hidden };
  const ci = meanWithInterval(changes.map((c) => c.change))!;
  const improved = changes.filter((c) => c.meaningful).length;
  return {
    ...base, clients: changes.length, shown: true,
    meanChange: round(ci.mean, 2), ciLow: round(ci.low, 2), ciHigh: round(ci.high, 2),
    improved, improvedShare: round(improved / changes.length, 3),
  };
}

function groupFigures(serviceId: string, practitionerId: string | null, rows: readonly CourseMeasure[], measures: Readonly<Record<string, ReportMeasure>>): GroupFigures {
  const courses = new Map<string, boolean>();
  for (const r of rows) courses.set(r.clientId, (courses.get(r.clientId) ?? false) || r.completed);
  const shown = courses.size >= MIN_GROUP;
  const keys = [...new Set(rows.map((r) => r.measureKey))].filter((k) => measures[k]).sort((a, b) => measures[a]!.name.localeCompare(measures[b]!.name));
  return {
    serviceId, practitionerId, shown,
    coursesStarted: shown ? courses.size : null,
    coursesCompleted: shown ? [...courses.values()].filter(Boolean).length : null,
    measures: keys.map((key) => {
      const m = measures[key]!;
      const mine = rows.filter((r) => r.measureKey === key);
      const asked = mine.reduce((a, r) => a + r.asked, 0);
      const answered = mine.reduce((a, r) => a + r.answered, 0);
      return {
        measureKey: key, name: m.name,
        asked: shown ? asked : null, answered: shown ? answered : null,
        responseRate: shown && asked > 0 ? round(answered / asked, 3) : null,
        scores: m.scores.map((s) => scoreFigures(mine, s, shown)),
      };
    }),
  };
}

/**
 * The report's groups: for each service, its row across all practitioners first, then one
 * row per practitioner. Courses of measures the clinic no longer knows are left out.
 */
export function outcomeReport(rows: readonly CourseMeasure[], measures: Readonly<Record<string, ReportMeasure>>): GroupFigures[] {
  const byService = new Map<string, CourseMeasure[]>();
  const push = <K,>(map: Map<K, CourseMeasure[]>, key: K, r: CourseMeasure) => {
    const list = map.get(key);
    if (list) list.push(r); else map.set(key, [r]);
  };
  for (const r of rows) push(byService, r.serviceId, r);
  const out: GroupFigures[] = [];
  for (const [serviceId, serviceRows] of byService) {
    out.push(groupFigures(serviceId, null, serviceRows, measures));
    const byPractitioner = new Map<string, CourseMeasure[]>();
    for (const r of serviceRows) {
      if (r.practitionerId) push(byPractitioner, r.practitionerId, r);
    }
    for (const [practitionerId, pr] of byPractitioner) out.push(groupFigures(serviceId, practitionerId, pr, measures));
  }
  return out;
}
