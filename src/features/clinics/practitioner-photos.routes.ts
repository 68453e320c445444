import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import multipart from '@fastify/multipart';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PHOTO_MAX_BYTES, PHOTO_MAX_LABEL, PHOTO_MIN_SIDE, parsePhotoFileName, type PhotoSize } from '../../domain/photos/photo-files.ts';
import type { Queryable } from '../../data/db.ts';
import { AppError, badRequest, notFound, tooManyRequests } from '../../server/errors.ts';
import { photoTooLarge } from './photo-processing.ts';
import { addressKey, MemoryRateLimiter } from '../../server/memory-rate-limit.ts';
import { okSchema } from '../common/fields.schema.ts';
import { uploadReadProblem } from '../common/multipart-upload.ts';
import { memberPathParams } from './qualifications.schema.ts';
import { photoFileParams, photoUploadForm, photoView } from './practitioner-photos.schema.ts';
import * as service from './practitioner-photos.service.ts';
import { PHOTO_FIELD } from './practitioner-photos.service.ts';
import { photoBytes } from './practitioner-photos.repository.ts';
import { CLINICAL_STAFF, guard } from '../../server/access.ts';

/**
 * Reads the one file of a multipart upload into memory, up to the size limit, and the
 * short text fields named in `fields` (others are ignored). Every way a body can be wrong
 * (not multipart, no file, too big, several files, cut short) becomes a 4xx problem,
 * never a 500.
 */
export async function readPhotoUpload<F extends string>(request: FastifyRequest, fields: readonly F[] = []): Promise<{ photo: Buffer; fields: Partial<Record<F, string>> }> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'unsupported-media-type', 'Send the photo as a form upload',
      `Send the photo as multipart/form-data, in a file field named "${PHOTO_FIELD}".`);
  }
  let photo: Buffer | undefined;
  const values: Partial<Record<F, string>> = {};
  try {
    // Read the whole body, so a second file (over the limit of one) or a body cut short is
    // noticed.
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === PHOTO_FIELD) photo = bytes;
      } else if ((fields as readonly string[]).includes(part.fieldname) && typeof part.value === 'string') {
        values[part.fieldname as F] = part.value;
      }
    }
  } catch (error) {
    throw uploadReadProblem(error, PHOTO_FIELD, photoTooLarge);
  }
  if (photo) return { photo, fields: values };
  throw badRequest('Choose a photo to upload.', [{ field: PHOTO_FIELD, message: 'Choose a photo to upload' }]);
}

/** Multipart limits of the photo uploads: one file, at most PHOTO_MAX_BYTES, a few short fields. */
export const PHOTO_UPLOAD_LIMITS = {
  limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 50 },
};

const tags = ['Staff profiles'];
const base = '/clinics/:clinicSlug/members/:userId';

/**
 * Multipart bodies are read as a stream by the handler, so the body schema only documents
 * the form in the API reference; the other parts of the request are validated as usual.
 */
export const documentBodyOnly: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);

/** Uploading, replacing and removing a practitioner's profile photo (owner, or themself). */
export const practitionerPhotoRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // Only this plugin's routes accept multipart bodies: one file, at most PHOTO_MAX_BYTES.
  await app.register(multipart, PHOTO_UPLOAD_LIMITS);

  app.put(`${base}/photo`, {
    schema: {
      tags,
      summary: "Upload or replace a practitioner's photo (owner, or themself)",
      description: `A \`multipart/form-data\` body with one file field \`photo\`: a JPEG, PNG or WebP photo of up to ${PHOTO_MAX_LABEL}, ` +
        `at least ${PHOTO_MIN_SIDE} pixels on its shorter side. The file is checked by its content, not its name or declared type ` +
        '(SVG and other formats are refused with 415, damaged files with 422, larger files with 413), turned upright, cropped to a square ' +
        'around its most interesting part, and stored as 480 × 480 and 160 × 160 WebP without any metadata (no camera details or GPS). ' +
        'The addresses answered name the content, so they change with every new photo and can be cached for ever.',
      consumes: ['multipart/form-data'],
      params: memberPathParams,
      body: photoUploadForm,
      response: { 200: photoView },
    },
    validatorCompiler: documentBodyOnly,
  }, async (request) => service.uploadPhoto(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId, async () => (await readPhotoUpload(request)).photo));

  app.delete(`${base}/photo`, {
    schema: { tags, summary: "Remove a practitioner's photo (owner, or themself); the website shows their initials again", params: memberPathParams, response: { 200: okSchema } },
  }, async (request) => {
    await service.removePhoto(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId);
    return { ok: true as const };
  });
};

/** A year: the address changes whenever the photo does (RFC 8246 `immutable`). */
export const PHOTO_CACHE = 'public, max-age=31536000, immutable';

/** If-None-Match: a list of tags, weak or strong (RFC 9110, 13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  return !!header && header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Serves content-addressed WebP images at `{prefix}/{hash}-{480|160}.webp`, looked up by
 * `bytesOf`: cached for ever, revalidated by ETag without a database read.
 */
export function mediaRoutes(prefix: string, what: string, bytesOf: (db: Queryable, name: { hash: string; size: PhotoSize }) => Promise<Buffer | undefined>): FastifyPluginAsyncZod {
  return async (app) => {
    const { database, config } = app.ctx;
    // Counted in memory, not in the database: a 304 revalidation must stay cheaper than the
    // limit that guards it. Counted before validation, so malformed names count too.
    const limiter = new MemoryRateLimiter(config.MEDIA_PER_IP_PER_MIN, 60_000);
    const limit = async (request: FastifyRequest) => {
      const wait = limiter.hit(addressKey(request.ip));
      if (wait !== undefined) throw tooManyRequests(wait);
    };
    app.get(`${prefix}/:file`, { schema: { hide: true, params: photoFileParams }, onRequest: limit }, async (request, reply) => {
      const name = parsePhotoFileName(request.params.file);
      if (!name) throw notFound(what);
      const etag = `"${name.hash}-${name.size}"`;
      // The name is the content: a copy the browser already holds is the right one.
      if (matchesEtag(request.headers['if-none-match'], etag)) {
        return reply.status(304).header('ETag', etag).header('Cache-Control', PHOTO_CACHE).send();
      }
      const bytes = await bytesOf(database.db, name);
      if (!bytes) throw notFound(what);
      return reply
        .type('image/webp')
        .header('Cache-Control', PHOTO_CACHE)
        .header('ETag', etag)
        .header('X-Content-Type-Options', 'nosniff')
        .send(bytes);
    });
  };
}

/** `/media/practitioners/{hash}-{480|160}.webp`: the photos the public pages and the app show. */
export const practitionerMediaRoutes = mediaRoutes('/media/practitioners', 'The photo', photoBytes);
