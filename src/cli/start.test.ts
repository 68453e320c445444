import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inArray } from 'drizzle-orm';
import { openDatabase, type DatabaseOptions } from '../data/db.ts';
import { users } from '../data/schema/index.ts';
import { scratchPostgresDatabase, startServer, waitUntilReady, type ServerProcess } from './server-process.test-helpers.ts';

// Real processes on a busy 2-core machine: generous limits (nothing here asserts a time).
vi.setConfig({ testTimeout: 180_000 });

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yintang-start-'));
  dirs.push(dir);
  return dir;
};
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const s of running) s.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function launch(env: Record<string, string>) {
  const server = startServer({ SIGNUP_PER_HOUR: '100000', ...env });
  running.push(server);
  return server;
}

/**
 * Sends sign-ups continuously (each one is a committed transaction) and returns the
 * addresses whose request was answered 202 before the server was stopped.
 */
async function writeUntil(server: ServerProcess, stop: (answered: number) => boolean) {
  const answered: string[] = [];
  let stopped = false;
  const worker = async (n: number) => {
    for (let i = 0; !stopped; i++) {
      const email = `w${n}-${i}-${randomBytes(3).toString('hex')}@example.com`;
      try {
        const res = await fetch(`${server.url}/api/v1/auth/sign-up`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Durable', email, password: 'durable password' }),
        });
        if (res.status === 202) answered.push(email);
        else stopped = true; // 503 while shutting down
        if (stop(answered.length)) stopped = true;
      } catch {
        stopped = true; // the server is gone
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, n) => worker(n)));
  return answered;
}

async function countUsers(options: DatabaseOptions, emails: string[]) {
  const database = await openDatabase(options);
  try {
    const rows = await database.db.select({ email: users.email }).from(users).where(inArray(users.email, emails));
    return rows.length;
  } finally {
    await database.close();
  }
}

async function killMidWrites(env: Record<string, string>, signal: 'SIGTERM' | 'SIGKILL') {
  const server = launch(env);
  await waitUntilReady(server);
  let killed = false;
  const answered = await writeUntil(server, (n) => {
    if (n >= 40 && !killed) {
      killed = true;
      server.child.kill(signal); // in the middle of writes: seven more are in flight
    }
    return false;
  });
  await server.exited;
  return answered;
}

describe('npm start on the embedded database', () => {
  it('answers /health naming pglite, after loading the demo on a fresh data directory', async () => {
    const dataDir = tempDir();
    const server = launch({ DATA_DIR: dataDir });
    const ms = await waitUntilReady(server);
    console.log(`[measure] embedded start to first answer: ${ms} ms (fresh data directory, includes demo load)`);
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok', database: 'pglite' });
    expect(server.output()).toContain('owner@jadeleaf.example');
    const home = await (await fetch(`${server.url}/`)).text();
    expect(home).toContain('Jade Leaf Acupuncture');

    // A second process on the same data directory refuses to start; the first keeps serving.
    const second = launch({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already in use by another Yintang process/);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const again = launch({ DATA_DIR: dataDir });
    const warm = await waitUntilReady(again);
    console.log(`[measure] embedded restart to first answer: ${warm} ms (existing data)`);
    expect(again.output()).not.toContain('Demo clinics loaded');
    again.child.kill('SIGTERM');
    await again.exited;
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('keeps every answered write after %s in the middle of writes', async (signal) => {
    const dataDir = tempDir();
    const answered = await killMidWrites({ DATA_DIR: dataDir, DEMO_ON_EMPTY: 'false' }, signal);
    expect(answered.length).toBeGreaterThanOrEqual(40);
    // Restart on the same directory (a SIGKILL leaves a stale lock that must be taken over).
    const server = launch({ DATA_DIR: dataDir, DEMO_ON_EMPTY: 'false' });
    await waitUntilReady(server);
    server.child.kill('SIGTERM');
    await server.exited;
    expect(await countUsers({ kind: 'pglite', dataDir }, answered)).toBe(answered.length);
  });

  it('refuses to start with a clear message when the configuration is invalid', async () => {
    const server = launch({ DATA_DIR: tempDir(), PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Invalid configuration/);
    expect(server.output()).toMatch(/DATABASE_URL: must start with postgres:\/\//);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('npm start on PostgreSQL', () => {
  const scratch = scratchPostgresDatabase('start');
  const { url } = scratch;
  beforeAll(() => scratch.create());
  afterAll(() => scratch.drop());

  it('migrates on start, answers /health naming postgres, and never loads the demo by itself', async () => {
    const server = launch({ DATABASE_URL: url, DATA_DIR: tempDir() });
    await waitUntilReady(server);
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok', database: 'postgres' });
    expect(server.output()).not.toContain('Demo clinics loaded');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('keeps every answered write after %s in the middle of writes', async (signal) => {
    const answered = await killMidWrites({ DATABASE_URL: url, DATA_DIR: tempDir() }, signal);
    expect(answered.length).toBeGreaterThanOrEqual(40);
    expect(await countUsers({ kind: 'postgres', url }, answered)).toBe(answered.length);
  });
});
