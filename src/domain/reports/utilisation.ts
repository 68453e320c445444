/**
 * Diary utilisation: booked minutes over available minutes, per practitioner and per room.
 *
 * - available (practitioner): their working hours in the range (weekly hours, extra hours,
 *   less time off and clinic closures), resolved to instants in the clinic's time zone, so
 *   a range with a clock change counts the hours that really exist;
 * - available (room): the time at least one practitioner works (a room is usable while
 *   the clinic is staffed), the same for every active room;
 * - booked: the appointments' own minutes inside the range (buffers not included) that
 *   were booked and not cancelled: confirmed, arrived, completed, and no-shows (their
 *   time was given to the client and could not be offered to anyone else).
 *
 * Booked time outside working hours still counts, so a practitioner working late can be
 * above 100%: the figure says so rather than hide it.
 */

import { buildWorkingHours, mergeIntervals, timeToMinutes } from '../scheduling/working-hours.ts';
import { instantOf, midnight, type GlancePractitioner } from './at-a-glance.ts';
import { offsetAt, percentOf, type ReportRange } from './report-period.ts';

export interface UtilisationPractitioner extends GlancePractitioner {
  readonly name: string;
}

export interface UtilisationInput {
  readonly timeZone: string;
  readonly range: ReportRange;
  readonly practitioners: readonly UtilisationPractitioner[];
  readonly rooms: readonly { readonly id: string; readonly name: string }[];
  /** Dates the whole clinic is closed. */
  readonly closures: readonly string[];
  /** Booked minutes in the range by practitioner id (absent: none). */
  readonly bookedByPractitioner: Readonly<Record<string, number>>;
  /** Booked minutes in the range by room id. */
  readonly bookedByRoom: Readonly<Record<string, number>>;
}

export interface UtilisationRow {
  readonly id: string;
  readonly name: string;
  readonly availableMinutes: number;
  readonly bookedMinutes: number;
  /** Booked over available, one decimal; null when nothing was available. */
  readonly percent: number | null;
}

export interface Utilisation {
  /** All practitioners together. */
  readonly total: Omit<UtilisationRow, 'id' | 'name'>;
  readonly practitioners: UtilisationRow[];
  readonly rooms: UtilisationRow[];
}

const MINUTE = 60_000;

/**
 * A practitioner's intervals on one date as instants (the date's override, else its
 * weekday's hours), appended to `out`, as workingInstants resolves them.
 */
function dayInstants(date: string, intervals: readonly { start: string; end: string }[], zone: string, out: [number, number][]) {
  for (const iv of intervals) {
    const s = instantOf(date, iv.start, zone);
    const e = instantOf(date, iv.end, zone);
    if (e > s) out.push([s, e]);
  }
}

/** Total length of merged `[start, end)` pairs. */
const lengthOf = (pairs: readonly (readonly [number, number])[]) => mergeIntervals(pairs).reduce((sum, [s, e]) => sum + (e - s), 0);

const QUARTER_DAY = 6 * 3_600_000;

/**
 * The working time (milliseconds) of each practitioner over the range, and the time at
 * least one of them works, exactly as the lengths of workingInstants and of the union of
 * them all, without resolving every day of the range to instants.
 *
 * A plain day (24 hours long, one UTC offset throughout) maps local times to instants by
 * one shift, so its working time is the length of its weekday's hours: worked out once per
 * weekday and multiplied by the number of such days. The rest (days with a clock change,
 * and dates on which anyone has time off, extra hours or a closure) are resolved to
 * instants one by one as before. A day's intervals lie between its own local midnights,
 * so days add up without overlapping.
 */
export function workingTotals(practitioners: readonly GlancePractitioner[], closures: readonly string[], startDate: string, endDate: string, zone: string): { byPractitioner: number[]; staffed: number } {
  const built = practitioners.map((p) => {
    const wh = buildWorkingHours({ weekly: p.weekly, exceptions: p.exceptions, closures, range: { startDate, endDate } });
    const overrides = new Map<string, (typeof wh.overrides)[number]['intervals']>();
    for (const o of wh.overrides) if (!overrides.has(o.date)) overrides.set(o.date, o.intervals);
    const byWeekday = [0, 1, 2, 3, 4, 5, 6].map((weekday) => wh.weeklyHours.filter((w) => w.days.includes(weekday)));
    // Local minutes of each weekday's hours: on a plain day, instants are these shifted.
    const local = byWeekday.map((list) => list.map((iv): [number, number] => [timeToMinutes(iv.start) * MINUTE, timeToMinutes(iv.end) * MINUTE]));
    return { overrides, byWeekday, local, weekdayMs: local.map(lengthOf) };
  });
  const staffedByWeekday = [0, 1, 2, 3, 4, 5, 6].map((weekday) => lengthOf(built.flatMap((b) => b.local[weekday]!)));

  const plainDays = [0, 0, 0, 0, 0, 0, 0];
  const exact = built.map((): [number, number][] => []);
  const last = Date.parse(`${endDate}T00:00:00Z`);
  let dayStart = midnight(startDate, zone);
  for (let day = Date.parse(`${startDate}T00:00:00Z`); day <= last; day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    const weekday = new Date(day).getUTCDay();
    const dayEnd = instantOf(date, '24:00', zone);
    const offset = offsetAt(dayStart, zone);
    const plain = dayEnd - dayStart === 86_400_000
      && offsetAt(dayStart + QUARTER_DAY, zone) === offset && offsetAt(dayStart + 2 * QUARTER_DAY, zone) === offset
      && offsetAt(dayStart + 3 * QUARTER_DAY, zone) === offset && offsetAt(dayEnd - 1, zone) === offset;
    dayStart = dayEnd;
    if (plain && built.every((b) => !b.overrides.has(date))) {
      plainDays[weekday]! += 1;
      continue;
    }
    built.forEach((b, i) => dayInstants(date, b.overrides.get(date) ?? b.byWeekday[weekday]!, zone, exact[i]!));
  }
  const byPractitioner = built.map((b, i) => b.weekdayMs.reduce((sum, ms, weekday) => sum + ms * plainDays[weekday]!, 0) + lengthOf(exact[i]!));
  const staffed = staffedByWeekday.reduce((sum, ms, weekday) => sum + ms * plainDays[weekday]!, 0) + lengthOf(exact.flat());
  return { byPractitioner, staffed };
}

/** Utilisation per practitioner, per room and overall for the range. */
export function utilisation(input: UtilisationInput): Utilisation {
  const { startDate, endDate } = input.range;
  const working = workingTotals(input.practitioners, input.closures, startDate, endDate, input.timeZone);
  const practitioners = input.practitioners.map((p, i) => {
    const availableMinutes = Math.round(working.byPractitioner[i]! / MINUTE);
    const bookedMinutes = Math.round(input.bookedByPractitioner[p.id] ?? 0);
    return { id: p.id, name: p.name, availableMinutes, bookedMinutes, percent: percentOf(bookedMinutes, availableMinutes) };
  });
  const staffed = Math.round(working.staffed / MINUTE);
  const rooms = input.rooms.map((r) => {
    const bookedMinutes = Math.round(input.bookedByRoom[r.id] ?? 0);
    return { id: r.id, name: r.name, availableMinutes: staffed, bookedMinutes, percent: percentOf(bookedMinutes, staffed) };
  });
  const availableMinutes = practitioners.reduce((s, p) => s + p.availableMinutes, 0);
  const bookedMinutes = practitioners.reduce((s, p) => s + p.bookedMinutes, 0);
  return { total: { availableMinutes, bookedMinutes, percent: percentOf(bookedMinutes, availableMinutes) }, practitioners, rooms };
}
