import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { bookingParams } from '../booking/booking.schema.ts';
import {
  createReviewBody, hideBody, publicReviewList, publicReviewsQuery, replyBody, reviewableBooking, reviewParams, staffReview, staffReviewList,
} from './reviews.schema.ts';
import * as reviews from './reviews.service.ts';
import { guard, OWNER } from '../../server/access.ts';

const tags = ['Reviews'];

/** Reviews of completed appointments: clients write, owners reply or hide with a reason, everyone reads. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/reviews', { schema: { tags, summary: "A clinic's visible reviews and aggregate rating (public); ?practitioner= for one practitioner", params: clinicSlugParams, querystring: publicReviewsQuery, response: { 200: publicReviewList } } },
    async (request) => reviews.getPublicReviews(ctx, request.params.clinicSlug, request.query.practitioner));
  app.post('/clinics/:clinicSlug/reviews', { schema: { tags, summary: 'Review a completed appointment of your own (clients; one review per appointment)', params: clinicSlugParams, body: createReviewBody, response: { 201: z.object({ id: z.string() }) } } },
    async (request, reply) => reply.status(201).send(await reviews.createReview(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client']), request.body)));
  app.get('/clinics/:clinicSlug/me/reviewable-bookings', { schema: { tags, summary: 'My completed appointments and whether each is reviewed (clients)', params: clinicSlugParams, response: { 200: z.object({ items: z.array(reviewableBooking) }) } } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return reviews.listMyReviewable(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client']));
    });
  app.get('/clinics/:clinicSlug/me/reviewable-bookings/:bookingId', { schema: { tags, summary: 'One of my completed appointments, to review (clients)', params: bookingParams, response: { 200: reviewableBooking } } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return reviews.getReviewableBooking(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client']), request.params.bookingId);
    });
  app.get('/clinics/:clinicSlug/reviews/manage', { schema: { tags, summary: 'Every review, hidden ones with their reason (owner)', params: clinicSlugParams, response: { 200: staffReviewList } } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return reviews.listStaffReviews(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER));
    });
  app.put('/clinics/:clinicSlug/reviews/:reviewId/reply', { schema: { tags, summary: "Reply publicly to a review (owner)", params: reviewParams, body: replyBody, response: { 200: staffReview } } },
    async (request) => reviews.replyToReview(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.reviewId, request.body));
  app.post('/clinics/:clinicSlug/reviews/:reviewId/hide', { schema: { tags, summary: 'Hide a review, with a recorded reason (owner; counted publicly as hidden)', params: reviewParams, body: hideBody, response: { 200: staffReview } } },
    async (request) => reviews.hideReview(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.reviewId, request.body));
  app.post('/clinics/:clinicSlug/reviews/:reviewId/unhide', { schema: { tags, summary: 'Show a hidden review again (owner)', params: reviewParams, response: { 200: staffReview } } },
    async (request) => reviews.unhideReview(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.reviewId));
};
