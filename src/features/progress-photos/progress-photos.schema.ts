import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { consentStatusEnum } from '../consent/consent.schema.ts';
import { PHOTO_STAGES, PHOTO_VIEWS, PROGRESS_PHOTO_MAX_BYTES, PROGRESS_PHOTO_MAX_LABEL } from '../../domain/photos/progress-photos.ts';

export const clientPhotosParams = clinicSlugParams.extend({ clientId: uuidParam });
export const photoParams = clientPhotosParams.extend({ photoId: uuidParam });
export const photoImageParams = photoParams.extend({ size: z.enum(['full', 'thumb']) });

/** One progress photo as the client and their care team see it (no bytes: those have their own address). */
export const progressPhoto = z.object({
  id: z.string(),
  stage: z.enum(PHOTO_STAGES),
  sessionNumber: z.number().int().nullable(),
  view: z.enum(PHOTO_VIEWS),
  /** "Session 10 · Left side". */
  label: z.string(),
  /** The day it was taken, in the clinic's time zone. */
  takenOn: z.iso.date(),
  bookingId: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  imageUrl: z.string().describe('The photo (JPEG, at most 1600 pixels), an authorised address never cached.'),
  thumbnailUrl: z.string().describe('The thumbnail (JPEG, at most 400 pixels).'),
  uploadedBy: z.enum(['client', 'staff']),
  createdAt: z.iso.datetime(),
});
export type ProgressPhoto = z.infer<typeof progressPhoto>;

/** The photo consent form: its current text (to read and sign) and where the client stands. */
export const photoConsent = z.object({
  status: consentStatusEnum,
  signedAt: z.iso.datetime().nullable(),
  current: z.object({ version: z.number().int(), title: z.string(), html: z.string(), textHash: z.string() }),
});

export const progressPhotoList = z.object({
  clientId: z.string(),
  clientName: z.string(),
  timeZone: z.string(),
  consent: photoConsent,
  photos: z.array(progressPhoto),
});
export type ProgressPhotoList = z.infer<typeof progressPhotoList>;

/** What a form field of the upload may hold (multipart fields are text). */
const optionalText = z.string().trim().optional().transform((v) => (v === '' ? undefined : v));

/** The upload's text fields, validated after the stream is read. */
export const uploadFields = z.strictObject({
  stage: z.enum(PHOTO_STAGES, { message: 'Choose baseline or a session' }),
  sessionNumber: optionalText.pipe(z.string().regex(/^\d{1,3}$/, 'Enter a session number from 1 to 500').transform(Number).optional()),
  view: z.enum(PHOTO_VIEWS, { message: 'Choose front, left side or right side' }),
  takenOn: optionalText.pipe(z.iso.date({ message: 'Enter a date such as 2030-03-04' }).optional()),
  bookingId: optionalText.pipe(z.uuid({ message: 'Not a valid session' }).optional()),
});
export type UploadFields = z.infer<typeof uploadFields>;

/** The upload's form, for the API reference only: the handler reads the stream and checks the file by its bytes. */
export const uploadForm = z.object({
  photo: z.file().mime(['image/jpeg', 'image/png', 'image/webp']).max(PROGRESS_PHOTO_MAX_BYTES)
    .describe(`A JPEG, PNG or WebP photo of up to ${PROGRESS_PHOTO_MAX_LABEL}.`),
  stage: z.enum(PHOTO_STAGES),
  sessionNumber: z.string().optional().describe('Required for a session photo: its number in the course (1–500).'),
  view: z.enum(PHOTO_VIEWS),
  takenOn: z.string().optional().describe('YYYY-MM-DD in the clinic’s time zone; defaults to the session’s day, else today.'),
  bookingId: z.string().optional().describe('The session it was taken at (from a session note).'),
});

export const withdrawResult = z.object({
  withdrawn: z.boolean(),
  photosRemoved: z.number().int(),
  message: z.string(),
});
