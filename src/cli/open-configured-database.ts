import path from 'node:path';
import type { Config } from '../server/config.ts';
import { openDatabase } from '../data/db.ts';
import { templateFor } from './embedded-data-folder.ts';

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded database in DATA_DIR. */
export function openConfiguredDatabase(config: Config) {
  if (config.DATABASE_URL) return openDatabase({ kind: 'postgres', url: config.DATABASE_URL });
  const dataDir = path.resolve(config.DATA_DIR);
  return openDatabase({ kind: 'pglite', dataDir, templateDir: templateFor(dataDir) });
}
