import { z } from 'zod';
import { dateField } from '../scheduling/scheduling.schema.ts';

export const atAGlanceQuery = z.object({
  /** The clinic day shown as "today"; the clinic's today when omitted. Its Monday-to-Sunday week is the week. */
  date: dateField.optional(),
});

const period = z.object({
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  /** Appointments starting in the period that were booked and not cancelled (no-shows included). */
  appointments: z.int().min(0),
  /** Practitioners' working time in the period, in minutes. */
  workingMinutes: z.int().min(0),
  /** Working time not taken by appointments (with buffers) or blocks, in minutes. */
  freeMinutes: z.int().min(0),
  /** Free time as a whole percentage of working time; null when nobody works. */
  freePercent: z.int().min(0).max(100).nullable(),
  noShows: z.int().min(0),
  /** Client records created in the period. */
  newClients: z.int().min(0),
  /** Booked appointments of consultation services. */
  consultations: z.int().min(0),
});

export const atAGlanceResponse = z.object({
  timeZone: z.string(),
  date: z.iso.date(),
  today: period,
  week: period,
});
