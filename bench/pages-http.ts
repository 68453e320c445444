/**
 * Public pages over TCP: `npm run bench:pages-http` (BENCH_DATABASE_URL=postgres://… for
 * PostgreSQL). Serves the demo on a local port and, for each public page type, runs
 * autocannon (10 connections, asking for brotli as browsers do) against Yintang and
 * against a bare Fastify route sending the very same compressed bytes, alternately, and
 * prints both rates and their ratio (target: at least 0.5). Then the same for a revisit
 * that sends the page's ETag (304 Not Modified). Prints figures; tests never assert them.
 */
import { loadConfig } from '../src/server/config.ts';
import { buildApp } from '../src/server/app.ts';
import { autocannon, bareServer, benchDatabase, fmt, sideBySide } from './tcp.ts';

const { database, label } = await benchDatabase();
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' });
const app = await buildApp({ config, database, logger: false });
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const directory = (await app.inject({ url: '/api/v1/directory' })).json() as { items: { practitioners: { url: string }[] }[] };
const practitioner = new URL(directory.items[0]!.practitioners[0]!.url).pathname;
const PAGES: [string, string][] = [
  ['home', '/'],
  ['directory', '/find'],
  ['clinic', '/clinics/jade-leaf-bath'],
  ['practitioner', practitioner],
  ['treatment', '/clinics/jade-leaf-bath/treatments/facial-acupuncture'],
  // No database and nothing to render: what the app's own hooks (security headers, sessions,
  // compression) cost against the bare route, the ceiling for every page above.
  ['robots.txt', '/robots.txt'],
];
// BENCH_PAGES=home,clinic limits the run to those pages (and skips the revisit unless 'revisit' is named).
const only = process.env.BENCH_PAGES?.split(',');
const BROTLI = { 'accept-encoding': 'gzip, deflate, br, zstd' };

console.log(`\nPublic pages over TCP, ${label}, demo clinics, 10 connections, brotli; Yintang vs a bare route sending the same bytes:`);
console.log(`  ${'page'.padEnd(14)} ${'bytes'.padStart(6)}  ${'Yintang'.padEnd(30)} ${'same bytes precomputed'.padEnd(30)} ratio`);
for (const [name, url] of PAGES) {
  if (only && !only.includes(name)) continue;
  const res = await app.inject({ url, headers: BROTLI });
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
  const raw = res.rawPayload;
  const sent = raw.length;
  const bare = await bareServer(raw, { 'content-type': String(res.headers['content-type']), 'content-encoding': String(res.headers['content-encoding'] ?? 'identity') });
  const r = await sideBySide(() => autocannon(base + url, BROTLI), () => autocannon(bare.url + url, BROTLI));
  console.log(`  ${name.padEnd(14)} ${String(sent).padStart(6)}  ${fmt(r.ours).padEnd(30)} ${fmt(r.bare).padEnd(30)} ${r.ratio.toFixed(2)}`);
  await bare.close();
}
if (!only || only.includes('revisit')) {
  const etag = (await app.inject({ url: '/clinics/jade-leaf-bath' })).headers.etag as string;
  const bare304 = await bareServer('', {});
  const revisit = await sideBySide(() => autocannon(`${base}/clinics/jade-leaf-bath`, { 'if-none-match': etag }), () => autocannon(`${bare304.url}/`, {}));
  console.log(`  ${'clinic, 304'.padEnd(14)} ${'0'.padStart(6)}  ${fmt(revisit.ours).padEnd(30)} ${fmt(revisit.bare).padEnd(30)} ${revisit.ratio.toFixed(2)}  (revisit with If-None-Match vs an empty answer)`);
  await bare304.close();
}
await app.close();
await database.close();
