import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CLINICAL_STAFF, guard } from '../../server/access.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { acupoint, acupointList, acupointQuery, clinicPointBody, clinicPointParams, clinicPointPatch } from './acupoints.schema.ts';
import * as acupoints from './acupoints.service.ts';

const tags = ['Acupoints'];

/** The acupoint library merged with the clinic's own points (owner and practitioners). */
export const acupointRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/acupoints', {
    schema: { tags, summary: 'Search the library and the clinic’s own points by code, name or use, and region (owner, practitioners)', params: clinicSlugParams, querystring: acupointQuery, response: { 200: acupointList } },
  }, async (request) => acupoints.searchAcupoints(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.query));
  app.post('/clinics/:clinicSlug/acupoints', {
    schema: { tags, summary: 'Add a clinic point under a code the library does not use (owner, practitioners)', params: clinicSlugParams, body: clinicPointBody, response: { 201: acupoint } },
  }, async (request, reply) => reply.status(201).send(await acupoints.addClinicPoint(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.body)));
  app.patch('/clinics/:clinicSlug/acupoints/:pointId', {
    schema: { tags, summary: 'Change a clinic point (owner, practitioners)', params: clinicPointParams, body: clinicPointPatch, response: { 200: acupoint } },
  }, async (request) => acupoints.updateClinicPoint(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.pointId, request.body));
  app.delete('/clinics/:clinicSlug/acupoints/:pointId', {
    schema: { tags, summary: 'Archive a clinic point: it leaves the search, records naming it keep it (owner, practitioners)', params: clinicPointParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await acupoints.archiveClinicPoint(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.pointId);
    return reply.status(204).send(null);
  });
};
