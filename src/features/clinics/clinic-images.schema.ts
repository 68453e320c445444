import { z } from 'zod';
import { CLINIC_IMAGE_KINDS } from '../../data/schema/photos.ts';
import { PHOTO_MAX_BYTES, PHOTO_MAX_LABEL } from '../../domain/photos/photo-files.ts';
import { clinicSlugParams } from './clinics.schema.ts';

/** The most characters of a text alternative: a sentence, not a description of everything. */
export const ALT_MAX = 200;

export const altField = z.string().trim().min(1, 'Describe the image in a few words').max(ALT_MAX, `Please keep it under ${ALT_MAX} characters`);

/** A clinic's photo or logo as the owner's settings see it. */
export const clinicImageView = z.object({
  url: z.string().describe('The 480-pixel-wide WebP, e.g. `/media/clinics/{hash}-480.webp` (a path on this server, cached for a year).'),
  thumbnailUrl: z.string().describe('The 160-pixel-wide WebP, for directory cards.'),
  alt: z.string().describe('The text alternative the owner wrote, shown to people who cannot see the image.'),
  updatedAt: z.iso.datetime(),
});
export type ClinicImageView = z.infer<typeof clinicImageView>;

export const clinicImagesView = z.object({ photo: clinicImageView.nullable(), logo: clinicImageView.nullable() });
export type ClinicImagesView = z.infer<typeof clinicImagesView>;

export const clinicImageParams = clinicSlugParams.extend({ kind: z.enum(CLINIC_IMAGE_KINDS) });

/** The upload's form, for the API reference only (the handler reads the stream itself). */
export const clinicImageUploadForm = z.object({
  photo: z.file().mime(['image/jpeg', 'image/png', 'image/webp']).max(PHOTO_MAX_BYTES)
    .describe(`A JPEG, PNG or WebP image of up to ${PHOTO_MAX_LABEL}, at least 160 pixels on its shorter side.`),
  alt: altField.optional().describe('What the image shows, for people who cannot see it. Required for the photo; a logo defaults to "{clinic} logo".'),
});

export const clinicImageAltBody = z.strictObject({ alt: altField });
