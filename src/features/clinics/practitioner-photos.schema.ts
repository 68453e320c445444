import { z } from 'zod';
import { PHOTO_MAX_BYTES, PHOTO_MAX_LABEL } from '../../domain/photos/photo-files.ts';

/** A practitioner's photo as the staff app sees it: where its two sizes are served. */
export const photoView = z.object({
  url: z.string().describe('The 480 × 480 WebP, e.g. `/media/practitioners/{hash}-480.webp` (a path on this server, cached for a year).'),
  thumbnailUrl: z.string().describe('The 160 × 160 WebP for cards and lists.'),
  updatedAt: z.iso.datetime(),
});
export type PhotoView = z.infer<typeof photoView>;

/**
 * The upload's form, for the API reference only: multipart bodies are read as a stream by
 * the handler, which checks the file itself (its bytes, not its name or declared type).
 */
export const photoUploadForm = z.object({
  photo: z.file().mime(['image/jpeg', 'image/png', 'image/webp']).max(PHOTO_MAX_BYTES)
    .describe(`A JPEG, PNG or WebP photo of up to ${PHOTO_MAX_LABEL}, at least 160 pixels on its shorter side.`),
});

/** `GET /media/practitioners/{file}`: `{hash}-{480|160}.webp`. */
export const photoFileParams = z.object({ file: z.string().max(64) });
