/**
 * The app as `bench/booking.ts` runs it: one process on PostgreSQL, no background
 * workers (they would compete for the same two cores and skew the figures), logging off.
 * Prints `listening <port>` once ready.
 */

import pg from 'pg';
import { openDatabase } from '../src/data/db.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';

// BENCH_COUNT_QUERIES=1: count the statements sent to PostgreSQL and the requests answered,
// so the bench can print round trips per booking. Always: keep the last booking write sent
// (text and parameters), which the bench hands to pgbench as the same transaction.
const counts = { queries: 0, requests: 0, byText: new Map<string, number>() };
let lastBookingWrite: { text: string; values: unknown[] } | undefined;
const counting = Boolean(process.env.BENCH_COUNT_QUERIES);
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string; values?: unknown[] };
  const text = typeof first === 'string' ? first : first?.text ?? '';
  if (typeof first === 'object' && text.includes('insert into bookings')) lastBookingWrite = { text, values: first.values ?? [] };
  if (counting) {
    counts.queries++;
    const short = text.replace(/\s+/g, ' ').slice(0, 80);
    counts.byText.set(short, (counts.byText.get(short) ?? 0) + 1);
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const database = await openDatabase({ kind: 'postgres', url: config.DATABASE_URL!, poolSize: Number(process.env.BENCH_POOL ?? 16) });
const app = await buildApp({ config, database, logger: false });
app.get('/__bench/last-booking-write', async () => lastBookingWrite ?? {});
if (counting) {
  app.addHook('onResponse', async () => { counts.requests++; });
  // The bench reads (and resets) the counts after each run.
  app.get('/__bench/counts', async () => {
    const out = { queries: counts.queries, requests: counts.requests, byText: Object.fromEntries([...counts.byText].sort((a, b) => b[1] - a[1]).slice(0, 8)) };
    counts.queries = 0; counts.requests = 0; counts.byText.clear();
    return out;
  });
}
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);

const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
