import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { CLINICAL_STAFF, guard, STAFF } from '../../server/access.ts';
import { answersBody, clientIntake, intakeClientParams, intakeForm, intakeStatus, lockBody, myIntake } from './intake.schema.ts';
import * as intake from './intake.service.ts';

const tags = ['Health questions'];

export const intakeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const db = ctx.database;

  app.get('/clinics/:clinicSlug/intake/form', {
    schema: { tags, summary: "The clinic's health questions (the client's own, or a client's for staff)", params: clinicSlugParams, querystring: z.object({ clientId: z.uuid().optional() }), response: { 200: intakeForm } },
  }, async (request) => intake.getForm(ctx, await guard(db, request, request.params.clinicSlug, [...STAFF, 'client']), request.query.clientId));

  // The client's own answers.
  app.get('/clinics/:clinicSlug/me/intake', { schema: { tags, summary: 'My health questions and answers so far', params: clinicSlugParams, response: { 200: myIntake } } },
    async (request) => intake.getMine(ctx, await guard(db, request, request.params.clinicSlug, ['client'])));
  app.get('/clinics/:clinicSlug/me/intake/status', { schema: { tags, summary: 'Whether my health questions are complete (no answers)', params: clinicSlugParams, response: { 200: intakeStatus } } },
    async (request) => intake.getMyStatus(ctx, await guard(db, request, request.params.clinicSlug, ['client'])));
  app.put('/clinics/:clinicSlug/me/intake/draft', { schema: { tags, summary: 'Save answers as I go (partial)', params: clinicSlugParams, body: answersBody, response: { 200: intakeStatus } } },
    async (request) => intake.saveDraft(ctx, await guard(db, request, request.params.clinicSlug, ['client']), request.body.answers));
  app.post('/clinics/:clinicSlug/me/intake/submit', { schema: { tags, summary: 'Submit my answers (a new version)', params: clinicSlugParams, body: answersBody, response: { 201: intakeStatus } } },
    async (request, reply) => reply.status(201).send(await intake.submitMine(ctx, await guard(db, request, request.params.clinicSlug, ['client']), request.body.answers)));

  // Staff.
  app.get('/clinics/:clinicSlug/clients/:clientId/intake/status', { schema: { tags, summary: "Whether a client's health questions are complete (no answers)", params: intakeClientParams, response: { 200: intakeStatus } } },
    async (request) => intake.getStatus(ctx, await guard(db, request, request.params.clinicSlug, STAFF), request.params.clientId));
  app.get('/clinics/:clinicSlug/clients/:clientId/intake', { schema: { tags, summary: "A client's answers and what changed since the last visit (practitioner, owner)", params: intakeClientParams, response: { 200: clientIntake } } },
    async (request) => intake.getForStaff(ctx, await guard(db, request, request.params.clinicSlug, STAFF), request.params.clientId));
  app.post('/clinics/:clinicSlug/clients/:clientId/intake/paper-received', { schema: { tags, summary: 'Record a paper form received', params: intakeClientParams, response: { 201: intakeStatus } } },
    async (request, reply) => reply.status(201).send(await intake.recordPaperReceived(ctx, await guard(db, request, request.params.clinicSlug, STAFF), request.params.clientId)));
  app.post('/clinics/:clinicSlug/clients/:clientId/intake/submit', { schema: { tags, summary: "Enter answers on the client's behalf", params: intakeClientParams, body: answersBody, response: { 201: intakeStatus } } },
    async (request, reply) => reply.status(201).send(await intake.submitOnBehalf(ctx, await guard(db, request, request.params.clinicSlug, STAFF), request.params.clientId, request.body.answers)));
  app.post('/clinics/:clinicSlug/clients/:clientId/intake/lock', { schema: { tags, summary: 'Lock the answers for a visit (practitioner, owner)', params: intakeClientParams, body: lockBody, response: { 201: intakeStatus } } },
    async (request, reply) => reply.status(201).send(await intake.lockForVisit(ctx, await guard(db, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.clientId, request.body.bookingId)));
};
