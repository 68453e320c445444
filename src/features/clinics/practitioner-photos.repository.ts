import { and, eq } from 'drizzle-orm';
import { practitionerPhotos } from '../../data/schema/index.ts';
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

/**
 * The bytes of one size of a photo, by the hash in its address. Content-addressed:
 * two practitioners with the very same photo share a hash, and either row will do.
 */
export async function photoBytes(db: Queryable, name: { hash: string; size: PhotoSize }): Promise<Buffer | undefined> {
  const column = name.size === 480 ? practitionerPhotos.large : practitionerPhotos.small;
  const [row] = await db.select({ bytes: column }).from(practitionerPhotos).where(eq(practitionerPhotos.hash, name.hash)).limit(1);
  return row?.bytes;
}
