import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { bookedSeries, bookSeriesBody, seriesProposal, seriesProposalBody } from './series.schema.ts';
import { idempotencyHeaders } from '../booking/booking.schema.ts';
import * as series from './series.service.ts';
import { guard, requesterOf, STAFF } from '../../server/access.ts';

const tags = ['Courses'];

/**
 * Booking a course of sessions: propose the dates (with alternatives for clashes), then
 * book them all at once. Staff book for a client; online (the widget, the portal) anyone
 * proposes, a signed-in client books at once and a visitor's course is held until the
 * e-mail address is confirmed. Registered with the widget's API, so a clinic's own
 * website may call it (CORS, no credentials).
 */
export const seriesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  /** Staff booking for a client are resolved in the clinic; a client books for themself as who they are. */
  const caller = (request: FastifyRequest<{ Params: { clinicSlug: string } }>, body: { clientId?: string }) =>
    body.clientId ? guard(ctx.database, request, request.params.clinicSlug, STAFF) : Promise.resolve(requesterOf(request));
  app.post('/clinics/:clinicSlug/series/proposals', { schema: { tags, summary: 'Propose the dates of a course; nothing is booked', params: clinicSlugParams, body: seriesProposalBody, response: { 200: seriesProposal } } },
    async (request) => series.proposeCourse(ctx, await caller(request, request.body), request.params.clinicSlug, request.body));
  app.post('/clinics/:clinicSlug/series', {
    schema: {
      tags, summary: 'Book every session of a course atomically (all or none)', params: clinicSlugParams, headers: idempotencyHeaders, body: bookSeriesBody, response: { 201: bookedSeries },
      description: 'Staff send `clientId`. Online: signed in, the sessions are confirmed at once; otherwise `client` is required and every session is `held` until the ' +
        'e-mail address is confirmed (one link confirms the course). 409 naming the session when one was just taken; 422 when a start is not offered. ' +
        'A repeated `Idempotency-Key` returns the first course. Online, a treatment the clinic has paid when booked online (a deposit or the full price) ' +
        'is refused as a course: 409 `course-needs-payment` (its sessions are booked one at a time).',
    },
  }, async (request, reply) => reply.status(201).send(
    await series.bookCourse(ctx, await caller(request, request.body), request.params.clinicSlug, request.body, undefined, request.headers['idempotency-key']),
  ));
};
