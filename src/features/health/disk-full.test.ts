import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { bookings } from '../../data/schema/index.ts';
import { openDatabase, type Database } from '../../data/db.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { buildApp, type App } from '../../server/app.ts';
import { testDatabaseKind, TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localSlot, PASSWORD, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { faultStateOf } from '../../data/db-faults.ts';

// An embedded database on a real data folder, created and migrated here: slower than the in-memory ones.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/**
 * A disk that can be filled and freed under a running server. Where the machine lets this
 * process mount a small tmpfs, the disk is real; elsewhere Node's file system layer (the
 * layer PGlite's file system calls) answers ENOSPC to every write that would grow a file
 * in the data folder, as a full disk does, while writes into space already taken succeed.
 */
interface FullableDisk {
  dir: string;
  kind: 'tmpfs' | 'injected';
  fill(): void;
  free(): void;
  dispose(): void;
}

function tryTmpfs(): FullableDisk | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yintang-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const filler = path.join(dir, 'filler');
  return {
    dir,
    kind: 'tmpfs',
    fill() {
      const block = Buffer.alloc(1024 * 1024, 1);
      const fd = fs.openSync(filler, 'a');
      try {
        for (;;) fs.writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        fs.closeSync(fd);
      }
      // The last bytes a partial block left behind.
      try {
        const fd2 = fs.openSync(filler, 'a');
        try { for (;;) fs.writeSync(fd2, Buffer.alloc(4096, 1)); } catch { /* full */ } finally { fs.closeSync(fd2); }
      } catch { /* full */ }
    },
    free: () => fs.rmSync(filler, { force: true }),
    dispose() {
      try { execFileSync('umount', [dir], { stdio: 'ignore' }); } catch { /* already gone */ }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function injectedDisk(): FullableDisk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yintang-full-'));
  const original = fs.writeSync;
  let full = false;
  const inFolder = (fd: number) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
    } catch {
      return false;
    }
  };
  (fs as { writeSync: unknown }).writeSync = function writeSync(fd: number, buffer: unknown, offset?: number, length?: number, position?: number) {
    if (full && inFolder(fd)) {
      const size = fs.fstatSync(fd).size;
      const end = (typeof position === 'number' ? position : size) + (typeof length === 'number' ? length : 0);
      if (end > size) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    return (original as (...a: unknown[]) => number)(fd, buffer, offset, length, position);
  };
  // PGlite imports fs as an ES module: bring its bindings in line with the patched function.
  syncBuiltinESMExports();
  return {
    dir,
    kind: 'injected',
    fill: () => { full = true; },
    free: () => { full = false; },
    dispose() {
      (fs as { writeSync: unknown }).writeSync = original;
      syncBuiltinESMExports();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.runIf(testDatabaseKind === 'pglite')('the embedded database on a disk that fills up', () => {
  let disk: FullableDisk;
  let database: Database;
  let config: Config;
  let app: App;
  let f: ClinicFixture;
  beforeAll(async () => {
    // FAULT_DISK=injected runs the fallback where a tmpfs could be mounted, to keep it tested.
    disk = (process.getuid?.() === 0 && process.env.FAULT_DISK !== 'injected' ? tryTmpfs() : undefined) ?? injectedDisk();
    config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://yintang.test', DATA_DIR: disk.dir, BOOKING_PER_IP_PER_HOUR: '100000', BOOKING_PER_EMAIL_PER_HOUR: '100000' });
    database = await openDatabase({ kind: 'pglite', dataDir: disk.dir });
    await database.migrate();
    app = await buildApp({ config, database, logger: false });
    await app.ready();
    const t = { database, config, client: () => new TestClient(app) } as unknown as TestContext;
    f = await createClinicFixture(t, { slug: 'full-disk-clinic' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close().catch(() => {});
    disk?.dispose();
  });

  const slots = [1, 2, 3, 4, 5, 6].flatMap((weekday) => ['09:00', '10:00', '11:00', '12:00', '14:00', '15:00', '16:00'].map((time) => localSlot('Europe/London', weekday, time, 4)));
  let next = 0;
  const book = () => {
    const start = slots[next++]!;
    return app.inject({
      method: 'POST', url: `/api/v1/clinics/${f.slug}/bookings`, headers: { 'content-type': 'application/json' },
      payload: { serviceId: f.services.massage, practitionerId: f.secondId, start, client: { name: 'Full Disk', email: `full-${next}@example.com` } },
    }).then((response) => ({ start, response }));
  };

  it('answers 507 to writes while full, keeps reads working, and saves again once space is freed', async () => {
    const owner = new TestClient(app);
    await owner.signIn(f.emails.owner, PASSWORD);
    const acknowledged: string[] = [];
    const first = await book();
    expect(first.response.statusCode).toBe(201);
    acknowledged.push(first.start);

    disk.fill();
    const answers: number[] = [];
    const refused: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { start, response } = await book();
      answers.push(response.statusCode);
      if (response.statusCode === 201) acknowledged.push(start);
      else refused.push(start);
    }
    // A full disk still takes a write that fits in space already allocated; what it cannot take is answered 507, never 500.
    expect(answers.filter((s) => s !== 201 && s !== 507)).toEqual([]);
    expect(answers.filter((s) => s === 507).length).toBeGreaterThanOrEqual(6);
    const refusal = await book();
    if (refusal.response.statusCode === 507) {
      expect(refusal.response.headers['content-type']).toContain('application/problem+json');
      expect(refusal.response.json()).toMatchObject({ type: 'https://yintang.app/problems/disk-full', status: 507 });
      expect(refusal.response.json().detail).toContain('free space');
      refused.push(refusal.start);
    } else acknowledged.push(refusal.start);

    // Reads keep working: the public page and the owner's screens.
    expect((await app.inject({ method: 'GET', url: `/clinics/${f.slug}`, headers: { accept: 'text/html' } })).statusCode).toBe(200);
    expect((await owner.get(`/api/v1/clinics/${f.slug}/outbox`)).statusCode).toBe(200);
    const system = await owner.get(`/api/v1/clinics/${f.slug}/system`);
    expect(system.statusCode).toBe(200);
    expect(system.json().disk.full).toBe(true);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().reason).toMatch(/disk/);
    expect(faultStateOf(database).lastDiskFullAt).toBeDefined();

    disk.free();
    // No restart: the next booking is saved, and readiness is back.
    const after = await book();
    expect(after.response.statusCode).toBe(201);
    acknowledged.push(after.start);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    expect((await owner.get(`/api/v1/clinics/${f.slug}/system`)).json().disk.full).toBe(false);

    // Nothing acknowledged is lost, and nothing refused was half-saved, across a restart.
    await app.close();
    await database.close();
    database = await openDatabase({ kind: 'pglite', dataDir: disk.dir });
    const found = await database.db.select({ startsAt: bookings.startsAt }).from(bookings)
      .where(and(eq(bookings.clinicId, f.clinicId), inArray(bookings.status, ['held', 'confirmed'])));
    const saved = new Set(found.map((b) => b.startsAt.toISOString()));
    for (const s of acknowledged) expect(saved.has(new Date(s).toISOString()), s).toBe(true);
    for (const s of refused) expect(saved.has(new Date(s).toISOString()), s).toBe(false);
    app = await buildApp({ config, database, logger: false });
  });
});
