import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { joinWaitlistBody, waitlistEntry, waitlistList, waitlistParams, waitlistQuery } from './waitlist.schema.ts';
import * as waitlist from './waitlist.service.ts';

const tags = ['Waiting list'];

/** The waiting list: clients wait for a day and service and are e-mailed when a slot frees up; first to book wins. */
export const waitlistRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.post('/clinics/:clinicSlug/waitlist', { schema: { tags, summary: 'Join the waiting list for a day (signed-in client, or staff for a client)', params: clinicSlugParams, body: joinWaitlistBody, response: { 201: waitlistEntry } } },
    async (request, reply) => reply.status(201).send(await waitlist.joinWaitlist(ctx, request, request.params.clinicSlug, request.body)));
  app.get('/clinics/:clinicSlug/waitlist', { schema: { tags, summary: 'Who is waiting (staff), or my entries (client)', params: clinicSlugParams, querystring: waitlistQuery, response: { 200: waitlistList } } },
    async (request) => waitlist.listWaitlist(ctx, request, request.params.clinicSlug, request.query.date));
  app.delete('/clinics/:clinicSlug/waitlist/:entryId', { schema: { tags, summary: 'Leave the waiting list', params: waitlistParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await waitlist.leaveWaitlist(ctx, request, request.params.clinicSlug, request.params.entryId);
      return reply.status(204).send(null);
    });
};
