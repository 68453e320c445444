import sharp from 'sharp';

export { formData, pixel, pngBomb } from '../common/image-upload.test-helpers.ts';

/** Test photos made with sharp at test time: no binaries in the repository. */

export const JADE = { r: 47, g: 111, b: 94 };
export const CLAY = { r: 180, g: 105, b: 74 };

/**
 * A landscape photo stored sideways, as phones do: its pixels are `width` × `height` with
 * the left half jade and the right half clay, and its EXIF says "rotate 90° clockwise to
 * view" (orientation 6), so upright it is a portrait with jade on top. It carries a camera
 * make and a GPS position, which must not survive.
 */
export async function sidewaysPhoto(format: 'jpeg' | 'png' | 'webp' = 'jpeg', width = 800, height = 600) {
  const half = await sharp({ create: { width: width / 2, height, channels: 3, background: CLAY } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: JADE } })
    .composite([{ input: half, left: width / 2, top: 0 }])
    .withExif({ IFD0: { Make: 'YintangTestCam', Model: 'Phone 1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 22/1 48/1', GPSLongitudeRef: 'W', GPSLongitude: '2/1 21/1 36/1' } })
    .withMetadata({ orientation: 6 })
    .toFormat(format, format === 'jpeg' ? { quality: 90 } : {})
    .toBuffer();
}

/** A plain photo of one colour, `width` × `height`. */
export const plainPhoto = (width: number, height: number, format: 'jpeg' | 'png' | 'webp' = 'jpeg', background = JADE) =>
  sharp({ create: { width, height, channels: 3, background } }).toFormat(format).toBuffer();
