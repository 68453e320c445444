/**
 * The app as `bench/booking.ts` runs it: one process on PostgreSQL, no background
 * workers (they would compete for the same two cores and skew the figures), logging off.
 * Prints `listening <port>` once ready.
 */

import { openDatabase } from '../src/data/db.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const database = await openDatabase({ kind: 'postgres', url: config.DATABASE_URL!, poolSize: Number(process.env.BENCH_POOL ?? 16) });
const app = await buildApp({ config, database, logger: false });
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
