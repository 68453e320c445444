import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { memberPathParams } from '../clinics/qualifications.schema.ts';

/** A practitioner's outside calendar as the screens see it: never its address, only a hint of it. */
export const busyCalendar = z.object({
  id: z.string(),
  practitionerId: z.string(),
  label: z.string(),
  /** The host and the last characters of the address, e.g. `calendar.google.com/…ab12.ics`. */
  urlHint: z.string(),
  status: z.enum(['pending', 'ok', 'failing']),
  /** Why the last fetch failed, in plain words; null while it works. */
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  /** How many busy intervals from it block time now. */
  busyCount: z.number().int(),
  createdAt: z.string(),
});
export type BusyCalendarView = z.infer<typeof busyCalendar>;

export const busyCalendarList = z.object({ items: z.array(busyCalendar) });

/** Adding a calendar: a name for it and its private iCalendar address. */
export const newBusyCalendarBody = z.object({
  label: z.string().trim().min(1, 'Give the calendar a name, such as "Other clinic"').max(60, 'Keep the name to 60 characters'),
  url: z.string().trim().min(1, 'Paste the private address of the calendar').max(2000, 'That address is too long'),
});

export const busyCalendarParams = memberPathParams.extend({ calendarId: uuidParam });
