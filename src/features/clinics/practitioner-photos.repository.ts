import { and, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import { clinicImages, practitionerPhotos, retiredPractitionerPhotos } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import { photoPath, type PhotoSize } from '../../domain/photos/photo-files.ts';
import type { PhotoView } from './practitioner-photos.schema.ts';

export const toPhotoView = (row: { hash: string; updatedAt: Date }): PhotoView => ({
  url: photoPath(row.hash, 480),
  thumbnailUrl: photoPath(row.hash, 160),
  updatedAt: row.updatedAt.toISOString(),
});

/** A practitioner's photo, without its bytes; undefined when they have none. */
export async function photoOf(db: Queryable, clinicId: string, practitionerId: string) {
  const [row] = await db.select({ hash: practitionerPhotos.hash, updatedAt: practitionerPhotos.updatedAt })
    .from(practitionerPhotos)
    .where(and(eq(practitionerPhotos.clinicId, clinicId), eq(practitionerPhotos.practitionerId, practitionerId)));
  return row;
}

/** How long a replaced photo is still served at its old address. */
export const RETIRED_PHOTO_MS = 86_400_000;

/**
 * The bytes of one size of a photo, by the hash in its address. Content-addressed:
 * two practitioners with the very same photo share a hash, and either row will do. A
 * photo replaced in the last day is still found (see `retiredPractitionerPhotos`).
 */
export async function photoBytes(db: Queryable, name: { hash: string; size: PhotoSize }): Promise<Buffer | undefined> {
  const column = name.size === 480 ? practitionerPhotos.large : practitionerPhotos.small;
  const [row] = await db.select({ bytes: column }).from(practitionerPhotos).where(eq(practitionerPhotos.hash, name.hash)).limit(1);
  if (row) return row.bytes;
  return retiredPhotoBytes(db, name);
}

/** The bytes of a photo replaced in the last day (a practitioner's, or a clinic's photo or logo). */
export async function retiredPhotoBytes(db: Queryable, name: { hash: string; size: PhotoSize }): Promise<Buffer | undefined> {
  const retiredColumn = name.size === 480 ? retiredPractitionerPhotos.large : retiredPractitionerPhotos.small;
  const [retired] = await db.select({ bytes: retiredColumn }).from(retiredPractitionerPhotos)
    .where(and(eq(retiredPractitionerPhotos.hash, name.hash), gt(retiredPractitionerPhotos.retiredAt, new Date(Date.now() - RETIRED_PHOTO_MS))));
  return retired?.bytes;
}

/**
 * Keeps a practitioner's current photo for a day before it is replaced, and deletes the
 * photos kept longer than that (in every clinic: the table stays small).
 */
export async function retireCurrentPhoto(tx: Queryable, clinicId: string, practitionerId: string) {
  await retire(tx, sql`select hash, clinic_id, large, small from ${practitionerPhotos} where clinic_id = ${clinicId} and practitioner_id = ${practitionerId}`);
}

/**
 * The same for a clinic's photo or logo: its replaced image is kept in the same table (the
 * rows are content-addressed WebP like the practitioners', only their shape differs).
 */
export async function retireClinicImage(tx: Queryable, clinicId: string, kind: 'photo' | 'logo') {
  await retire(tx, sql`select hash, clinic_id, large, small from ${clinicImages} where clinic_id = ${clinicId} and kind = ${kind}`);
}

async function retire(tx: Queryable, current: SQL) {
  await tx.delete(retiredPractitionerPhotos).where(lt(retiredPractitionerPhotos.retiredAt, new Date(Date.now() - RETIRED_PHOTO_MS)));
  await tx.execute(sql`
    insert into ${retiredPractitionerPhotos} (hash, clinic_id, large, small)
    ${current}
    on conflict (clinic_id, hash) do update set retired_at = now()`);
}
