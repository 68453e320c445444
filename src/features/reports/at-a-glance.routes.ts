import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard, OWNER } from '../../server/access.ts';
import { atAGlanceQuery, atAGlanceResponse } from './at-a-glance.schema.ts';
import { getAtAGlance } from './at-a-glance.service.ts';

/** The owner's home figures: today and this week at a glance. */
export const atAGlanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/at-a-glance', {
    schema: {
      tags: ['Reports'], params: clinicSlugParams, querystring: atAGlanceQuery, response: { 200: atAGlanceResponse },
      summary: 'Today and this week at a glance: bookings, free time, no-shows, new clients, consultations (owner)',
      description: 'For `date` (the clinic\'s today when omitted) and its Monday-to-Sunday week in the clinic\'s time zone. ' +
        'Counts and minutes only. Free time is the practitioners\' working hours not taken by appointments (with buffers) or blocks.',
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return getAtAGlance(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.query);
  });
};
