import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzip, gzip } from 'node:zlib';
import type { Database } from '../db.ts';
import { acquireDataDirLock, dataDirHolder, DataDirLockedError } from '../data-dir-lock.ts';
import {
  BackupError, backupFileName, backupKindOfFile, COUNTED_TABLES, writeBackupRecord, writeFileAtomic,
  type BackupReason, type BackupRecord, type BackupVerification,
} from './backup-files.ts';

/**
 * Backs up the embedded database into `dir`: PGlite's own copy of its data folder (a
 * tarball, gzipped here off the main thread), checked by loading it into a throwaway
 * database in a worker thread, with its record written next to it. The database is held
 * only while the copy is taken (about half a second on the demo data).
 */
export async function backupPglite(database: Database, dir: string, options: { reason: BackupReason; now?: Date }): Promise<BackupRecord> {
  if (database.kind !== 'pglite' || !database.dump) throw new BackupError('This is not the embedded database.');
  const createdAt = options.now ?? new Date();
  const started = performance.now();
  const tarball = await database.dump();
  const heldMs = Math.round(performance.now() - started);
  const bytes = await promisify(gzip)(new Uint8Array(await tarball.arrayBuffer()));
  mkdirSync(dir, { recursive: true });
  const file = backupFileName('pglite', createdAt, options.reason);
  writeFileAtomic(path.join(dir, file), bytes);
  const record: BackupRecord = {
    file,
    database: 'pglite',
    reason: options.reason,
    createdAt: createdAt.toISOString(),
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    heldMs,
    verified: await verifyPgliteBackup(path.join(dir, file)),
  };
  writeBackupRecord(dir, record);
  return record;
}

const VERIFY_METHOD = 'loaded into an in-memory database, rows counted';

/** Loads a backup file into a throwaway in-memory database, in a worker thread, and counts rows. */
export function verifyPgliteBackup(file: string): Promise<BackupVerification> {
  const at = new Date().toISOString();
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./verify-pglite-worker.mjs', import.meta.url), { workerData: { file, tables: [...COUNTED_TABLES] } });
    let answered = false;
    const answer = (result: BackupVerification) => {
      if (answered) return;
      answered = true;
      resolve(result);
    };
    worker.once('message', (m: { ok: true; counts: Record<string, number>; tookMs: number } | { ok: false; error: string }) =>
      answer(m.ok ? { ok: true, at, method: VERIFY_METHOD, tookMs: m.tookMs, counts: m.counts } : { ok: false, at, method: VERIFY_METHOD, error: m.error }));
    worker.once('error', (error) => answer({ ok: false, at, method: VERIFY_METHOD, error: error.message }));
    worker.once('exit', (code) => answer({ ok: false, at, method: VERIFY_METHOD, error: `the check stopped (exit code ${code})` }));
  });
}

/** What a restore did. */
export interface RestoreResult {
  /** Where the data that was there before now is (kept, never deleted); undefined if there was none. */
  keptAside: string | undefined;
  /** Rows in the restored database. */
  counts: Record<string, number>;
}

/**
 * Restores the embedded database in `dataDir` from a backup file. Refuses while a server
 * (or anything else) holds the folder, and refuses a file that does not load, changing
 * nothing. The current database is moved aside to `before-restore-<time>`, never deleted;
 * if loading the backup fails half-way, it is put back.
 */
export async function restorePglite(dataDir: string, file: string, now = new Date()): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  if (backupKindOfFile(file) !== 'pglite') {
    throw new BackupError(`${path.basename(file)} is not a backup of the embedded database (those end in .tar.gz). ` +
      'A .dump file is a PostgreSQL backup: restore it with DATABASE_URL set.');
  }
  let lock;
  try {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const holder = dataDirHolder(dataDir);
    throw new BackupError(`Yintang is running on ${dataDir}${holder ? ` (process ${holder})` : ''}. ` +
      'Stop the server first (Ctrl+C in its window, or stop its service), then run the restore again. Nothing was changed.');
  }
  try {
    const check = await verifyPgliteBackup(file);
    if (!check.ok) throw new BackupError(`${path.basename(file)} cannot be restored: it does not load (${check.error}). Nothing was changed.`);

    const live = path.join(dataDir, 'pglite');
    let keptAside: string | undefined;
    if (existsSync(live)) {
      keptAside = path.join(dataDir, `before-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
      mkdirSync(keptAside);
      renameSync(live, path.join(keptAside, 'pglite'));
    }
    try {
      const raw = readFileSync(file);
      const bytes = /\.(tar\.gz|tgz)$/.test(file) ? await promisify(gunzip)(raw) : raw;
      // Loaded here: the server's own database runs in a worker thread (src/data/pglite-worker.mjs).
      const { PGlite } = await import('@electric-sql/pglite');
      const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
      const pg = await PGlite.create({ dataDir: live, loadDataDir: new Blob([bytes]), extensions: { btree_gist } });
      const counts: Record<string, number> = {};
      try {
        for (const table of COUNTED_TABLES) {
          const { rows } = await pg.query<{ n: number }>(`select count(*)::int as n from ${table}`);
          counts[table] = rows[0]!.n;
        }
      } finally {
        await pg.close();
      }
      return { keptAside, counts };
    } catch (error) {
      rmSync(live, { recursive: true, force: true });
      if (keptAside) {
        renameSync(path.join(keptAside, 'pglite'), live);
        rmSync(keptAside, { recursive: true, force: true });
      }
      throw error;
    }
  } finally {
    lock.release();
  }
}
