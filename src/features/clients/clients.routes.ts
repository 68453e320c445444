import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { guard, STAFF } from '../../server/access.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { clientContact, clientList, clientListQuery, clientParams, createClientBody } from './clients.schema.ts';
import * as clients from './clients.service.ts';
import { clientHistory, clientHistoryQuery } from './client-history.schema.ts';
import { clientVisitHistory } from './client-history.service.ts';

const tags = ['Clients'];

export const clientRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/clients', { schema: { tags, summary: 'Search clients (staff)', params: clinicSlugParams, querystring: clientListQuery, response: { 200: clientList } } },
    async (request) => clients.listClients(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.query));
  app.post('/clinics/:clinicSlug/clients', { schema: { tags, summary: 'Add a client (staff)', params: clinicSlugParams, body: createClientBody, response: { 201: clientContact } } },
    async (request, reply) => reply.status(201).send(await clients.createClient(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.body)));
  app.get('/clinics/:clinicSlug/clients/:clientId', { schema: { tags, summary: "A client's contact details", params: clientParams, response: { 200: clientContact } } },
    async (request) => clients.getClient(ctx, await guard(ctx.database, request, request.params.clinicSlug, [...STAFF, 'client']), request.params.clientId));
  app.get('/clinics/:clinicSlug/clients/:clientId/history', { schema: { tags, summary: "A client's visits, counts of each outcome, waiting list and courses (staff; no health data)", params: clientParams, querystring: clientHistoryQuery, response: { 200: clientHistory } } },
    async (request) => clientVisitHistory(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId, request.query));
};
