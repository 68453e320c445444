import { z } from 'zod';
import { BOOKING_STATUSES } from '../../data/schema/scheduling.ts';

export const clientHistoryQuery = z.object({
  /** How many past appointments to return (newest first). */
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The `nextCursor` of the previous page: past appointments older than it. */
  before: z.string().trim().max(100).regex(/^[0-9TZ:.+-]+_[0-9a-f-]{36}$/i, 'Use the nextCursor of the previous page').optional(),
});

/** One appointment in a client's history: when, what, with whom and how it went. No health data. */
export const historyAppointment = z.object({
  id: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  serviceName: z.string(),
  practitionerName: z.string(),
  status: z.enum(BOOKING_STATUSES),
  lateCancellation: z.boolean(),
  cancelledBy: z.enum(['client', 'staff', 'system']).nullable(),
  /** The session's place in its course ("3 of 6"); null when not part of a course or cancelled. */
  course: z.object({ seriesId: z.string(), position: z.number().int(), total: z.number().int() }).nullable(),
});

export const clientHistory = z.object({
  /** The clinic's IANA time zone, for showing the local dates and times. */
  timeZone: z.string(),
  counts: z.object({
    /** Visits that took place (completed, or arrived and over). */
    completed: z.number().int(),
    noShows: z.number().int(),
    lateCancellations: z.number().int(),
    /** Cancellations in good time (late ones are counted apart). */
    cancellations: z.number().int(),
    upcoming: z.number().int(),
  }),
  /** Appointments still to come, soonest first. */
  upcoming: z.array(historyAppointment),
  /** Past visits and cancellations, newest first, a page at a time. */
  past: z.array(historyAppointment),
  /** Pass as `before` to get the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  waitlist: z.array(z.object({
    id: z.string(),
    serviceName: z.string(),
    practitionerName: z.string().nullable(),
    /** The local date they would like a slot on. */
    date: z.iso.date(),
    since: z.iso.datetime(),
  })),
  /** Courses with sessions still to come. */
  courses: z.array(z.object({
    seriesId: z.string(),
    serviceName: z.string(),
    total: z.number().int(),
    done: z.number().int(),
    booked: z.number().int(),
    noShows: z.number().int(),
  })),
});
