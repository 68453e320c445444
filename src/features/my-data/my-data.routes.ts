import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard, OWNER } from '../../server/access.ts';
import { closureBody, closureRequest, myClosure, portalSummary, staffClosureList } from './my-data.schema.ts';
import * as myData from './my-data.service.ts';

const tags = ['Your data'];

/** A client's own data (subject access) and their request to close the account; the owner's list of requests. */
export const myDataRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const client = ['client'] as const;
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });
  app.get('/clinics/:clinicSlug/me/portal', { schema: { tags, summary: 'What I still have to do: health questions, consent forms, aftercare (clients; status only)', params: clinicSlugParams, response: { 200: portalSummary } } },
    async (request) => myData.portalSummary(ctx, await guard(ctx.database, request, request.params.clinicSlug, client)));
  app.get('/clinics/:clinicSlug/me/data.json', { schema: { tags, summary: 'Everything the clinic holds about me, as JSON (clients; audited)', params: clinicSlugParams } },
    async (request, reply) => {
      const data = await myData.gatherMyData(ctx, await guard(ctx.database, request, request.params.clinicSlug, client), 'json');
      return reply.header('Content-Disposition', `attachment; filename="my-data-${request.params.clinicSlug}.json"`).type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    });
  app.get('/clinics/:clinicSlug/me/data.pdf', { schema: { tags, summary: 'Everything the clinic holds about me, as a readable PDF (clients; audited)', params: clinicSlugParams } },
    async (request, reply) => {
      const data = await myData.gatherMyData(ctx, await guard(ctx.database, request, request.params.clinicSlug, client), 'pdf');
      return reply.header('Content-Disposition', `attachment; filename="my-data-${request.params.clinicSlug}.pdf"`).type('application/pdf').send(await myData.myDataPdf(data));
    });
  app.get('/clinics/:clinicSlug/me/closure-request', { schema: { tags, summary: 'My latest request to close my account (clients)', params: clinicSlugParams, response: { 200: myClosure } } },
    async (request) => myData.myClosure(ctx, await guard(ctx.database, request, request.params.clinicSlug, client)));
  app.post('/clinics/:clinicSlug/me/closure-request', { schema: { tags, summary: 'Ask the clinic to close my account; clinical records are kept for the legal period (clients)', params: clinicSlugParams, body: closureBody, response: { 201: closureRequest } } },
    async (request, reply) => reply.status(201).send(await myData.requestClosure(ctx, await guard(ctx.database, request, request.params.clinicSlug, client), request.body)));
  app.get('/clinics/:clinicSlug/closure-requests', { schema: { tags, summary: "Clients' requests to close their accounts (owner)", params: clinicSlugParams, response: { 200: staffClosureList } } },
    async (request) => myData.listClosureRequests(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER)));
};
