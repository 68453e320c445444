/**
 * The date range of a practice report: local dates in the clinic's time zone, both ends
 * included, turned into the instants that bound it and into the periods its charts show
 * (weeks, or months for long ranges). Pure: no clock, no I/O.
 */

import { DateTime, IANAZone } from 'luxon';
import { addDays, midnight, weekStartOf } from './at-a-glance.ts';

export interface ReportRange {
  /** First local date (`YYYY-MM-DD`), included. */
  readonly startDate: string;
  /** Last local date, included. */
  readonly endDate: string;
}

export type Granularity = 'week' | 'month';

/** The longest range a report covers: two years and a day (a leap year included). */
export const MAX_RANGE_DAYS = 732;

/** Number of calendar days from `startDate` to `endDate`, both included. */
export function rangeDays(range: ReportRange): number {
  const a = DateTime.fromISO(range.startDate, { zone: 'UTC' });
  const b = DateTime.fromISO(range.endDate, { zone: 'UTC' });
  return Math.round(b.diff(a, 'days').days) + 1;
}

/**
 * The instants bounding the range in `zone`: from the start of its first local day to
 * the start of the day after its last, so a day with a clock change counts its 23 or 25 hours.
 */
export function rangeInstants(range: ReportRange, zone: string): { from: number; to: number } {
  return { from: midnight(range.startDate, zone), to: midnight(addDays(range.endDate, 1), zone) };
}

/** Weeks (Monday to Sunday) up to 26 weeks; calendar months for longer ranges. */
export function granularityOf(range: ReportRange): Granularity {
  return rangeDays(range) <= 26 * 7 ? 'week' : 'month';
}

const QUARTER_HOUR = 15 * 60_000;
const offsetMemo = new Map<string, Map<number, number>>();

/**
 * The UTC offset of `zone` (minutes) at `instant`, as luxon gives it, remembered per
 * quarter hour of UTC: every clock change of the time zone database falls on one. A report
 * asks for thousands of instants and luxon's zone lookup (Intl) was most of its time.
 */
export function offsetAt(instant: number, zone: string): number {
  let memo = offsetMemo.get(zone);
  if (!memo) offsetMemo.set(zone, (memo = new Map()));
  const key = Math.floor(instant / QUARTER_HOUR);
  let offset = memo.get(key);
  if (offset === undefined) {
    if (memo.size > 200_000) memo.clear();
    offset = IANAZone.create(zone).offset(key * QUARTER_HOUR);
    memo.set(key, offset);
  }
  return offset;
}

/** The local date an instant falls on in `zone`. */
export function localDate(instant: number, zone: string): string {
  return new Date(instant + offsetAt(instant, zone) * 60_000).toISOString().slice(0, 10);
}

/**
 * The same local time `weeks` calendar weeks after `instant` in `zone`, resolved across a
 * clock change exactly as luxon's `plus({ weeks })` does (its fixOffset: the old offset
 * first, then the new; in a gap, the later reading).
 */
export function plusLocalWeeks(instant: number, weeks: number, zone: string): number {
  const o = offsetAt(instant, zone);
  const local = instant + o * 60_000 + weeks * 7 * 86_400_000;
  let guess = local - o * 60_000;
  const o2 = offsetAt(guess, zone);
  if (o2 === o) return guess;
  guess -= (o2 - o) * 60_000;
  const o3 = offsetAt(guess, zone);
  if (o3 === o2) return guess;
  return local - Math.min(o2, o3) * 60_000;
}

/** The first day of the period holding `date`: its Monday, or the 1st of its month. */
export function periodStartOf(date: string, granularity: Granularity): string {
  return granularity === 'week' ? weekStartOf(date) : `${date.slice(0, 7)}-01`;
}

/**
 * The periods covering the range, in order, each by its first day (the first may begin
 * before the range: a week starting on the Monday before, a month on its 1st).
 */
export function periodsOf(range: ReportRange, granularity: Granularity): string[] {
  const out: string[] = [];
  let p = periodStartOf(range.startDate, granularity);
  while (p <= range.endDate) {
    out.push(p);
    p = granularity === 'week' ? addDays(p, 7) : DateTime.fromISO(p, { zone: 'UTC' }).plus({ months: 1 }).toISODate()!;
  }
  return out;
}

/** A share as a percentage with one decimal (12.5), or null when there is nothing to share. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
