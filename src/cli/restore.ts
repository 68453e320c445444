import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config.ts';
import { BackupError } from '../data/backup/backup-files.ts';
import { restoreConfigured } from '../data/backup/backup-commands.ts';

/** `npm run restore FILE [--force]`: restores the configured database from a backup (see the README, "Backups"). */
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('Usage: npm run restore FILE   (a .tar.gz backup of the embedded database, or a .dump with DATABASE_URL set)');
  process.exit(2);
}
try {
  const config = loadConfig();
  // npm runs scripts in the project folder; the file named is relative to where the command was typed.
  const source = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const report = await restoreConfigured(config, source, { force: args.includes('--force') });
  console.log(`Restored from ${file}: ${Object.entries(report.counts).map(([table, n]) => `${n} ${table}`).join(', ')}.`);
  if (report.keptAside) console.log(`The data from before the restore is kept in ${report.keptAside}.`);
  console.log('Start Yintang again (npm start); it applies any newer migrations on start.');
} catch (error) {
  if (error instanceof BackupError || error instanceof ConfigError) console.error(error.message);
  else console.error('The restore failed:', (error as Error).message);
  process.exitCode = 1;
}
