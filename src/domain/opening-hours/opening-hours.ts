/**
 * A clinic's opening hours, derived from its practitioners' weekly working hours: the
 * clinic is open whenever at least one practitioner is working. Pure: no I/O.
 */

/** One working interval: minutes since local midnight on a weekday (0 = Sunday … 6 = Saturday). */
export interface WeeklyInterval {
  readonly weekday: number;
  readonly startMinute: number;
  readonly endMinute: number;
}

export interface OpeningDay {
  weekday: number;
  /** Merged, sorted, non-overlapping intervals; empty when closed. */
  intervals: { startMinute: number; endMinute: number }[];
}

/** UK calendars start the week on Monday. */
export const WEEK_FROM_MONDAY = [1, 2, 3, 4, 5, 6, 0] as const;
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Merges every practitioner's intervals into the clinic's opening hours, Monday first.
 * Overlapping and touching intervals join (9:00–13:00 and 13:00–17:00 is 9:00–17:00);
 * a gap between them stays a gap (a lunch break when nobody works). Invalid intervals
 * (end not after start, outside the day, unknown weekday) are ignored.
 */
export function openingHours(intervals: readonly WeeklyInterval[]): OpeningDay[] {
  return WEEK_FROM_MONDAY.map((weekday) => {
    const day = intervals
      .filter((i) => i.weekday === weekday && i.startMinute >= 0 && i.endMinute <= 1440 && i.startMinute < i.endMinute)
      .map((i) => ({ startMinute: i.startMinute, endMinute: i.endMinute }))
      .sort((a, b) => a.startMinute - b.startMinute);
    const merged: OpeningDay['intervals'] = [];
    for (const i of day) {
      const last = merged.at(-1);
      if (last && i.startMinute <= last.endMinute) last.endMinute = Math.max(last.endMinute, i.endMinute);
      else merged.push({ ...i });
    }
    return { weekday, intervals: merged };
  });
}

/** 540 → "09:00"; 1440 → "24:00" (schema.org and 24-hour UK style alike). */
export function minuteToTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** 570 → "9:30am", 780 → "1pm", 720 → "12pm" (UI.md: 9:30am style in the clinic's local time). */
export function minuteToClock(minute: number): string {
  const h24 = Math.floor(minute / 60) % 24;
  const m = minute % 60;
  const suffix = h24 < 12 ? 'am' : 'pm';
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  return m === 0 ? `${h12}${suffix}` : `${h12}:${String(m).padStart(2, '0')}${suffix}`;
}

/**
 * schema.org OpeningHoursSpecification objects (https://schema.org/OpeningHoursSpecification),
 * one per interval, for a clinic's JSON-LD.
 */
export function openingHoursSpecification(days: readonly OpeningDay[]) {
  return days.flatMap((d) => d.intervals.map((i) => ({
    '@type': 'OpeningHoursSpecification',
    dayOfWeek: `https://schema.org/${WEEKDAY_NAMES[d.weekday]}`,
    opens: minuteToTime(i.startMinute),
    closes: minuteToTime(i.endMinute === 1440 ? 1439 : i.endMinute),
  })));
}
