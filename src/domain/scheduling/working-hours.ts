/**
 * Turns a practitioner's stored hours (weekly intervals, time off, extra hours) and the
 * clinic's closures into the `weeklyHours` and `overrides` the availability engine reads.
 * Pure: the database rows are mapped to plain data first.
 */

import type { DateOverride, LocalDate, LocalTimeInterval, WeeklyHours } from '../availability/index.ts';

/** One stored working interval: minutes since local midnight on a weekday (0 = Sunday). */
export interface WeeklyInterval {
  readonly weekday: number;
  readonly startMinute: number;
  readonly endMinute: number;
}

/**
 * A one-off change. `time_off` with null minutes takes whole days off from `startDate`
 * to `endDate`; with minutes, that part of each of those days. `extra_hours` adds hours.
 */
export interface HoursException {
  readonly kind: 'time_off' | 'extra_hours';
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  readonly startMinute: number | null;
  readonly endMinute: number | null;
}

export interface WorkingHoursInput {
  readonly weekly: readonly WeeklyInterval[];
  readonly exceptions?: readonly HoursException[];
  /** Dates the clinic is closed; they close every practitioner, whatever extra hours say. */
  readonly closures?: readonly LocalDate[];
  /** Only dates in this inclusive range get overrides: the engine reads no others. */
  readonly range: { readonly startDate: LocalDate; readonly endDate: LocalDate };
}

const DAY_MS = 86_400_000;
const dayNumber = (date: LocalDate) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** `540` → `09:00`; `1440` → `24:00` (allowed as an interval end). */
export function minutesToTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `09:30` → `570`. Accepts `24:00`; the caller validates the format. */
export function timeToMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Sorted, merged `[start, end)` minute pairs. Touching intervals merge (09–12 + 12–17 = 09–17). */
export function mergeIntervals(intervals: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = intervals.filter(([s, e]) => e > s).map(([s, e]) => [s, e] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push(iv);
  }
  return out;
}

/** `intervals` minus `cut`, both as minute pairs. */
export function subtractIntervals(intervals: readonly (readonly [number, number])[], cut: readonly (readonly [number, number])[]): [number, number][] {
  let rest = mergeIntervals(intervals);
  for (const [cs, ce] of mergeIntervals(cut)) {
    rest = rest.flatMap(([s, e]): [number, number][] => {
      if (ce <= s || cs >= e) return [[s, e]];
      const parts: [number, number][] = [];
      if (cs > s) parts.push([s, cs]);
      if (ce < e) parts.push([ce, e]);
      return parts;
    });
  }
  return rest;
}

const toLocal = (pairs: readonly (readonly [number, number])[]): LocalTimeInterval[] =>
  pairs.map(([s, e]) => ({ start: minutesToTime(s), end: minutesToTime(e) }));

/**
 * The engine's view of one practitioner's hours. Weekly intervals become `weeklyHours`;
 * every date in range that has time off, extra hours or a closure becomes an override
 * holding that date's complete hours (the engine replaces the weekly hours of an
 * overridden date rather than adding to them, so the weekly hours are folded in here).
 *
 * @example
 * buildWorkingHours({
 *   weekly: [{ weekday: 1, startMinute: 540, endMinute: 780 }, { weekday: 1, startMinute: 840, endMinute: 1020 }],
 *   closures: ['2027-05-03'],
 *   range: { startDate: '2027-05-01', endDate: '2027-05-31' },
 * }); // Mondays 09:00–13:00 and 14:00–17:00, closed on the bank holiday
 */
export function buildWorkingHours(input: WorkingHoursInput): { weeklyHours: WeeklyHours[]; overrides: DateOverride[] } {
  const byWeekday: [number, number][][] = Array.from({ length: 7 }, () => []);
  for (const w of input.weekly) byWeekday[w.weekday]?.push([w.startMinute, w.endMinute]);
  const merged = byWeekday.map((list) => mergeIntervals(list));

  // One WeeklyHours entry per distinct interval, listing every weekday that has it.
  const weeklyHours = new Map<string, { days: number[]; start: string; end: string }>();
  merged.forEach((list, weekday) => {
    for (const [s, e] of list) {
      const key = `${s}-${e}`;
      const entry = weeklyHours.get(key) ?? { days: [], start: minutesToTime(s), end: minutesToTime(e) };
      entry.days.push(weekday);
      weeklyHours.set(key, entry);
    }
  });

  const first = dayNumber(input.range.startDate);
  const last = dayNumber(input.range.endDate);
  const off = new Map<number, [number, number][]>();
  const extra = new Map<number, [number, number][]>();
  for (const x of input.exceptions ?? []) {
    const from = Math.max(first, dayNumber(x.startDate));
    const to = Math.min(last, dayNumber(x.endDate));
    const pair: [number, number] = x.startMinute === null || x.endMinute === null ? [0, 1440] : [x.startMinute, x.endMinute];
    const target = x.kind === 'time_off' ? off : extra;
    for (let d = from; d <= to; d++) target.set(d, [...(target.get(d) ?? []), pair]);
  }
  const closed = new Set((input.closures ?? []).map(dayNumber).filter((d) => d >= first && d <= last));

  const touched = [...new Set([...off.keys(), ...extra.keys(), ...closed])].sort((a, b) => a - b);
  const overrides: DateOverride[] = touched.map((d) => {
    if (closed.has(d)) return { date: dateOf(d), intervals: [] };
    const weekday = new Date(d * DAY_MS).getUTCDay();
    const base = mergeIntervals([...(merged[weekday] ?? []), ...(extra.get(d) ?? [])]);
    return { date: dateOf(d), intervals: toLocal(subtractIntervals(base, off.get(d) ?? [])) };
  });
  return { weeklyHours: [...weeklyHours.values()], overrides };
}
