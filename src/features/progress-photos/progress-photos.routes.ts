import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import multipart from '@fastify/multipart';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PROGRESS_PHOTO_MAX_BYTES, PROGRESS_PHOTO_MAX_LABEL } from '../../domain/photos/progress-photos.ts';
import { AppError, badRequest } from '../../server/errors.ts';
import { CLINICAL_STAFF, guard, type Role } from '../../server/access.ts';
import { okSchema } from '../common/fields.schema.ts';
import { uploadReadProblem } from '../common/multipart-upload.ts';
import { progressPhotoTooLarge } from './progress-photo-processing.ts';
import {
  clientPhotosParams, photoImageParams, photoParams, progressPhoto, progressPhotoList, uploadFields, uploadForm, withdrawResult, type UploadFields,
} from './progress-photos.schema.ts';
import * as service from './progress-photos.service.ts';
import { PROGRESS_PHOTO_FIELD } from './progress-photos.service.ts';

/** The client themself and their care team; the service narrows it to this client's. */
const PHOTO_ROLES: readonly Role[] = [...CLINICAL_STAFF, 'client', 'reception'];

/** Photos are private health data: no copy is kept by the browser or anything between. */
export const PRIVATE_NO_STORE = 'no-store, private';

/**
 * Reads a multipart upload: its one file into memory (up to the size limit) and its text
 * fields. The file's name and declared type are never read, let alone used or stored.
 * Every way a body can be wrong becomes a 4xx problem, never a 500.
 */
async function readUpload(request: FastifyRequest): Promise<{ file: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'unsupported-media-type', 'Send the photo as a form upload',
      `Send the photo as multipart/form-data, in a file field named "${PROGRESS_PHOTO_FIELD}".`);
  }
  let file: Buffer | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === PROGRESS_PHOTO_FIELD) file = bytes;
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    throw uploadReadProblem(error, PROGRESS_PHOTO_FIELD, progressPhotoTooLarge);
  }
  if (!file) throw badRequest('Choose a photo to upload.', [{ field: PROGRESS_PHOTO_FIELD, message: 'Choose a photo to upload' }]);
  return { file, fields };
}

/** The upload's text fields, checked with the same schema the API reference shows. */
function parseFields(fields: Record<string, string>): UploadFields {
  const parsed = uploadFields.safeParse(fields);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
  throw badRequest(errors.length === 1 ? errors[0]!.message : 'Please check the highlighted fields.', errors);
}

/** Multipart bodies are read as a stream by the handler; the schema only documents the form. */
const documentBodyOnly: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);

const tags = ['Progress photos'];
const base = '/clinics/:clinicSlug/clients/:clientId';

/** A client's progress photos and their photo consent: for the client and their care team only. */
export const progressPhotoRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  await app.register(multipart, {
    limits: { fileSize: PROGRESS_PHOTO_MAX_BYTES, files: 1, fields: 8, fieldSize: 200, parts: 10, headerPairs: 50 },
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', PRIVATE_NO_STORE);
  });
  const actorOf = (request: FastifyRequest<{ Params: { clinicSlug: string } }>) => guard(ctx.database, request, request.params.clinicSlug, PHOTO_ROLES);

  app.get(`${base}/progress-photos`, {
    schema: { tags, summary: "A client's progress photos (no bytes) and their photo consent (the client, their practitioners, the owner)", params: clientPhotosParams, response: { 200: progressPhotoList } },
  }, async (request) => service.listPhotos(ctx, await actorOf(request), request.params.clientId));

  app.post(`${base}/progress-photos`, {
    schema: {
      tags,
      summary: 'Add a progress photo (the client, their practitioners, the owner; only with the client’s photo consent)',
      description: `A \`multipart/form-data\` body with one file field \`photo\` (a JPEG, PNG or WebP photo of up to ${PROGRESS_PHOTO_MAX_LABEL}) and its tag. ` +
        'Without the client’s photo consent: 403 `photo-consent-required`, and the file is not read. The file is checked by its content ' +
        '(other formats 415, damaged files 422, more than 50 megapixels 422, larger files 413), turned upright, resized to at most 1600 pixels ' +
        'and stored as JPEG without any metadata (no camera details or GPS); its name is ignored.',
      consumes: ['multipart/form-data'],
      params: clientPhotosParams,
      body: uploadForm,
      response: { 201: progressPhoto },
    },
    validatorCompiler: documentBodyOnly,
  }, async (request, reply) => reply.status(201).send(
    await service.uploadPhoto(ctx, await actorOf(request), request.params.clientId, () => readUpload(request), parseFields),
  ));

  app.get(`${base}/progress-photos/:photoId/:size`, {
    schema: { tags, summary: 'One progress photo (JPEG), `full` or `thumb`; never cached, every view audited', params: photoImageParams },
  }, async (request, reply) => {
    const bytes = await service.photoImage(ctx, await actorOf(request), request.params.clientId, request.params.photoId, request.params.size);
    return reply.type('image/jpeg').header('X-Content-Type-Options', 'nosniff').header('Content-Disposition', 'inline').send(bytes);
  });

  app.delete(`${base}/progress-photos/:photoId`, {
    schema: { tags, summary: 'Delete one progress photo at once (the client, their practitioners, the owner)', params: photoParams, response: { 200: okSchema } },
  }, async (request) => {
    await service.deletePhoto(ctx, await actorOf(request), request.params.clientId, request.params.photoId);
    return { ok: true as const };
  });

  app.post(`${base}/photo-consent/withdraw`, {
    schema: {
      tags,
      summary: 'Withdraw the client’s photo consent: every progress photo of theirs is deleted at once and the client is e-mailed (the client, or their care team when told)',
      params: clientPhotosParams, response: { 200: withdrawResult },
    },
  }, async (request) => service.withdrawPhotoConsent(ctx, await actorOf(request), request.params.clientId));
};
