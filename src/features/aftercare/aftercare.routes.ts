import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard, OWNER, STAFF } from '../../server/access.ts';
import { aftercareBody, myAftercareList, serviceAftercare, serviceAftercareParams } from './aftercare.schema.ts';
import * as aftercare from './aftercare.service.ts';

const tags = ['Aftercare'];

/** Each service's aftercare advice (staff read, owner writes) and the advice a client was sent. */
export const aftercareRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/settings/services/:serviceId/aftercare', {
    schema: { tags, summary: "A service's aftercare advice: the clinic's own or Yintang's default (staff)", params: serviceAftercareParams, response: { 200: serviceAftercare } },
  }, async (request) => aftercare.getServiceAftercare(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.serviceId));
  app.put('/clinics/:clinicSlug/settings/services/:serviceId/aftercare', {
    schema: { tags, summary: "Write a service's aftercare advice in Markdown; an empty text goes back to the default (owner)", params: serviceAftercareParams, body: aftercareBody, response: { 200: serviceAftercare } },
  }, async (request) => aftercare.setServiceAftercare(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.serviceId, request.body));
  app.get('/clinics/:clinicSlug/me/aftercare', {
    schema: { tags, summary: 'The aftercare advice I was sent after my visits (clients)', params: clinicSlugParams, response: { 200: myAftercareList } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return aftercare.myAftercare(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client']));
  });
};
