import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../server/config.ts';
import { openDatabase } from '../db.ts';
import { dataDirHolder } from '../data-dir-lock.ts';
import { BackupError, pruneBackups, type BackupRecord } from './backup-files.ts';
import { requestBackupFromServer } from './backup-requests.ts';
import { backupPglite, restorePglite } from './pglite-backup.ts';
import { backupPostgres, restorePostgres } from './postgres-backup.ts';

/** Where backups go unless told otherwise: DATA_DIR/backups, for either database. */
export const backupsFolder = (config: Config) => path.resolve(config.DATA_DIR, 'backups');

/**
 * `npm run backup [FOLDER]`: backs up the configured database into FOLDER (default
 * DATA_DIR/backups). The embedded database is backed up by the running server when there
 * is one (it alone may open it), or opened here when not. Backups in the default folder
 * older than BACKUP_KEEP_DAYS are pruned afterwards.
 */
export async function backupConfigured(config: Config, folder?: string, log: (line: string) => void = () => {}): Promise<BackupRecord> {
  const defaultDir = backupsFolder(config);
  const dir = folder ? path.resolve(folder) : defaultDir;
  let record: BackupRecord;
  if (config.DATABASE_URL) {
    record = await backupPostgres(config.DATABASE_URL, dir, { reason: 'manual' });
  } else {
    const dataDir = path.resolve(config.DATA_DIR);
    if (!existsSync(path.join(dataDir, 'pglite'))) throw new BackupError(`There is no embedded database in ${dataDir} to back up (is DATA_DIR right?).`);
    const holder = dataDirHolder(dataDir);
    if (holder) {
      log(`Yintang is running (process ${holder}); asking it to take the backup...`);
      record = await requestBackupFromServer(defaultDir, { serverAlive: () => dataDirHolder(dataDir) === holder });
      if (dir !== defaultDir) {
        mkdirSync(dir, { recursive: true });
        copyFileSync(path.join(defaultDir, record.file), path.join(dir, record.file));
        copyFileSync(path.join(defaultDir, `${record.file}.json`), path.join(dir, `${record.file}.json`));
      }
    } else {
      const database = await openDatabase({ kind: 'pglite', dataDir });
      try {
        record = await backupPglite(database, dir, { reason: 'manual' });
      } finally {
        await database.close();
      }
    }
  }
  if (dir === defaultDir && record.verified.ok) pruneBackups(dir, new Date(), config.BACKUP_KEEP_DAYS);
  return record;
}

/** What `npm run restore` reports. */
export interface RestoreReport {
  counts: Record<string, number>;
  /** Where the data from before the restore is kept: a folder (embedded) or a backup file (PostgreSQL). */
  keptAside: string | undefined;
}

/** `npm run restore FILE [--force]`: restores the configured database from a backup file. */
export async function restoreConfigured(config: Config, file: string, options: { force?: boolean } = {}): Promise<RestoreReport> {
  const source = path.resolve(file);
  if (config.DATABASE_URL) {
    const dir = backupsFolder(config);
    const result = await restorePostgres(config.DATABASE_URL, source, dir, options);
    return { counts: result.counts, keptAside: path.join(dir, result.keptAside.file) };
  }
  return restorePglite(path.resolve(config.DATA_DIR), source);
}
