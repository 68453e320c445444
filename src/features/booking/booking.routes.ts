import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { publicSchedulingRoutes } from '../scheduling/scheduling.routes.ts';
import { registerWidgetCors } from '../scheduling/widget-origins.ts';
import { seriesRoutes } from '../series/series.routes.ts';
import {
  bookingCreated, bookingParams, cancelBody, clientBookingList, clientBookingView, createBookingBody, idempotencyHeaders, rescheduleBody, tokenParams,
} from './booking.schema.ts';
import * as booking from './booking.service.ts';
import { guard, requesterOf, STAFF } from '../../server/access.ts';

const tags = ['Booking'];

/**
 * The public booking API the widget and the e-mail links use, with CORS for each
 * clinic's configured origins: services, practitioners, availability, booking, and
 * confirm, reschedule or cancel by the secret link; and courses (`seriesRoutes`).
 */
export const widgetApi: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  await registerWidgetCors(app, ctx.database);
  await app.register(publicSchedulingRoutes);
  await app.register(seriesRoutes);

  app.post('/clinics/:clinicSlug/bookings', {
    schema: {
      tags, params: clinicSlugParams, headers: idempotencyHeaders, body: createBookingBody, response: { 201: bookingCreated },
      summary: 'Book a slot (public)',
      description: 'Signed in: confirmed at once with the session\'s details. Otherwise `client` is required and the booking is `held` until the e-mail address is confirmed. ' +
        '409 when the slot was just taken; 422 when the start is not a slot the clinic offers. A repeated `Idempotency-Key` returns the first booking.',
    },
  }, async (request, reply) => reply.status(201).send(
    await booking.createOnlineBooking(ctx, requesterOf(request), request.params.clinicSlug, request.body, request.headers['idempotency-key']),
  ));

  // The e-mail links' API lives under `booking-links/`; `bookings/by-token/` (ambiguous with
  // `bookings/{bookingId}/…` in the contract) still answers, undocumented, for old links.
  for (const [base, hide] of [['booking-links', false], ['bookings/by-token', true]] as const) {
    app.get(`/clinics/:clinicSlug/${base}/:token`, { schema: { tags, hide, summary: 'A booking, from the link in its e-mail', params: tokenParams, response: { 200: clientBookingView } } },
      async (request, reply) => {
        reply.header('Cache-Control', 'no-store');
        return booking.getBookingByToken(ctx, request.params.clinicSlug, request.params.token);
      });
    app.post(`/clinics/:clinicSlug/${base}/:token/confirm`, { schema: { tags, hide, summary: 'Confirm a held booking (proves the e-mail address)', params: tokenParams, response: { 200: clientBookingView } } },
      async (request) => booking.confirmByToken(ctx, requesterOf(request), request.params.clinicSlug, request.params.token));
    app.post(`/clinics/:clinicSlug/${base}/:token/cancel`, { schema: { tags, hide, summary: 'Cancel from the e-mail link (late inside the cancellation window)', params: tokenParams, response: { 200: clientBookingView } } },
      async (request) => booking.cancelByToken(ctx, requesterOf(request), request.params.clinicSlug, request.params.token));
    app.post(`/clinics/:clinicSlug/${base}/:token/reschedule`, { schema: { tags, hide, summary: 'Move to another free slot from the e-mail link', params: tokenParams, body: rescheduleBody, response: { 200: clientBookingView } } },
      async (request) => booking.rescheduleByToken(ctx, requesterOf(request), request.params.clinicSlug, request.params.token, request.body));
  }
};

/** Bookings for signed-in clients and staff. */
export const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/me/bookings', { schema: { tags, summary: 'My bookings at this clinic (client)', params: clinicSlugParams, response: { 200: clientBookingList } } },
    async (request) => booking.listMyBookings(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client'])));
  app.get('/clinics/:clinicSlug/bookings/:bookingId', { schema: { tags, summary: 'One booking (its client, or staff who may see it); ETag for moves', params: bookingParams, response: { 200: clientBookingView } } },
    async (request, reply) => {
      const { view, version } = await booking.getBooking(ctx, await guard(ctx.database, request, request.params.clinicSlug, [...STAFF, 'client']), request.params.bookingId);
      reply.header('ETag', `"${version}"`);
      return view;
    });
  app.post('/clinics/:clinicSlug/bookings/:bookingId/cancel', { schema: { tags, summary: 'Cancel a booking (its client, or staff)', params: bookingParams, body: cancelBody, response: { 200: clientBookingView } } },
    async (request) => booking.cancelBooking(ctx, await guard(ctx.database, request, request.params.clinicSlug, [...STAFF, 'client']), request.params.bookingId, request.body));
  app.post('/clinics/:clinicSlug/bookings/:bookingId/reschedule', { schema: { tags, summary: 'Move my booking to another free slot (client)', params: bookingParams, body: rescheduleBody, response: { 200: clientBookingView } } },
    async (request) => booking.rescheduleBooking(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client']), request.params.bookingId, request.body));
  app.patch('/clinics/:clinicSlug/bookings/:bookingId', {
    schema: { tags: ['Diary'], summary: 'Move a booking (staff); send If-Match with the ETag to avoid overwriting a change', params: bookingParams, body: rescheduleBody, response: { 200: clientBookingView } },
  }, async (request, reply) => {
    const { view, version } = await booking.moveBookingAsStaff(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.bookingId, request.body, request.headers['if-match']);
    reply.header('ETag', `"${version}"`);
    return view;
  });
};
