/**
 * Change from baseline and when a measure is asked. Pure.
 *
 * A change is "meaningful" when it is at least the score's minimal important change (MIC)
 * in the direction of improvement (reference: outcomes.md; NPRS and PSFS about 2 points).
 * The same change the other way is a meaningful worsening; anything smaller is "no
 * meaningful change", however it looks on a chart.
 */
import { z } from 'zod';
import { round1 } from './scoring.ts';
import type { ScoreDefinition } from './measures.ts';

export type ChangeVerdict = 'improved' | 'unchanged' | 'worse';

export interface Change {
  /** Latest minus baseline, in score points (one decimal place). */
  readonly change: number;
  /** The change in the direction of improvement: positive is better, whichever way the score runs. */
  readonly improvement: number;
  /** At least the MIC in the direction of improvement. */
  readonly meaningful: boolean;
  readonly verdict: ChangeVerdict;
}

export function changeFromBaseline(score: Pick<ScoreDefinition, 'higherIsBetter' | 'mic'>, baseline: number, latest: number): Change {
  const change = round1(latest - baseline);
  const improvement = round1(score.higherIsBetter ? change : -change);
  // Compare in tenths, so 2.0 − 0.0 meets a MIC of 2 despite binary fractions.
  const tenths = Math.round(improvement * 10);
  const mic = Math.round(score.mic * 10);
  const verdict: ChangeVerdict = tenths >= mic ? 'improved' : -tenths >= mic ? 'worse' : 'unchanged';
  return { change, improvement, meaningful: verdict === 'improved', verdict };
}

/** When a clinic asks a measure, per service. */
export const measureScheduleSchema = z.strictObject({
  /** Before the client's first session of the service. */
  baseline: z.boolean(),
  /** Before every N-th session after the first (N = 4: sessions 5, 9, 13 …); null for never. */
  everyNSessions: z.int().min(1).max(52).nullable(),
  /** Before the last session of a course booked together. */
  endOfCourse: z.boolean(),
});
export type MeasureSchedule = z.output<typeof measureScheduleSchema>;

export type QuestionnaireTiming = 'baseline' | 'interval' | 'end';

/** Where a session falls in the client's sessions of the service. */
export interface SessionPosition {
  /** 1 for the client's first session of the service, 2 for the next … */
  readonly sessionNumber: number;
  /** The last session of a course booked together. */
  readonly lastOfCourse: boolean;
}

/** Whether a measure is asked before this session, and as what; null when it is not. */
export function questionnaireTiming(schedule: MeasureSchedule, at: SessionPosition): QuestionnaireTiming | null {
  const n = at.sessionNumber;
  if (n < 1 || !Number.isInteger(n)) return null;
  if (n === 1) return schedule.baseline ? 'baseline' : null;
  if (schedule.endOfCourse && at.lastOfCourse) return 'end';
  if (schedule.everyNSessions !== null && (n - 1) % schedule.everyNSessions === 0) return 'interval';
  return null;
}
