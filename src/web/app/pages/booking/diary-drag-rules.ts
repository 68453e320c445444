import type { z } from 'zod';
import type { diaryEntry, diaryResponse } from '../../../../features/diary/diary.schema.ts';
import { formatTime } from '../../../lib/clinic-time.ts';

/**
 * The arithmetic and the checks of dragging an appointment in the diary, kept apart from
 * React so they are unit-tested. The server has the last word (hours, clashes, rooms,
 * races); these only let the diary say at once what it can already see.
 */

type Entry = z.infer<typeof diaryEntry>;
type Column = z.infer<typeof diaryResponse>['columns'][number];

/** The vertical scale of a diary grid: local minutes `from`–`to` drawn at `ppm` pixels a minute. */
export interface GridScale {
  readonly from: number;
  readonly to: number;
  readonly ppm: number;
}

/** Pixels a minute for a slot step: short steps get a taller grid so a free time stays a usable target. */
export const pixelsPerMinute = (stepMin: number) => (stepMin <= 10 ? 2.4 : 1.6);

/** The smallest tappable height of a free time in the grid (WCAG 2.2 target size). */
const MIN_TARGET_PX = 24;

/**
 * How many minutes one free time in the grid stands for: the slot step, or the smallest
 * multiple of it that is tall enough to tap (e.g. 10 minutes for a 5-minute step).
 */
export function freeCellMinutes(stepMin: number, ppm: number): number {
  return stepMin * Math.max(1, Math.ceil(MIN_TARGET_PX / (stepMin * ppm) - 1e-9));
}

/**
 * Where an entry dragged so that its top is `topPx` below the top of the grid starts, in
 * local minutes: on the slot step, and kept inside the grid.
 */
export function snapToStep(topPx: number, grid: GridScale, stepMin: number, durationMin: number): number {
  const snapped = Math.round((grid.from + topPx / grid.ppm) / stepMin) * stepMin;
  const earliest = Math.ceil(grid.from / stepMin) * stepMin;
  const latest = Math.max(earliest, Math.floor((grid.to - durationMin) / stepMin) * stepMin);
  return Math.min(latest, Math.max(earliest, snapped));
}

/** `570` → `09:30`. */
export const minutesToTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Statuses that hold their time (as the database's exclusion constraints count them). */
const HOLDS_TIME = new Set(['held', 'confirmed', 'arrived', 'completed']);

/** Appointments that can be dragged: booked or arrived ones, as the server moves. */
export const canDrag = (e: Entry) => e.kind === 'appointment' && (e.status === 'confirmed' || e.status === 'arrived');

/**
 * Why dropping `entry` at `start` in `column` cannot work, as a sentence for the person
 * dragging, or null when the diary sees nothing against it. `givers` are the practitioners
 * who give the entry's service, when known.
 */
export function dropProblem(entry: Entry, start: number, column: Column, timeZone: string, now: number, givers?: readonly string[]): string | null {
  const duration = Date.parse(entry.end) - Date.parse(entry.start);
  const end = start + duration;
  if (start <= now) return 'That time has passed.';
  if (givers && !givers.includes(column.practitionerId)) return `${column.name} does not give ${entry.service?.name ?? 'this treatment'}.`;
  if (!column.workingHours.some((w) => Date.parse(w.start) <= start && end <= Date.parse(w.end))) {
    return `${column.name} is not working at ${formatTime(start, timeZone)} for ${Math.round(duration / 60_000)} minutes.`;
  }
  const blockedStart = start - (Date.parse(entry.start) - Date.parse(entry.blockedStart));
  const blockedEnd = end + (Date.parse(entry.blockedEnd) - Date.parse(entry.end));
  const clash = column.entries.find((o) => o.id !== entry.id && HOLDS_TIME.has(o.status)
    && Date.parse(o.blockedStart) < blockedEnd && Date.parse(o.blockedEnd) > blockedStart);
  if (clash) {
    const what = clash.kind === 'block' ? 'blocked time' : `${clash.client?.name ?? 'an appointment'} at ${formatTime(clash.start, timeZone)}`;
    return `${column.name} has ${what} then.`;
  }
  return null;
}
