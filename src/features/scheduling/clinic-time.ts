import { DateTime } from 'luxon';

/**
 * Conversions between instants and a clinic's local calendar, for the edges of the
 * scheduling features (query ranges, e-mails, the diary). The engine does its own, faster
 * arithmetic inside; these run a handful of times per request.
 */

/** The local date (`YYYY-MM-DD`) of an instant in `timeZone`. */
export const localDateOf = (ms: number, timeZone: string): string => DateTime.fromMillis(ms, { zone: timeZone }).toISODate()!;

/** The instant of local midnight starting `date` in `timeZone` (the first instant of that date). */
export const startOfLocalDate = (date: string, timeZone: string): number =>
  DateTime.fromISO(date, { zone: timeZone }).startOf('day').toMillis();

/** `date` plus `days` calendar days. */
export const addDays = (date: string, days: number): string => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

/** Calendar days from `a` to `b` (positive when `b` is later). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** "Monday 30 March 2027 at 09:00" in the clinic's zone, for e-mails. */
export const formatWhen = (ms: number, timeZone: string): string =>
  DateTime.fromMillis(ms, { zone: timeZone }).setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm");

/** "09:00" in the clinic's zone. */
export const formatTime = (ms: number, timeZone: string): string => DateTime.fromMillis(ms, { zone: timeZone }).toFormat('HH:mm');

/** Today's local date in `timeZone`. */
export const todayIn = (timeZone: string, now = Date.now()): string => localDateOf(now, timeZone);
