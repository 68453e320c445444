import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard, STAFF } from '../../server/access.ts';
import {
  clientParams, clientScreeningResponse, decision, decisionBody, decisionList, putRulesBody, rulesResponse, rulesVersionParams, rulesVersionResponse, screeningQuery,
} from './screening.schema.ts';
import * as screening from './screening.service.ts';

const tags = ['Screening'];

/** The clinic's screening rules (owner) and each client's findings and decisions (staff, by role). */
export const screeningRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const rules = '/clinics/:clinicSlug/settings/screening-rules';
  app.get(rules, { schema: { tags, summary: 'The clinic’s current screening rules and their versions (owner)', params: clinicSlugParams, response: { 200: rulesResponse } } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return screening.getRules(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF));
    });
  app.put(rules, {
    schema: {
      tags, summary: 'Save the screening rules as a new version (owner)', params: clinicSlugParams, body: putRulesBody, response: { 200: rulesResponse },
      description: 'Wording, thresholds, levels and `enabled` may change; a rule keeps its `source`. Every save is a new version, audited `screening.rules_changed`.',
    },
  }, async (request) => screening.putRules(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.body));
  app.get(`${rules}/:version`, { schema: { tags, summary: 'One version of the screening rules (owner)', params: rulesVersionParams, response: { 200: rulesVersionResponse } } },
    async (request) => screening.getRulesVersion(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.version));

  const client = '/clinics/:clinicSlug/clients/:clientId/screening';
  app.get(client, {
    schema: {
      tags, summary: 'A client’s screening findings for a treatment and date (the client’s practitioners and the owner; reception sees levels only)',
      params: clientParams, querystring: screeningQuery, response: { 200: clientScreeningResponse },
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return screening.getClientScreening(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId, request.query);
  });
  app.get(`${client}/decisions`, { schema: { tags, summary: 'Decisions recorded on a client’s findings (the client’s practitioners and the owner)', params: clientParams, response: { 200: decisionList } } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return screening.listDecisions(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId);
    });
  app.post(`${client}/decisions`, { schema: { tags, summary: 'Record a decision on a finding: acknowledged, cleared or declined (the client’s practitioner or the owner)', params: clientParams, body: decisionBody, response: { 201: decision } } },
    async (request, reply) => reply.status(201).send(await screening.recordDecision(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId, request.body)));
};
