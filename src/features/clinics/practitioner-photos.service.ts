import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { practitionerPhotos } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../server/errors.ts';
import { recordAudit } from '../../server/audit.ts';
import { photoTooLarge, processPhoto } from './photo-processing.ts';
import { profileActor } from './qualifications.service.ts';
import type { PhotoView } from './practitioner-photos.schema.ts';
import { photoOf, retireCurrentPhoto, toPhotoView } from './practitioner-photos.repository.ts';

/** The form field that carries the file. */
export const PHOTO_FIELD = 'photo';

/**
 * Reads the one file of a multipart upload into memory, up to the size limit. Every way a
 * body can be wrong (not multipart, no file, too big, several files, cut short) becomes a
 * 4xx problem, never a 500.
 */
async function readUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'unsupported-media-type', 'Send the photo as a form upload',
      `Send the photo as multipart/form-data, in a file field named "${PHOTO_FIELD}".`);
  }
  let photo: Buffer | undefined;
  try {
    // Read the whole body, so a second file (over the limit of one) or a body cut short is
    // noticed; other fields are ignored.
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === PHOTO_FIELD) photo = bytes;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw badRequest('Send one photo at a time.', [{ field: PHOTO_FIELD, message: 'Send one file only' }]);
    }
    throw badRequest('The upload was cut short or could not be read. Please try again.');
  }
  if (photo) return photo;
  throw badRequest('Choose a photo to upload.', [{ field: PHOTO_FIELD, message: 'Choose a photo to upload' }]);
}

/**
 * Sets (or replaces) a practitioner's photo: the owner for anyone in their clinic, a
 * practitioner for themself. The file is checked and resized before anything is written;
 * the audit row records who and which photo (its hash), never the image.
 */
export async function uploadPhoto(ctx: AppContext, request: FastifyRequest, slug: string, userId: string): Promise<PhotoView> {
  const actor = await profileActor(ctx, request, slug, userId);
  const input = await readUpload(request);
  const processed = await processPhoto(input);
  return ctx.database.transaction(async (tx) => {
    const previous = await photoOf(tx, actor.clinicId, userId);
    // Pages cached before this change still point at the old photo: keep it for a day.
    if (previous && previous.hash !== processed.hash) await retireCurrentPhoto(tx, actor.clinicId, userId);
    const values = { hash: processed.hash, large: processed.sizes[480], small: processed.sizes[160], updatedBy: actor.userId, updatedAt: new Date() };
    const [row] = await tx.insert(practitionerPhotos)
      .values({ clinicId: actor.clinicId, practitionerId: userId, ...values })
      .onConflictDoUpdate({ target: [practitionerPhotos.clinicId, practitionerPhotos.practitionerId], set: values })
      .returning({ hash: practitionerPhotos.hash, updatedAt: practitionerPhotos.updatedAt });
    await recordAudit(tx, request, {
      action: previous ? 'member.photo_replace' : 'member.photo_upload', entityType: 'membership', entityId: userId,
      clinicId: actor.clinicId, actorRole: actor.role,
      details: { hash: processed.hash, previousHash: previous?.hash ?? null, sourceType: processed.sourceType, sourceBytes: input.length },
    });
    return toPhotoView(row!);
  });
}

/**
 * Removes a practitioner's photo; the website shows their initials again. Unlike a
 * replaced photo it is not kept for cached pages: whoever removes it wants it gone. 404
 * when there is none.
 */
export async function removePhoto(ctx: AppContext, request: FastifyRequest, slug: string, userId: string) {
  const actor = await profileActor(ctx, request, slug, userId);
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.delete(practitionerPhotos)
      .where(and(eq(practitionerPhotos.clinicId, actor.clinicId), eq(practitionerPhotos.practitionerId, userId)))
      .returning({ hash: practitionerPhotos.hash });
    if (!row) throw notFound('The photo');
    await recordAudit(tx, request, {
      action: 'member.photo_remove', entityType: 'membership', entityId: userId, clinicId: actor.clinicId, actorRole: actor.role,
      details: { hash: row.hash },
    });
  });
}
