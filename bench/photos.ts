/**
 * Progress photo benchmark: `npm run bench:photos`.
 *
 * Makes a 12-megapixel JPEG (4000 × 3000, quality 90, stored sideways with an EXIF
 * orientation and GPS position, as a phone sends it) with detailed content (a pattern
 * that compresses about like a photo, not a flat colour), then times the processing an
 * upload goes through (`processProgressPhoto`: check the type by content, decode, turn
 * upright, resize to 1600 pixels, encode the photo and its thumbnail as JPEG without
 * metadata) and prints the median, p95 and slowest of several runs. The budget (issue 12)
 * is under 1.5 s on this machine. Figures are printed, never asserted.
 */
import sharp from 'sharp';
import { processProgressPhoto } from '../src/features/progress-photos/progress-photo-processing.ts';

const WIDTH = 4000;
const HEIGHT = 3000;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** Deterministic detail: overlapping waves of different frequency per channel. */
function pattern(): Buffer {
  const data = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const at = (y * WIDTH + x) * 3;
      data[at] = 128 + 60 * Math.sin(x / 7) + 60 * Math.cos(y / 11);
      data[at + 1] = 128 + 90 * Math.sin((x + y) / 13);
      data[at + 2] = (x * 31 + y * 17) % 256;
    }
  }
  return data;
}

const jpeg = await sharp(pattern(), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
  .withExif({ IFD0: { Make: 'BenchCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 22/1 48/1' } })
  .withMetadata({ orientation: 6 })
  .jpeg({ quality: 90 })
  .toBuffer();
console.log(`Input: ${WIDTH} × ${HEIGHT} JPEG (${(WIDTH * HEIGHT / 1e6).toFixed(0)} megapixels), ${(jpeg.length / 1024 / 1024).toFixed(1)} MB`);

// One warm-up run: loading libvips' JPEG code is paid once per process.
await processProgressPhoto(jpeg);
const times: number[] = [];
let last: Awaited<ReturnType<typeof processProgressPhoto>> | undefined;
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  last = await processProgressPhoto(jpeg);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(`Output: ${last!.width} × ${last!.height} JPEG ${(last!.image.length / 1024).toFixed(0)} KB, thumbnail ${(last!.thumbnail.length / 1024).toFixed(0)} KB`);
console.log(`Processing a 12-megapixel JPEG upload over ${RUNS} runs: median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, slowest ${times[times.length - 1]!.toFixed(0)} ms (budget 1500 ms)`);
