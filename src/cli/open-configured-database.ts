import path from 'node:path';
import type { Config } from '../server/config.ts';
import { openDatabase } from '../data/db.ts';

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded database in DATA_DIR. */
export function openConfiguredDatabase(config: Config) {
  return config.DATABASE_URL
    ? openDatabase({ kind: 'postgres', url: config.DATABASE_URL })
    : openDatabase({ kind: 'pglite', dataDir: path.resolve(config.DATA_DIR) });
}
