import { SCREENING_LEVELS } from '../../domain/screening/index.ts';
import { SERVICE_KINDS } from '../../data/schema/index.ts';
import { z } from 'zod';
import { uuidParam, plainText } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { bookingClient, bookingStatus, instantField } from '../booking/booking.schema.ts';
import { availabilityQuery, dateField } from '../scheduling/scheduling.schema.ts';

export const diaryQuery = z.object({
  /** First local date shown; today in the clinic when omitted. */
  date: dateField.optional(),
  /** 1 for a day view, 7 for a week. */
  days: z.coerce.number().int().min(1).max(14).default(1),
  practitionerId: uuidParam.optional(),
});

/**
 * One row of the diary. Contact and scheduling facts only: the diary is seen by
 * reception, who see no clinical notes, so none are ever part of it.
 */
export const diaryEntry = z.object({
  id: z.string(),
  kind: z.enum(['appointment', 'block']),
  status: bookingStatus,
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  /** Including buffers: the time the entry occupies. */
  blockedStart: z.iso.datetime(),
  blockedEnd: z.iso.datetime(),
  service: z.object({ id: z.string(), name: z.string() }).nullable(),
  client: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable() }).nullable(),
  room: z.object({ id: z.string(), name: z.string() }).nullable(),
  note: z.string().nullable(),
  lateCancellation: z.boolean(),
  source: z.enum(['online', 'staff']),
  /** Send back as `If-Match: "<version>"` when moving. */
  version: z.number().int(),
  /**
   * Open health-screening levels for this appointment (`refer`, `wait`, `review`, `note`):
   * levels only, no detail, so reception may see them. A review drops out once acknowledged.
   */
  flags: z.array(z.enum(SCREENING_LEVELS)),
  /** For a session of a course: its place in it ("4 of 10"). Null otherwise. */
  course: z.object({ position: z.number().int(), total: z.number().int() }).nullable(),
  /**
   * "Before the visit", for an appointment that is not cancelled and has a client: statuses
   * and counts only (no answers, no wording), so reception may see them. Null otherwise.
   */
  readiness: z.object({
    /** The service's treatment kind and the appointment's local date (what the findings are screened for). */
    serviceKind: z.enum(SERVICE_KINDS),
    date: z.string(),
    /** The health questions: submitted, started (a draft or a paper form received), or not yet. */
    questions: z.enum(['complete', 'started', 'missing']),
    /** The consent form of the treatment's kind; a consultation needs none. */
    consent: z.enum(['signed', 'sign_again', 'missing', 'not_needed']),
    /** Findings of the client's latest answers for this treatment and date, by level. */
    findings: z.object({ refer: z.number().int(), wait: z.number().int(), review: z.number().int(), note: z.number().int() }),
    /** Review findings a practitioner has not yet acknowledged. */
    reviewOutstanding: z.number().int(),
  }).nullable(),
  /**
   * The status an undo would go back to (`POST …/bookings/{id}/status/undo`): arrived and
   * no-show to `confirmed`, completed to `arrived`; null when there is nothing to undo, or
   * the appointment's clinic day is over.
   */
  undoTo: z.enum(['confirmed', 'arrived']).nullable(),
});

export const diaryResponse = z.object({
  timeZone: z.string(),
  /** The server's current instant: free times before it are not offered, and the day's actions follow it. */
  now: z.iso.datetime(),
  startDate: z.string(),
  endDate: z.string(),
  /** The clinic's slot step (booking settings): appointments start on this grid of minutes. */
  slotStepMin: z.number().int(),
  columns: z.array(z.object({
    practitionerId: z.string(),
    name: z.string(),
    /** Working intervals in the shown dates, as instants. */
    workingHours: z.array(z.object({ start: z.iso.datetime(), end: z.iso.datetime() })),
    entries: z.array(diaryEntry),
  })),
  /** Blocks of a room alone (room out of use), shown to everyone: they explain why a time cannot be booked. */
  roomBlocks: z.array(diaryEntry),
});

/** Free times for staff (booking by phone, moving): staff rules, and the moved booking's own time counts as free. */
export const staffFreeTimesQuery = availabilityQuery.extend({
  /** The booking being moved: its own time is not in the way. */
  bookingId: uuidParam.optional(),
});

export const staffBookingBody = z.strictObject({
  serviceId: uuidParam,
  practitionerId: uuidParam,
  start: instantField,
  /** An existing client, or `client` for someone new (booked by phone). */
  clientId: uuidParam.optional(),
  client: bookingClient.optional(),
}).refine((v) => (v.clientId === undefined) !== (v.client === undefined), { message: 'Give either clientId or client', path: ['clientId'] });

export const statusBody = z.strictObject({ status: z.enum(['arrived', 'no_show', 'completed']) });

export const blockBody = z.strictObject({
  practitionerId: uuidParam.optional(),
  roomId: uuidParam.optional(),
  start: instantField,
  end: instantField,
  note: plainText(120).optional(),
}).refine((v) => v.practitionerId !== undefined || v.roomId !== undefined, { message: 'Block a practitioner, a room or both', path: ['practitionerId'] })
  .refine((v) => Date.parse(v.end) > Date.parse(v.start), { message: 'The end must be after the start', path: ['end'] })
  .refine((v) => Date.parse(v.end) - Date.parse(v.start) <= 31 * 86_400_000, { message: 'At most 31 days; use time off for holidays', path: ['end'] });
export const blockParams = clinicSlugParams.extend({ blockId: uuidParam });

export const calendarFeedResponse = z.object({ url: z.string() });
export const feedParams = clinicSlugParams.extend({ token: z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/) });
