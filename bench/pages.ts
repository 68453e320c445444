/**
 * Public pages benchmark: `npm run bench:pages [-- --photos] [-- --json out.json]`.
 *
 * Builds the whole app in-process on the embedded database (PGlite, in memory) with the
 * demo clinics, then for each public page type times `app.inject` requests one after
 * another (server time: routing, queries, rendering and compression, no network) after a
 * warm-up, and prints the median, p95 and p99. Requests send Chromium's Accept-Encoding,
 * so the times include compressing the response as a browser would receive it; the
 * uncompressed median is printed too. It also prints the bytes each page sends, raw and
 * compressed (gzip and brotli, as the server sends them), and the stylesheet every page
 * shares.
 * Public pages send no JavaScript, so there is no script column. Tests never assert these
 * figures; the target is under 10 ms median for clinic and practitioner pages.
 * With `--photos`, every practitioner first gets a generated photo (a silhouette, not a
 * person), so the pages carry image addresses, and a photo's own address is timed too.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { openDatabase } from '../src/data/db.ts';
import { seedDemo } from '../src/data/demo/demo-data.ts';
import { loadConfig } from '../src/server/config.ts';
import { buildApp } from '../src/server/app.ts';
import { clientDir } from '../src/server/web.ts';
import { memberships, practitionerPhotos } from '../src/data/schema/index.ts';
import { processPhoto } from '../src/features/clinics/photo-processing.ts';
import { measure, type Stats } from './measure.ts';


const database = await openDatabase({ kind: 'pglite' });
await database.migrate();
await seedDemo(database);
const withPhotos = process.argv.includes('--photos');
if (withPhotos) {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="750"><rect width="600" height="750" fill="#bcd9cb"/>' +
    '<ellipse cx="300" cy="760" rx="250" ry="230" fill="#2f6f5e"/><circle cx="300" cy="330" r="140" fill="#b4694a"/></svg>';
  const photo = await processPhoto(await sharp(Buffer.from(svg)).jpeg().toBuffer());
  const staff = await database.db.select({ clinicId: memberships.clinicId, userId: memberships.userId }).from(memberships)
    .where(inArray(memberships.role, ['owner', 'practitioner']));
  await database.db.insert(practitionerPhotos).values(staff.map((m) => ({
    clinicId: m.clinicId, practitionerId: m.userId, hash: photo.hash, large: photo.sizes[480], small: photo.sizes[160],
  })));
}
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' });
const app = await buildApp({ config, database, logger: false });
await app.ready();

const directory = (await app.inject({ url: '/api/v1/directory' })).json() as { items: { practitioners: { url: string }[] }[] };
const practitioner = new URL(directory.items[0]!.practitioners[0]!.url).pathname;

const PAGES: [string, string][] = [
  ['home', '/'],
  ['directory', '/find'],
  ['directory search (BA1, facial, verified)', '/find?treatment=facial-acupuncture&where=BA1&verified=1'],
  ['clinic', '/clinics/jade-leaf-bath'],
  ['practitioner', practitioner],
  ['treatment: facial acupuncture', '/clinics/jade-leaf-bath/treatments/facial-acupuncture'],
  ['treatment: knee-pain care', '/clinics/jade-leaf-bath/treatments/knee-pain'],
  ['sitemap.xml', '/sitemap.xml'],
  ['API: GET /api/v1/directory?where=BA1', '/api/v1/directory?where=BA1'],
];
if (withPhotos) {
  const photoUrl = (directory.items[0]!.practitioners[0] as { photoUrl?: string }).photoUrl!;
  PAGES.push(['photo, 480 px WebP (first visit)', new URL(photoUrl).pathname]);
}

interface Row extends Stats {
  page: string;
  url: string;
  status: number;
  uncompressedMedian: number;
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

/** What Chromium sends. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

const rows: Row[] = [];
for (const [page, url] of PAGES) {
  const headers = (encoding?: string) => ({ accept: 'text/html', ...(encoding ? { 'accept-encoding': encoding } : {}) });
  const plain = await app.inject({ url, headers: headers() });
  const gzip = await app.inject({ url, headers: headers('gzip') });
  const brotli = await app.inject({ url, headers: headers('br') });
  const stats = await measure(() => app.inject({ url, headers: headers(BROWSER_ENCODINGS) }));
  const uncompressed = await measure(() => app.inject({ url, headers: headers() }), { warmupMs: 200, minMs: 1000, minIterations: 200 });
  rows.push({
    page, url, status: plain.statusCode, ...stats, uncompressedMedian: uncompressed.median,
    rawBytes: plain.rawPayload.length,
    gzipBytes: gzip.headers['content-encoding'] === 'gzip' ? gzip.rawPayload.length : gzipSync(plain.rawPayload).length,
    brotliBytes: brotli.headers['content-encoding'] === 'br' ? brotli.rawPayload.length : plain.rawPayload.length,
  });
}

await app.close();
await database.close();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => value.toFixed(2).padStart(6);
console.log(`\nPublic pages: server time per request (app.inject, embedded database, demo data${withPhotos ? ' with a photo of every practitioner' : ''}; ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version})\n`);
console.log(`${'page'.padEnd(42)} ${'status'.padEnd(6)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'n'.padStart(6)} ${'no-comp.'.padStart(9)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
for (const r of rows) {
  console.log(`${r.page.padEnd(42)} ${String(r.status).padEnd(6)} ${ms(r.median)} ms ${ms(r.p95)} ms ${ms(r.p99)} ms ${String(r.iterations).padStart(6)} ${ms(r.uncompressedMedian)} ms ${kb(r.rawBytes).padStart(9)} ${kb(r.gzipBytes).padStart(9)} ${kb(r.brotliBytes).padStart(9)}`);
}
console.log('\nmedian, p95, p99: with the browser\'s Accept-Encoding (compression included); no-comp.: median without compression.');

// Every public page links the same stylesheet (cached for a year under its hashed name).
const manifestFile = path.join(clientDir, '.vite/manifest.json');
if (existsSync(manifestFile)) {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string }>;
  const css = manifest['public/site.css']?.file;
  if (css) {
    const body = readFileSync(path.join(clientDir, css));
    console.log(`\nShared stylesheet /${css}: ${kb(body.length)} raw, ${kb(gzipSync(body).length)} gzip. JavaScript on public pages: 0 KB.`);
  }
} else {
  console.log('\n(Run `npm run build` to include the shared stylesheet in the figures.)');
}

const jsonAt = process.argv.indexOf('--json');
if (jsonAt !== -1 && process.argv[jsonAt + 1]) writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(rows, null, 2));
