import { DateTime } from 'luxon';
import { cachedOffsetAt } from '../../domain/availability/time-zone.ts';

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

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** From 1973 on every zone's offset is whole minutes (older ones, such as Liberia's until 1972, have seconds, which Luxon keeps). */
const FIRST_WHOLE_MINUTE_OFFSETS = Date.UTC(1973, 0, 1);
const LAST_FOUR_DIGIT_YEAR = Date.UTC(10000, 0, 1) - 15 * 3_600_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * "Monday 30 March 2027 at 09:00" in the clinic's zone, for e-mails. Written out from the
 * engine's cached zone offsets, as Luxon's `cccc d LLLL yyyy 'at' HH:mm` in en-GB writes it
 * (it ran on every held booking); Luxon itself for the dates where the two could differ.
 */
export const formatWhen = (ms: number, timeZone: string): string => {
  if (ms >= FIRST_WHOLE_MINUTE_OFFSETS && ms < LAST_FOUR_DIGIT_YEAR) {
    let offset: number | undefined;
    try {
      offset = cachedOffsetAt(timeZone, ms);
    } catch {
      // An unknown zone: Luxon's answer below, as before.
    }
    if (offset !== undefined) {
      const local = new Date(ms + offset);
      return `${WEEKDAYS[local.getUTCDay()]} ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} at ${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
    }
  }
  return DateTime.fromMillis(ms, { zone: timeZone }).setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm");
};

/** "09:00" in the clinic's zone. */
export const formatTime = (ms: number, timeZone: string): string => DateTime.fromMillis(ms, { zone: timeZone }).toFormat('HH:mm');

/** Today's local date in `timeZone`. */
export const todayIn = (timeZone: string, now = Date.now()): string => localDateOf(now, timeZone);
