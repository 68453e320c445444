import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { bookingParams } from '../booking/booking.schema.ts';
import { availabilityResponse } from '../scheduling/scheduling.schema.ts';
import {
  blockBody, blockParams, calendarFeedResponse, diaryEntry, diaryQuery, diaryResponse, feedParams, staffBookingBody, staffFreeTimesQuery, statusBody,
} from './diary.schema.ts';
import * as diary from './diary.service.ts';
import { guard, STAFF } from '../../server/access.ts';

const tags = ['Diary'];

/** The staff diary: day and week views, booking by phone, status, blocks, and calendar feeds. */
export const diaryRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/diary', { schema: { tags, summary: 'Day or week view, a column per practitioner (staff; practitioners see their own)', params: clinicSlugParams, querystring: diaryQuery, response: { 200: diaryResponse } } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return diary.getDiary(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.query);
    });
  app.get('/clinics/:clinicSlug/diary/free-times', {
    schema: {
      tags, params: clinicSlugParams, querystring: staffFreeTimesQuery, response: { 200: availabilityResponse },
      summary: 'Free times of a service for booking by phone or moving (staff; practitioners their own)',
      description: 'As the public availability, but by the rules for staff: no minimum notice or horizon, services not offered online included. ' +
        'With `bookingId`, that booking\'s own time counts as free (for moving it).',
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return diary.staffFreeTimes(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.query);
  });
  app.post('/clinics/:clinicSlug/diary/bookings', { schema: { tags, summary: 'Book a client, e.g. by phone (staff)', params: clinicSlugParams, body: staffBookingBody, response: { 201: diaryEntry } } },
    async (request, reply) => reply.status(201).send(await diary.createStaffBooking(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.body)));
  app.post('/clinics/:clinicSlug/bookings/:bookingId/status', { schema: { tags, summary: 'Mark arrived, no-show or completed (staff)', params: bookingParams, body: statusBody, response: { 200: diaryEntry } } },
    async (request) => diary.setStatus(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.bookingId, request.body.status));
  app.post('/clinics/:clinicSlug/bookings/:bookingId/status/undo', {
    schema: {
      tags, params: bookingParams, response: { 200: diaryEntry },
      summary: 'Undo arrived, no-show or completed marked by mistake (staff, on the appointment’s day)',
      description: 'Arrived and no-show go back to booked, completed back to arrived (the diary entry\'s `undoTo`). Only on the appointment\'s clinic day; afterwards 409. Audited.',
    },
  }, async (request) => diary.undoStatus(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.bookingId));
  app.post('/clinics/:clinicSlug/blocks', { schema: { tags, summary: 'Block time for a practitioner and/or a room (staff)', params: clinicSlugParams, body: blockBody, response: { 201: diaryEntry } } },
    async (request, reply) => reply.status(201).send(await diary.createBlock(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.body)));
  app.delete('/clinics/:clinicSlug/blocks/:blockId', { schema: { tags, summary: 'Remove a block (staff)', params: blockParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await diary.removeBlock(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.blockId);
      return reply.status(204).send(null);
    });
  app.post('/clinics/:clinicSlug/me/calendar-feed', { schema: { tags, summary: 'Create or replace my secret calendar address (practitioners)', params: clinicSlugParams, response: { 200: calendarFeedResponse } } },
    async (request) => diary.createCalendarFeed(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['owner', 'practitioner'])));
  app.get('/clinics/:clinicSlug/calendar-feeds/:token', { schema: { tags, summary: "A practitioner's diary as iCalendar (secret address, no health details)", params: feedParams } },
    async (request, reply) => {
      const body = await diary.calendarFeed(ctx, request.params.clinicSlug, request.params.token);
      return reply.header('Cache-Control', 'private, max-age=300').type('text/calendar; charset=utf-8').send(body);
    });
};
