import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../server/config.ts';

// Kept apart from open-configured-database.ts and free of the database modules: a start
// asks these before it loads the rest of the server (early-start.ts).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Built by `npm install` (scripts/build-server.mjs, `buildDatabaseTemplate`). */
const templateDir = path.join(root, 'dist/pglite-template');

/** Whether `dataDir` already holds an embedded database. */
const hasEmbeddedDatabase = (dataDir: string) => existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'));

/**
 * The migrated empty database `npm install` made, for a data folder that has none yet,
 * so a first start neither creates a database nor runs every migration (decision 9): its
 * data folder, copied in by the file system. Only when it was made with the packages
 * installed now (newer than the lock file): otherwise the database is created as before.
 * Migrations newer than it run as usual.
 */
export function templateFor(dataDir: string): string | undefined {
  const made = path.join(templateDir, 'PG_VERSION');
  if (hasEmbeddedDatabase(dataDir) || !existsSync(made)) return undefined;
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(lock) && statSync(lock).mtimeMs > statSync(made).mtimeMs) return undefined;
  return templateDir;
}

/** True when this start will create the embedded database (a first start, which loads the demo). */
export function createsEmbeddedDatabase(config: Config): boolean {
  return !config.DATABASE_URL && !hasEmbeddedDatabase(path.resolve(config.DATA_DIR));
}
