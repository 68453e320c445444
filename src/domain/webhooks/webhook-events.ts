import type { WebhookEventType } from '../../data/schema/integrations.ts';

/**
 * The events a clinic's endpoints can receive and, for each, the only fields its payload
 * may carry: identifiers, times, the service's name and amounts. Never health questions,
 * screening results, notes or outcomes: a payload is built by picking these fields, so a
 * field not listed here cannot leave, whatever the caller passes.
 */
export const WEBHOOK_EVENTS: Record<WebhookEventType, { label: string; fields: readonly string[] }> = {
  'booking.created': { label: 'A booking was made (online once confirmed, or by staff)', fields: BOOKING_FIELDS() },
  'booking.moved': { label: 'A booking was moved to another time or practitioner', fields: BOOKING_FIELDS() },
  'booking.cancelled': { label: 'A booking was cancelled', fields: [...BOOKING_FIELDS(), 'cancelledAt', 'lateCancellation'] },
  'booking.completed': { label: 'A booking was marked completed', fields: BOOKING_FIELDS() },
  'client.created': { label: 'A client was added', fields: ['clientId', 'createdAt'] },
  'review.published': { label: 'A client’s review was published', fields: ['reviewId', 'bookingId', 'practitionerId', 'publishedAt'] },
  'invoice.paid': { label: 'An invoice was paid in full', fields: ['invoiceId', 'clientId', 'bookingId', 'totalMinor', 'currency', 'paidAt'] },
};

function BOOKING_FIELDS() {
  return ['bookingId', 'clientId', 'practitionerId', 'serviceId', 'serviceName', 'start', 'end', 'status'] as const;
}

/** The envelope every event is sent in (the shape Standard Webhooks recommends). */
export interface WebhookEnvelope {
  type: WebhookEventType;
  timestamp: string;
  clinic: string;
  data: Record<string, unknown>;
}

/** The payload's data: only the event's allow-listed fields, with dates as ISO-8601 UTC. */
export function eventData(type: WebhookEventType, input: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of WEBHOOK_EVENTS[type].fields) {
    const value = input[field];
    if (value === undefined) continue;
    data[field] = value instanceof Date ? value.toISOString() : value;
  }
  return data;
}

export function envelope(type: WebhookEventType, clinicSlug: string, createdAt: Date, data: Record<string, unknown>): WebhookEnvelope {
  return { type, timestamp: createdAt.toISOString(), clinic: clinicSlug, data: eventData(type, data) };
}

const EXAMPLE_BOOKING = {
  bookingId: '5b1f0a52-3c0e-4f7e-9a55-0d8f4f3b2a11', clientId: '9d0c4e8b-7a61-4b38-8f0e-2c5a7e1d9b40',
  practitionerId: 'e3a7c2d1-0b4f-4c6e-9d8a-7f1b2c3d4e5f', serviceId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  serviceName: 'Facial acupuncture', start: '2027-03-03T10:00:00.000Z', end: '2027-03-03T11:00:00.000Z', status: 'confirmed',
};

const EXAMPLE_DATA: Record<WebhookEventType, Record<string, unknown>> = {
  'booking.created': EXAMPLE_BOOKING,
  'booking.moved': { ...EXAMPLE_BOOKING, start: '2027-03-04T14:30:00.000Z', end: '2027-03-04T15:30:00.000Z' },
  'booking.cancelled': { ...EXAMPLE_BOOKING, status: 'cancelled', cancelledAt: '2027-03-01T09:12:00.000Z', lateCancellation: false },
  'booking.completed': { ...EXAMPLE_BOOKING, status: 'completed' },
  'client.created': { clientId: EXAMPLE_BOOKING.clientId, createdAt: '2027-02-20T16:05:00.000Z' },
  'review.published': { reviewId: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918', bookingId: EXAMPLE_BOOKING.bookingId, practitionerId: EXAMPLE_BOOKING.practitionerId, publishedAt: '2027-03-05T08:40:00.000Z' },
  'invoice.paid': { invoiceId: '2f3e4d5c-6b7a-4980-8f1e-2d3c4b5a6978', clientId: EXAMPLE_BOOKING.clientId, bookingId: EXAMPLE_BOOKING.bookingId, totalMinor: 8500, currency: 'GBP', paidAt: '2027-03-03T11:05:00.000Z' },
};

/** What the owner sees before subscribing: a complete example of each event, as it is sent. */
export function exampleEnvelope(type: WebhookEventType, clinicSlug: string): WebhookEnvelope {
  return envelope(type, clinicSlug, new Date('2027-03-03T11:05:00.000Z'), EXAMPLE_DATA[type]);
}
