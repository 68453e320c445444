import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config.ts';
import { DataDirLockedError } from '../data/data-dir-lock.ts';
import { BackupError } from '../data/backup/backup-files.ts';
import { backupConfigured } from '../data/backup/backup-commands.ts';

/** `npm run backup [FOLDER]`: a verified backup of the configured database (see the README, "Backups"). */
try {
  const config = loadConfig();
  // npm runs scripts in the project folder; a folder named on the command line is relative to where it was typed.
  const folder = process.argv[2] && path.resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]);
  const record = await backupConfigured(config, folder, (line) => console.log(line));
  const where = path.join(folder || path.resolve(config.DATA_DIR, 'backups'), record.file);
  console.log(`Backup written: ${where} (${(record.bytes / 1024 / 1024).toFixed(1)} MB).`);
  if (record.verified.ok) {
    const counts = Object.entries(record.verified.counts).map(([table, n]) => `${n} ${table}`).join(', ');
    console.log(`Verified (${record.verified.method}): ${counts}.`);
  } else {
    console.error(`The backup did NOT check out: ${record.verified.error}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (error instanceof BackupError || error instanceof ConfigError || error instanceof DataDirLockedError) console.error(error.message);
  else console.error('The backup failed:', (error as Error).message);
  process.exitCode = 1;
}
