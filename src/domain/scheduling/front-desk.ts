/**
 * The front desk's rules for an appointment's day: when a client may be marked arrived,
 * and which status marked by mistake can be undone, until when. Both belong to the
 * appointment's clinic day (its local date in the clinic's time zone, 23 or 25 hours long
 * when the clocks change), so they are worked out with the zone, never by adding 24 hours.
 *
 * Pure: instants in epoch milliseconds in, decisions out.
 */
import { DateTime } from 'luxon';

/** A client may be marked arrived from this many minutes before the start (never before the day begins). */
export const ARRIVAL_OPENS_BEFORE_MIN = 30;

/** The clinic day an instant falls on: its first instant and the first instant of the next day. */
export function clinicDayOf(instant: number, timeZone: string): { start: number; end: number } {
  const day = DateTime.fromMillis(instant, { zone: timeZone }).startOf('day');
  return { start: day.toMillis(), end: day.plus({ days: 1 }).startOf('day').toMillis() };
}

/**
 * When marking arrived is possible for an appointment starting at `start`: from 30 minutes
 * before the start (or the start of its day, if that is later) to the end of its day.
 */
export function arrivalWindow(start: number, timeZone: string): { opens: number; closes: number } {
  const day = clinicDayOf(start, timeZone);
  return { opens: Math.max(start - ARRIVAL_OPENS_BEFORE_MIN * 60_000, day.start), closes: day.end };
}

/** Why the client cannot be marked arrived at `now`, or undefined when they can. */
export function arrivalRefusal(start: number, now: number, timeZone: string): string | undefined {
  const { opens, closes } = arrivalWindow(start, timeZone);
  if (now < opens) {
    const at = DateTime.fromMillis(opens, { zone: timeZone }).toFormat('HH:mm');
    return `A client can be marked arrived only on the day of the appointment, from ${ARRIVAL_OPENS_BEFORE_MIN} minutes before the start (from ${at}).`;
  }
  if (now >= closes) return 'The day of this appointment is over. Mark it completed or a no-show instead.';
  return undefined;
}

/** The front-desk statuses that can be undone, and the status each goes back to. */
export const UNDO_TO = {
  arrived: 'confirmed',
  no_show: 'confirmed',
  // A completed visit means the client came: undoing it leaves them arrived.
  completed: 'arrived',
} as const;

export type UndoableStatus = keyof typeof UNDO_TO;

/**
 * The status a booking marked `status` goes back to if undone at `now`, or null when it
 * cannot be undone: only arrived, no-show and completed, and only within the
 * appointment's clinic day.
 */
export function undoTarget(status: string, start: number, now: number, timeZone: string): 'confirmed' | 'arrived' | null {
  if (!(status in UNDO_TO)) return null;
  const day = clinicDayOf(start, timeZone);
  if (now < day.start || now >= day.end) return null;
  return UNDO_TO[status as UndoableStatus];
}

/** Why a booking marked `status` cannot be undone at `now`, or undefined when it can. */
export function undoRefusal(status: string, start: number, now: number, timeZone: string): string | undefined {
  if (!(status in UNDO_TO)) return `Only arrived, no-show and completed can be undone; this booking is ${status.replace('_', '-')}.`;
  if (undoTarget(status, start, now, timeZone) === null) return 'A status can be undone only on the day of the appointment.';
  return undefined;
}
