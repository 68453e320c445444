/**
 * Practitioner photos: which files we accept, the sizes we make, and the content-addressed
 * names we serve them under. Pure: the image work itself is in the clinics feature.
 */

/** The largest upload we read, in bytes (5 MB). A phone photo is usually 2–4 MB. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The most pixels we decode (40 megapixels, e.g. 8000 × 5000): a small file can claim a
 * huge image ("decompression bomb"), and decoding it would take the server's memory.
 */
export const PHOTO_MAX_PIXELS = 40_000_000;

/** The shorter side must be at least this many pixels, or the photo would look blurred. */
export const PHOTO_MIN_SIDE = 160;

/** The square sizes we keep: the profile photo and the thumbnail for cards and lists. */
export const PHOTO_SIZES = [480, 160] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];

export const PHOTO_TYPES = ['jpeg', 'png', 'webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** What the upload form's file picker offers. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = [0x52, 0x49, 0x46, 0x46]; // "RIFF"
const WEBP = [0x57, 0x45, 0x42, 0x50]; // "WEBP", at offset 8

/**
 * The kind of image the bytes are, from their first bytes ("magic numbers"), never from
 * a file name or a declared type. Anything else (SVG, which can carry scripts; GIF; HEIC;
 * a PDF; text) is undefined.
 */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | undefined {
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'webp';
  return undefined;
}

/** A content hash as we put it in addresses: 32 lower-case hex digits (128 bits of SHA-256). */
export const PHOTO_HASH = /^[0-9a-f]{32}$/;

/** Where a photo of one size is served. The hash changes whenever the photo does. */
export const photoPath = (hash: string, size: PhotoSize) => `/media/practitioners/${hash}-${size}.webp`;

/** Where a clinic's photo or logo of one size is served (480 or 160 pixels wide). */
export const clinicImagePath = (hash: string, size: PhotoSize) => `/media/clinics/${hash}-${size}.webp`;

/** Reads a file name of {@link photoPath} (`{hash}-{size}.webp`); undefined for anything else. */
export function parsePhotoFileName(name: string): { hash: string; size: PhotoSize } | undefined {
  const match = /^([0-9a-f]{32})-([1-9]\d{0,3})\.webp$/.exec(name);
  if (!match) return undefined;
  const size = Number(match[2]);
  if (!PHOTO_SIZES.includes(size as PhotoSize)) return undefined;
  return { hash: match[1]!, size: size as PhotoSize };
}

/** The photo's text alternative where it stands for the person (e.g. at the top of their page). */
export const photoAlt = (name: string) => `Photo of ${name}`;

/** "5 MB", for messages. */
export const PHOTO_MAX_LABEL = `${PHOTO_MAX_BYTES / (1024 * 1024)} MB`;
