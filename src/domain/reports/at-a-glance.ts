/**
 * The owner's "at a glance" figures for a clinic day and the clinic week around it
 * (Monday to Sunday in the clinic's time zone). Pure: the rows are read elsewhere.
 *
 * - appointments booked: appointments starting in the period that were booked and not
 *   cancelled (confirmed, arrived, completed or no-show; a hold still being paid for is not
 *   yet a booking);
 * - free time: each practitioner's working hours in the period minus the time taken by
 *   their appointments (with buffers) and blocks, as minutes and as a share of working time;
 * - no-shows: appointments starting in the period marked no-show;
 * - new clients: client records created in the period;
 * - consultations booked: booked appointments of consultation services.
 *
 * Working hours are local wall-clock times resolved to instants in the clinic's zone, so a
 * week with a daylight-saving change counts the hours that really exist.
 */

import { DateTime } from 'luxon';
import { buildWorkingHours, mergeIntervals, type HoursException, type WeeklyInterval } from '../scheduling/working-hours.ts';

export type GlanceBookingStatus = 'held' | 'confirmed' | 'arrived' | 'completed' | 'cancelled' | 'no_show' | 'expired';

export interface GlanceBooking {
  readonly kind: 'appointment' | 'block';
  readonly status: GlanceBookingStatus;
  /** Null for a block of a room alone (it takes no practitioner's time). */
  readonly practitionerId: string | null;
  /** The service's kind (`consultation`, `facial`, …); null for blocks. */
  readonly serviceKind: string | null;
  readonly startsAt: number;
  /** The occupied span, buffers included. */
  readonly blockedStart: number;
  readonly blockedEnd: number;
}

export interface GlancePractitioner {
  readonly id: string;
  readonly weekly: readonly WeeklyInterval[];
  readonly exceptions: readonly HoursException[];
}

export interface AtAGlanceInput {
  readonly timeZone: string;
  /** The clinic day (`YYYY-MM-DD`) shown as "today". */
  readonly date: string;
  readonly practitioners: readonly GlancePractitioner[];
  /** Dates the whole clinic is closed. */
  readonly closures: readonly string[];
  /** Appointments and blocks overlapping the week (any status; filtered here). */
  readonly bookings: readonly GlanceBooking[];
  /** When each client record was created (only those in the week matter). */
  readonly clientsCreatedAt: readonly number[];
}

export interface PeriodFigures {
  readonly startDate: string;
  readonly endDate: string;
  readonly appointments: number;
  readonly workingMinutes: number;
  readonly freeMinutes: number;
  /** Free time as a whole percentage of working time; null when nobody works. */
  readonly freePercent: number | null;
  readonly noShows: number;
  readonly newClients: number;
  readonly consultations: number;
}

export interface AtAGlance {
  readonly today: PeriodFigures;
  readonly week: PeriodFigures;
}

const BOOKED = new Set<GlanceBookingStatus>(['confirmed', 'arrived', 'completed', 'no_show']);
/** What takes a practitioner's time, as the availability engine sees it. */
const OCCUPYING = new Set<GlanceBookingStatus>(['held', 'confirmed', 'arrived', 'completed']);

const MINUTE = 60_000;

/** Monday of the ISO week holding `date`. */
export function weekStartOf(date: string): string {
  // Called for every aggregate row of a report; plain UTC arithmetic rather than luxon.
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  // Plain UTC calendar arithmetic: called once per day per practitioner over ranges of up to
  // two years, where a luxon DateTime each time was the report's largest cost.
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** The instant a local day begins in `zone` (not always 00:00 on a daylight-saving day). */
export const midnight = (date: string, zone: string) => DateTime.fromISO(date, { zone }).startOf('day').toMillis();

/** The instant of a local wall-clock time (`HH:mm`, `24:00` allowed) on `date` in `zone`. */
export function instantOf(date: string, time: string, zone: string): number {
  const key = `${zone} ${date}T${time}`;
  let at = instants.get(key);
  if (at === undefined) {
    at = time === '24:00' ? midnight(addDays(date, 1), zone) : DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
    // Practitioners mostly share their hours, so the same local times recur across them;
    // a bounded memo keeps luxon's zone arithmetic to once per distinct time.
    if (instants.size >= 200_000) instants.clear();
    instants.set(key, at);
  }
  return at;
}
const instants = new Map<string, number>();

/** Each practitioner's working intervals as instants, for every date from `startDate` to `endDate`. */
export function workingInstants(p: GlancePractitioner, closures: readonly string[], startDate: string, endDate: string, zone: string): [number, number][] {
  const wh = buildWorkingHours({ weekly: p.weekly, exceptions: p.exceptions, closures, range: { startDate, endDate } });
  const out: [number, number][] = [];
  // The first override of a date holds (as a search from the front would find).
  const overrides = new Map<string, (typeof wh.overrides)[number]['intervals']>();
  for (const o of wh.overrides) if (!overrides.has(o.date)) overrides.set(o.date, o.intervals);
  const byWeekday = [0, 1, 2, 3, 4, 5, 6].map((weekday) => wh.weeklyHours.filter((w) => w.days.includes(weekday)));
  // Day by day as UTC midnights: no date parsing per day over ranges of up to two years.
  const last = Date.parse(`${endDate}T00:00:00Z`);
  for (let day = Date.parse(`${startDate}T00:00:00Z`); day <= last; day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    const intervals = overrides.get(date) ?? byWeekday[new Date(day).getUTCDay()]!;
    for (const iv of intervals) {
      const s = instantOf(date, iv.start, zone);
      const e = instantOf(date, iv.end, zone);
      if (e > s) out.push([s, e]);
    }
  }
  return mergeIntervals(out);
}

/** Total length of `a` ∩ `b`, both merged lists of `[start, end)` pairs. */
export function overlapLength(a: readonly [number, number][], b: readonly [number, number][]): number {
  let total = 0;
  for (const [as, ae] of a) {
    for (const [bs, be] of b) {
      const s = Math.max(as, bs);
      const e = Math.min(ae, be);
      if (e > s) total += e - s;
    }
  }
  return total;
}

function figures(input: AtAGlanceInput, startDate: string, endDate: string): PeriodFigures {
  const zone = input.timeZone;
  const from = midnight(startDate, zone);
  const to = midnight(addDays(endDate, 1), zone);
  const starting = input.bookings.filter((b) => b.kind === 'appointment' && b.startsAt >= from && b.startsAt < to);
  const booked = starting.filter((b) => BOOKED.has(b.status));

  let working = 0;
  let taken = 0;
  for (const p of input.practitioners) {
    const hours = workingInstants(p, input.closures, startDate, endDate, zone);
    working += hours.reduce((sum, [s, e]) => sum + (e - s), 0);
    const busy = mergeIntervals(input.bookings
      .filter((b) => b.practitionerId === p.id && (b.kind === 'block' ? b.status !== 'cancelled' && b.status !== 'expired' : OCCUPYING.has(b.status)))
      .map((b): [number, number] => [Math.max(b.blockedStart, from), Math.min(b.blockedEnd, to)]));
    taken += overlapLength(hours, busy);
  }
  const workingMinutes = Math.round(working / MINUTE);
  const freeMinutes = Math.round((working - taken) / MINUTE);
  return {
    startDate, endDate,
    appointments: booked.length,
    workingMinutes,
    freeMinutes,
    freePercent: workingMinutes === 0 ? null : Math.round((freeMinutes / workingMinutes) * 100),
    noShows: starting.filter((b) => b.status === 'no_show').length,
    newClients: input.clientsCreatedAt.filter((t) => t >= from && t < to).length,
    consultations: booked.filter((b) => b.serviceKind === 'consultation').length,
  };
}

/** The figures for `input.date` and for its Monday-to-Sunday week. */
export function atAGlance(input: AtAGlanceInput): AtAGlance {
  const monday = weekStartOf(input.date);
  return { today: figures(input, input.date, input.date), week: figures(input, monday, addDays(monday, 6)) };
}

/** The instants bounding the week of `date` in `timeZone`, for reading the rows. */
export function weekRange(date: string, timeZone: string): { startDate: string; endDate: string; from: number; to: number } {
  const startDate = weekStartOf(date);
  const endDate = addDays(startDate, 6);
  return { startDate, endDate, from: midnight(startDate, timeZone), to: midnight(addDays(endDate, 1), timeZone) };
}
