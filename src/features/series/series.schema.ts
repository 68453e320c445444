import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { bookingClient, instantField } from '../booking/booking.schema.ts';
import { dateField, timeField } from '../scheduling/scheduling.schema.ts';

const seriesWho = {
  serviceId: uuidParam,
  /** A course is given by one practitioner. */
  practitionerId: uuidParam,
  /** Staff book for a client; a signed-in client books for themself. */
  clientId: uuidParam.optional(),
};

export const seriesProposalBody = z.strictObject({
  ...seriesWho,
  count: z.number().int().min(2).max(52),
  every: z.strictObject({ n: z.number().int().min(1).max(12), unit: z.enum(['days', 'weeks']) }),
  /** First session on this local date, or on the first `weekday` after it. */
  firstDate: dateField,
  /** 0 = Sunday … 6 = Saturday. */
  weekday: z.number().int().min(0).max(6).optional(),
  /** Preferred local start time. */
  time: timeField,
});

const slotOut = z.object({ start: z.iso.datetime(), end: z.iso.datetime() });
export const seriesProposal = z.object({
  timeZone: z.string(),
  sessions: z.array(z.object({
    index: z.number().int(),
    /** The ideal start: the preferred weekday and time. */
    target: z.iso.datetime(),
    status: z.enum(['available', 'moved', 'unavailable']),
    /** The proposed start, or null when nothing near is free. */
    start: z.iso.datetime().nullable(),
    /** Nearest free starts to choose from, nearest first. */
    alternatives: z.array(slotOut),
  })),
});

export const bookSeriesBody = z.strictObject({
  ...seriesWho,
  /** The accepted starts, one per session; all are booked or none. */
  starts: z.array(instantField).min(2).max(52),
  /**
   * Someone not signed in: their details. The sessions are then held until the address
   * is confirmed from the e-mail (one link confirms them all), as a single booking is.
   */
  client: bookingClient.optional(),
});
export const bookedSeries = z.object({
  seriesId: z.string(),
  bookings: z.array(z.object({ id: z.string(), start: z.iso.datetime(), end: z.iso.datetime(), status: z.string() })),
  /** For a visitor's course: the sessions are held until then; confirming the e-mail keeps them. */
  holdExpiresAt: z.iso.datetime().nullable(),
});
