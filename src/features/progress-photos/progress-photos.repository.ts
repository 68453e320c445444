import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { progressPhotos } from '../../data/schema/index.ts';
import { photoLabel } from '../../domain/photos/progress-photos.ts';
import type { ProgressPhoto } from './progress-photos.schema.ts';

/** Every column but the bytes: lists never read the images. */
const meta = {
  id: progressPhotos.id, clientId: progressPhotos.clientId, bookingId: progressPhotos.bookingId, stage: progressPhotos.stage,
  sessionNumber: progressPhotos.sessionNumber, view: progressPhotos.view, takenOn: progressPhotos.takenOn, width: progressPhotos.width,
  height: progressPhotos.height, uploadedByRole: progressPhotos.uploadedByRole, createdAt: progressPhotos.createdAt,
};
type PhotoMeta = Awaited<ReturnType<typeof photosOf>>[number];

/** Where a photo is served: under its client, so the address itself is checked against the viewer. */
export const photoAddress = (clinicSlug: string, clientId: string, photoId: string, size: 'full' | 'thumb') =>
  `/api/v1/clinics/${encodeURIComponent(clinicSlug)}/clients/${clientId}/progress-photos/${photoId}/${size}`;

export const toProgressPhoto = (clinicSlug: string, r: PhotoMeta): ProgressPhoto => ({
  id: r.id, stage: r.stage, sessionNumber: r.sessionNumber, view: r.view, label: photoLabel(r), takenOn: r.takenOn, bookingId: r.bookingId,
  width: r.width, height: r.height,
  imageUrl: photoAddress(clinicSlug, r.clientId, r.id, 'full'), thumbnailUrl: photoAddress(clinicSlug, r.clientId, r.id, 'thumb'),
  uploadedBy: r.uploadedByRole === 'client' ? 'client' : 'staff', createdAt: r.createdAt.toISOString(),
});

/** A client's photos without their bytes, oldest first. */
export async function photosOf(q: Queryable, clinicId: string, clientId: string) {
  return q.select(meta).from(progressPhotos)
    .where(and(eq(progressPhotos.clinicId, clinicId), eq(progressPhotos.clientId, clientId)))
    .orderBy(asc(progressPhotos.takenOn), asc(progressPhotos.createdAt));
}

/** One size of one photo of a client; undefined when there is no such photo of that client. */
export async function photoBytesOf(q: Queryable, clinicId: string, clientId: string, photoId: string, size: 'full' | 'thumb') {
  const [row] = await q.select({ bytes: size === 'full' ? progressPhotos.image : progressPhotos.thumbnail }).from(progressPhotos)
    .where(and(eq(progressPhotos.clinicId, clinicId), eq(progressPhotos.clientId, clientId), eq(progressPhotos.id, photoId)));
  return row?.bytes;
}

/** Deletes one photo of a client, or all of them; returns the ids deleted. */
export async function deletePhotos(q: Queryable, clinicId: string, clientId: string, photoId?: string) {
  const rows = await q.delete(progressPhotos)
    .where(and(eq(progressPhotos.clinicId, clinicId), eq(progressPhotos.clientId, clientId), photoId ? eq(progressPhotos.id, photoId) : undefined))
    .returning({ id: progressPhotos.id });
  return rows.map((r) => r.id);
}

export { meta as photoMetaColumns };
export type { PhotoMeta };
