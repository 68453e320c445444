/**
 * The date range of a practice report: local dates in the clinic's time zone, both ends
 * included, turned into the instants that bound it and into the periods its charts show
 * (weeks, or months for long ranges). Pure: no clock, no I/O.
 */

import { DateTime } from 'luxon';
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

/** The local date an instant falls on in `zone`. */
export function localDate(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toISODate()!;
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
