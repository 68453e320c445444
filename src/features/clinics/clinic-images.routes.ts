import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PHOTO_MAX_LABEL, PHOTO_MIN_SIDE } from '../../domain/photos/photo-files.ts';
import { guard, OWNER, STAFF } from '../../server/access.ts';
import { okSchema } from '../common/fields.schema.ts';
import { clinicSlugParams } from './clinics.schema.ts';
import { clinicImageAltBody, clinicImageParams, clinicImagesView, clinicImageUploadForm, clinicImageView } from './clinic-images.schema.ts';
import * as service from './clinic-images.service.ts';
import { documentBodyOnly, mediaRoutes, PHOTO_UPLOAD_LIMITS, readPhotoUpload } from './practitioner-photos.routes.ts';

const tags = ['Clinics'];
const one = '/clinics/:clinicSlug/images/:kind';

/** The clinic's photo and logo: shown on its page and directory card, and in its structured data. */
export const clinicImageRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // Only this plugin's routes accept multipart bodies.
  await app.register(multipart, PHOTO_UPLOAD_LIMITS);

  app.get('/clinics/:clinicSlug/images', {
    schema: { tags, summary: "The clinic's photo and logo (staff)", params: clinicSlugParams, response: { 200: clinicImagesView } },
  }, async (request) => service.listClinicImages(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF)));

  app.put(one, {
    schema: {
      tags,
      summary: "Upload or replace the clinic's photo or logo (owner)",
      description: `A \`multipart/form-data\` body with one file field \`photo\` (a JPEG, PNG or WebP image of up to ${PHOTO_MAX_LABEL}, ` +
        `at least ${PHOTO_MIN_SIDE} pixels on its shorter side) and a text field \`alt\` saying what it shows (required for the photo). ` +
        'The file is checked by its content (415 for other formats, 422 when damaged, 413 when larger), turned upright and stored as ' +
        'WebP without any metadata (no camera details or GPS): the photo cropped to 4:3 (480 × 360 and 160 × 120), the logo fitted ' +
        'uncropped into a white square (480 and 160). The addresses answered name the content and can be cached for ever.',
      consumes: ['multipart/form-data'],
      params: clinicImageParams,
      body: clinicImageUploadForm,
      response: { 200: clinicImageView },
    },
    validatorCompiler: documentBodyOnly,
  }, async (request) => service.uploadClinicImage(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.kind,
    () => readPhotoUpload(request, ['alt'] as const)));

  app.patch(one, {
    schema: { tags, summary: "Change what the clinic's photo or logo is described as (owner)", params: clinicImageParams, body: clinicImageAltBody, response: { 200: clinicImageView } },
  }, async (request) => service.setClinicImageAlt(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.kind, request.body.alt));

  app.delete(one, {
    schema: { tags, summary: "Remove the clinic's photo or logo (owner)", params: clinicImageParams, response: { 200: okSchema } },
  }, async (request) => {
    await service.removeClinicImage(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.kind);
    return { ok: true as const };
  });
};

/** `/media/clinics/{hash}-{480|160}.webp`: the clinic photos and logos the public pages show. */
export const clinicMediaRoutes = mediaRoutes('/media/clinics', 'The image', service.clinicImageBytes);
