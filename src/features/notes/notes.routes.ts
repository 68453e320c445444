import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { STAFF, guard } from '../../server/access.ts';
import { amendBody, draftBody, note, noteParams, noteSession, signBody } from './notes.schema.ts';
import * as notes from './notes.service.ts';

const tags = ['Session notes'];

/**
 * The session note of an appointment. Staff routes; the service narrows them to the
 * client's care team and the owner (reception and other clinics: 404), writes to the
 * appointment's practitioner.
 */
export const noteRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/bookings/:bookingId/note', {
    schema: { tags, summary: 'Open the note of an appointment, with the client’s last three notes, health-answer changes and screening findings (care team, owner)', params: noteParams, response: { 200: noteSession } },
  }, async (request) => notes.openNote(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.bookingId));
  app.put('/clinics/:clinicSlug/bookings/:bookingId/note', {
    schema: { tags, summary: 'Save the draft, whole (autosave; the first save creates the note; the appointment’s practitioner)', params: noteParams, body: draftBody, response: { 200: note, 201: note } },
  }, async (request, reply) => {
    const result = await notes.saveDraft(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.bookingId, request.body);
    return reply.status(result.created ? 201 : 200).send(result.note);
  });
  app.post('/clinics/:clinicSlug/bookings/:bookingId/note/sign', {
    schema: { tags, summary: 'Sign the note: refused while needles are unreconciled or a screening review is outstanding; then locked', params: noteParams, body: signBody, response: { 200: note } },
  }, async (request) => notes.signNote(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.bookingId, request.body));
  app.post('/clinics/:clinicSlug/bookings/:bookingId/note/amendments', {
    schema: { tags, summary: 'Correct a signed note: the original stays; the amendment records what changed, who and why', params: noteParams, body: amendBody, response: { 201: note } },
  }, async (request, reply) => reply.status(201).send(await notes.amendNote(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.bookingId, request.body)));
};
