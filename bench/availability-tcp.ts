/**
 * Availability over TCP: `npm run bench:availability-tcp` (BENCH_DATABASE_URL=postgres://…
 * for PostgreSQL). Serves the demo on a local port and runs autocannon (10 connections)
 * against `GET /api/v1/clinics/jade-leaf-bath/availability` for the free consultation, any
 * practitioner, over 7 and 56 days, and against a bare Fastify route sending the same JSON
 * answer computed once, alternately; prints both rates and their ratio (target: at least
 * 0.5). Prints figures; tests never assert them.
 */
import { DateTime } from 'luxon';
import { loadConfig } from '../src/server/config.ts';
import { buildApp } from '../src/server/app.ts';
import { autocannon, bareServer, benchDatabase, fmt, sideBySide } from './tcp.ts';

const { database, label } = await benchDatabase();
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' });
const app = await buildApp({ config, database, logger: false });
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const services = (await app.inject({ url: '/api/v1/clinics/jade-leaf-bath/services' })).json() as { items?: { id: string; name: string }[] } | { id: string; name: string }[];
const list = Array.isArray(services) ? services : services.items ?? [];
const consultation = list.find((s) => /consultation/i.test(s.name)) ?? list[0]!;
const today = DateTime.now().setZone('Europe/London');

console.log(`\nAvailability over TCP, ${label}, "${consultation.name}", any practitioner, 10 connections; Yintang vs a bare route sending the same answer:`);
console.log(`  ${'range'.padEnd(8)} ${'bytes'.padStart(7)}  ${'Yintang'.padEnd(30)} ${'same answer precomputed'.padEnd(30)} ratio`);
// BENCH_DAYS=7 limits the run to that range.
for (const days of process.env.BENCH_DAYS ? process.env.BENCH_DAYS.split(',').map(Number) : [7, 56]) {
  const url = `/api/v1/clinics/jade-leaf-bath/availability?serviceId=${consultation.id}&from=${today.toISODate()}&to=${today.plus({ days: days - 1 }).toISODate()}`;
  const res = await app.inject({ url });
  if (res.statusCode !== 200) throw new Error(`availability answered ${res.statusCode}: ${res.body}`);
  // The same bytes, as a Buffer: the bare route pays for no string encoding either.
  const bare = await bareServer(res.rawPayload, { 'content-type': 'application/json; charset=utf-8' });
  const r = await sideBySide(() => autocannon(base + url), () => autocannon(bare.url + url));
  console.log(`  ${`${days} days`.padEnd(8)} ${String(res.rawPayload.length).padStart(7)}  ${fmt(r.ours).padEnd(30)} ${fmt(r.bare).padEnd(30)} ${r.ratio.toFixed(2)}`);
  await bare.close();
}
await app.close();
await database.close();
