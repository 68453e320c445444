import { and, eq } from 'drizzle-orm';
import { clinicImages, clinics, type ClinicImageKind } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { badRequest, notFound } from '../../server/errors.ts';
import { recordAudit } from '../../server/audit.ts';
import type { Actor } from '../../server/access.ts';
import { clinicImagePath, type PhotoSize } from '../../domain/photos/photo-files.ts';
import { LOGO, PREMISES, processPhoto } from './photo-processing.ts';
import { retireClinicImage, retiredPhotoBytes } from './practitioner-photos.repository.ts';
import { altField, type ClinicImagesView, type ClinicImageView } from './clinic-images.schema.ts';

const toView = (row: { hash: string; alt: string; updatedAt: Date }): ClinicImageView => ({
  url: clinicImagePath(row.hash, 480),
  thumbnailUrl: clinicImagePath(row.hash, 160),
  alt: row.alt,
  updatedAt: row.updatedAt.toISOString(),
});

const columns = { kind: clinicImages.kind, hash: clinicImages.hash, alt: clinicImages.alt, updatedAt: clinicImages.updatedAt };

/** The clinic's photo and logo, without their bytes (staff). */
export async function listClinicImages(ctx: AppContext, actor: Actor): Promise<ClinicImagesView> {
  const rows = await ctx.database.db.select(columns).from(clinicImages).where(eq(clinicImages.clinicId, actor.clinicId));
  const of = (kind: ClinicImageKind) => { const row = rows.find((r) => r.kind === kind); return row ? toView(row) : null; };
  return { photo: of('photo'), logo: of('logo') };
}

/**
 * The text alternative of an upload: the photo must have one written by the owner (only
 * they know what it shows); a logo stands for the clinic's name, so that is its default.
 */
function altOf(kind: ClinicImageKind, alt: string | undefined, clinicName: string): string {
  if (alt === undefined || alt.trim() === '') {
    if (kind === 'logo') return `${clinicName} logo`;
    throw badRequest('Describe the photo in a few words for people who cannot see it.', [{ field: 'alt', message: 'Describe the photo in a few words' }]);
  }
  const parsed = altField.safeParse(alt);
  if (!parsed.success) throw badRequest('The description of the image is too long.', [{ field: 'alt', message: parsed.error.issues[0]!.message }]);
  return parsed.data;
}

/**
 * Sets (or replaces) the clinic's photo or logo (owner). The text is checked first, then
 * the file (by its content) is cut and re-encoded with no metadata, before anything is
 * written; the audit row names the image by its hash, never its bytes.
 */
export async function uploadClinicImage(
  ctx: AppContext, actor: Actor, kind: ClinicImageKind,
  readUpload: () => Promise<{ photo: Buffer; fields: { alt?: string } }>,
): Promise<ClinicImageView> {
  const { photo, fields } = await readUpload();
  const [clinic] = await ctx.database.db.select({ name: clinics.name }).from(clinics).where(eq(clinics.id, actor.clinicId));
  const alt = altOf(kind, fields.alt, clinic!.name);
  const processed = await processPhoto(photo, kind === 'logo' ? LOGO : PREMISES);
  return ctx.database.transaction(async (tx) => {
    const [previous] = await tx.select({ hash: clinicImages.hash }).from(clinicImages)
      .where(and(eq(clinicImages.clinicId, actor.clinicId), eq(clinicImages.kind, kind)));
    // Pages cached before this change still point at the old image: keep it for a day.
    if (previous && previous.hash !== processed.hash) await retireClinicImage(tx, actor.clinicId, kind);
    const values = { hash: processed.hash, large: processed.sizes[480], small: processed.sizes[160], alt, updatedBy: actor.userId, updatedAt: new Date() };
    const [row] = await tx.insert(clinicImages).values({ clinicId: actor.clinicId, kind, ...values })
      .onConflictDoUpdate({ target: [clinicImages.clinicId, clinicImages.kind], set: values })
      .returning(columns);
    await recordAudit(tx, actor, {
      action: previous ? 'clinic.image_replace' : 'clinic.image_upload', entityType: 'clinic', entityId: actor.clinicId, clinicId: actor.clinicId, actorRole: actor.role,
      details: { kind, hash: processed.hash, previousHash: previous?.hash ?? null, sourceType: processed.sourceType, sourceBytes: photo.length },
    });
    return toView(row!);
  });
}

/** Changes the text alternative of the clinic's photo or logo (owner); 404 when there is none. */
export async function setClinicImageAlt(ctx: AppContext, actor: Actor, kind: ClinicImageKind, alt: string): Promise<ClinicImageView> {
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.update(clinicImages).set({ alt, updatedBy: actor.userId, updatedAt: new Date() })
      .where(and(eq(clinicImages.clinicId, actor.clinicId), eq(clinicImages.kind, kind)))
      .returning(columns);
    if (!row) throw notFound(kind === 'logo' ? 'The logo' : 'The photo');
    await recordAudit(tx, actor, { action: 'clinic.image_alt', entityType: 'clinic', entityId: actor.clinicId, clinicId: actor.clinicId, actorRole: actor.role, details: { kind } });
    return toView(row);
  });
}

/**
 * Removes the clinic's photo or logo (owner). Not kept for cached pages: whoever removes
 * an image wants it gone, and pages cached before are renewed (the page version moves).
 */
export async function removeClinicImage(ctx: AppContext, actor: Actor, kind: ClinicImageKind) {
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.delete(clinicImages)
      .where(and(eq(clinicImages.clinicId, actor.clinicId), eq(clinicImages.kind, kind)))
      .returning({ hash: clinicImages.hash });
    if (!row) throw notFound(kind === 'logo' ? 'The logo' : 'The photo');
    await recordAudit(tx, actor, { action: 'clinic.image_remove', entityType: 'clinic', entityId: actor.clinicId, clinicId: actor.clinicId, actorRole: actor.role, details: { kind, hash: row.hash } });
  });
}

/** The bytes of one size of a clinic image, by the hash in its address (content-addressed); one replaced in the last day too. */
export async function clinicImageBytes(db: Queryable, name: { hash: string; size: PhotoSize }): Promise<Buffer | undefined> {
  const column = name.size === 480 ? clinicImages.large : clinicImages.small;
  const [row] = await db.select({ bytes: column }).from(clinicImages).where(eq(clinicImages.hash, name.hash)).limit(1);
  return row ? row.bytes : retiredPhotoBytes(db, name);
}
