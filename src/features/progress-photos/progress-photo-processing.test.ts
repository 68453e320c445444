import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { AppError } from '../../server/errors.ts';
import { processProgressPhoto } from './progress-photo-processing.ts';
import { pixel, plainPhoto, pngBomb, sidewaysPhoto, CLAY, JADE } from './progress-photos.test-helpers.ts';

const codeOf = async (input: Buffer) => {
  try {
    await processProgressPhoto(input);
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : 'crashed';
  }
};

describe('processProgressPhoto', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('turns a sideways %s upright and writes JPEG with no metadata', async (format) => {
    const out = await processProgressPhoto(await sidewaysPhoto(format, 800, 600));
    expect(out).toMatchObject({ sourceType: format, width: 600, height: 800 });
    const meta = await sharp(out.image).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 600, height: 800 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(await pixel(out.image, 300, 100)).toMatchObject({ g: expect.closeTo(JADE.g, -1) });
    expect(await pixel(out.image, 300, 700)).toMatchObject({ g: expect.closeTo(CLAY.g, -1) });
    expect(await sharp(out.thumbnail).metadata()).toMatchObject({ format: 'jpeg', width: 300, height: 400 });
  });

  it('fits a large photo within 1600 pixels and never enlarges a small one', async () => {
    expect(await processProgressPhoto(await plainPhoto(4000, 3000))).toMatchObject({ width: 1600, height: 1200 });
    const small = await processProgressPhoto(await plainPhoto(300, 200));
    expect(small).toMatchObject({ width: 300, height: 200 });
    expect(await sharp(small.thumbnail).metadata()).toMatchObject({ width: 300, height: 200 });
  });

  it('refuses what is not a usable photo, by its content', async () => {
    expect(await codeOf(Buffer.from('GIF89a not really'))).toBe('415 unsupported-photo');
    expect(await codeOf(Buffer.from('<svg/>'))).toBe('415 unsupported-photo');
    expect(await codeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('422 unreadable-photo');
    expect(await codeOf(pngBomb(10_000, 10_000))).toBe('422 photo-too-many-pixels');
    expect(await codeOf(await plainPhoto(199, 600))).toBe('422 photo-too-small');
    const truncated = await plainPhoto(800, 800);
    expect(await codeOf(truncated.subarray(0, truncated.length / 2))).toBe('422 unreadable-photo');
  });
});
