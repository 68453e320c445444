/**
 * Parsing of the local calendar values in schedules. Dates become day numbers (days
 * since 1970-01-01) so the engine can loop over a range with integer arithmetic instead
 * of formatting and re-parsing date strings.
 */

import type { Instant } from './availability.types';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Thrown for malformed schedule values; the API maps it to a 400, never a 500. */
export class AvailabilityInputError extends RangeError {
  override name = 'AvailabilityInputError';
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

/**
 * Day number (days since 1970-01-01) of a `YYYY-MM-DD` date. Parsed by hand because it
 * runs once per override per call and `Date.parse` accepts loose formats we want to reject.
 */
export function parseLocalDate(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new AvailabilityInputError(`Invalid date "${date}", expected YYYY-MM-DD`);
  }
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= monthDays)) {
    throw new AvailabilityInputError(`Invalid date "${date}"`);
  }
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** `YYYY-MM-DD` of a day number; used for messages and tests, never in the hot loop. */
export function formatLocalDate(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Weekday of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Minutes after midnight of an `HH:MM` wall-clock time; `24:00` is allowed so a day can end at midnight. */
export function parseLocalTime(time: string): number {
  if (time.length !== 5 || time.charCodeAt(2) !== 58) {
    throw new AvailabilityInputError(`Invalid time "${time}", expected HH:MM`);
  }
  const h = digit(time, 0) * 10 + digit(time, 1);
  const m = digit(time, 3) * 10 + digit(time, 4);
  if (!(h >= 0 && m >= 0 && m <= 59 && (h < 24 || (h === 24 && m === 0)))) {
    throw new AvailabilityInputError(`Invalid time "${time}"`);
  }
  return h * 60 + m;
}

const HAS_OFFSET = /(?:Z|[+-]\d\d:?\d\d)$/i;

/** Epoch milliseconds of an instant; strings must carry an offset so they are unambiguous. */
export function toEpochMs(instant: Instant): number {
  let ms: number;
  if (typeof instant === 'number') ms = instant;
  else if (typeof instant === 'string') {
    // Without an offset Date.parse would use the server's own zone, which is never what a caller means.
    ms = HAS_OFFSET.test(instant) ? Date.parse(instant) : NaN;
  }
  else ms = instant.getTime();
  if (!Number.isFinite(ms)) {
    throw new AvailabilityInputError(`Invalid instant ${String(instant)}`);
  }
  return ms;
}
