import { and, eq } from 'drizzle-orm';
import { practitionerPhotos } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { notFound } from '../../server/errors.ts';
import { recordAudit } from '../../server/audit.ts';
import type { Actor } from '../../server/access.ts';
import { processPhoto } from './photo-processing.ts';
import { profileActor } from './qualifications.service.ts';
import type { PhotoView } from './practitioner-photos.schema.ts';
import { photoOf, retireCurrentPhoto, toPhotoView } from './practitioner-photos.repository.ts';

/** The form field that carries the file. */
export const PHOTO_FIELD = 'photo';

/**
 * Sets (or replaces) a practitioner's photo: the owner for anyone in their clinic, a
 * practitioner for themself. The file is checked and resized before anything is written;
 * the audit row records who and which photo (its hash), never the image.
 */
export async function uploadPhoto(ctx: AppContext, staff: Actor, userId: string, readUpload: () => Promise<Buffer>): Promise<PhotoView> {
  const actor = await profileActor(ctx, staff, userId);
  // The upload is read only once the actor may change this profile.
  const input = await readUpload();
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
    await recordAudit(tx, actor, {
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
export async function removePhoto(ctx: AppContext, staff: Actor, userId: string) {
  const actor = await profileActor(ctx, staff, userId);
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.delete(practitionerPhotos)
      .where(and(eq(practitionerPhotos.clinicId, actor.clinicId), eq(practitionerPhotos.practitionerId, userId)))
      .returning({ hash: practitionerPhotos.hash });
    if (!row) throw notFound('The photo');
    await recordAudit(tx, actor, {
      action: 'member.photo_remove', entityType: 'membership', entityId: userId, clinicId: actor.clinicId, actorRole: actor.role,
      details: { hash: row.hash },
    });
  });
}
