/**
 * Start time: `npm run bench:start`. Clones the repository at BENCH_START_REF (HEAD) into
 * a temporary folder, as a fresh clone after `npm install` is (node_modules linked from
 * this checkout, the install step's own build run when package.json has one), then times
 * `npm start` (node scripts/start.mjs) from launch to the first 200 from /health: the first
 * start (empty data folder: builds what is missing, migrates, loads the demo) and
 * BENCH_START_RUNS (3) later starts on the same data. Each server is stopped with SIGTERM
 * before the next. Targets: first start 5 s or less, later starts 1 s or less. Prints
 * figures; nothing asserts them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REF = process.env.BENCH_START_REF ?? 'HEAD';
const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const PORT = Number(process.env.BENCH_START_PORT ?? 3299);

const work = mkdtempSync(path.join(os.tmpdir(), 'yintang-start-bench-'));
const clone = path.join(work, 'clone');
const dataDir = path.join(work, 'data');
const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed`);
};
git('clone', '--quiet', '--no-checkout', '--shared', root, clone);
spawnSync('git', ['checkout', '--quiet', spawnSync('git', ['rev-parse', REF], { cwd: root }).stdout.toString().trim()], { cwd: clone, stdio: 'inherit' });
symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));

/** What `npm install` runs in the project itself after installing (prepare), timed apart. */
const scripts = (JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
let installMs: number | undefined;
if (scripts.prepare) {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '--silent', 'prepare'], { cwd: clone, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('prepare failed');
  installMs = performance.now() - t0;
}

/** CPU seconds the process and its finished children used so far (Linux), less sensitive to a busy machine than wall time. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

async function startOnce(): Promise<{ ms: number; cpu: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: clone,
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error('the server exited before answering /health');
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - t0;
  const cpu = cpuSeconds(child.pid!);
  child.kill('SIGTERM');
  await exited;
  return { ms, cpu };
}

try {
  const first = await startOnce();
  const later: { ms: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) later.push(await startOnce());
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\nStart to /health, fresh clone of ${REF}, embedded database (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}):`);
  if (installMs !== undefined) console.log(`  install step (npm's prepare)  ${s(installMs)}`);
  console.log(`  first start                   ${s(first.ms)} (CPU ${first.cpu.toFixed(2)} s)   target 5 s`);
  console.log(`  later starts                  ${later.map((r) => s(r.ms)).join(', ')}   median ${s(median(later.map((r) => r.ms)))} (CPU ${median(later.map((r) => r.cpu)).toFixed(2)} s)   target 1 s`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
