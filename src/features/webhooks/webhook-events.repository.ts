import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { bookings, clinics, services, webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookEventType } from '../../data/schema/index.ts';
import { eventData } from '../../domain/webhooks/webhook-events.ts';

/**
 * Writes an event and one delivery per endpoint subscribed to it, inside the caller's
 * transaction: the event commits with the change it reports or not at all, so a server
 * killed a moment later loses nothing (the worker delivers it after the restart). A
 * paused endpoint still gets its deliveries, held until the owner resumes it. Nothing is
 * written when no endpoint of the clinic wants the event.
 */
export async function emitEvent(q: Queryable, clinicId: string, type: WebhookEventType, input: Record<string, unknown>) {
  const endpoints = await q.select({ id: webhookEndpoints.id }).from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.clinicId, clinicId), sql`${webhookEndpoints.events} @> ${JSON.stringify([type])}::jsonb`));
  if (endpoints.length === 0) return;
  const [event] = await q.insert(webhookEvents).values({ clinicId, type, payload: eventData(type, input) }).returning({ id: webhookEvents.id });
  await q.insert(webhookDeliveries).values(endpoints.map((e) => ({ clinicId, endpointId: e.id, eventId: event!.id })));
}

/** A booking event, read from the booking as it now is (ids, times, status and the service's name only). */
export async function emitBookingEvent(q: Queryable, clinicId: string, type: Extract<WebhookEventType, `booking.${string}`>, bookingId: string) {
  const [b] = await q.select({
    bookingId: bookings.id, clientId: bookings.clientId, practitionerId: bookings.practitionerId, serviceId: bookings.serviceId,
    serviceName: services.name, start: bookings.startsAt, end: bookings.endsAt, status: bookings.status,
    cancelledAt: bookings.cancelledAt, lateCancellation: bookings.lateCancellation,
  }).from(bookings).leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, bookingId)));
  if (b) await emitEvent(q, clinicId, type, b);
}

/** The clinic's slug, which every envelope names. */
export async function clinicSlugOf(q: Queryable, clinicId: string) {
  const [c] = await q.select({ slug: clinics.slug }).from(clinics).where(eq(clinics.id, clinicId));
  return c?.slug ?? '';
}
