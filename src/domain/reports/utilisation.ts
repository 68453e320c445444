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

import { mergeIntervals } from '../scheduling/working-hours.ts';
import { workingInstants, type GlancePractitioner } from './at-a-glance.ts';
import { percentOf, type ReportRange } from './report-period.ts';

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

/** Utilisation per practitioner, per room and overall for the range. */
export function utilisation(input: UtilisationInput): Utilisation {
  const { startDate, endDate } = input.range;
  const all: [number, number][] = [];
  const practitioners = input.practitioners.map((p) => {
    const hours = workingInstants(p, input.closures, startDate, endDate, input.timeZone);
    all.push(...hours);
    const availableMinutes = Math.round(hours.reduce((sum, [s, e]) => sum + (e - s), 0) / MINUTE);
    const bookedMinutes = Math.round(input.bookedByPractitioner[p.id] ?? 0);
    return { id: p.id, name: p.name, availableMinutes, bookedMinutes, percent: percentOf(bookedMinutes, availableMinutes) };
  });
  const staffed = Math.round(mergeIntervals(all).reduce((sum, [s, e]) => sum + (e - s), 0) / MINUTE);
  const rooms = input.rooms.map((r) => {
    const bookedMinutes = Math.round(input.bookedByRoom[r.id] ?? 0);
    return { id: r.id, name: r.name, availableMinutes: staffed, bookedMinutes, percent: percentOf(bookedMinutes, staffed) };
  });
  const availableMinutes = practitioners.reduce((s, p) => s + p.availableMinutes, 0);
  const bookedMinutes = practitioners.reduce((s, p) => s + p.bookedMinutes, 0);
  return { total: { availableMinutes, bookedMinutes, percent: percentOf(bookedMinutes, availableMinutes) }, practitioners, rooms };
}
