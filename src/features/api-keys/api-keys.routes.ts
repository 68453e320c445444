import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { guard, OWNER } from '../../server/access.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { apiKeyCreated, apiKeyList, apiKeyParams, apiKeyView, createApiKeyBody } from './api-keys.schema.ts';
import * as keys from './api-keys.service.ts';

const tags = ['Integrations'];

/** The owner's API keys for the clinic's other systems. */
export const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/api-keys', {
    schema: { tags, summary: 'The clinic’s API keys, without their secrets, and the scopes a key may have (owner)', params: clinicSlugParams, response: { 200: apiKeyList } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return keys.listApiKeys(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER));
  });
  app.post('/clinics/:clinicSlug/api-keys', {
    schema: { tags, summary: 'Create an API key; its secret is in this answer only (owner)', params: clinicSlugParams, body: createApiKeyBody, response: { 201: apiKeyCreated } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return reply.status(201).send(await keys.createApiKey(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body));
  });
  app.delete('/clinics/:clinicSlug/api-keys/:keyId', {
    schema: { tags, summary: 'Revoke an API key: it stops working at once (owner)', params: apiKeyParams, response: { 200: apiKeyView } },
  }, async (request) => keys.revokeApiKey(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.keyId));
};
