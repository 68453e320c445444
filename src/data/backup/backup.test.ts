import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { openDatabase, type Database, type DatabaseOptions } from '../db.ts';
import { bookings } from '../schema/index.ts';
import { seedDemo } from '../demo/demo-data.ts';
import { loadConfig } from '../../server/config.ts';
import { testDatabaseKind } from '../../server/test-app.ts';
import { BackupError, backupFileName, backupsToPrune, listBackups, pruneBackups, type BackupRecord } from './backup-files.ts';
import { backupConfigured, restoreConfigured } from './backup-commands.ts';
import { requestBackupFromServer } from './backup-requests.ts';
import { DailyBackups, dailyBackupDue } from './daily-backups.ts';

// Each backup loads a whole database copy twice (check, restore): slow on a busy machine.
const SLOW = { timeout: 240_000 };

const silent = pino({ enabled: false }) as unknown as FastifyBaseLogger;

async function bookingIds(database: Database) {
  return (await database.db.select({ id: bookings.id }).from(bookings)).map((b) => b.id).sort();
}

/** Opens the database, reads every booking id, closes it. */
async function readBookingIds(options: DatabaseOptions) {
  const database = await openDatabase(options);
  try {
    return await bookingIds(database);
  } finally {
    await database.close();
  }
}

describe.runIf(testDatabaseKind === 'pglite')('backups of the embedded database', () => {
  let root: string;
  let dataDir: string;
  let config: ReturnType<typeof loadConfig>;
  let demoBookings: string[];
  let backup: BackupRecord;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'yintang-backup-'));
    dataDir = path.join(root, 'data');
    config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const database = await openDatabase({ kind: 'pglite', dataDir, loadDataDir: template });
    await database.migrate();
    await seedDemo(database);
    demoBookings = await bookingIds(database);
    await database.close();
  }, SLOW.timeout);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('backs up a demo clinic, survives its data folder being deleted, and restores every booking', SLOW, async () => {
    expect(demoBookings.length).toBeGreaterThan(10);
    backup = await backupConfigured(config);
    expect(backup).toMatchObject({ database: 'pglite', reason: 'manual', verified: { ok: true } });
    expect(backup.verified.ok && backup.verified.counts).toMatchObject({ clinics: 2, bookings: demoBookings.length });
    // The record next to the file is what the System page will read.
    expect(listBackups(path.join(dataDir, 'backups'))).toEqual([backup]);

    rmSync(path.join(dataDir, 'pglite'), { recursive: true });
    const report = await restoreConfigured(config, path.join(dataDir, 'backups', backup.file));
    expect(report.keptAside).toBeUndefined();
    expect(report.counts.bookings).toBe(demoBookings.length);
    expect(await readBookingIds({ kind: 'pglite', dataDir })).toEqual(demoBookings);
  });

  it('keeps the database it replaces aside in before-restore-<time>, never deleting it', SLOW, async () => {
    const report = await restoreConfigured(config, path.join(dataDir, 'backups', backup.file));
    expect(report.keptAside).toMatch(/before-restore-/);
    expect(existsSync(path.join(report.keptAside!, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(await readBookingIds({ kind: 'pglite', dataDir })).toEqual(demoBookings);
  });

  it('refuses to restore while the server holds the data folder, and changes nothing', async () => {
    const lock = path.join(dataDir, 'yintang.lock');
    writeFileSync(lock, String(process.ppid)); // a live process that is not this one
    const before = readdirSync(dataDir).sort();
    try {
      await expect(restoreConfigured(config, path.join(dataDir, 'backups', backup.file))).rejects.toThrow(/running on .*Stop the server first/s);
      expect(readdirSync(dataDir).sort()).toEqual(before);
    } finally {
      rmSync(lock, { force: true });
    }
  });

  it('refuses a backup file that does not load, and changes nothing', SLOW, async () => {
    const broken = path.join(root, 'yintang-broken.tar.gz');
    writeFileSync(broken, 'not a backup');
    const before = readdirSync(dataDir).sort();
    await expect(restoreConfigured(config, broken)).rejects.toThrow(/cannot be restored: it does not load.*Nothing was changed/s);
    await expect(restoreConfigured(config, path.join(root, 'missing.tar.gz'))).rejects.toThrow(BackupError);
    expect(readdirSync(dataDir).sort()).toEqual(before);
    expect(await readBookingIds({ kind: 'pglite', dataDir })).toEqual(demoBookings);
  });

  it('lets `npm run backup` ask the running server, which holds the database, to take the backup', SLOW, async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    const backupsDir = path.join(dataDir, 'backups');
    const job = new DailyBackups(database, backupsDir, silent, { keepDays: 14, pollMs: 50, firstCheckMs: 60 * 60_000 });
    job.start();
    try {
      const record = await requestBackupFromServer(backupsDir, { serverAlive: () => true, pollMs: 50 });
      expect(record).toMatchObject({ reason: 'manual', verified: { ok: true } });
      expect(existsSync(path.join(backupsDir, record.file))).toBe(true);
      expect(readdirSync(path.join(backupsDir, 'requests'))).toEqual([]);
    } finally {
      await job.stop();
      await database.close();
    }
  });

  it('takes the daily backup when the newest is a day old, and prunes those older than the days kept', SLOW, async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    const dir = path.join(root, 'daily');
    const job = new DailyBackups(database, dir, silent, { keepDays: 14 });
    try {
      const first = await job.runDaily(new Date('2031-01-01T09:00:00Z'));
      expect(first).toMatchObject({ reason: 'daily', createdAt: '2031-01-01T09:00:00.000Z', verified: { ok: true } });
      expect(await job.runDaily(new Date('2031-01-02T08:59:59Z'))).toBeUndefined();
      const fifteenDaysOn = await job.runDaily(new Date('2031-01-16T09:00:00Z'));
      expect(fifteenDaysOn?.verified.ok).toBe(true);
      // The first is now 15 days old: pruned, record and all.
      expect(readdirSync(dir).sort()).toEqual([fifteenDaysOn!.file, `${fifteenDaysOn!.file}.json`]);
    } finally {
      await database.close();
    }
    // The server was not running meanwhile: pruning also happens after `npm run backup`.
    expect(dailyBackupDue(undefined, new Date('2031-01-01T00:00:00Z'))).toBe(true);
  });
});

describe.runIf(testDatabaseKind === 'pglite')('pruning backups (14 days)', () => {
  const day = (d: number, h = 0) => new Date(Date.UTC(2030, 5, d, h));
  const now = day(20, 12);

  it('deletes backups made more than 14 days ago, but never the newest verified one', () => {
    const entries = [
      { file: 'a', createdAt: day(1), verified: true },
      { file: 'b', createdAt: day(6, 11), verified: true }, // 14 days and 1 hour old
      { file: 'c', createdAt: day(6, 13), verified: true }, // 13 days and 23 hours old
      { file: 'd', createdAt: day(19), verified: false },
    ];
    expect(backupsToPrune(entries, now, 14)).toEqual(['a', 'b']);
    // After weeks without a good backup, the last good one stays.
    const stale = [
      { file: 'old', createdAt: day(1), verified: true },
      { file: 'older', createdAt: new Date(Date.UTC(2030, 4, 1)), verified: true },
      { file: 'broken', createdAt: day(2), verified: false },
    ];
    expect(backupsToPrune(stale, now, 14)).toEqual(['older', 'broken']);
  });

  it('deletes old files with their records and stale partial writes, and never touches other files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yintang-prune-'));
    try {
      const make = (createdAt: Date, ok: boolean) => {
        const file = backupFileName('pglite', createdAt, 'daily');
        writeFileSync(path.join(dir, file), 'x');
        const verified = ok ? { ok, at: createdAt.toISOString(), method: 'test', tookMs: 1, counts: {} } : { ok, at: createdAt.toISOString(), method: 'test', error: 'no' };
        const record: BackupRecord = { file, database: 'pglite', reason: 'daily', createdAt: createdAt.toISOString(), bytes: 1, sha256: '', heldMs: 1, verified };
        writeFileSync(path.join(dir, `${file}.json`), JSON.stringify(record));
        return file;
      };
      const old = make(day(2), true);
      const recent = make(day(10), true);
      const stalePartial = path.join(dir, `${backupFileName('pglite', day(19), 'daily')}.partial`);
      writeFileSync(stalePartial, 'cut short');
      utimesSync(stalePartial, day(19), day(19));
      const freshPartial = path.join(dir, `${backupFileName('pglite', day(20), 'daily')}.partial`);
      writeFileSync(freshPartial, 'being written');
      utimesSync(freshPartial, day(20, 11), day(20, 11));
      writeFileSync(path.join(dir, 'my-own-copy.tar.gz'), 'keep');
      mkdirSync(path.join(dir, 'requests'));

      expect(pruneBackups(dir, now, 14)).toEqual([old]);
      expect(readdirSync(dir).sort()).toEqual([recent, `${recent}.json`, path.basename(freshPartial), 'my-own-copy.tar.gz', 'requests'].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;

describe.runIf(testDatabaseKind === 'postgres' && hasPgDump)('backups of a PostgreSQL database (pg_dump / pg_restore)', () => {
  const baseUrl = process.env.TEST_DATABASE_URL ?? '';
  const name = `yintang_b_${randomBytes(6).toString('hex')}`;
  let url: string;
  let root: string;
  let config: ReturnType<typeof loadConfig>;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    url = Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString();
    root = mkdtempSync(path.join(os.tmpdir(), 'yintang-pgbackup-'));
    config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATA_DIR: root });
    await admin(`create database ${name}`);
  }, SLOW.timeout);
  afterAll(async () => {
    await admin(`drop database if exists ${name} with (force)`);
    rmSync(root, { recursive: true, force: true });
  });

  it('backs up a demo clinic, survives the database being dropped, and restores every booking', SLOW, async () => {
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
    await database.migrate();
    await seedDemo(database);
    const demoBookings = await bookingIds(database);
    await database.close();
    expect(demoBookings.length).toBeGreaterThan(10);

    const backup = await backupConfigured(config);
    expect(backup).toMatchObject({ database: 'postgres', verified: { ok: true } });
    expect(backup.verified.ok && backup.verified.counts).toMatchObject({ clinics: 2, bookings: demoBookings.length });
    expect(listBackups(path.join(root, 'backups'))).toEqual([backup]);

    await admin(`drop database ${name} with (force)`);
    await admin(`create database ${name}`);
    const report = await restoreConfigured(config, path.join(root, 'backups', backup.file));
    expect(report.counts.bookings).toBe(demoBookings.length);
    expect(report.keptAside).toMatch(/before-restore\.dump$/);
    expect(existsSync(report.keptAside!)).toBe(true);
    expect(await readBookingIds({ kind: 'postgres', url, poolSize: 1 })).toEqual(demoBookings);

    // Restoring over the live data works too (--clean), and the app's migrations still see every one applied.
    await restoreConfigured(config, path.join(root, 'backups', backup.file));
    const again = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    try {
      await again.migrate();
      expect(await bookingIds(again)).toEqual(demoBookings);
    } finally {
      await again.close();
    }
  });

  it('says clearly when pg_dump is missing, or older than the server, and writes nothing', SLOW, async () => {
    const bin = mkdtempSync(path.join(os.tmpdir(), 'yintang-bin-'));
    const dir = path.join(root, 'tools');
    const savedPath = process.env.PATH;
    try {
      process.env.PATH = bin;
      await expect(backupConfigured(config, dir)).rejects.toThrow(/pg_dump was not found\. Install the PostgreSQL client tools/);
      writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', { mode: 0o755 });
      process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
      await expect(backupConfigured(config, dir)).rejects.toThrow(/pg_dump is version 9 but the PostgreSQL server is version \d+\. Install the client tools of version/);
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    } finally {
      process.env.PATH = savedPath;
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('refuses to restore while the app is connected, and refuses a file of the other database', SLOW, async () => {
    const app = new pg.Client({ connectionString: url });
    await app.connect();
    try {
      const [file] = readdirSync(path.join(root, 'backups')).filter((f) => f.endsWith('.dump'));
      await expect(restoreConfigured(config, path.join(root, 'backups', file!))).rejects.toThrow(/other connection.*stop Yintang/s);
    } finally {
      await app.end();
    }
    const other = path.join(root, 'yintang-x.tar.gz');
    writeFileSync(other, 'x');
    await expect(restoreConfigured(config, other)).rejects.toThrow(/not a PostgreSQL backup/);
  });
});
