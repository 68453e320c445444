import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

let serversStarted = 0;

/**
 * A port below Linux's ephemeral range (32768 and up), so an outgoing connection of
 * this machine (to PostgreSQL, say) can never be holding it; the process id keeps
 * parallel test workers apart.
 */
function nextPort(): number {
  serversStarted += 1;
  return 20000 + ((process.pid * 97 + serversStarted * 13) % 12000);
}

/** Starts `src/cli/start.ts` as a real process, as `npm start` does. */
export function startServer(env: Record<string, string>): ServerProcess {
  const port = nextPort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/start.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, TEST_DB: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Polls /health until it answers 200; returns the milliseconds it took. */
export async function waitUntilReady(server: ServerProcess, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  let exitCode: number | null | undefined;
  void server.exited.then((c) => (exitCode = c));
  while (Date.now() - started < timeoutMs) {
    if (exitCode !== undefined) throw new Error(`server exited (${exitCode}):\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/health`);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${server.output()}`);
}

/**
 * A database of its own on the test PostgreSQL server, for a real process to start on:
 * `create` and `drop` it around the tests. Safe to call while a skipped suite is collected.
 */
export function scratchPostgresDatabase(prefix: string) {
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://unused@127.0.0.1/unused';
  const name = `yintang_${prefix}_${randomBytes(4).toString('hex')}`;
  const adminQuery = async (query: string) => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(query);
    await admin.end();
  };
  return {
    name,
    url: Object.assign(new URL(base), { pathname: `/${name}` }).toString(),
    adminQuery,
    create: () => adminQuery(`CREATE DATABASE ${name}`),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
