import type { Metadata } from 'sharp';
import { sniffPhotoType, type PhotoType } from '../../domain/photos/photo-files.ts';
import {
  PROGRESS_PHOTO_LONG_SIDE, PROGRESS_PHOTO_MAX_LABEL, PROGRESS_PHOTO_MAX_PIXELS, PROGRESS_PHOTO_MIN_SIDE, PROGRESS_PHOTO_THUMB_SIDE,
} from '../../domain/photos/progress-photos.ts';
import { AppError } from '../../server/errors.ts';
import { sharp, unreadablePhoto, unsupportedPhoto } from '../clinics/photo-processing.ts';

export interface ProcessedProgressPhoto {
  /** What the upload was (by its content). */
  sourceType: PhotoType;
  /** The shown copy: JPEG, upright, at most 1600 pixels on its longer side, no metadata. */
  image: Buffer;
  width: number;
  height: number;
  /** The list copy: JPEG, at most 400 pixels on its longer side, no metadata. */
  thumbnail: Buffer;
}

export const progressPhotoTooLarge = () => new AppError(413, 'photo-too-large', 'The photo is too large',
  `Please choose a photo of up to ${PROGRESS_PHOTO_MAX_LABEL}. Most phones can share a smaller copy.`);

const tooManyPixels = () => new AppError(422, 'photo-too-many-pixels', 'The photo is too large',
  `The photo has more than ${PROGRESS_PHOTO_MAX_PIXELS / 1_000_000} megapixels. Please choose a smaller copy of it.`);

/**
 * Checks that the bytes really are a JPEG, PNG or WebP photo (by their signature, then by
 * decoding them) and makes the two copies we keep: turned upright by its EXIF orientation,
 * resized to fit (never enlarged, never cropped: the framing is the point of a progress
 * photo), and written as JPEG from raw pixels, so no metadata at all (no camera details, no GPS
 * position, no embedded thumbnail of the original) survives. Throws an AppError (415, 422)
 * for anything else.
 */
export async function processProgressPhoto(input: Buffer): Promise<ProcessedProgressPhoto> {
  const sourceType = sniffPhotoType(input);
  if (!sourceType) throw unsupportedPhoto();
  let header: Metadata;
  try {
    // The header only: a bomb's claimed size is read, not decoded.
    header = await sharp()(input, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch {
    throw unreadablePhoto();
  }
  // The signature and the decoder must agree (a PNG signature on a JPEG body is not a photo).
  if (header.format !== sourceType || !header.width || !header.height) throw unreadablePhoto();
  if (header.width * header.height > PROGRESS_PHOTO_MAX_PIXELS) throw tooManyPixels();
  if (Math.min(header.width, header.height) < PROGRESS_PHOTO_MIN_SIDE) {
    throw new AppError(422, 'photo-too-small', 'The photo is too small',
      `Please choose a photo at least ${PROGRESS_PHOTO_MIN_SIDE} pixels wide and high, so changes can be seen.`);
  }
  try {
    // libvips checks the pixel limit again while decoding (`limitInputPixels`), so a file
    // whose header understates its size is refused too; `failOn: 'error'` refuses damaged files.
    // Resized before it is turned upright: the box is square, so the size is the same either
    // way, and libvips can then decode a large JPEG at a fraction of its size ("shrink on
    // load"), which is most of the time saved on a 12-megapixel photo.
    const { data, info } = await sharp()(input, { failOn: 'error', limitInputPixels: PROGRESS_PHOTO_MAX_PIXELS, animated: false, sequentialRead: true })
      .resize(PROGRESS_PHOTO_LONG_SIDE, PROGRESS_PHOTO_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    // JPEG rather than WebP: encoding a detailed 1600-pixel photo as WebP takes several
    // times longer (hundreds of milliseconds on this machine) for a modest saving in size.
    const [image, thumbnail] = await Promise.all([
      sharp()(data, raw).jpeg({ quality: 84 }).toBuffer(),
      sharp()(data, raw).resize(PROGRESS_PHOTO_THUMB_SIDE, PROGRESS_PHOTO_THUMB_SIDE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer(),
    ]);
    return { sourceType, image, width: info.width, height: info.height, thumbnail };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels();
    throw unreadablePhoto();
  }
}
