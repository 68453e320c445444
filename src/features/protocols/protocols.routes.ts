import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CLINICAL_STAFF, guard } from '../../server/access.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { protocol, protocolBody, protocolList, protocolParams, protocolPatch } from './protocols.schema.ts';
import * as protocols from './protocols.service.ts';

const tags = ['Protocols'];

/** The clinic's protocols: reusable point sets a session starts from (owner and practitioners). */
export const protocolRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/protocols', {
    schema: { tags, summary: 'List the clinic’s current protocols; a clinic that never had one starts with three defaults (owner, practitioners)', params: clinicSlugParams, response: { 200: protocolList } },
  }, async (request) => protocols.listProtocols(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF)));
  app.post('/clinics/:clinicSlug/protocols', {
    schema: { tags, summary: 'Add a protocol (owner, practitioners)', params: clinicSlugParams, body: protocolBody, response: { 201: protocol } },
  }, async (request, reply) => reply.status(201).send(await protocols.addProtocol(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.body)));
  app.get('/clinics/:clinicSlug/protocols/:protocolId', {
    schema: { tags, summary: 'One protocol (owner, practitioners)', params: protocolParams, response: { 200: protocol } },
  }, async (request) => protocols.getProtocol(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.protocolId));
  app.patch('/clinics/:clinicSlug/protocols/:protocolId', {
    schema: { tags, summary: 'Change a protocol; points replace the whole list (owner, practitioners)', params: protocolParams, body: protocolPatch, response: { 200: protocol } },
  }, async (request) => protocols.updateProtocol(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.protocolId, request.body));
  app.delete('/clinics/:clinicSlug/protocols/:protocolId', {
    schema: { tags, summary: 'Archive a protocol: it leaves the list; its name is free again (owner, practitioners)', params: protocolParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await protocols.archiveProtocol(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.protocolId);
    return reply.status(204).send(null);
  });
};
