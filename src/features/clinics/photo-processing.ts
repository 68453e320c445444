import { createHash } from 'node:crypto';
import type Sharp from 'sharp';
import type { Metadata } from 'sharp';
import {
  PHOTO_MAX_LABEL, PHOTO_MAX_PIXELS, PHOTO_MIN_SIDE, PHOTO_SIZES, sniffPhotoType, type PhotoSize, type PhotoType,
} from '../../domain/photos/photo-files.ts';
import { AppError } from '../../server/errors.ts';
import { lazyPackage } from '../../server/lazy-package.ts';

// Every upload is a different image: libvips' cache of recent operations would only hold memory.
const loadSharp = lazyPackage<typeof Sharp>('sharp');
let sharpReady = false;

/** sharp, loaded on the first photo rather than at start; its cache is off (each photo is processed once). */
export function sharp(): typeof Sharp {
  const lib = loadSharp();
  if (!sharpReady) {
    lib.cache(false);
    sharpReady = true;
  }
  return lib;
}

/**
 * How the copies are cut: a portrait is a square cropped around the face; a clinic photo
 * is 4:3 cropped around its most interesting part; a logo is a square it fits inside, on
 * white, so no letter of it is cut off. Each size is the copy's width.
 */
export interface PhotoShape {
  /** Height over width. */
  aspect: number;
  fit: 'cover' | 'contain';
}
export const PORTRAIT: PhotoShape = { aspect: 1, fit: 'cover' };
export const PREMISES: PhotoShape = { aspect: 3 / 4, fit: 'cover' };
export const LOGO: PhotoShape = { aspect: 1, fit: 'contain' };

export interface ProcessedPhoto {
  /** What the upload was. */
  sourceType: PhotoType;
  /** 32 hex digits of the SHA-256 of both sizes. */
  hash: string;
  /** WebP of each size (its width), in the shape asked for, with no metadata. */
  sizes: Record<PhotoSize, Buffer>;
}

export const unsupportedPhoto = () => new AppError(415, 'unsupported-photo', 'Not a photo we can use',
  'Please choose a JPEG, PNG or WebP photo. Other files, including SVG drawings, HEIC photos and PDFs, cannot be used.');
export const unreadablePhoto = () => new AppError(422, 'unreadable-photo', 'The photo could not be read',
  'The file looks like a photo but is damaged or incomplete. Please save or export it again and try once more.');
export const photoTooLarge = () => new AppError(413, 'photo-too-large', 'The photo is too large',
  `Please choose a photo of up to ${PHOTO_MAX_LABEL}. Most phones can share a smaller copy.`);

/**
 * Checks that the bytes really are a JPEG, PNG or WebP photo (by their signature, then by
 * decoding them), and makes the WebP copies we serve: turned upright by its EXIF
 * orientation, cut to `shape` (a portrait: a square around the face), and written
 * without any metadata, so no camera details or GPS position leave the clinic.
 * Throws an AppError (415, 422) for anything else; writes nothing.
 */
export async function processPhoto(input: Buffer, shape: PhotoShape = PORTRAIT): Promise<ProcessedPhoto> {
  const type = sniffPhotoType(input);
  if (!type) throw unsupportedPhoto();
  // `failOn: 'error'` refuses damaged files instead of filling the missing part with grey;
  // the pixel limit refuses "decompression bombs" before they are decoded.
  const open = () => sharp()(input, { failOn: 'error', limitInputPixels: PHOTO_MAX_PIXELS, animated: false });
  let metadata: Metadata;
  try {
    // Reads the header only; the pixel limit is checked below with a clearer message.
    metadata = await sharp()(input, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch {
    throw unreadablePhoto();
  }
  // The signature and the decoder must agree (a PNG header on a JPEG body is not a photo).
  if (metadata.format !== type) throw unreadablePhoto();
  if (!metadata.width || !metadata.height) throw unreadablePhoto();
  if (metadata.width * metadata.height > PHOTO_MAX_PIXELS) {
    throw new AppError(422, 'photo-too-many-pixels', 'The photo is too large',
      `The photo has more than ${PHOTO_MAX_PIXELS / 1_000_000} megapixels. Please choose a smaller copy of it.`);
  }
  // Sideways photos have their sides swapped by the EXIF orientation, but the shorter side
  // is the same either way.
  if (Math.min(metadata.width, metadata.height) < PHOTO_MIN_SIDE) {
    throw new AppError(422, 'photo-too-small', 'The photo is too small',
      `Please choose a photo at least ${PHOTO_MIN_SIDE} pixels wide and high, so it looks sharp on the website.`);
  }

  try {
    // Decode once: upright, cut to the shape at the largest size (cropped around the most
    // interesting part, or fitted inside), transparency on white, sRGB; every size is made from that.
    const largest = Math.max(...PHOTO_SIZES);
    const height = (width: number) => Math.round(width * shape.aspect);
    const { data, info } = await open()
      .autoOrient()
      .resize(largest, height(largest), shape.fit === 'cover'
        ? { fit: 'cover', position: sharp().strategy.attention }
        : { fit: 'contain', background: '#ffffff' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const encoded = await Promise.all(PHOTO_SIZES.map(async (size) => {
      // Raw pixels carry no metadata, so none is written: no EXIF, XMP or ICC data.
      const webp = await sharp()(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
        .resize(size, height(size))
        .webp({ quality: 82, effort: 4 })
        .toBuffer();
      return [size, webp] as const;
    }));
    const hash = createHash('sha256');
    for (const [, webp] of encoded) hash.update(webp);
    return { sourceType: type, hash: hash.digest('hex').slice(0, 32), sizes: Object.fromEntries(encoded) as Record<PhotoSize, Buffer> };
  } catch {
    throw unreadablePhoto();
  }
}
