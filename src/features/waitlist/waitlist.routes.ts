import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { joinWaitlistBody, waitlistEntry, waitlistList, waitlistParams, waitlistQuery } from './waitlist.schema.ts';
import * as waitlist from './waitlist.service.ts';
import { guard, requesterOf, STAFF } from '../../server/access.ts';

const tags = ['Waiting list'];

/** The waiting list: clients wait for a day and service and are e-mailed when a slot frees up; first to book wins. */
export const waitlistRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  /** Staff adding a client are resolved in the clinic; a client joins for themself as who they are. */
  const caller = (request: FastifyRequest<{ Params: { clinicSlug: string } }>, body: { clientId?: string }) =>
    body.clientId ? guard(ctx.database, request, request.params.clinicSlug, STAFF) : Promise.resolve(requesterOf(request));
  app.post('/clinics/:clinicSlug/waitlist', { schema: { tags, summary: 'Join the waiting list for a day (signed-in client, or staff for a client)', params: clinicSlugParams, body: joinWaitlistBody, response: { 201: waitlistEntry } } },
    async (request, reply) => reply.status(201).send(await waitlist.joinWaitlist(ctx, await caller(request, request.body), request.params.clinicSlug, request.body)));
  app.get('/clinics/:clinicSlug/waitlist', { schema: { tags, summary: 'Who is waiting (staff), or my entries (client)', params: clinicSlugParams, querystring: waitlistQuery, response: { 200: waitlistList } } },
    async (request) => waitlist.listWaitlist(ctx, await guard(ctx.database, request, request.params.clinicSlug, [...STAFF, 'client']), request.query.date));
  app.delete('/clinics/:clinicSlug/waitlist/:entryId', { schema: { tags, summary: 'Leave the waiting list', params: waitlistParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await waitlist.leaveWaitlist(ctx, await guard(ctx.database, request, request.params.clinicSlug, [...STAFF, 'client']), request.params.entryId);
      return reply.status(204).send(null);
    });
};
