/**
 * Memory: `npm run bench:soak`. Starts the embedded server as `npm start` does (demo data
 * on a fresh data folder), then
 *
 * 1. idle: its resident memory (VmRSS) BENCH_SOAK_IDLE_SEC (20) seconds after /health
 *    answers, beside PGlite alone opened on the same data folder in a process of its own
 *    (target: the server at most 1.5 times PGlite alone);
 * 2. soak: mixed load (public pages, availability, the directory, held bookings) from a few
 *    connections for BENCH_SOAK_MINUTES (60), printing resident memory every
 *    BENCH_SOAK_EVERY_SEC (60) seconds: it should stay flat.
 *
 * BENCH_SOAK_ROOT runs the server of another checkout (to compare with an earlier commit).
 * CI never runs it. Prints figures; nothing asserts them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IDLE_SEC = Number(process.env.BENCH_SOAK_IDLE_SEC ?? 20);
const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 60);
const EVERY_SEC = Number(process.env.BENCH_SOAK_EVERY_SEC ?? 60);
const CONNECTIONS = Number(process.env.BENCH_SOAK_CONNECTIONS ?? 4);
const serverRoot = process.env.BENCH_SOAK_ROOT ?? root;
const PORT = Number(process.env.BENCH_SOAK_PORT ?? 3298);
const base = `http://127.0.0.1:${PORT}`;

const work = mkdtempSync(path.join(os.tmpdir(), 'yintang-soak-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process in MB (Linux). */
function rssMb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
}

function exitOf(child: ChildProcess) {
  return new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
}

async function startServer() {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: serverRoot,
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: work, LOG_LEVEL: 'warn', NODE_ENV: 'production', BOOKING_PER_IP_PER_HOUR: '100000000', BOOKING_PER_EMAIL_PER_HOUR: '100000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('the server exited');
    try {
      if ((await fetch(`${base}/health`)).status === 200) return child;
    } catch {
      // not yet
    }
    await sleep(100);
  }
}

/** PGlite alone on the same data folder, in its own process: its resident memory once open and idle. */
async function pgliteAloneMb(): Promise<number> {
  const script = `
    import { PGlite } from '@electric-sql/pglite';
    import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
    const db = await PGlite.create({ dataDir: ${JSON.stringify(path.join(work, 'pglite'))}, extensions: { btree_gist } });
    await db.query('select count(*) from bookings');
    console.log('open');
    await new Promise((r) => setTimeout(r, ${IDLE_SEC * 1000}));
    await db.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  await sleep((IDLE_SEC - 2) * 1000);
  const mb = rssMb(child.pid!);
  await exitOf(child);
  return mb;
}

/** One connection's mixed visits until `until`: pages, availability, the directory and now and then a booking. */
async function visitor(k: number, until: number, urls: string[], book: () => Promise<void>) {
  for (let i = 0; Date.now() < until; i++) {
    const url = urls[(i + k) % urls.length]!;
    try {
      if (i % 10 === 9) await book();
      else await (await fetch(base + url, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
    } catch {
      await sleep(100);
    }
  }
}

try {
  // The first start loads the demo (its garbage still counts then); a later start is the usual case.
  let server = await startServer();
  await sleep(IDLE_SEC * 1000);
  const firstIdle = rssMb(server.pid!);
  server.kill('SIGTERM');
  await exitOf(server);
  server = await startServer();
  await sleep(IDLE_SEC * 1000);
  const serverIdle = rssMb(server.pid!);
  server.kill('SIGTERM');
  await exitOf(server);
  const alone = await pgliteAloneMb();
  console.log(`\nIdle resident memory, embedded database with the demo clinics (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}):`);
  console.log(`  server after a later start ${serverIdle.toFixed(0)} MB (after the first start, which loads the demo: ${firstIdle.toFixed(0)} MB)`);
  console.log(`  PGlite alone on the same data ${alone.toFixed(0)} MB   ratio ${(serverIdle / alone).toFixed(2)} (target at most 1.5)`);

  server = await startServer();
  const clinic = 'jade-leaf-bath';
  const serviceId = ((await (await fetch(`${base}/api/v1/clinics/${clinic}/services`)).json()) as { items: { id: string }[] }).items[0]?.id;
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const today = day(0);
  const urls = ['/', '/find', `/clinics/${clinic}`, `/clinics/${clinic}/treatments/facial-acupuncture`, '/api/v1/directory',
    ...(serviceId ? [`/api/v1/clinics/${clinic}/availability?serviceId=${serviceId}&from=${today}&to=${day(6)}`] : [])];
  let booked = 0;
  let n = 0;
  const book = async () => {
    if (!serviceId) return;
    const text = await (await fetch(`${base}/api/v1/clinics/${clinic}/availability?serviceId=${serviceId}&from=${day(1)}&to=${day(28)}`)).text();
    const slots = [...text.matchAll(/"start":"([^"]+)"/g)].map((m) => ({ start: m[1]! }));
    const slot = slots[(n++ * 7) % Math.max(1, slots.length)];
    if (!slot) return;
    const res = await fetch(`${base}/api/v1/clinics/${clinic}/bookings`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${n & 255}.${(n >> 8) & 255}` },
      body: JSON.stringify({ serviceId, start: slot.start, client: { name: `Soak ${n}`, email: `soak${n}@soak.example` } }),
    });
    if (res.status === 201) booked++;
    await res.arrayBuffer();
  };
  console.log(`\nMixed load, ${CONNECTIONS} connections, ${MINUTES} min; resident memory every ${EVERY_SEC} s:`);
  const t0 = Date.now();
  const until = t0 + MINUTES * 60_000;
  const load = Promise.all(Array.from({ length: CONNECTIONS }, (_, k) => visitor(k, until, urls, book)));
  console.log(`  ${'0:00'.padStart(6)}  ${rssMb(server.pid!).toFixed(0)} MB`);
  while (Date.now() < until) {
    await sleep(Math.min(EVERY_SEC * 1000, until - Date.now()));
    const s = Math.round((Date.now() - t0) / 1000);
    console.log(`  ${`${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`.padStart(6)}  ${rssMb(server.pid!).toFixed(0)} MB   bookings held so far ${booked}`);
  }
  await load;
  server.kill('SIGTERM');
  await exitOf(server);
} finally {
  rmSync(work, { recursive: true, force: true });
}
