import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { CLINICAL_STAFF, guard, OWNER, requesterOf, STAFF } from '../../server/access.ts';
import {
  answeredView, answersBody, askBody, askedView, instrumentList, instrumentParams, instrumentView, licensedInstrumentSchema, bookingParams, clientParams, clinicMeasuresView, measureCatalogue, pendingList, progressView, questionnaireSet,
  serviceMeasuresBody, serviceMeasuresView, serviceParams, tokenParams,
} from './outcomes.schema.ts';
import * as outcomes from './outcomes.service.ts';
import { askedForBooking } from './asked.service.ts';
import { createInstrument, listInstruments, retireInstrument, updateInstrument } from './clinic-measures.service.ts';

const tags = ['Outcomes'];

export const outcomeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const db = ctx.database;

  // The clinic's choice of measures.
  app.get('/clinics/:clinicSlug/outcome-measures', { schema: { tags, summary: 'The measures Yintang offers (free to use)', params: clinicSlugParams, response: { 200: measureCatalogue } } },
    async (request) => {
      return outcomes.catalogue(ctx, await guard(db, request, request.params.clinicSlug, STAFF));
    });
  app.get('/clinics/:clinicSlug/licensed-measures', { schema: { tags, summary: 'The licensed instruments the clinic entered (owner)', params: clinicSlugParams, response: { 200: instrumentList } } },
    async (request) => listInstruments(ctx, await guard(db, request, request.params.clinicSlug, OWNER)));
  app.post('/clinics/:clinicSlug/licensed-measures', {
    schema: {
      tags, summary: 'Enter a licensed instrument the clinic holds a licence for (owner)', params: clinicSlugParams, body: licensedInstrumentSchema, response: { 201: instrumentView },
      description: 'Items, scale, scoring rule (sum or mean), direction and minimal important change. Yintang ships no licensed text: the clinic types it under its own licence. The key is `lic-` and the short name.',
    },
  }, async (request, reply) => reply.status(201).send(await createInstrument(ctx, await guard(db, request, request.params.clinicSlug, OWNER), request.body)));
  app.put('/clinics/:clinicSlug/licensed-measures/:key', {
    schema: {
      tags, summary: 'Edit a licensed instrument: a new version (owner)', params: instrumentParams, body: licensedInstrumentSchema, response: { 200: instrumentView },
      description: 'The key stays, the version goes up by one. Questionnaires already sent keep the version they were asked on, with their answers and scores. A retired instrument cannot be edited (409 `instrument-retired`).',
    },
  }, async (request) => updateInstrument(ctx, await guard(db, request, request.params.clinicSlug, OWNER), request.params.key, request.body));
  app.post('/clinics/:clinicSlug/licensed-measures/:key/retire', {
    schema: {
      tags, summary: 'Retire a licensed instrument: no longer offered or asked (owner)', params: instrumentParams, response: { 200: instrumentView },
      description: 'Services stop asking it; answers and scores already given stay in the record, the charts and the outcome report. Retiring twice is refused (409 `instrument-retired`).',
    },
  }, async (request) => retireInstrument(ctx, await guard(db, request, request.params.clinicSlug, OWNER), request.params.key));
  app.get('/clinics/:clinicSlug/outcome-measures/services', { schema: { tags, summary: 'Which measures each service asks, and when', params: clinicSlugParams, response: { 200: clinicMeasuresView } } },
    async (request) => outcomes.getClinicMeasures(ctx, await guard(db, request, request.params.clinicSlug, STAFF)));
  app.put('/clinics/:clinicSlug/services/:serviceId/outcome-measures', { schema: { tags, summary: 'Set the measures a service asks (owner)', params: serviceParams, body: serviceMeasuresBody, response: { 200: serviceMeasuresView } } },
    async (request) => outcomes.setServiceMeasures(ctx, await guard(db, request, request.params.clinicSlug, OWNER), request.params.serviceId, request.body));
  app.post('/clinics/:clinicSlug/bookings/:bookingId/questionnaires', { schema: { tags, summary: 'Ask a measure before this session now (practitioner, owner)', params: bookingParams, body: askBody, response: { 201: z.object({ requestId: z.string(), timing: z.string(), sessionNumber: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await outcomes.askNow(ctx, await guard(db, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.bookingId, request.body.measureKey)));

  app.get('/clinics/:clinicSlug/bookings/:bookingId/questionnaires', { schema: { tags, summary: 'The questionnaires asked before this session: which, when e-mailed, whether answered (the client\u2019s practitioners, owner)', params: bookingParams, response: { 200: askedView } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return askedForBooking(ctx, await guard(db, request, request.params.clinicSlug, STAFF), request.params.bookingId);
    });

  // The client answers: from the e-mail link, or signed in.
  app.get('/clinics/:clinicSlug/questionnaires/by-token/:token', { schema: { tags, summary: 'The questionnaires an e-mail link opens', params: tokenParams, response: { 200: questionnaireSet } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return outcomes.getByToken(ctx, requesterOf(request), request.params.clinicSlug, request.params.token);
    });
  app.post('/clinics/:clinicSlug/questionnaires/by-token/:token', { schema: { tags, summary: 'Answer from the e-mail link', params: tokenParams, body: answersBody, response: { 201: answeredView } } },
    async (request, reply) => reply.status(201).send(await outcomes.answerByToken(ctx, requesterOf(request), request.params.clinicSlug, request.params.token, request.body)));
  app.get('/clinics/:clinicSlug/me/questionnaires', { schema: { tags, summary: 'My questionnaires still to answer', params: clinicSlugParams, response: { 200: pendingList } } },
    async (request) => outcomes.listMine(ctx, await guard(db, request, request.params.clinicSlug, ['client'])));
  app.get('/clinics/:clinicSlug/me/questionnaires/:bookingId', { schema: { tags, summary: 'My questionnaires before a session', params: bookingParams, response: { 200: questionnaireSet } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return outcomes.getMineForBooking(ctx, await guard(db, request, request.params.clinicSlug, ['client']), request.params.bookingId);
    });
  app.post('/clinics/:clinicSlug/me/questionnaires/:bookingId', { schema: { tags, summary: 'Answer my questionnaires before a session', params: bookingParams, body: answersBody, response: { 201: answeredView } } },
    async (request, reply) => reply.status(201).send(await outcomes.answerMine(ctx, await guard(db, request, request.params.clinicSlug, ['client']), request.params.bookingId, request.body)));

  // Progress.
  app.get('/clinics/:clinicSlug/me/outcomes', { schema: { tags, summary: 'My scores over the course', params: clinicSlugParams, response: { 200: progressView } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return outcomes.myProgress(ctx, await guard(db, request, request.params.clinicSlug, ['client']));
    });
  app.get('/clinics/:clinicSlug/clients/:clientId/outcomes', { schema: { tags, summary: "A client's scores over the course (their practitioners, owner)", params: clientParams, response: { 200: progressView } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return outcomes.clientProgress(ctx, await guard(db, request, request.params.clinicSlug, STAFF), request.params.clientId);
    });
};
