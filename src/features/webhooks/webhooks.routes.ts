import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { guard, OWNER } from '../../server/access.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import {
  createWebhookBody, updateWebhookBody, webhookCreated, webhookDeliveryList, webhookDeliveryParams, webhookList, webhookParams, webhookView,
} from './webhooks.schema.ts';
import * as hooks from './webhooks.service.ts';

const tags = ['Integrations'];

/** The owner's webhook endpoints: signed events (Standard Webhooks) for the clinic's other systems. */
export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const owner = (request: Parameters<typeof guard>[1], slug: string) => guard(ctx.database, request, slug, OWNER);

  app.get('/clinics/:clinicSlug/webhooks', {
    schema: { tags, summary: 'The clinic’s webhook endpoints, without their secrets, and every event with an example payload (owner)', params: clinicSlugParams, response: { 200: webhookList } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return hooks.listWebhooks(ctx, await owner(request, request.params.clinicSlug));
  });
  app.post('/clinics/:clinicSlug/webhooks', {
    schema: {
      tags, summary: 'Subscribe an endpoint to events; its signing secret is in this answer only (owner)',
      description: 'The address must be https and public (private, loopback and link-local addresses are refused with 400).',
      params: clinicSlugParams, body: createWebhookBody, response: { 201: webhookCreated },
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return reply.status(201).send(await hooks.createWebhook(ctx, await owner(request, request.params.clinicSlug), request.body));
  });
  app.patch('/clinics/:clinicSlug/webhooks/:endpointId', {
    schema: { tags, summary: 'Change an endpoint’s events, or pause or resume it (owner)', params: webhookParams, body: updateWebhookBody, response: { 200: webhookView } },
  }, async (request) => hooks.updateWebhook(ctx, await owner(request, request.params.clinicSlug), request.params.endpointId, request.body));
  app.delete('/clinics/:clinicSlug/webhooks/:endpointId', {
    schema: { tags, summary: 'Remove an endpoint and its deliveries (owner)', params: webhookParams, response: { 204: z.null().describe('Removed') } },
  }, async (request, reply) => {
    await hooks.deleteWebhook(ctx, await owner(request, request.params.clinicSlug), request.params.endpointId);
    return reply.status(204).send(null);
  });
  app.get('/clinics/:clinicSlug/webhooks/:endpointId/deliveries', {
    schema: { tags, summary: 'An endpoint’s latest deliveries with every attempt: time, status code, what went wrong (owner)', params: webhookParams, response: { 200: webhookDeliveryList } },
  }, async (request) => hooks.listDeliveries(ctx, await owner(request, request.params.clinicSlug), request.params.endpointId));
  app.post('/clinics/:clinicSlug/webhooks/:endpointId/deliveries/:deliveryId/replay', {
    schema: {
      tags, summary: 'Send a delivery again now, with the same webhook-id (owner)', params: webhookDeliveryParams,
      description: 'Puts the delivery back in the queue with a fresh set of retries. A delivery a worker is sending at this moment is refused with 409, so one event is never sent twice at once.',
      response: { 202: z.object({ id: z.string(), status: z.literal('pending') }) },
    },
  }, async (request, reply) => reply.status(202).send(await hooks.replayDelivery(ctx, await owner(request, request.params.clinicSlug), request.params.endpointId, request.params.deliveryId)));
};
