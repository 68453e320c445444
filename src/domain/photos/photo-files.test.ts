import { describe, expect, it } from 'vitest';
import { parsePhotoFileName, photoPath, sniffPhotoType } from './photo-files.ts';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? Array.from(v, (c) => c.charCodeAt(0)) : [v])));

describe('sniffPhotoType', () => {
  it('knows JPEG, PNG and WebP by their first bytes', () => {
    expect(sniffPhotoType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'))).toBe('jpeg');
    expect(sniffPhotoType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'IHDR'))).toBe('png');
    expect(sniffPhotoType(bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 '))).toBe('webp');
  });

  it('refuses everything else, whatever the file is called', () => {
    expect(sniffPhotoType(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeUndefined();
    expect(sniffPhotoType(bytes('<?xml version="1.0"?><svg/>'))).toBeUndefined();
    expect(sniffPhotoType(bytes('GIF89a', 1, 0, 1, 0))).toBeUndefined();
    expect(sniffPhotoType(bytes('%PDF-1.7'))).toBeUndefined();
    expect(sniffPhotoType(bytes(0, 0, 0, 0x18, 'ftypheic'))).toBeUndefined();
    // RIFF, but a WAV file, not WebP.
    expect(sniffPhotoType(bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt '))).toBeUndefined();
    // Cut short before the signature ends.
    expect(sniffPhotoType(bytes(0x89, 'PN'))).toBeUndefined();
    expect(sniffPhotoType(bytes('RIFF', 0, 0))).toBeUndefined();
    expect(sniffPhotoType(new Uint8Array())).toBeUndefined();
  });
});

describe('photo addresses', () => {
  const hash = '0123456789abcdef0123456789abcdef';

  it('round-trips a path through its file name', () => {
    expect(photoPath(hash, 480)).toBe(`/media/practitioners/${hash}-480.webp`);
    expect(parsePhotoFileName(`${hash}-160.webp`)).toEqual({ hash, size: 160 });
    expect(parsePhotoFileName(photoPath(hash, 480).split('/').pop()!)).toEqual({ hash, size: 480 });
  });

  it('reads nothing else', () => {
    for (const name of [
      `${hash}-320.webp`, `${hash}-480.png`, `${hash.toUpperCase()}-480.webp`, `${hash.slice(1)}-480.webp`,
      `${hash}0-480.webp`, `../${hash}-480.webp`, `${hash}-480.webp?x`, `${hash}-0480.webp`, '',
    ]) {
      expect(parsePhotoFileName(name), name).toBeUndefined();
    }
  });
});
