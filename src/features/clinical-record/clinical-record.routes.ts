import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { guard, STAFF } from '../../server/access.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { clientParams } from '../clients/clients.schema.ts';
import { fhirExportBody, recordAccessPage, recordAccessQuery, recordExportQuery, registerFilters, registerPage } from './clinical-record.schema.ts';
import { exportClientFhir } from './fhir-export.service.ts';
import { adverseEventCsv, adverseEventRegister } from './adverse-events.service.ts';
import { recordAccess } from './record-access.service.ts';
import { clinicalRecordPdf, gatherClinicalRecord } from './record-export.service.ts';

const tags = ['Clinical record'];
/** A client's name as part of a file name ("Zoë Brown" → "zo-brown"). */
const fileSlug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'client';
const PERIOD = '`from` and `to` are local dates (YYYY-MM-DD) in the clinic’s time zone, both days included.';

/**
 * The owner's adverse event register (and its CSV), "who looked" at a client's clinical
 * record, and the record's PDF export. Staff pass the guard; the services decide the rest,
 * answering 404 to anyone not allowed so nothing's existence leaks.
 */
export const clinicalRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/clinics/:clinicSlug/adverse-events', {
    schema: {
      tags, summary: 'The adverse event register: events of signed notes by type, severity, practitioner and period, with the rate per 100 sessions (owner)',
      description: `${PERIOD} Defaults to the year up to today. The rate divides the events by the signed notes of sessions in the period (of the practitioner, when filtered). Audited per client shown.`,
      params: clinicSlugParams, querystring: registerFilters, response: { 200: registerPage },
    },
  }, async (request) => adverseEventRegister(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.query));

  app.get('/clinics/:clinicSlug/adverse-events.csv', {
    schema: {
      tags, summary: 'The adverse event register as CSV, with the same filters (owner)',
      description: `${PERIOD} Cells a spreadsheet would run as a formula start with an apostrophe. Audited.`,
      params: clinicSlugParams, querystring: registerFilters,
    },
  }, async (request, reply) => {
    const { lines, period } = await adverseEventCsv(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.query);
    return reply
      .header('Content-Disposition', `attachment; filename="adverse-events-${request.params.clinicSlug}-${period.from}-to-${period.to}.csv"`)
      .header('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(Readable.from(lines));
  });

  app.get('/clinics/:clinicSlug/clients/:clientId/record-access', {
    schema: {
      tags, summary: 'Who viewed or changed a client’s clinical record, newest first, paged with `cursor` (owner)',
      params: clientParams, querystring: recordAccessQuery, response: { 200: recordAccessPage },
    },
  }, async (request) => recordAccess(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId, request.query));

  app.get('/clinics/:clinicSlug/clients/:clientId/record.pdf', {
    schema: {
      tags, summary: 'A client’s clinical record (or the sessions of a period) as a PDF, for a referral letter or a subject access request (owner and the client’s practitioners)',
      description: `${PERIOD} Both are optional. Only signed notes are included. Audited.`,
      params: clientParams, querystring: recordExportQuery,
    },
  }, async (request, reply) => {
    const record = await gatherClinicalRecord(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId, request.query);
    const pdf = await clinicalRecordPdf(record);
    const name = fileSlug(record.client.name);
    return reply
      .header('Content-Disposition', `attachment; filename="clinical-record-${name}.pdf"`)
      .header('Cache-Control', 'no-store')
      .type('application/pdf')
      .send(pdf);
  });

  app.post('/clinics/:clinicSlug/clients/:clientId/fhir-export', {
    schema: {
      tags, summary: 'A client’s record as a FHIR R4 Bundle, shared with the client’s recorded agreement (owner and the client’s practitioners)',
      description: 'Records to whom and why the record goes and that the client agreed (`clientAgreed` must be true), then answers a `collection` Bundle: ' +
        'Patient, Organization, Practitioner, Appointment, Encounter, Procedure (each signed session note; the points needled are body sites coded with their WHO codes ' +
        'in the system `urn:yintang:fhir:CodeSystem:who-acupoint`), QuestionnaireResponse (the latest health questions), Observation (outcome scores) and Consent ' +
        '(the signed treatment consent forms and this share). Reception, other practitioners and other clinics get 404. Audited.',
      params: clientParams, body: fhirExportBody,
    },
  }, async (request, reply) => {
    const { bundle, clientName } = await exportClientFhir(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId, request.body);
    const name = fileSlug(clientName);
    return reply
      .header('Content-Disposition', `attachment; filename="fhir-record-${name}.json"`)
      .header('Cache-Control', 'no-store')
      .type('application/fhir+json; charset=utf-8')
      .send(JSON.stringify(bundle));
  });
};
