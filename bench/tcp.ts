/**
 * Shared pieces of the benchmarks over TCP: autocannon run as its own process (so the
 * load generator does not share the server's event loop), a bare Fastify route that sends
 * a fixed answer (what sending it costs, the ceiling), and the database to bench on.
 *
 * The machine is shared, so absolute figures move with other work: each figure is printed
 * beside the bare route's, measured in the same run, alternating, and their ratio.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { openDatabase, type Database } from '../src/data/db.ts';
import { isEmpty, seedDemo } from '../src/data/demo/demo-data.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Rate {
  rps: number;
  p50: number;
  errors: number;
}

/** `autocannon -c connections -d seconds` against `url`, in a child process. */
export function autocannon(url: string, headers: Record<string, string> = {}, seconds = Number(process.env.BENCH_SECONDS ?? 4), connections = 10): Promise<Rate> {
  const args = [path.join(root, 'node_modules/autocannon/autocannon.js'), '-j', '-c', String(connections), '-d', String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      const result = JSON.parse(stdout) as { requests: { average: number }; latency: { p50: number }; errors: number };
      resolve({ rps: result.requests.average, p50: result.latency.p50, errors: result.errors });
    });
  });
}

/** A bare Fastify server on a free port answering every GET with `body` and `headers`. */
export async function bareServer(body: Buffer | string, headers: Record<string, string>) {
  const app = Fastify({ logger: false });
  app.get('/*', (_request, reply) => reply.headers(headers).send(body));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, close: () => app.close() };
}

/**
 * The embedded database: in memory, in process (as tests run it), or with BENCH_PGLITE=worker
 * as `npm start` runs it: in a data folder (a temporary one here), in its worker thread.
 */
export async function benchPglite(): Promise<{ database: Database; label: string }> {
  if (process.env.BENCH_PGLITE !== 'worker') return { database: await openDatabase({ kind: 'pglite' }), label: 'PGlite (embedded, in memory)' };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yintang-bench-'));
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  return { database: await openDatabase({ kind: 'pglite', dataDir }), label: 'PGlite (embedded, data folder, worker thread)' };
}

/**
 * The demo on the embedded database (benchPglite), or on PostgreSQL when BENCH_DATABASE_URL
 * is set (migrated, and seeded when empty).
 */
export async function benchDatabase(): Promise<{ database: Database; label: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  const { database, label } = url ? { database: await openDatabase({ kind: 'postgres', url, poolSize: 10 }), label: 'PostgreSQL' } : await benchPglite();
  await database.migrate();
  if (!url || (await isEmpty(database))) await seedDemo(database);
  return { database, label };
}

/** Measures `ours` and `bare` alternately, `rounds` times each, and keeps each one's best round. */
export async function sideBySide(ours: () => Promise<Rate>, bare: () => Promise<Rate>, rounds = Number(process.env.BENCH_ROUNDS ?? 2)) {
  const better = (a: Rate | undefined, b: Rate) => (!a || b.rps > a.rps ? b : a);
  let o: Rate | undefined;
  let b: Rate | undefined;
  for (let i = 0; i < rounds; i++) {
    o = better(o, await ours());
    b = better(b, await bare());
  }
  return { ours: o!, bare: b!, ratio: o!.rps / b!.rps };
}

export const fmt = (r: Rate) => `${Math.round(r.rps).toLocaleString('en-GB').padStart(7)} req/s (p50 ${r.p50} ms)${r.errors ? ` ${r.errors} errors!` : ''}`;
