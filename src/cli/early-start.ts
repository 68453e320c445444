import path from 'node:path';
import { loadConfig, type Config } from '../server/config.ts';
import { startPgliteWorker, type StartedPgliteWorker } from '../data/pglite-worker-client.ts';
import { createsEmbeddedDatabase, templateFor } from './embedded-data-folder.ts';

export interface EarlyStart {
  config: Config;
  /** This start creates the embedded database (a first start, which loads the demo). */
  createsDatabase: boolean;
  /** The embedded database opening in its worker thread, or why it could not start to (a locked data folder). */
  embedded?: StartedPgliteWorker | { error: unknown };
}

/**
 * The first module src/cli/start.ts imports, and light, so it runs before the rest of the
 * server's modules load: the embedded database starts opening in its worker thread now
 * (about half a second), while this thread loads the server and registers its routes. An
 * invalid configuration is kept as its error, for start.ts to report.
 */
export const earlyStart: EarlyStart | Error = begin();

function begin(): EarlyStart | Error {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    return error as Error;
  }
  const createsDatabase = createsEmbeddedDatabase(config);
  if (config.DATABASE_URL) return { config, createsDatabase };
  const dataDir = path.resolve(config.DATA_DIR);
  try {
    const embedded = startPgliteWorker(dataDir, templateFor(dataDir));
    embedded.opened.catch(() => {}); // start.ts awaits it and reports the error
    return { config, createsDatabase, embedded };
  } catch (error) {
    return { config, createsDatabase, embedded: { error } };
  }
}
