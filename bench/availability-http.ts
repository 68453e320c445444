/**
 * Availability through the HTTP stack: `npm run bench:availability` runs this after the
 * engine benchmark. Builds the app in-process on the embedded database with the demo
 * clinics (BENCH_PGLITE=worker: in a data folder, in its worker thread, as `npm start` runs
 * it) and times `GET /api/v1/clinics/:slug/availability` for "any qualified
 * practitioner" over 8 weeks (routing, validation, the snapshot query, the engine and
 * JSON serialisation; no network). Prints figures; tests never assert them. Target: under
 * 10 ms median.
 */
import { DateTime } from 'luxon';
import { seedDemo } from '../src/data/demo/demo-data.ts';
import { loadConfig } from '../src/server/config.ts';
import { buildApp } from '../src/server/app.ts';
import { benchPglite } from './tcp.ts';

const { database, label } = await benchPglite();
await database.migrate();
await seedDemo(database);
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const app = await buildApp({ config, database, logger: false });
await app.ready();

const services = (await app.inject({ url: '/api/v1/clinics/jade-leaf-bath/services' })).json() as { items?: { id: string; name: string }[] } | { id: string; name: string }[];
const list = Array.isArray(services) ? services : services.items ?? [];
const consultation = list.find((s) => /consultation/i.test(s.name)) ?? list[0]!;
const from = DateTime.now().setZone('Europe/London').toISODate()!;
const to = DateTime.now().setZone('Europe/London').plus({ weeks: 8 }).minus({ days: 1 }).toISODate()!;
const url = `/api/v1/clinics/jade-leaf-bath/availability?serviceId=${consultation.id}&from=${from}&to=${to}`;

const first = await app.inject({ url });
if (first.statusCode !== 200) throw new Error(`availability answered ${first.statusCode}: ${first.body}`);
const slotCount = (first.json() as { slots: unknown[] }).slots.length;

for (let i = 0; i < 200; i++) await app.inject({ url }); // warm-up
const samples: number[] = [];
for (let i = 0; i < 1000; i++) {
  const t0 = process.hrtime.bigint();
  await app.inject({ url });
  samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
samples.sort((a, b) => a - b);
const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2);
console.log(`\nAvailability through HTTP (in-process, ${label}, demo clinic, "${consultation.name}", any practitioner, ${from} to ${to}):`);
console.log(`  ${slotCount} slots per answer · median ${pick(0.5)} ms · p95 ${pick(0.95)} ms · p99 ${pick(0.99)} ms over ${samples.length} requests (target: under 10 ms median)`);
await app.close();
await database.close();
