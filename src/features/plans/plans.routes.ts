import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard, STAFF } from '../../server/access.ts';
import {
  bookedPlan, bookPlanBody, clientPlanParams, consultation, consultationBody, plan, planBody, planList, planParams, planPatch,
  planProposal, planProposalBody, planStatusBody,
} from './plans.schema.ts';
import * as plans from './plans.service.ts';

const tags = ['Treatment plans'];
const EVERYONE = [...STAFF, 'client'] as const;

/**
 * Treatment plans and the consultation record. The owner and the client's practitioners
 * write them; reception sees plans (schedule, progress, price) but never the consultation
 * record; the client reads their own plans, accepts one and books its course in one step.
 */
export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/clients/:clientId/plans', {
    schema: { tags, summary: 'A client’s treatment plans with schedule and progress (staff who may see the client)', params: clientPlanParams, response: { 200: planList } },
  }, async (request) => plans.listClientPlans(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId));
  app.post('/clinics/:clinicSlug/clients/:clientId/plans', {
    schema: { tags, summary: 'Propose a treatment plan (owner, the client’s practitioners)', params: clientPlanParams, body: planBody, response: { 201: plan } },
  }, async (request, reply) => reply.status(201).send(await plans.createPlan(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId, request.body)));
  app.get('/clinics/:clinicSlug/me/plans', {
    schema: { tags, summary: 'The signed-in client’s own treatment plans', params: clinicSlugParams, response: { 200: planList } },
  }, async (request) => plans.listMyPlans(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client'])));
  app.get('/clinics/:clinicSlug/plans/:planId', {
    schema: { tags, summary: 'One treatment plan (the client, staff who may see the client)', params: planParams, response: { 200: plan } },
  }, async (request) => plans.getPlan(ctx, await guard(ctx.database, request, request.params.clinicSlug, EVERYONE), request.params.planId));
  app.patch('/clinics/:clinicSlug/plans/:planId', {
    schema: { tags, summary: 'Change a proposed plan (owner, the client’s practitioners)', params: planParams, body: planPatch, response: { 200: plan } },
  }, async (request) => plans.updatePlan(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.planId, request.body));
  app.post('/clinics/:clinicSlug/plans/:planId/status', {
    schema: { tags, summary: 'Complete a course in progress, or withdraw a plan (owner, the client’s practitioners)', params: planParams, body: planStatusBody, response: { 200: plan } },
  }, async (request) => plans.setPlanStatus(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.planId, request.body.action));
  app.post('/clinics/:clinicSlug/plans/:planId/accept', {
    schema: { tags, summary: 'The client accepts their proposed plan', params: planParams, response: { 200: plan } },
  }, async (request) => plans.acceptPlan(ctx, await guard(ctx.database, request, request.params.clinicSlug, EVERYONE), request.params.planId));
  app.post('/clinics/:clinicSlug/plans/:planId/proposal', {
    schema: { tags, summary: 'The proposed dates of the plan’s course, with alternatives for clashes; nothing is booked', params: planParams, body: planProposalBody, response: { 200: planProposal } },
  }, async (request) => plans.proposePlanDates(ctx, await guard(ctx.database, request, request.params.clinicSlug, EVERYONE), request.params.planId, request.body));
  app.post('/clinics/:clinicSlug/plans/:planId/book', {
    schema: { tags, summary: 'Book every session of the plan’s course in one step (all or none)', params: planParams, body: bookPlanBody, response: { 201: bookedPlan } },
  }, async (request, reply) => reply.status(201).send(await plans.bookPlan(ctx, await guard(ctx.database, request, request.params.clinicSlug, EVERYONE), request.params.planId, request.body)));
  app.get('/clinics/:clinicSlug/clients/:clientId/consultation', {
    schema: { tags, summary: 'A client’s consultation record (owner, the client’s practitioners; audited)', params: clientPlanParams, response: { 200: consultation } },
  }, async (request) => plans.getConsultation(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId));
  app.put('/clinics/:clinicSlug/clients/:clientId/consultation', {
    schema: { tags, summary: 'Save a client’s consultation record (owner, the client’s practitioners; audited)', params: clientPlanParams, body: consultationBody, response: { 200: consultation } },
  }, async (request) => plans.saveConsultation(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId, request.body));
};
