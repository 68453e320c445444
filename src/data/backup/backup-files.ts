import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A backup or restore that cannot go ahead; the message says why and what to do, for the person at the keyboard. */
export class BackupError extends Error {}

/** Which database a backup is of; the two formats cannot stand in for each other. */
export type BackupDatabase = 'pglite' | 'postgres';

/** Why a backup was taken. */
export type BackupReason = 'daily' | 'manual' | 'before-restore';

/**
 * How a backup was checked after it was written. For the embedded database the file is
 * loaded into a throwaway in-memory database and its rows counted; for PostgreSQL the
 * archive's table of contents is read back (`pg_restore --list`) and the rows are counted
 * in the very snapshot pg_dump saved.
 */
export type BackupVerification =
  | { ok: true; at: string; method: string; tookMs: number; counts: Record<string, number> }
  | { ok: false; at: string; method: string; error: string };

/**
 * What is recorded next to each backup file, as `<file>.json`: small and stable, so the
 * owner's System page can show the last backup and whether it was verified.
 */
export interface BackupRecord {
  /** The backup's file name, in the same folder as this record. */
  file: string;
  database: BackupDatabase;
  reason: BackupReason;
  createdAt: string;
  bytes: number;
  sha256: string;
  /**
   * How long taking the copy took: the embedded database answers nothing meanwhile (and the
   * server's main thread is busy); PostgreSQL keeps serving while pg_dump runs.
   */
  heldMs: number;
  verified: BackupVerification;
}

/** The tables counted to verify a backup and to compare it after a restore. */
export const COUNTED_TABLES = ['clinics', 'users', 'memberships', 'clients', 'bookings', 'audit_log'] as const;

const EXTENSIONS: Record<BackupDatabase, string> = { pglite: '.tar.gz', postgres: '.dump' };
const NAME = /^yintang-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-[a-z-]+)?\.(tar\.gz|dump)$/;

/** `yintang-2026-03-17T02-00-00-000Z.tar.gz`: sorts by time, safe on every file system. */
export function backupFileName(database: BackupDatabase, createdAt: Date, reason: BackupReason): string {
  const stamp = createdAt.toISOString().replace(/:/g, '-').replace('.', '-');
  return `yintang-${stamp}${reason === 'before-restore' ? '-before-restore' : ''}${EXTENSIONS[database]}`;
}

/** When a backup file was made, from its name; undefined for any other file. */
export function backupTimeFromName(name: string): Date | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  return new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
}

/** Which database a backup file is of, by its name. */
export function backupKindOfFile(file: string): BackupDatabase | undefined {
  if (/\.(tar\.gz|tgz|tar)$/.test(file)) return 'pglite';
  if (/\.dump$/.test(file)) return 'postgres';
  return undefined;
}

/** Writes a file so that a crash leaves either the old state or the whole new file, never half of it. */
export function writeFileAtomic(file: string, data: string | Uint8Array) {
  const partial = `${file}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, file);
}

/** Records a backup's metadata next to it. */
export function writeBackupRecord(dir: string, record: BackupRecord) {
  writeFileAtomic(path.join(dir, `${record.file}.json`), JSON.stringify(record, null, 2) + '\n');
}

/** The backups in `dir` whose file and record are both there, newest first. */
export function listBackups(dir: string): BackupRecord[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const present = new Set(names);
  const records: BackupRecord[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || !backupTimeFromName(name.slice(0, -5))) continue;
    try {
      const record = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as BackupRecord;
      if (record.file === name.slice(0, -5) && present.has(record.file)) records.push(record);
    } catch {
      // An unreadable record is no evidence of a good backup; pruning still sees the file by its name.
    }
  }
  return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The newest backup in `dir` that was verified, if any: what the daily job and the System page go by. */
export function latestVerifiedBackup(dir: string): BackupRecord | undefined {
  return listBackups(dir).find((r) => r.verified.ok);
}

/** A backup file as pruning sees it. */
export interface BackupEntry {
  file: string;
  createdAt: Date;
  verified: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which backups to delete: those made more than `keepDays` days before `now`, except the
 * newest verified backup, which is kept however old it is (after weeks with the laptop
 * off, or a run of failed backups, the last good copy must not go).
 */
export function backupsToPrune(entries: BackupEntry[], now: Date, keepDays: number): string[] {
  const cutoff = now.getTime() - keepDays * DAY_MS;
  const newestVerified = entries.filter((e) => e.verified).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return entries.filter((e) => e.createdAt.getTime() < cutoff && e !== newestVerified).map((e) => e.file);
}

/**
 * Deletes old backups from `dir` (see `backupsToPrune`) with their records, and leftovers
 * of writes that never finished. Files that are not Yintang backups are never touched.
 *
 * @returns the backup files deleted.
 */
export function pruneBackups(dir: string, now: Date, keepDays: number): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const verified = new Set(listBackups(dir).filter((r) => r.verified.ok).map((r) => r.file));
  const entries: BackupEntry[] = [];
  for (const name of names) {
    const createdAt = backupTimeFromName(name);
    if (createdAt) entries.push({ file: name, createdAt, verified: verified.has(name) });
  }
  const doomed = backupsToPrune(entries, now, keepDays);
  for (const file of doomed) {
    rmSync(path.join(dir, `${file}.json`), { force: true });
    rmSync(path.join(dir, file), { force: true });
  }
  // A `.partial` file is a write cut short (a crash, a power cut): useless once a day old.
  for (const name of names) {
    if (!name.endsWith('.partial') || !name.startsWith('yintang-')) continue;
    const file = path.join(dir, name);
    if (now.getTime() - statSync(file).mtime.getTime() > DAY_MS) rmSync(file, { force: true });
  }
  return doomed;
}
