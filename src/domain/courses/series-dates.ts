/**
 * Booking a course of treatment: N sessions every k days at a preferred weekday and
 * time, with one practitioner. Two pure steps: where each session would ideally fall,
 * then, given the slots the availability engine offers, which start each session gets
 * and the nearest alternatives when its ideal start is taken.
 */

import { DateTime } from 'luxon';

export interface SeriesPattern {
  /** Number of sessions, e.g. 10. */
  readonly count: number;
  /** Days between sessions: 7 for weekly, 14 for fortnightly. */
  readonly intervalDays: number;
  /** The first session is on this local date, or the first `weekday` on or after it. */
  readonly firstDate: string;
  /** 0 = Sunday … 6 = Saturday; moves the first session forward to this weekday. */
  readonly weekday?: number;
  /** Preferred local start, `HH:MM`. */
  readonly time: string;
  /** IANA zone of the clinic: the preferred time is wall-clock time there, across DST changes. */
  readonly timeZone: string;
}

/**
 * The ideal start of each session, as epoch milliseconds. Each session keeps the same
 * wall-clock time (10:00 stays 10:00 after the clocks change); a time that does not exist
 * on that date (inside a spring-forward gap) moves forward by the gap.
 *
 * @example
 * seriesTargets({ count: 3, intervalDays: 7, firstDate: '2027-03-22', weekday: 2, time: '10:00', timeZone: 'Europe/London' })
 * // Tuesdays 23 Mar 10:00 GMT, 30 Mar 10:00 BST, 6 Apr 10:00 BST
 */
export function seriesTargets(pattern: SeriesPattern): number[] {
  let first = DateTime.fromISO(pattern.firstDate, { zone: pattern.timeZone });
  if (!first.isValid) throw new RangeError(`Invalid first date "${pattern.firstDate}"`);
  if (pattern.weekday !== undefined) {
    const luxonWeekday = pattern.weekday === 0 ? 7 : pattern.weekday; // luxon: 1 = Monday … 7 = Sunday
    first = first.plus({ days: (luxonWeekday - first.weekday + 7) % 7 });
  }
  const [hour, minute] = pattern.time.split(':').map(Number) as [number, number];
  const out: number[] = [];
  for (let i = 0; i < pattern.count; i++) {
    const day = first.plus({ days: i * pattern.intervalDays });
    out.push(day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis());
  }
  return out;
}

export interface SeriesProposal {
  readonly index: number;
  /** The ideal start. */
  readonly target: number;
  /** `available`: the ideal start is free; `moved`: it clashes and `start` is the nearest free one; `unavailable`: nothing near. */
  readonly status: 'available' | 'moved' | 'unavailable';
  /** The start proposed for this session, or null when nothing is free nearby. */
  readonly start: number | null;
  /** Other free starts nearest the target, nearest first (the first one is `start` when moved). */
  readonly alternatives: readonly number[];
}

export interface ProposeOptions {
  /** Slot starts the engine offers for the practitioner, sorted ascending. */
  readonly offered: readonly number[];
  /** Session length including buffers, so two proposed sessions never overlap. */
  readonly occupiesMs: number;
  /** How far from its target an alternative may be, e.g. 3 days for a weekly course. */
  readonly maxShiftMs: number;
  /** How many alternatives to offer per clashing session. */
  readonly alternatives: number;
}

/**
 * Chooses a start for every session: the target itself when offered, otherwise the
 * nearest offered start within `maxShiftMs` (ties go to the earlier start). Starts already
 * given to another session, or overlapping one, are not offered twice. Sessions whose
 * target is free are placed first, so a clash never pushes another session off its ideal time.
 */
export function proposeSeries(targets: readonly number[], options: ProposeOptions): SeriesProposal[] {
  const offered = new Set(options.offered);
  const chosen: number[] = [];
  const clashes = (s: number) => chosen.some((c) => Math.abs(c - s) < options.occupiesMs);
  const result: (SeriesProposal | undefined)[] = targets.map(() => undefined);

  targets.forEach((target, index) => {
    if (offered.has(target) && !clashes(target)) {
      chosen.push(target);
      result[index] = { index, target, status: 'available', start: target, alternatives: [] };
    }
  });
  targets.forEach((target, index) => {
    if (result[index]) return;
    const near = nearest(options.offered, target, options.maxShiftMs).filter((s) => !clashes(s)).slice(0, options.alternatives);
    const start = near[0] ?? null;
    if (start !== null) chosen.push(start);
    result[index] = { index, target, status: start === null ? 'unavailable' : 'moved', start, alternatives: near };
  });
  return result as SeriesProposal[];
}

/** Offered starts within `maxShift` of `target`, nearest first, earlier first on a tie. */
function nearest(sorted: readonly number[], target: number, maxShift: number): number[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  // Walk outwards from the insertion point, like merging two sorted lists by distance.
  const out: number[] = [];
  let left = lo - 1;
  let right = lo;
  while (out.length < 200) {
    const l = left >= 0 ? (sorted[left] as number) : undefined;
    const r = right < sorted.length ? (sorted[right] as number) : undefined;
    const dl = l === undefined ? Infinity : target - l;
    const dr = r === undefined ? Infinity : r - target;
    if (Math.min(dl, dr) > maxShift) break;
    if (dl <= dr) {
      out.push(l as number);
      left--;
    } else {
      out.push(r as number);
      right++;
    }
  }
  return out;
}
