import { z } from 'zod';
import { emailField, personName, phoneField, uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

/** An instant with an explicit offset (`2027-03-29T09:00:00Z`), so no one books in the wrong zone by accident. */
export const instantField = z.iso.datetime({ offset: true, message: 'Use an ISO-8601 time with a zone, e.g. 2027-03-29T09:00:00Z' });

/** Contact details of someone booking without signing in. */
export const bookingClient = z.strictObject({ name: personName, email: emailField, phone: phoneField.optional() });

export const createBookingBody = z.strictObject({
  serviceId: uuidParam,
  /** Omit (or null) for "any qualified practitioner". */
  practitionerId: uuidParam.nullish(),
  start: instantField,
  /** Required unless signed in; ignored when signed in (the session's details are used). */
  client: bookingClient.optional(),
  /** A gift voucher paying (part of) what the service asks online; 422 when nothing is paid online. */
  voucherCode: z.string().trim().min(1).max(40).optional(),
});
export type CreateBookingBody = z.infer<typeof createBookingBody>;

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8, 'Use at least 8 characters').max(200).optional(),
});

export const bookingStatus = z.enum(['held', 'confirmed', 'arrived', 'completed', 'cancelled', 'no_show', 'expired']);

export const bookingCreated = z.object({
  id: z.string(),
  status: bookingStatus,
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  serviceId: z.string(),
  practitionerId: z.string(),
  /** Until then a held booking keeps its slot; confirm the e-mail address (or pay) to keep it for good. */
  holdExpiresAt: z.iso.datetime().nullable(),
  /**
   * Only when the service asks for payment online (the clinic has Stripe keys): what is paid
   * now, the voucher's part, and Stripe's page for the card's part (null when the voucher
   * covered it all and the booking is confirmed). The booking is confirmed when the payment arrives.
   */
  payment: z.object({
    kind: z.enum(['deposit', 'full']), dueMinor: z.number().int(), voucherMinor: z.number().int(), cardMinor: z.number().int(), currency: z.string(), checkoutUrl: z.string().nullable(),
  }).optional(),
});

/** What a client sees of one of their bookings (from the e-mail link or the portal). */
export const clientBookingView = z.object({
  id: z.string(),
  status: bookingStatus,
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  timeZone: z.string(),
  clinic: z.object({ slug: z.string(), name: z.string() }),
  service: z.object({ id: z.string(), name: z.string() }),
  practitioner: z.object({ id: z.string(), name: z.string() }),
  lateCancellation: z.boolean(),
  holdExpiresAt: z.iso.datetime().nullable(),
  /** Cancelling after this instant is allowed but recorded as late. */
  cancellationDeadline: z.iso.datetime(),
  canCancel: z.boolean(),
  canReschedule: z.boolean(),
  /** One session of a course booked together (confirming one held session confirmed them all). */
  inCourse: z.boolean(),
  /** What was paid online when booking (so the client is told before cancelling what happens to it); null if nothing. */
  paidOnline: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  /** Only in the answer to a cancellation of a booking paid online: what was paid, and what of it was refunded or kept. */
  payment: z.object({ paidMinor: z.number().int(), refundedMinor: z.number().int(), keptMinor: z.number().int(), currency: z.string() }).optional(),
});
export type ClientBookingView = z.infer<typeof clientBookingView>;
export const clientBookingList = z.object({ items: z.array(clientBookingView) });

export const tokenParams = clinicSlugParams.extend({ token: z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, 'Not a valid link') });
export const bookingParams = clinicSlugParams.extend({ bookingId: uuidParam });

export const rescheduleBody = z.strictObject({
  start: instantField,
  /** Another practitioner who gives the service; the same one when omitted. */
  practitionerId: uuidParam.optional(),
});
export const cancelBody = z.strictObject({
  /** Staff only: override the policy's late flag (e.g. an emergency). */
  lateCancellation: z.boolean().optional(),
});
